package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/scratch"
)

// MaxCellChars is Excel's limit on the characters of one cell, counted in
// UTF-16 units; excelize silently cuts longer text, so qda cuts it first,
// visibly.
const MaxCellChars = 32767

// Workbook is an xlsx file built sheet by sheet. excelize makes the
// workbook and, through a StreamWriter a sheet, each sheet's columns,
// panes, filters and print setup; the rows are written by qda (sheetRows,
// see sheetrows.go for why) and deflated as they come, so memory does not
// grow with the rows. It is saved so that the same content gives the same
// bytes.
type Workbook struct {
	f    *excelize.File
	date time.Time
	// tmp is the folder excelize makes its temporary files in (its
	// StreamWriter spills a sheet's rows there past 16 MB; given none, it
	// makes none, but the option is kept so that any it does make are
	// found), removed by close; one a killed qda left is swept by the next.
	tmp    string
	sheets []*Sheet
	// continued holds the rest of cells past Excel's limit, made when
	// first needed.
	continued *Sheet
	styles    struct {
		header, wrap, total, bold, percent int
		// apart starts a column a little in from the one before: the
		// attributes after the Matrix's right-aligned totals, which
		// would otherwise read as one ("16May").
		apart int
	}
	// closed is set once close has let go of everything.
	closed bool
	// colours holds the header style made for each code colour.
	colours map[string]int
	// numFmts holds the style made for each number format (numberStyle).
	numFmts map[string]int
	// filtered are the sheets given a filter, in the order they were
	// given it: the filters are set in that order when the workbook is
	// written, which orders the workbook's defined names.
	filtered []*Sheet
	// Study names the study in every sheet's printed page header.
	Study string
}

// Sheet is one worksheet, written a row at a time. Widths must be set
// before the first row: the heights of wrapped rows are computed from
// them as each row is written. Panes too, so that a sheet is set up in
// one order whatever it holds. Both are handed to excelize's
// StreamWriter only when the workbook is written (see flush).
type Sheet struct {
	wb   *Workbook
	Name string
	part string // its part in the zip
	// panes are the frozen panes Freeze was given, nil for none; filter
	// the range AutoFilter was given, "" for none.
	panes  *excelize.Panes
	filter string
	sw     *excelize.StreamWriter // from start
	// rows are the sheet's rows, written by sheetRows rather than
	// through sw (see sheetrows.go); cells is reused from row to row.
	rows  sheetRows
	cells []rowCell
	n     int // rows written
	cols  int // widest row
	// widths are the columns' widths as set, for the row heights of
	// wrapped text.
	widths map[int]float64
	// Title heads the printed pages; titleRows and titleCols are printed
	// on every page.
	Title                string
	titleRows, titleCols int
}

// NewWorkbook starts a workbook dated date (its document properties and
// zip entries carry that time, not the clock's).
func NewWorkbook(date time.Time) (*Workbook, error) {
	tmp, err := scratch.Dir()
	if err != nil {
		return nil, scratch.Failed("the workbook's working files", err)
	}
	wb := &Workbook{f: excelize.NewFile(excelize.Options{TmpDir: tmp}), date: date.UTC(), tmp: tmp}
	style := func(s *excelize.Style) int {
		id, e := wb.f.NewStyle(s)
		err = errors.Join(err, e)
		return id
	}
	top := excelize.Alignment{Vertical: "top"}
	// Bold text names the workbook's font: a bold font without a name
	// printed in LibreOffice's default serif, wider than the rows'
	// heights were estimated for (textLines).
	bold := func() *excelize.Font { return &excelize.Font{Bold: true, Family: "Calibri", Size: 11} }
	wb.styles.header = style(&excelize.Style{Font: bold(), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDE5F0"}}})
	wb.styles.bold = style(&excelize.Style{Font: bold(), Alignment: &top})
	wb.styles.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	wb.styles.total = style(&excelize.Style{Font: bold(), Border: []excelize.Border{{Type: "top", Color: "#000000", Style: 1}}})
	wb.styles.percent = style(&excelize.Style{CustomNumFmt: ptr("0.0")})
	wb.styles.apart = style(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1}})
	if err != nil {
		return nil, err
	}
	return wb, nil
}

func ptr[T any](v T) *T { return &v }

// numberStyle is the style of a number cell shown in format (an Excel
// number format such as "0.0000" or "0.00%"), aligned as Wrap rows are.
// Made when first asked for, so that workbooks without such cells keep
// the styles, and so the bytes, they had.
func (wb *Workbook) numberStyle(format string) (int, error) {
	if id, ok := wb.numFmts[format]; ok {
		return id, nil
	}
	id, err := wb.f.NewStyle(&excelize.Style{CustomNumFmt: ptr(format), Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return 0, err
	}
	if wb.numFmts == nil {
		wb.numFmts = map[string]int{}
	}
	wb.numFmts[format] = id
	return id, nil
}

// Sheet adds a streamed sheet called name.
func (wb *Workbook) Sheet(name string) (*Sheet, error) {
	if len(wb.sheets) == 0 {
		// NewFile comes with Sheet1: the first sheet takes its place.
		if err := wb.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := wb.f.NewSheet(name); err != nil {
		return nil, err
	}
	// A new file numbers its sheets' parts in the order they are made.
	sh := &Sheet{wb: wb, Name: name, Title: name, widths: map[int]float64{}, part: fmt.Sprintf("xl/worksheets/sheet%d.xml", len(wb.sheets)+1)}
	wb.sheets = append(wb.sheets, sh)
	return sh, nil
}

// Width sets columns from..to (1-based) to w characters.
func (sh *Sheet) Width(from, to int, w float64) error {
	if to < from {
		return nil
	}
	if sh.n > 0 {
		return errors.New("export: a column's width set after the first row")
	}
	for c := from; c <= to && c <= maxCols; c++ {
		sh.widths[c] = w
	}
	return nil
}

// setWidths hands the widths to sw in runs of columns, the last first:
// excelize puts each run before those it has, and readers expect them in
// column order.
func (sh *Sheet) setWidths(sw *excelize.StreamWriter) error {
	cols := make([]int, 0, len(sh.widths))
	for c := range sh.widths {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	for i := len(cols) - 1; i >= 0; {
		j := i
		for j > 0 && cols[j-1] == cols[j]-1 && sh.widths[cols[j-1]] == sh.widths[cols[i]] {
			j--
		}
		if err := sw.SetColWidth(cols[j], cols[i], sh.widths[cols[i]]); err != nil {
			return err
		}
		i = j - 1
	}
	return nil
}

// Freeze keeps the first cols columns and rows rows in view.
func (sh *Sheet) Freeze(cols, rows int) error {
	if cols == 0 && rows == 0 {
		return nil
	}
	if sh.n > 0 {
		return errors.New("export: panes set after the first row")
	}
	cell, err := excelize.CoordinatesToCellName(cols+1, rows+1)
	if err != nil {
		return err
	}
	pane := "bottomRight"
	switch {
	case cols == 0:
		pane = "bottomLeft"
	case rows == 0:
		pane = "topRight"
	}
	sh.panes = &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: cell, ActivePane: pane}
	return nil
}

// start starts the stream that writes the sheet's part, but for its
// rows (sheetRows writes those), once every row is written: its first
// bytes carry the sheet's properties, where fit to page is set, and
// whether the sheet fits a page is known only from its columns' widths
// and how many columns it has. Filters are set after (see Write), as
// excelize's filter marks the sheet's properties as filtered
// (filterMode), which they are not.
func (sh *Sheet) start() error {
	f := sh.wb.f
	if err := f.SetSheetProps(sh.Name, &excelize.SheetPropsOptions{FitToPage: ptr(fitsPage(sh.printWidth()))}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh.Name)
	if err != nil {
		return err
	}
	sh.sw = sw
	return nil
}

// flush writes the started sheet's part: its columns, panes, print
// setup and what excelize holds for it (filter, conditional formats).
func (sh *Sheet) flush() error {
	sw := sh.sw
	if sh.panes != nil {
		if err := sw.SetPanes(sh.panes); err != nil {
			return err
		}
	}
	if err := sh.setWidths(sw); err != nil {
		return err
	}
	if err := sh.printSetup(fitsPage(sh.printWidth())); err != nil {
		return err
	}
	return sw.Flush()
}

// Row style names for Sheet.Row.
const (
	Plain = iota
	Header
	Wrap
	Total
	Bold
)

// PrintTitles repeats the first rows rows and cols columns on every
// printed page.
func (sh *Sheet) PrintTitles(rows, cols int) { sh.titleRows, sh.titleCols = rows, cols }

// Row writes the next row. Text is always a string cell, never a formula,
// whatever it starts with; a text longer than MaxCellChars must have been
// cut (see Cut) and is refused here rather than lost.
func (sh *Sheet) Row(style int, cells ...Cell) error {
	// Excel's limits, which excelize's own row writer enforced: past
	// them the file would not open. Checked here, before the row.
	if sh.n >= excelize.TotalRows || len(cells) > excelize.MaxColumns {
		return fmt.Errorf("sheet %s: more than Excel's %d rows or %d columns: write this export as CSV or JSON (-o FILE.csv), which has no such limit, or export part of the study", sh.Name, excelize.TotalRows, excelize.MaxColumns)
	}
	var ht float64
	if style == Header || style == Wrap {
		ht = sh.rowHeight(cells, style == Header)
	}
	sh.n++
	sh.cols = max(sh.cols, len(cells))
	id := 0
	switch style {
	case Header:
		id = sh.wb.styles.header
	case Wrap:
		id = sh.wb.styles.wrap
	case Total:
		id = sh.wb.styles.total
	case Bold:
		id = sh.wb.styles.bold
	}
	vals := sh.cells[:0]
	for _, c := range cells {
		v := rowCell{style: id}
		switch {
		case c.IsNum && (c.Decimals > 0 || c.Num != float64(int64(c.Num))):
			v.kind, v.f = 'f', c.Num
			if style == Plain {
				v.style = sh.wb.styles.percent
			}
		case c.IsNum:
			v.kind, v.i = 'i', int64(c.Num)
		default:
			if !fitsCell(c.Text) {
				return fmt.Errorf("sheet %s row %d: a cell of %d characters is past Excel's limit", sh.Name, sh.n, utf16Count(c.Text))
			}
			v.kind, v.s = 's', c.Text
		}
		if c.style != 0 {
			v.style = c.style
		}
		vals = append(vals, v)
	}
	sh.cells = vals
	return sh.rows.add(sh.n, ht, vals)
}

// Rows is how many rows the sheet has so far.
func (sh *Sheet) Rows() int { return sh.n }

// AutoFilter puts filter buttons on the header row headerRow over columns
// 1..cols and the rows below it down to lastRow.
func (sh *Sheet) AutoFilter(headerRow, lastRow, cols int) error {
	if cols == 0 || lastRow <= headerRow {
		return nil
	}
	ref, err := rangeRef(1, headerRow, cols, lastRow)
	if err != nil {
		return err
	}
	if sh.filter == "" {
		sh.wb.filtered = append(sh.wb.filtered, sh)
	}
	sh.filter = ref
	return nil
}

// ColorScale shades the cells of a range from white (lowest) to blue (highest).
func (sh *Sheet) ColorScale(col1, row1, col2, row2 int) error {
	if col2 < col1 || row2 < row1 {
		return nil
	}
	ref, err := rangeRef(col1, row1, col2, row2)
	if err != nil {
		return err
	}
	return sh.wb.f.SetConditionalFormat(sh.Name, ref, []excelize.ConditionalFormatOptions{{
		Type: "2_color_scale", Criteria: "=", MinType: "min", MaxType: "max", MinColor: "#FFFFFF", MaxColor: "#5B9BD5",
	}})
}

func rangeRef(col1, row1, col2, row2 int) (string, error) {
	a, err := excelize.CoordinatesToCellName(col1, row1)
	if err != nil {
		return "", err
	}
	b, err := excelize.CoordinatesToCellName(col2, row2)
	if err != nil {
		return "", err
	}
	return a + ":" + b, nil
}

// Table writes t as a sheet: a header row, frozen, with filter buttons.
func (wb *Workbook) Table(name string, t *Table, widths ...float64) error {
	sh, err := wb.Sheet(name)
	if err != nil {
		return err
	}
	return wb.fillTable(sh, name, t, widths...)
}

// fillTable writes t on sh, a sheet called name: widths, a frozen header
// row, the rows with long texts cut, and filter buttons (not on About).
func (wb *Workbook) fillTable(sh *Sheet, name string, t *Table, widths ...float64) error {
	for i, w := range widths {
		if err := sh.Width(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sh.Freeze(0, 1); err != nil {
		return err
	}
	sh.PrintTitles(1, 0)
	if err := sh.Row(Header, TextRow(t.Header...)...); err != nil {
		return err
	}
	if err := t.eachRow(func(r []Cell) error {
		for i, c := range r {
			if !c.IsNum {
				head, err := wb.cut(sh, i+1, c.Text)
				if err != nil {
					return err
				}
				r[i] = Text(head)
			}
		}
		return sh.Row(Wrap, r...)
	}); err != nil {
		return err
	}
	if name == SheetAbout {
		return nil
	}
	return sh.AutoFilter(1, sh.n, len(t.Header))
}

// close lets go of the workbook's temporary files and stops the sheets'
// compressors; once done, it does nothing.
// Close ends a workbook that is not to be written, or whose writing
// never began: its sheets' compressors and files are let go. Write and
// Save close it themselves; Close after them does nothing.
func (wb *Workbook) Close() { wb.close() }

func (wb *Workbook) close() {
	if wb.closed {
		return
	}
	wb.closed = true
	for _, sh := range wb.sheets {
		sh.rows.close()
	}
	wb.f.Close()
	os.RemoveAll(wb.tmp)
}

// Save writes the workbook to path, replacing it at once
// (corpus.WriteFileFrom): a failure leaves any file there as it was, and a
// file replaced keeps its mode. The workbook is closed however Save ends.
func (wb *Workbook) Save(path string) error {
	// Write closes it too, but a failure before Write would otherwise
	// leave the sheets' compressors running and their files open.
	defer wb.close()
	return corpus.WriteFileFrom(path, wb.Write)
}

// Write flushes every sheet and writes the workbook to w. Parts are
// written in name order with the workbook's date, since excelize writes
// streamed sheets in map order: without this the same workbook would come
// out as different bytes each time.
func (wb *Workbook) Write(w io.Writer) error {
	defer wb.close()
	// Every stream started, and then every filter set, before any print
	// setup: the workbook's defined names come in the order they had when
	// the streams started with their sheets and filters were set as asked.
	for _, sh := range wb.sheets {
		if err := sh.start(); err != nil {
			return err
		}
	}
	for _, sh := range wb.filtered {
		if err := wb.f.AutoFilter(sh.Name, sh.filter, nil); err != nil {
			return err
		}
	}
	for _, sh := range wb.sheets {
		if err := sh.flush(); err != nil {
			return err
		}
	}
	stamp := wb.date.Format(time.RFC3339)
	if err := wb.f.SetDocProps(&excelize.DocProperties{Creator: "qda", LastModifiedBy: "qda", Created: stamp, Modified: stamp}); err != nil {
		return err
	}
	sz := &sortedZip{dims: map[string]string{}, rows: map[string]*sheetRows{}}
	for _, sh := range wb.sheets {
		sz.rows[sh.part] = &sh.rows
		if sh.n > 0 && sh.cols > 0 {
			if ref, err := rangeRef(1, 1, sh.cols, sh.n); err == nil {
				sz.dims[sh.part] = ref
			}
		}
	}
	defer sz.remove()
	wb.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return sz })
	if _, err := wb.f.WriteToBuffer(); err != nil {
		return err
	}
	return sz.writeTo(w, wb.date)
}
