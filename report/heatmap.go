package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
)

// Steps is the number of shades of the heat map's scale above zero.
const Steps = 8

// RowsInPage is how many of the heat map's rows the page holds as HTML
// before the rest wait in its data for a reader who asks for them: a
// browser lays out a few thousand table rows slowly, and a heat map of
// 10,000 participants is read by group, not row by row.
const RowsInPage = 400

// Heatmap is the theme-by-participant heat map: the matrix's cells, with
// its rows grouped by an attribute and each cell's passages.
type Heatmap struct {
	Measure, RowsBy, By string
	Depth               int
	Columns             []HeatColumn
	Groups              []*HeatGroup
	Totals              []int
	Total               int
	// Max is the largest cell, the top of the scale.
	Max int
	// Rows counts the rows in all groups.
	Rows int
}

// HeatColumn is a code of the heat map.
type HeatColumn struct {
	Code   *codebook.Code
	Colour string // the code's colour, or its nearest ancestor's
	Page   string
}

// HeatGroup is the rows with one value of the attribute rows are grouped
// by (one group holds them all when they are not grouped).
type HeatGroup struct {
	Name string
	Rows []*HeatRow
	// Sums are the group's column sums. Rows by participant or transcript
	// are each a distinct participant or transcript, so sums of the
	// distinct measures count distinct things too.
	Sums  []int
	Total int
	// Shown is how many of Rows the page holds as HTML.
	Shown int
}

// HeatRow is one row of the heat map.
type HeatRow struct {
	Index int // in the matrix
	Key   string
	Cells []HeatCell
	Total int
}

// HeatCell is one cell: its value, shade and passages.
type HeatCell struct {
	Value int
	Step  int // 0 for zero, else 1..Steps
	// Passages index Report.Passage: the references of the column's code
	// in the row's transcripts.
	Passages []int
	Summary  string
}

func newHeatmap(r *Report, ix *corpus.Index, opt Options) (*Heatmap, error) {
	m := r.Matrix
	h := &Heatmap{Measure: m.Measure, RowsBy: m.RowsBy, By: opt.By, Depth: m.Depth, Totals: m.Totals, Total: m.Total, Rows: len(m.Rows)}
	for _, c := range m.Columns {
		h.Columns = append(h.Columns, HeatColumn{Code: c, Colour: c.Colour(), Page: r.Entry(c.Path).Page})
	}
	cells := make([][]HeatCell, len(m.Rows))
	for i, row := range m.Rows {
		cells[i] = make([]HeatCell, len(m.Columns))
		for j, v := range row.Values {
			cells[i][j].Value = v
			h.Max = max(h.Max, v)
			if opt.Summaries != nil && row.Participant != "" {
				cells[i][j].Summary = opt.Summaries.Get(row.Participant, m.Columns[j].Path)
			}
		}
	}
	for j, c := range m.Columns {
		for _, p := range r.Entry(c.Path).Refs {
			row := r.Passage.Row(p)
			cells[row][j].Passages = append(cells[row][j].Passages, p)
		}
	}
	groupOf := func(int) string { return "" }
	if opt.By != "" {
		groupOf = rowGroups(ix, m, opt.By)
	}
	byName := map[string]*HeatGroup{}
	for i, row := range m.Rows {
		for j := range cells[i] {
			cells[i][j].Step = Step(cells[i][j].Value, h.Max)
		}
		name := groupOf(i)
		g := byName[name]
		if g == nil {
			g = &HeatGroup{Name: name, Sums: make([]int, len(m.Columns))}
			byName[name] = g
			h.Groups = append(h.Groups, g)
		}
		g.Rows = append(g.Rows, &HeatRow{Index: i, Key: row.Key, Cells: cells[i], Total: row.Total})
		for j, v := range row.Values {
			g.Sums[j] += v
		}
		g.Total += row.Total
	}
	slices.SortStableFunc(h.Groups, func(a, b *HeatGroup) int { return strings.Compare(a.Name, b.Name) })
	inPage := opt.RowsInPage
	if inPage <= 0 {
		inPage = RowsInPage
	}
	left := inPage
	for _, g := range h.Groups {
		if h.Rows <= inPage {
			g.Shown = len(g.Rows)
		} else if opt.By == "" {
			g.Shown = min(len(g.Rows), left)
		}
		left -= g.Shown
	}
	return h, nil
}

// rowGroups returns each matrix row's group: the value of attribute by for
// its transcripts (as qda stats groups them), their distinct values joined
// when a participant's transcripts differ (a transcript attribute such as
// wave).
func rowGroups(ix *corpus.Index, m *export.Matrix, by string) func(int) string {
	return func(i int) string {
		var vals []string
		for _, id := range m.Rows[i].Transcripts {
			r, ok := ix.Transcripts.Lookup(id)
			if !ok {
				continue
			}
			v := corpus.GroupValue(ix.Attrs(r), by)
			if !slices.Contains(vals, v) {
				vals = append(vals, v)
			}
		}
		slices.Sort(vals)
		if len(vals) == 0 {
			return corpus.NoValue
		}
		return strings.Join(vals, ", ")
	}
}

// Step is the shade of v on a scale up to top: 0 for 0, else 1..Steps,
// linear, so that equal steps of colour are equal steps of count.
func Step(v, top int) int {
	if v <= 0 || top <= 0 {
		return 0
	}
	return 1 + (v-1)*(Steps-1)/max(top-1, 1)
}

// MeasureNoun names what a cell counts, for one or many.
func MeasureNoun(measure string, n int) string {
	noun := map[string]string{"references": "reference", "transcripts": "transcript", "participants": "participant",
		"lines": "line", "words": "word", "presence": "mention"}[measure]
	if noun == "" {
		noun = measure
	}
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
