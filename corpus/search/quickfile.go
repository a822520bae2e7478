package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unsafe"

	"github.com/qdatool/qda/corpus"
)

// quickFile holds what the quick check (quick.go) needs of the
// manifest, in a fifth of its bytes: each transcript's id, documents,
// pieces, text size and mtime, and where its line lies in the manifest.
// At 10,000 participants the manifest is 3.6 MB, and reading and
// scanning it whole was most of a search's fixed cost after the stats;
// with this file a search reads the manifest's head and, after the
// query, only the lines of the transcripts it prints.
//
// It is derived from the manifest's bytes and names the manifest it was
// made from by size, mtime and inode (a manifest is written by rename,
// so each save is a new inode): one that does not match is not used,
// and the manifest is read whole as before. saveManifest removes it
// before it writes the manifest and writes it after; a search that finds
// none that matches (an index made before it existed, a manifest whose
// mtime a backup put back) writes it once. It is fixed-width binary
// fields (encoding/binary) after a magic line: decoding a record is a
// few loads, where a text or gob decoding would cost a good part of what
// the file saves.
const quickFile = Dir + "/quick"

const quickMagic = "qda-quick 1\n"

// quickRec is one transcript of the quick file.
type quickRec struct {
	id           string
	docs, pieces uint32
	size, mtime  int64
	off          int64 // of its line in the manifest
	n            uint32
}

// quickData is a decoded quick file.
type quickData struct {
	of      fileID3 // the manifest's
	headLen int64   // bytes of the manifest before its first transcript
	recs    []quickRec
}

// fileID3 is a file's size, mtime and inode.
type fileID3 struct {
	size, mtime int64
	ino         uint64
}

// makeQuick builds the quick file of manifest data whose file is of;
// false when a line does not read as quickEntry reads it (racy mtimes,
// 0, are kept: the check fails on them as on the manifest's).
func makeQuick(data []byte, of fileID3) ([]byte, bool) {
	text := string(data)
	b := append([]byte(quickMagic), make([]byte, 8*4+4)...)
	head := strings.Index(text, "\nt ")
	if head < 0 {
		head = len(text)
	} else {
		head++
	}
	n := 0
	for off := head; off < len(text); {
		line, _ := nextLine(text[off:])
		r, ok := quickLine(line)
		if !ok || len(r.id) > 255 {
			return nil, false
		}
		b = append(b, byte(len(r.id)))
		b = append(b, r.id...)
		b = binary.LittleEndian.AppendUint32(b, r.docs)
		b = binary.LittleEndian.AppendUint32(b, r.pieces)
		b = binary.LittleEndian.AppendUint64(b, uint64(r.size))
		b = binary.LittleEndian.AppendUint64(b, uint64(r.mtime))
		b = binary.LittleEndian.AppendUint64(b, uint64(off))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(line)))
		off += len(line) + 1
		n++
	}
	h := b[len(quickMagic):]
	binary.LittleEndian.PutUint64(h[0:], uint64(of.size))
	binary.LittleEndian.PutUint64(h[8:], uint64(of.mtime))
	binary.LittleEndian.PutUint64(h[16:], of.ino)
	binary.LittleEndian.PutUint64(h[24:], uint64(head))
	binary.LittleEndian.PutUint32(h[32:], uint32(n))
	return b, true
}

// readQuick decodes a quick file; an error for any that is not whole
// and well formed. Every id is a transcript's name (it names a file the
// check stats) and every line lies inside the manifest it names.
func readQuick(data []byte) (*quickData, error) {
	bad := errors.New("not a quick file")
	if len(data) < len(quickMagic)+36 || string(data[:len(quickMagic)]) != quickMagic {
		return nil, bad
	}
	// The ids are strings into data, which nothing changes after: a
	// string per id was a third of the reading.
	text := unsafe.String(&data[0], len(data))
	le := binary.LittleEndian
	b := data[len(quickMagic):]
	q := &quickData{of: fileID3{size: int64(le.Uint64(b)), mtime: int64(le.Uint64(b[8:])), ino: le.Uint64(b[16:])}, headLen: int64(le.Uint64(b[24:]))}
	n := int(le.Uint32(b[32:36]))
	at := len(quickMagic) + 36
	if q.headLen < 0 || q.headLen > q.of.size || n > (len(data)-at)/38 {
		return nil, bad
	}
	q.recs = make([]quickRec, n)
	for i := range q.recs {
		if at >= len(data) {
			return nil, bad
		}
		k := int(data[at])
		if len(data)-at < 1+k+36 {
			return nil, bad
		}
		r := &q.recs[i]
		r.id = text[at+1 : at+1+k]
		f := data[at+1+k : at+1+k+36]
		r.docs, r.pieces = le.Uint32(f), le.Uint32(f[4:])
		r.size, r.mtime, r.off = int64(le.Uint64(f[8:])), int64(le.Uint64(f[16:])), int64(le.Uint64(f[24:]))
		r.n = le.Uint32(f[32:])
		if !corpus.ValidName(r.id) || r.off < q.headLen || r.off+int64(r.n) > q.of.size {
			return nil, bad
		}
		at += 1 + k + 36
	}
	if at != len(data) {
		return nil, bad
	}
	return q, nil
}

// quickLine reads a transcript's manifest line as quickEntry does, an
// mtime of 0 (not trusted) included.
func quickLine(line string) (quickRec, bool) {
	st, docs, pieces, ok := parseQuick(line)
	if !ok || docs < 0 || pieces < 0 || docs > 1<<32-1 || pieces > 1<<32-1 {
		return quickRec{}, false
	}
	return quickRec{id: st.Hash, docs: uint32(docs), pieces: uint32(pieces), size: st.Size, mtime: st.MTime}, true
}

// readManifestFile reads the study's manifest: with a quick file that
// matches it, only its head, the transcripts' lines left to the quick
// file and read when needed (needRest, quickLines); whole otherwise,
// keeping its bytes for the quick file a search then writes (saveQuick).
func readManifestFile(st *corpus.Study) (*manifest, error) {
	f, fi, err := openIndexFile(st, manifestFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	of := fileID3{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: inode(fi)}
	if of.ino == 0 {
		// No inode to bind a quick file to: read the manifest whole.
	} else if data, err := st.ReadFile(quickFile); err == nil {
		if q, err := readQuick(data); err == nil && q.of == of {
			head := make([]byte, q.headLen)
			if _, err := io.ReadFull(f, head); err == nil {
				if m, err := parseHead(head); err == nil && m.Version == Version && m.rest == "" {
					m.quick, m.study = q, st
					return m, nil
				}
			}
		}
	}
	data := make([]byte, of.size)
	if _, err := f.ReadAt(data, 0); err != nil {
		return nil, err
	}
	m, err := parseHead(data)
	if err == nil && m.Version == Version && of.ino != 0 {
		m.unquick, m.unquickOf = data, of
	}
	return m, err
}

// saveQuick writes the quick file of the manifest m was read from, when
// it had none that matched (readManifestFile): once per index. A quick
// file that cannot be written leaves searches reading the manifest.
func (ix *Index) saveQuick() {
	m := ix.man
	if m.unquick == nil {
		return
	}
	if b, ok := makeQuick(m.unquick, m.unquickOf); ok {
		corpus.WriteFile(ix.study.Path(quickFile), b)
	}
	m.unquick = nil
}

// writeQuick writes the quick file of manifest data just written.
func (ix *Index) writeQuick(data []byte) {
	fi, err := os.Stat(ix.study.Path(manifestFile))
	if err != nil {
		return
	}
	of := fileID3{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: inode(fi)}
	if of.ino == 0 || of.size != int64(len(data)) {
		return
	}
	if b, ok := makeQuick(data, of); ok {
		corpus.WriteFile(ix.study.Path(quickFile), b)
	}
}

// needRest reads the manifest's transcripts' lines, left unread when
// the quick file stood for them: the manifest must still be the one the
// quick file names.
func (m *manifest) needRest() error {
	if m.quick == nil {
		return nil
	}
	q := m.quick
	f, err := m.openNamed()
	if err != nil {
		return err
	}
	defer f.Close()
	data := make([]byte, q.of.size)
	if _, err := f.ReadAt(data, 0); err != nil {
		return err
	}
	// As parseHead: strings into data, which nothing changes after.
	m.rest, m.quick = "", nil
	if rest := data[q.headLen:]; len(rest) > 0 {
		m.rest = unsafe.String(&rest[0], len(rest))
	}
	return nil
}

// openNamed opens the manifest the quick file names, failing if it is
// another (qda holds the index's lock, so only something else could
// have written it since).
func (m *manifest) openNamed() (*os.File, error) {
	f, fi, err := openIndexFile(m.study, manifestFile)
	if err != nil {
		return nil, err
	}
	if (fileID3{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: inode(fi)}) != m.quick.of {
		err = errors.New("the manifest changed while it was read")
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// quickLines are the manifest's lines of the transcripts ids, read
// where the quick file says they lie; a line that is not the
// transcript's is left out, and so all of them if the manifest is not
// the one the quick file names: those transcripts then have no entry,
// and the search checks everything (codingsMoved).
func (m *manifest) quickLines(ids map[string]bool) []string {
	q := m.quick
	f, err := m.openNamed()
	if err != nil {
		return nil
	}
	defer f.Close()
	var lines []string
	found := map[string]bool{}
	for i := range q.recs {
		r := &q.recs[i]
		if !ids[r.id] || found[r.id] {
			continue
		}
		found[r.id] = true
		buf := make([]byte, r.n)
		if _, err := f.ReadAt(buf, r.off); err != nil {
			continue
		}
		if line := string(buf); strings.HasPrefix(line, "t "+r.id+" ") {
			lines = append(lines, line)
		}
	}
	return lines
}

// openIndexFile opens a file of the index's own (the manifest) through
// the study's root, as every file read from a study is: .qda may come
// with a clone, and a link there out of the study (to /dev/zero, to a
// secret) or anything but a plain file is refused, not read.
func openIndexFile(st *corpus.Study, rel string) (*os.File, os.FileInfo, error) {
	f, err := st.OpenFile(rel)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a plain file", rel)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}
