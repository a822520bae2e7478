package export

import (
	"fmt"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// CooccurrenceOptions choose the codes of a co-occurrence table and how
// near two references must be to count as together.
type CooccurrenceOptions struct {
	Scan  corpus.ScanOptions
	Depth int
	Codes []*codebook.Code
	// Within counts a reference as with another when they overlap or
	// are at most Within lines apart (0: they must share a line).
	Within int
}

// Cooccurrence is a square table of codes: Counts[i][j] is how many
// references of code i overlap (or lie within Within lines of) a
// reference of code j, in the same transcript. The diagonal is each
// code's references, as every reference overlaps itself.
type Cooccurrence struct {
	Codes  []*codebook.Code
	Within int
	Counts [][]int
}

// CountCooccurrence counts co-occurrence over the transcripts opt chooses.
func CountCooccurrence(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt CooccurrenceOptions, progress func()) (*Cooccurrence, error) {
	c, err := NewCooccurrence(cb, opt)
	if err != nil {
		return nil, err
	}
	res := corpus.NewResolver(cb)
	err = s.Scan(ix, opt.Scan, func(it *corpus.Item) error {
		c.Add(corpus.Cover(it.Transcript, it.Codings, res))
		if progress != nil {
			progress()
		}
		return nil
	})
	return c, err
}

// NewCooccurrence is an empty table of the codes opt chooses, to count
// transcripts into with Add: qda report counts it in the pass that counts
// its matrix.
func NewCooccurrence(cb *codebook.Codebook, opt CooccurrenceOptions) (*Cooccurrence, error) {
	if opt.Within < 0 {
		return nil, fmt.Errorf("within must be 0 or more lines")
	}
	codes := Columns(cb, opt.Depth, opt.Codes)
	c := &Cooccurrence{Codes: codes, Within: opt.Within, Counts: make([][]int, len(codes))}
	for i := range c.Counts {
		c.Counts[i] = make([]int, len(codes))
	}
	return c, nil
}

// Add counts one transcript's coverage.
func (c *Cooccurrence) Add(cov *corpus.Coverage) {
	refs := make([][]corpus.Range, len(c.Codes))
	for i, code := range c.Codes {
		refs[i] = cov.References(code)
	}
	for i := range c.Codes {
		for j := range c.Codes {
			for _, r := range refs[i] {
				if near(r, refs[j], c.Within) {
					c.Counts[i][j]++
				}
			}
		}
	}
}

// near reports whether r overlaps, or lies within n lines of, any of refs.
func near(r corpus.Range, refs []corpus.Range, n int) bool {
	for _, s := range refs {
		if s.Start <= r.End+n && s.End >= r.Start-n {
			return true
		}
	}
	return false
}

// Table is the square table: a row per code, a column per code.
func (c *Cooccurrence) Table() *Table {
	t := &Table{Title: "references of the row's code with the column's code", Header: []string{"code", "label"}}
	if c.Within > 0 {
		t.Title = fmt.Sprintf("references of the row's code within %d lines of the column's code", c.Within)
	}
	for _, code := range c.Codes {
		t.Header = append(t.Header, code.Path)
	}
	for i, code := range c.Codes {
		row := []Cell{Text(code.Path), Text(code.DisplayLabel())}
		for j := range c.Codes {
			row = append(row, Int(c.Counts[i][j]))
		}
		t.Row(row...)
	}
	return t
}

// Tidy is the long form: one row per pair of different codes.
func (c *Cooccurrence) Tidy() *Table {
	t := &Table{Title: "co-occurrence", Header: []string{"code", "with", "references", "of"}}
	for i, a := range c.Codes {
		for j, b := range c.Codes {
			if i != j {
				t.Row(Text(a.Path), Text(b.Path), Int(c.Counts[i][j]), Int(c.Counts[i][i]))
			}
		}
	}
	return t
}
