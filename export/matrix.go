// Package export builds the study's report tables (the theme-by-participant
// matrix, crosstabs, co-occurrence, the codebook and excerpts) and writes
// them as xlsx, csv, markdown and json. Every number comes from corpus's
// counting rules, the code behind qda stats. It never prints and never exits.
package export

import (
	"errors"
	"fmt"
	"slices"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// The row kinds of a matrix besides an attribute name.
const (
	RowsParticipant = "participant"
	RowsTranscript  = "transcript"
)

// MatrixOptions choose a matrix's rows, columns and measure.
type MatrixOptions struct {
	Scan corpus.ScanOptions
	// Rows is "participant", "transcript" or an attribute name.
	Rows string
	// Depth is the depth of the columns (0: every code).
	Depth int
	// Measure is one of corpus.MeasureNames.
	Measure string
	// Codes, when set, limits the columns to these codes: each one's
	// members of the roll-up to Depth, or the code itself when it is at
	// Depth or deeper; with Depth 0, each code and all its descendants.
	Codes []*codebook.Code
}

// Matrix is rows (participants, transcripts or attribute values) by codes,
// one measure in each cell.
type Matrix struct {
	RowsBy  string
	Measure string
	Depth   int
	Columns []*codebook.Code
	// AttrNames head the attribute columns that follow a row's key.
	AttrNames []string
	Rows      []*MatrixRow
	// Totals are each column's total and Total the whole matrix's: the
	// sums of the cells, except for the measures that count distinct
	// things (transcripts, participants), where they count each once
	// (DistinctTotals).
	Totals []int
	Total  int
}

// DistinctTotals reports whether the totals of measure count distinct
// transcripts or participants rather than sum the cells: a participant who
// mentions three themes is one participant in the row's total, and a
// participant in two rows (by a transcript attribute such as wave) is one
// in the column's.
func DistinctTotals(measure string) bool {
	return measure == "transcripts" || measure == "participants"
}

// MatrixRow is one row of a matrix.
type MatrixRow struct {
	Key string
	// Attrs line up with Matrix.AttrNames.
	Attrs  []string
	Values []int
	Total  int
	// Participant is the row's participant for rows by participant or
	// transcript ("" for rows by attribute): summaries are kept per participant.
	Participant string
	// Transcripts are the ids of the row's transcripts, in transcripts.csv order.
	Transcripts []string
}

// Visit sees each transcript as the matrix counts it: the item, the index
// of its row in Matrix.Rows, and its coverage. The workbook writes its
// Segments and Excerpts sheets from here, in the same single pass.
type Visit func(it *corpus.Item, row int, cov *corpus.Coverage) error

// Columns returns the codes a matrix at depth over codes has as columns.
func Columns(cb *codebook.Codebook, depth int, codes []*codebook.Code) []*codebook.Code {
	all := cb.AtDepth(depth)
	if len(codes) == 0 {
		return all
	}
	var out []*codebook.Code
	for _, c := range codes {
		if depth <= 0 {
			for _, d := range append([]*codebook.Code{c}, c.Descendants()...) {
				if !slices.Contains(out, d) {
					out = append(out, d)
				}
			}
			continue
		}
		if c.Depth() >= depth {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
			continue
		}
		for _, a := range all {
			if c.Contains(a) && !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// CheckMeasure returns an error naming the measures when name is none of them.
func CheckMeasure(name string) error {
	if slices.Contains(corpus.MeasureNames, name) {
		return nil
	}
	return fmt.Errorf("unknown measure %q: use one of %s", name, joinNames(corpus.MeasureNames))
}

// BuildMatrix counts the matrix over the transcripts opt chooses, in one
// pass, calling visit (when not nil) for each transcript.
func BuildMatrix(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt MatrixOptions, visit Visit) (*Matrix, error) {
	return buildMatrix(s, ix, cb, opt, visit, nil)
}

// BuildMatrixWithin is BuildMatrix asking within, before any transcript
// is read, whether a matrix of so many rows and columns is wanted: a
// figure refuses a study of 10,000 participants in the time it takes to
// read its tables. The rows are laid out from the index alone, so they
// are the matrix's rows, filters and all.
func BuildMatrixWithin(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt MatrixOptions, visit Visit, within func(rows, cols int) error) (*Matrix, error) {
	return buildMatrix(s, ix, cb, opt, visit, within)
}

// buildMatrix is BuildMatrix telling planned how many rows and columns
// there are before the first transcript is read.
func buildMatrix(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt MatrixOptions, visit Visit, planned func(rows, cols int) error) (*Matrix, error) {
	if err := CheckMeasure(opt.Measure); err != nil {
		return nil, err
	}
	if opt.Rows == "" {
		return nil, errors.New("no rows: give participant, transcript or an attribute")
	}
	if opt.Rows != RowsParticipant && opt.Rows != RowsTranscript {
		if err := ix.CheckAttribute(opt.Rows); err != nil {
			return nil, err
		}
	}
	m := &Matrix{RowsBy: opt.Rows, Measure: opt.Measure, Depth: opt.Depth, Columns: Columns(cb, opt.Depth, opt.Codes)}
	index, err := m.plan(ix, opt.Scan.Filters, planned)
	if err != nil {
		return nil, err
	}
	res := corpus.NewResolver(cb)
	// The cells: one int each for a measure that adds up over a row's
	// transcripts (or is present in any), rows × columns; a study of
	// 10,000 participants made a tally cell (a map entry, its measures
	// and a bitset) for each covered one, 0.6 KB a participant. Distinct
	// participants in a cell of an attribute's row need the tally's sets.
	cols := len(m.Columns)
	var tally *corpus.Tally
	var cells []int
	if m.Measure == "participants" {
		tally = corpus.NewTally()
	} else {
		cells = make([]int, len(m.Rows)*cols)
	}
	// The distinct totals' sets are made only for the measures that
	// have them: the others' totals are sums.
	var totals *distinct
	if DistinctTotals(m.Measure) {
		totals = newDistinct(len(m.Rows), cols)
	}
	err = s.Scan(ix, opt.Scan, func(it *corpus.Item) error {
		r, ok := index[m.rowKey(it.Attrs)]
		if !ok {
			return fmt.Errorf("transcript %s: no row for it", it.ID) // plan and Scan filter alike
		}
		cov := corpus.Cover(it.Transcript, it.Codings, res)
		who := it.ID
		if m.Measure == "participants" {
			who = it.Participant
		}
		// Only the columns are tallied: a matrix by participant has a
		// cell per participant and code, and the other codes' would
		// be counted for nothing.
		for j, code := range m.Columns {
			cell := cov.Measure(code)
			if tally != nil {
				tally.Add(code, m.Rows[r].Key, it.Participant, cell)
			} else if cell.Lines > 0 {
				cells[r*cols+j] = addMeasure(cells[r*cols+j], cell, m.Measure)
			}
			if totals != nil && cell.Lines > 0 {
				totals.add(r, j, who)
			}
		}
		if visit != nil {
			return visit(it, r, cov)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	m.Totals = make([]int, cols)
	for r, row := range m.Rows {
		if tally != nil {
			row.Values = make([]int, cols)
		} else {
			// The row's cells are its values: no second rows × columns
			// array (capped, so an append cannot reach the next row's).
			row.Values = cells[r*cols : (r+1)*cols : (r+1)*cols]
		}
		for j, code := range m.Columns {
			v := row.Values[j]
			if tally != nil {
				v, _ = tally.Get(code, row.Key).Get(m.Measure)
			}
			row.Values[j] = v
			row.Total += v
			m.Totals[j] += v
		}
		m.Total += row.Total
		if totals != nil {
			row.Total = len(totals.rows[r])
		}
	}
	if totals != nil {
		for j := range m.Totals {
			m.Totals[j] = len(totals.cols[j])
		}
		m.Total = len(totals.all)
	}
	return m, nil
}

// addMeasure adds one transcript's measures of a cell, covered (its Lines
// over 0), to the cell's value v, as corpus.Tally adds them up: presence
// is 1 once any transcript has the code, the others are sums.
func addMeasure(v int, cell corpus.Measures, measure string) int {
	if measure == "presence" {
		return 1
	}
	n, _ := cell.Get(measure)
	return v + n
}

// distinct collects, for the totals of a measure that counts distinct
// things, the transcripts or participants each row, each column and the
// whole matrix covers.
type distinct struct {
	rows, cols []map[string]bool
	all        map[string]bool
}

func newDistinct(rows, cols int) *distinct {
	d := &distinct{rows: make([]map[string]bool, rows), cols: make([]map[string]bool, cols), all: map[string]bool{}}
	for i := range d.rows {
		d.rows[i] = map[string]bool{}
	}
	for j := range d.cols {
		d.cols[j] = map[string]bool{}
	}
	return d
}

func (d *distinct) add(row, col int, who string) {
	d.rows[row][who] = true
	d.cols[col][who] = true
	d.all[who] = true
}

// rowKey is the key of the row a transcript with attrs belongs to.
func (m *Matrix) rowKey(attrs map[string]string) string {
	switch m.RowsBy {
	case RowsParticipant, RowsTranscript:
		return attrs[m.RowsBy]
	}
	return corpus.GroupValue(attrs, m.RowsBy)
}

// plan lays out the rows from the index alone, before any file is read:
// participants in participants.csv order (any missing from it after them,
// in transcript order), transcripts in transcripts.csv order, attribute
// values sorted as qda stats sorts its groups. Only rows with a transcript
// that passes the filters appear. It returns each row key's index.
func (m *Matrix) plan(ix *corpus.Index, filters []corpus.Filter, planned func(rows, cols int) error) (map[string]int, error) {
	type seen struct {
		attrs       map[string]string
		transcripts []string
	}
	byKey := map[string]*seen{}
	var order []string
	for _, r := range ix.Transcripts.Rows {
		attrs := ix.Attrs(r)
		if !corpus.Match(attrs, filters) {
			continue
		}
		k := m.rowKey(attrs)
		sn := byKey[k]
		if sn == nil {
			sn = &seen{}
			// Only a transcript's row shows the transcript's attributes
			// (a map each, 0.2 KB a row at 10,000 participants): a
			// participant's row shows the participant's, and its key
			// is its participant.
			if m.RowsBy == RowsTranscript {
				sn.attrs = attrs
			}
			byKey[k] = sn
			order = append(order, k)
		}
		sn.transcripts = append(sn.transcripts, r.ID)
	}
	switch m.RowsBy {
	case RowsParticipant:
		var listed []string
		inTable := map[string]bool{}
		for _, p := range ix.Participants.Rows {
			if byKey[p.ID] != nil && !inTable[p.ID] {
				listed = append(listed, p.ID)
				inTable[p.ID] = true
			}
		}
		for _, k := range order {
			if !inTable[k] {
				listed = append(listed, k)
			}
		}
		order = listed
		m.AttrNames = slices.Clone(ix.Participants.Header[1:])
	case RowsTranscript:
		for _, n := range ix.AttributeNames() {
			if n != RowsTranscript {
				m.AttrNames = append(m.AttrNames, n)
			}
		}
	default:
		slices.Sort(order)
	}
	// Told before the rows are made: a matrix refused for its size
	// (10,000 participants in a figure) costs only the keys.
	if planned != nil {
		if err := planned(len(order), len(m.Columns)); err != nil {
			return nil, err
		}
	}
	index := make(map[string]int, len(order))
	for i, k := range order {
		sn := byKey[k]
		row := &MatrixRow{Key: k, Transcripts: sn.transcripts}
		switch m.RowsBy {
		case RowsParticipant:
			row.Participant = k
		case RowsTranscript:
			row.Participant = sn.attrs[RowsParticipant]
		}
		attrs := sn.attrs
		if m.RowsBy == RowsParticipant {
			// A transcript attribute of the same name must not stand in
			// for the participant's own.
			attrs = map[string]string{}
			if p, ok := ix.Participants.Lookup(k); ok {
				attrs = ix.Participants.Attributes(p)
			}
		}
		for _, n := range m.AttrNames {
			row.Attrs = append(row.Attrs, attrs[n])
		}
		m.Rows = append(m.Rows, row)
		index[k] = i
	}
	return index, nil
}

// Keyed reports whether the rows are participants or transcripts, whose
// transcripts can carry summaries, rather than attribute values.
func (m *Matrix) Keyed() bool { return m.RowsBy == RowsParticipant || m.RowsBy == RowsTranscript }
