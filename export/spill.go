package export

import (
	"bufio"
	"encoding/binary"
	"io"
	"os"
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
		return nil, err
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
		return err
	}
	s.recs[row] = append(s.recs[row], spillRec{s.off, int64(len(buf))})
	s.off += int64(len(buf))
	return nil
}

// row returns row's passages per column, joined by a blank line, in
// transcript order.
func (s *spill) row(row, cols int) ([]string, error) {
	if err := s.w.Flush(); err != nil {
		return nil, err
	}
	bs := make([]strings.Builder, cols)
	for _, r := range s.recs[row] {
		buf := make([]byte, r.n)
		if _, err := s.f.ReadAt(buf, r.off); err != nil && err != io.EOF {
			return nil, err
		}
		for len(buf) > 0 {
			j, n := binary.Uvarint(buf)
			buf = buf[n:]
			l, n := binary.Uvarint(buf)
			buf = buf[n:]
			if bs[j].Len() > 0 {
				bs[j].WriteString("\n\n")
			}
			bs[j].Write(buf[:l])
			buf = buf[l:]
		}
	}
	out := make([]string, cols)
	for j := range bs {
		out[j] = bs[j].String()
	}
	return out, nil
}

func (s *spill) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}
