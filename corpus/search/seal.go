package search

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/qdatool/qda/corpus"
)

// sealFile lists the index's segment files as qda last wrote or checked
// them. bleve trusts its segments' bytes: damage it does not trip over
// can make a search answer nothing, without an error. Each segment
// carries a CRC of its bytes that bleve never checks, and a segment is
// never modified once written, so qda checks a segment's CRC once, when
// it first sees it (a new segment, or one whose size, times or inode
// moved), and records it here. A search whose segments are all sealed
// pays a stat per segment.
const sealFile = Dir + "/seal"

// segmentPaths are the files of the segments bleve's current snapshot
// reads.
func segmentPaths(idx bleve.Index) ([]string, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, nil
	}
	r, err := s.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, nil
	}
	var paths []string
	for _, ss := range snap.Segments() {
		if p, ok := ss.Segment().(interface{ Path() string }); ok && p.Path() != "" {
			paths = append(paths, p.Path())
		}
	}
	slices.Sort(paths)
	return paths, nil
}

// seal checks the CRC of every segment of idx not already sealed as it
// is on disk (unless trust: segments this process just wrote), and
// records them all. It fails naming the first segment whose bytes do not
// match its CRC.
func (ix *Index) seal(idx bleve.Index, trust bool) error {
	paths, err := segmentPaths(idx)
	if err != nil {
		return err
	}
	old := readSeal(ix.study)
	var b strings.Builder
	changed := len(old) != len(paths)
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		name := filepath.Base(p)
		line := name + " " + idOf(fi).String()
		if old[name] != line {
			changed = true
			if !trust {
				if err := checkCRC(p); err != nil {
					return fmt.Errorf("segment %s: %w", name, err)
				}
			}
		}
		b.WriteString(line + "\n")
	}
	if !changed {
		return nil
	}
	return corpus.WriteFile(ix.study.Path(sealFile), []byte(b.String()))
}

// readSeal reads the seal as segment name -> its line, through the
// study's root and bounded as any study file; a missing, unreadable or
// refused seal seals nothing, so every segment is checked.
func readSeal(st *corpus.Study) map[string]string {
	data, err := st.ReadFile(sealFile)
	if err != nil {
		return nil
	}
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		name, _, _ := strings.Cut(sc.Text(), " ")
		m[name] = sc.Text()
	}
	return m
}

// checkCRC checks a zap segment's footer CRC: the big-endian CRC-32
// (IEEE) of every byte before it, in the file's last four bytes.
func checkCRC(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() < 4 {
		return fmt.Errorf("it is truncated")
	}
	h := crc32.NewIEEE()
	if _, err := io.Copy(h, io.LimitReader(f, fi.Size()-4)); err != nil {
		return err
	}
	var want [4]byte
	if _, err := io.ReadFull(f, want[:]); err != nil {
		return err
	}
	if h.Sum32() != binary.BigEndian.Uint32(want[:]) {
		return fmt.Errorf("its bytes do not match its checksum")
	}
	return nil
}
