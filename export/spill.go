package export

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/qdatool/qda/internal/scratch"
)

// spill keeps the excerpts of each matrix cell on disk between the pass
// that counts and the sheet that shows them: a row's transcripts need not
// be next to each other in transcripts.csv, and holding every excerpt in
// memory would make memory grow with the study. Memory keeps one offset
// per transcript, as the index does.
type spill struct {
	f    *os.File
	w    *bufio.Writer
	off  int64
	recs [][]spillRec // per matrix row
	buf  []byte       // add's, reused
}

type spillRec struct{ off, n int64 }

func newSpill(rows int) (*spill, error) {
	f, err := scratch.File("qda-excerpts-*")
	if err != nil {
		return nil, scratch.Failed(passages, err)
	}
	return &spill{f: f, w: bufio.NewWriterSize(f, 1<<16), recs: make([][]spillRec, rows)}, nil
}

// add stores one transcript's passages for row: texts[j] for column j.
func (s *spill) add(row int, texts []string) error {
	buf := s.buf[:0]
	for j, t := range texts {
		if t == "" {
			continue
		}
		buf = binary.AppendUvarint(buf, uint64(j))
		buf = binary.AppendUvarint(buf, uint64(len(t)))
		buf = append(buf, t...)
	}
	s.buf = buf
	if len(buf) == 0 {
		return nil
	}
	if _, err := s.w.Write(buf); err != nil {
		return scratch.Failed(passages, err) // a full disk, ulimit -f
	}
	s.recs[row] = append(s.recs[row], spillRec{s.off, int64(len(buf))})
	s.off += int64(len(buf))
	return nil
}

// row returns row's passages per column, joined by a blank line, in
// transcript order.
func (s *spill) row(row, cols int) ([]string, error) {
	if err := s.w.Flush(); err != nil {
		return nil, scratch.Failed(passages, err)
	}
	bs := make([]strings.Builder, cols)
	var buf []byte
	for _, r := range s.recs[row] {
		var err error
		if buf, err = s.read(r, buf); err != nil {
			return nil, err
		}
		for len(buf) > 0 {
			var j int
			var text []byte
			if j, text, buf, err = spillCell(buf, cols); err != nil {
				return nil, err
			}
			if bs[j].Len() > 0 {
				bs[j].WriteString("\n\n")
			}
			bs[j].Write(text)
		}
	}
	out := make([]string, cols)
	for j := range bs {
		out[j] = bs[j].String()
	}
	return out, nil
}

// errSpillCut is a record of the spill that cannot be read back whole:
// the file is qda's own, but a disk can fail, and a bad length must not
// make a slice out of range.
var errSpillCut = errors.New("a record read back is cut short")

// read reads record r into buf (grown as needed); a short read is an
// error.
func (s *spill) read(r spillRec, buf []byte) ([]byte, error) {
	buf = slices.Grow(buf[:0], int(r.n))[:r.n]
	n, err := s.f.ReadAt(buf, r.off)
	if n == len(buf) {
		return buf, nil
	}
	if err == nil || err == io.EOF {
		err = errSpillCut
	}
	return nil, scratch.Failed(passages, err)
}

// spillCell decodes the first cell of a record, as add wrote it: its
// column (below cols) and text, and the rest of the record.
func spillCell(buf []byte, cols int) (col int, text, rest []byte, err error) {
	j, n := binary.Uvarint(buf)
	if n <= 0 || j >= uint64(cols) {
		return 0, nil, nil, scratch.Failed(passages, errSpillCut)
	}
	buf = buf[n:]
	l, n := binary.Uvarint(buf)
	if n <= 0 || l > uint64(len(buf)-n) {
		return 0, nil, nil, scratch.Failed(passages, errSpillCut)
	}
	buf = buf[n:]
	return int(j), buf[:l], buf[l:], nil
}

func (s *spill) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}
