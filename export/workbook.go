package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// Sheet names of the matrix workbook, in order.
const (
	SheetMatrix       = "Matrix"
	SheetExcerpts     = "Excerpts"
	SheetSummaries    = "Summaries"
	SheetSegments     = "Segments"
	SheetCodebook     = "Codebook"
	SheetParticipants = "Participants"
	SheetAbout        = "About"
	SheetContinued    = "Continued"
)

// WorkbookOptions choose what the matrix workbook holds.
type WorkbookOptions struct {
	Matrix MatrixOptions
	About  About
	// Summaries, when it has any, adds the Summaries sheet (rows by
	// participant or transcript); InCells puts them in the Matrix cells
	// in place of the numbers.
	Summaries Summaries
	InCells   bool
	// LineNumbers starts each line of a passage in the Excerpts sheet
	// with its number, as 'qda excerpts --line-numbers' does.
	LineNumbers bool
	// Progress, when set, is called once per transcript read.
	Progress func()
}

// workbook is the matrix workbook while it is written.
type workbook struct {
	*Workbook
	s         *corpus.Study
	ix        *corpus.Index
	cb        *codebook.Codebook
	opt       WorkbookOptions
	res       *corpus.Resolver
	tally     *corpus.Tally // every code, for the Codebook sheet
	sheets    map[string]*Sheet
	spill     *spill
	attrNames []string // of Segments
	cols      []*codebook.Code
	matrix    *Matrix
	segCells  []Cell // a Segments row, reused
}

// MatrixWorkbook counts the matrix and writes the whole workbook in one
// pass over the study: Matrix, Excerpts, Summaries (when there are any),
// Segments, Codebook, Participants and About. Save or Write the result.
func MatrixWorkbook(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt WorkbookOptions) (*Workbook, *Matrix, error) {
	wb, err := NewWorkbook(opt.About.Date)
	if err != nil {
		return nil, nil, err
	}
	wb.Study = opt.About.Title
	w := &workbook{Workbook: wb, s: s, ix: ix, cb: cb, opt: opt, res: corpus.NewResolver(cb), tally: corpus.NewTally(), sheets: map[string]*Sheet{}}
	if err := w.write(); err != nil {
		wb.close()
		return nil, nil, err
	}
	return wb, w.matrix, nil
}

func (w *workbook) withSummaries() bool {
	return len(w.opt.Summaries) > 0 && w.opt.Matrix.Rows != "" && (w.opt.Matrix.Rows == RowsParticipant || w.opt.Matrix.Rows == RowsTranscript)
}

func (w *workbook) write() error {
	names := []string{SheetMatrix, SheetExcerpts}
	if w.withSummaries() {
		names = append(names, SheetSummaries)
	}
	names = append(names, SheetSegments, SheetCodebook, SheetParticipants, SheetAbout)
	for _, n := range names {
		sh, err := w.Sheet(n)
		if err != nil {
			return err
		}
		w.sheets[n] = sh
	}
	if err := w.segmentsHeader(); err != nil {
		return err
	}
	m, err := buildMatrix(w.s, w.ix, w.cb, w.opt.Matrix, w.visit, func(rows, _ int) (err error) {
		w.spill, err = newSpill(rows)
		return err
	})
	if w.spill != nil {
		defer w.spill.close()
	}
	if err != nil {
		return err
	}
	w.matrix = m
	seg := w.sheets[SheetSegments]
	if err := seg.AutoFilter(1, seg.Rows(), len(w.attrNames)+13); err != nil {
		return err
	}
	if err := w.matrixSheet(); err != nil {
		return err
	}
	if err := w.gridSheet(SheetExcerpts, func(i int) ([]pieceSource, error) { return w.spill.sources(i, len(m.Columns)) }); err != nil {
		return err
	}
	if w.withSummaries() {
		if err := w.gridSheet(SheetSummaries, func(i int) ([]pieceSource, error) {
			out := make([]string, len(m.Columns))
			for j, c := range m.Columns {
				out[j] = w.opt.Summaries.Get(m.Rows[i].Participant, c.Path)
			}
			return textCells(out), nil
		}); err != nil {
			return err
		}
	}
	if err := w.sheetTable(SheetCodebook, CodebookTable(w.cb, func(c *codebook.Code) corpus.Measures { return w.tally.Get(c, "") }),
		28, 6, 16, 28, 50, 40, 40, 40, 20, 10, 11, 11, 12, 8, 8); err != nil {
		return err
	}
	if err := w.sheetTable(SheetParticipants, ParticipantsTable(w.ix), 14); err != nil {
		return err
	}
	about := w.opt.About.Table()
	return w.sheetTable(SheetAbout, about, 16, 90)
}

// visit streams one transcript's Segments rows and spills its excerpts.
func (w *workbook) visit(it *corpus.Item, row int, cov *corpus.Coverage) error {
	if w.opt.Progress != nil {
		w.opt.Progress()
	}
	w.tally.AddCoverage(cov, "", it.Participant)
	m := w.cols
	texts := make([]string, len(m))
	seg := w.sheets[SheetSegments]
	for j, code := range m {
		covered := cov.Covered(code)
		var b strings.Builder
		for _, ref := range cov.References(code) {
			codes, coders := corpus.RefCodes(it.Codings, w.res, code, ref)
			lines, words := 0, 0
			for l := ref.Start; l <= ref.End; l++ {
				if covered[l-1] {
					lines++
					words += it.Transcript.Words(l)
				}
			}
			text := flatText(it.Transcript, ref)
			where := fmt.Sprintf("%s:%s", it.ID, ref)
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			// The reference on a line of its own with who coded which of
			// its lines, then its turns: a quote with its source.
			b.WriteString(where + "  (" + corpus.CodersNote(ref, corpus.RefCoderLines(it.Transcript, it.Codings, w.res, code, ref)) + ")\n")
			b.WriteString(corpus.TurnsText(corpus.Turns(it.Transcript, ref), w.opt.LineNumbers, "\n"))
			// One slice for every row: Row keeps nothing of it.
			cells := append(w.segCells[:0], Text(where), Text(it.ID), Text(it.Participant), Int(ref.Start), Int(ref.End),
				Text(code.Path), Text(code.DisplayLabel()), Text(code.Ancestor(1).Path),
				Text(strings.Join(codes, ", ")), Text(strings.Join(coders, ", ")), Int(lines), Int(words))
			head, err := w.cut(seg, len(cells)+1, text)
			if err != nil {
				return err
			}
			cells = append(cells, Text(head))
			for _, a := range w.attrNames {
				cells = append(cells, Auto(it.Attrs[a]))
			}
			w.segCells = cells
			if err := seg.Row(Plain, cells...); err != nil {
				return err
			}
		}
		texts[j] = b.String()
	}
	return w.spill.add(row, texts)
}

// flatText is a reference's lines as one run of text, blank ones left
// out: the Segments sheet's text, a table to filter rather than to quote.
func flatText(t *corpus.Transcript, ref corpus.Range) string {
	var parts []string
	for l := ref.Start; l <= ref.End; l++ {
		if line := t.Line(l); !line.Blank {
			parts = append(parts, strings.TrimSpace(line.Text))
		}
	}
	return strings.Join(parts, " ")
}

func (w *workbook) segmentsHeader() error {
	w.cols = Columns(w.cb, w.opt.Matrix.Depth, w.opt.Matrix.Codes)
	w.attrNames = w.ix.AttributeNames()[2:]
	sh := w.sheets[SheetSegments]
	header := []string{"reference", "transcript", "participant", "start", "end", "code", "label", "theme", "codes", "coders", "lines", "words", "text"}
	header = append(header, w.attrNames...)
	for i, wd := range []float64{16, 12, 12, 6, 6, 28, 24, 18, 28, 10, 6, 6, 80} {
		if err := sh.Width(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sh.Width(14, len(header), 12); err != nil {
		return err
	}
	if err := sh.Freeze(1, 1); err != nil {
		return err
	}
	sh.PrintTitles(1, 1)
	return sh.Row(Header, TextRow(header...)...)
}

func cellName(col, row int) string { return colName(col) + strconv.Itoa(row) }

// sheetTable writes a small table on a sheet made earlier.
func (w *workbook) sheetTable(name string, t *Table, widths ...float64) error {
	return w.fillTable(w.sheets[name], name, t, widths...)
}
