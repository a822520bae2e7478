package search

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unsafe"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/ahead"
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
const quickFile = ahead.QuickFile // Dir + "/quick": TestQuickFileNames

// quickRec is one transcript's line of the manifest, as the quick check
// reads it (quickLine).
type quickRec struct {
	id           string
	docs, pieces uint32
	size, mtime  int64
	off          int64 // of its line in the manifest
	n            uint32
}

// quickData are the manifest's transcripts as the quick check reads
// them: decoded from the quick file (file set: their lines are still on
// disk), or scanned from the manifest's bytes read whole (records).
type quickData struct {
	of      fileID // the manifest's
	headLen int64  // bytes of the manifest before its first transcript
	recs    []quickRec
	// raw are the quick file's bytes while recs are not decoded from
	// them yet (readQuickHead; list), and n is how many records it holds.
	raw  []byte
	n    int
	file bool
	// sweep took the quick check's stats of recs, decoded from the bytes
	// it read (internal/ahead), as qda started.
	sweep *ahead.Sweep
}

// scanRecs reads the transcripts' lines text, which starts at byte base
// of the manifest, as the quick check reads them; false when a line does
// not (racy mtimes, 0, are kept: the check fails on them).
func scanRecs(text string, base int64) ([]quickRec, bool) {
	recs := make([]quickRec, 0, strings.Count(text, "\n")+1)
	for off := 0; off < len(text); {
		line, _ := nextLine(text[off:])
		r, ok := quickLine(line)
		if !ok || len(r.id) > 255 {
			return nil, false
		}
		r.off, r.n = base+int64(off), uint32(len(line))
		recs = append(recs, r)
		off += len(line) + 1
	}
	return recs, true
}

// makeQuick builds the quick file of manifest data whose file is of;
// false when a line does not read as the quick check reads it.
func makeQuick(data []byte, of fileID) ([]byte, bool) {
	text := string(data)
	head := strings.Index(text, "\nt ")
	if head < 0 {
		head = len(text)
	} else {
		head++
	}
	recs, ok := scanRecs(text[head:], int64(head))
	if !ok {
		return nil, false
	}
	return encodeQuick(&quickData{of: of, headLen: int64(head), recs: recs}), true
}

// encodeQuick is q as the quick file holds it, or nil when q's records
// do not decode: never a quick file that lists fewer transcripts than
// its manifest (a quick check would pass without statting the others).
func encodeQuick(q *quickData) []byte {
	recs, err := q.list()
	if err != nil {
		return nil
	}
	b := append([]byte(ahead.QuickMagic), make([]byte, ahead.QuickHead)...)
	for _, r := range recs {
		b = append(b, byte(len(r.id)))
		b = append(b, r.id...)
		b = binary.LittleEndian.AppendUint32(b, r.docs)
		b = binary.LittleEndian.AppendUint32(b, r.pieces)
		b = binary.LittleEndian.AppendUint64(b, uint64(r.size))
		b = binary.LittleEndian.AppendUint64(b, uint64(r.mtime))
		b = binary.LittleEndian.AppendUint64(b, uint64(r.off))
		b = binary.LittleEndian.AppendUint32(b, r.n)
	}
	h := b[len(ahead.QuickMagic):]
	binary.LittleEndian.PutUint64(h[0:], uint64(q.of.size))
	binary.LittleEndian.PutUint64(h[8:], uint64(q.of.mtime))
	binary.LittleEndian.PutUint64(h[16:], q.of.ino)
	binary.LittleEndian.PutUint64(h[24:], uint64(q.headLen))
	binary.LittleEndian.PutUint32(h[32:], uint32(len(recs)))
	return b
}

// readQuick decodes a quick file; an error for any that is not whole
// and well formed. Every id is a transcript's name (it names a file the
// check stats) and every line lies inside the manifest it names
// (ahead.QuickValid, as the sweep checks them).
func readQuick(data []byte) (*quickData, error) {
	q, err := readQuickHead(data)
	if err != nil {
		return nil, err
	}
	if err := q.decode(); err != nil {
		return nil, err
	}
	return q, nil
}

// readQuickHead reads a quick file's head, its records left to decode
// (decode, list): a search whose sweep checked them (internal/ahead)
// decodes them only if it needs them (hits to order and print).
func readQuickHead(data []byte) (*quickData, error) {
	h, ok := ahead.QuickHeadOf(data)
	if !ok {
		return nil, errors.New("not a quick file")
	}
	return &quickData{of: fileID{size: h.Size, mtime: h.MTime, ino: h.Ino}, headLen: h.HeadLen, file: true, raw: data, n: h.N}, nil
}

// decode decodes the records of raw, once.
func (q *quickData) decode() error {
	if q.raw == nil {
		return nil
	}
	h, _ := ahead.QuickHeadOf(q.raw)
	recs := make([]quickRec, 0, q.n)
	if !ahead.QuickRecords(q.raw, func(id string, f []byte) bool {
		if !ahead.QuickValid(h, id, f) {
			return false
		}
		st := ahead.QuickStat(f)
		d, p := ahead.QuickCounts(f)
		off, n := ahead.QuickLine(f)
		recs = append(recs, quickRec{id: id, docs: d, pieces: p, size: st.Size, mtime: st.MTime, off: off, n: uint32(n)})
		return true
	}) {
		return errors.New("not a quick file")
	}
	q.recs, q.raw = recs, nil
	return nil
}

// list are the records, decoded if they were not: a quick file whose
// sweep found them all valid (ahead.Sweep.Same) decodes. An error when
// they do not decode: the caller takes the slow path (the manifest's
// lines, every transcript statted), never an empty list.
func (q *quickData) list() ([]quickRec, error) {
	if err := q.decode(); err != nil {
		return nil, err
	}
	return q.recs, nil
}

// readManifestFile reads the study's manifest: with a quick file that
// matches it, only its head, the transcripts' lines left to the quick
// file and read when needed (needRest, quickLines); whole otherwise,
// the quick file's records then scanned from its bytes when the quick
// check wants them (records), and written once it passed (saveQuick).
func readManifestFile(st *corpus.Study) (*manifest, error) {
	f, fi, err := openIndexFile(st, manifestFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	of := idOf(fi)
	if of.ino == 0 {
		// No inode to bind a quick file to: read the manifest whole.
	} else if data, sweep, err := quickBytes(st); err == nil {
		// With a sweep, the records are checked as they are stat'ed and
		// decoded only if the search needs them (quick.go).
		read := readQuick
		if sweep != nil {
			read = readQuickHead
		}
		if q, err := read(data); err == nil && q.of == of {
			head := make([]byte, q.headLen)
			if _, err := io.ReadFull(f, head); err == nil {
				if m, err := parseHead(head); err == nil && m.Version == Version && m.rest == "" {
					q.sweep = sweep
					m.quick, m.study, m.of = q, st, of
					return m, nil
				}
			}
		}
		if sweep != nil {
			sweep.Stop() // its stats are of another manifest's transcripts
		}
	}
	data := make([]byte, of.size)
	if _, err := f.ReadAt(data, 0); err != nil {
		return nil, err
	}
	m, err := parseHead(data)
	if m != nil {
		m.study, m.of = st, of
	}
	return m, err
}

// records are the manifest's transcripts as the quick check reads them,
// scanned from its bytes if no quick file stood for them; nil when a
// line does not read (the update then parses them, and fails or goes
// the long way), or once they are parsed (load).
func (m *manifest) records() *quickData {
	if m.quick == nil && m.Transcripts == nil {
		head := m.of.size - int64(len(m.rest))
		if recs, ok := scanRecs(m.rest, head); ok && head >= 0 {
			m.quick = &quickData{of: m.of, headLen: head, recs: recs, n: len(recs)}
		}
	}
	return m.quick
}

// saveQuick writes the quick file of the manifest m was read from, when
// it had none that matched (readManifestFile): once per index. A quick
// file that cannot be written (or records that do not decode) leaves
// searches reading the manifest.
func (ix *Index) saveQuick() {
	if q := ix.man.quick; q != nil && !q.file && q.of.ino != 0 {
		if b := encodeQuick(q); b != nil {
			corpus.WriteFile(ix.study.Path(quickFile), b)
		}
	}
}

// writeQuick writes the quick file of manifest data just written.
func (ix *Index) writeQuick(data []byte) {
	fi, err := os.Stat(ix.study.Path(manifestFile))
	if err != nil {
		return
	}
	of := idOf(fi)
	if of.ino == 0 || of.size != int64(len(data)) {
		return
	}
	if b, ok := makeQuick(data, of); ok {
		corpus.WriteFile(ix.study.Path(quickFile), b)
	}
}

// needRest reads the manifest's transcripts' lines, left on disk when
// the quick file stood for them (its head was read already): the
// manifest must still be the one the quick file names.
func (m *manifest) needRest() error {
	q := m.quick
	if q == nil || !q.file {
		return nil
	}
	f, err := m.openNamed()
	if err != nil {
		return err
	}
	defer f.Close()
	data := make([]byte, q.of.size-q.headLen)
	if _, err := f.ReadAt(data, q.headLen); err != nil {
		return err
	}
	// As parseHead: strings into data, which nothing changes after.
	m.rest, q.file = "", false
	if len(data) > 0 {
		m.rest = unsafe.String(&data[0], len(data))
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
	if idOf(fi) != m.quick.of {
		f.Close()
		return nil, errors.New("the manifest changed while it was read")
	}
	return f, nil
}

// quickLines are the manifest's lines of the transcripts ids, in the
// manifest's order: from its bytes when they were read, else read where
// the quick file says they lie. A line that is not the transcript's is
// left out, and so all of them if the manifest is not the one the quick
// file names: those transcripts then have no entry, and the search
// checks everything (codingsMoved).
func (m *manifest) quickLines(ids map[string]bool) []string {
	q := m.records()
	if q == nil || len(ids) == 0 {
		// None asked for (a search that prints nothing): the records
		// stay undecoded.
		return nil
	}
	var want []*quickRec
	recs, err := q.list()
	if err != nil {
		return nil
	}
	for i := range recs {
		if ids[recs[i].id] {
			want = append(want, &recs[i])
		}
	}
	if len(want) == 0 {
		return nil
	}
	text := m.rest
	base := q.headLen
	var f *os.File
	if q.file {
		var err error
		if f, err = m.openNamed(); err != nil {
			return nil
		}
		defer f.Close()
		// A forged quick file may list its lines in any order: the runs
		// below need them sorted.
		slices.SortStableFunc(want, func(a, b *quickRec) int { return cmp.Compare(a.off, b.off) })
	}
	lines := make([]string, 0, len(want))
	for i := 0; i < len(want); {
		j := len(want)
		if f != nil {
			var start, end int64
			j, start, end = nextRun(want, i)
			buf := make([]byte, end-start)
			if _, err := f.ReadAt(buf, start); err != nil {
				i = j
				continue
			}
			text, base = unsafe.String(unsafe.SliceData(buf), len(buf)), start
		}
		for _, r := range want[i:j] {
			from := r.off - base
			if from < 0 || from+int64(r.n) > int64(len(text)) {
				continue
			}
			line := text[from : from+int64(r.n)]
			if isLineOf(line, r.id) {
				lines = append(lines, line)
			}
		}
		i = j
	}
	return lines
}

// isLineOf reports whether line is one line, transcript id's.
func isLineOf(line, id string) bool {
	rest, ok := strings.CutPrefix(line, "t ")
	rest, ok2 := strings.CutPrefix(rest, id)
	return ok && ok2 && strings.HasPrefix(rest, " ") && strings.IndexByte(line, '\n') < 0
}

// nextRun is the run of want, sorted by offset, that starts at i: it
// ends before j, and covers the manifest's bytes [start, end). Lines
// close to each other are read in one run: a common word prints most
// transcripts, and a read per line was a system call per transcript
// printed.
func nextRun(want []*quickRec, i int) (j int, start, end int64) {
	start, end = want[i].off, want[i].off+int64(want[i].n)
	for j = i + 1; j < len(want) && want[j].off-end <= runGap && want[j].off+int64(want[j].n)-start <= runMax; j++ {
		end = max(end, want[j].off+int64(want[j].n))
	}
	return j, start, end
}

// runGap and runMax bound quickLines' runs: lines at most runGap bytes
// apart are read together (reading a few kilobytes between them costs
// less than another system call), at most runMax bytes at a time.
const (
	runGap = 8 << 10
	runMax = 1 << 20
)

// quickBytes are the study's quick file's bytes: those the sweep
// started with qda read (internal/ahead), with that sweep, or else read
// now.
func quickBytes(st *corpus.Study) ([]byte, *ahead.Sweep, error) {
	if sw := ahead.For(st.Root); sw != nil {
		if data := sw.Data(); data != nil {
			return data, sw, nil
		}
	}
	data, err := readIndexFile(st, quickFile)
	return data, nil, err
}

// readIndexFile reads a file of the index's own whole, in one read of
// the size it has (the quick file is 713 KB at 10,000 participants:
// read as ReadFile reads, from a 32 KB buffer doubled as it filled, it
// took three times its size in fresh memory, page faults and copies).
// A file larger than corpus.MaxFileSize is refused, as ReadFile does.
func readIndexFile(st *corpus.Study, rel string) ([]byte, error) {
	f, fi, err := openIndexFile(st, rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi.Size() > corpus.MaxFileSize {
		return nil, fmt.Errorf("%s: larger than qda reads from one file", rel)
	}
	// A byte more than its size, to see it end where it did when
	// stat'ed: a file that grew meanwhile is read whole all the same.
	data := make([]byte, fi.Size()+1)
	n, err := io.ReadFull(f, data)
	if err == nil {
		return st.ReadFile(rel)
	}
	if err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return data[:n], nil
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
