package export

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/renameio/v2"
	"github.com/xuri/excelize/v2"
)

// MaxCellChars is Excel's limit on the characters of one cell, counted in
// UTF-16 units; excelize silently cuts longer text, so qda cuts it first,
// visibly.
const MaxCellChars = 32767

// Workbook is an xlsx file built sheet by sheet through excelize's
// StreamWriter, so memory does not grow with the rows, and saved so that
// the same content gives the same bytes.
type Workbook struct {
	f      *excelize.File
	date   time.Time
	sheets []*Sheet
	// continued holds the rest of cells past Excel's limit, made when
	// first needed.
	continued *Sheet
	styles    struct {
		header, wrap, total, bold, percent int
	}
}

// Sheet is one streamed worksheet. Widths and panes must be set before
// the first row, as the StreamWriter writes them first.
type Sheet struct {
	wb   *Workbook
	Name string
	sw   *excelize.StreamWriter
	n    int // rows written
	cols int // widest row
}

// NewWorkbook starts a workbook dated date (its document properties and
// zip entries carry that time, not the clock's).
func NewWorkbook(date time.Time) (*Workbook, error) {
	wb := &Workbook{f: excelize.NewFile(), date: date.UTC()}
	var err error
	style := func(s *excelize.Style) int {
		id, e := wb.f.NewStyle(s)
		err = errors.Join(err, e)
		return id
	}
	top := excelize.Alignment{Vertical: "top"}
	wb.styles.header = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDE5F0"}}})
	wb.styles.bold = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &top})
	wb.styles.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	wb.styles.total = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: []excelize.Border{{Type: "top", Color: "#000000", Style: 1}}})
	wb.styles.percent = style(&excelize.Style{CustomNumFmt: ptr("0.0")})
	if err != nil {
		return nil, err
	}
	return wb, nil
}

func ptr[T any](v T) *T { return &v }

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
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	sh := &Sheet{wb: wb, Name: name, sw: sw}
	wb.sheets = append(wb.sheets, sh)
	return sh, nil
}

// Width sets columns from..to (1-based) to w characters.
func (sh *Sheet) Width(from, to int, w float64) error {
	if to < from {
		return nil
	}
	return sh.sw.SetColWidth(from, to, w)
}

// Freeze keeps the first cols columns and rows rows in view.
func (sh *Sheet) Freeze(cols, rows int) error {
	if cols == 0 && rows == 0 {
		return nil
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
	return sh.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: cell, ActivePane: pane})
}

// Row style names for Sheet.Row.
const (
	Plain = iota
	Header
	Wrap
	Total
	Bold
)

// Row writes the next row. Text is always a string cell, never a formula,
// whatever it starts with; a text longer than MaxCellChars must have been
// cut (see Cut) and is refused here rather than lost.
func (sh *Sheet) Row(style int, cells ...Cell) error {
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
	vals := make([]any, len(cells))
	for i, c := range cells {
		sid := id
		var v any
		switch {
		case c.IsNum && (c.Decimals > 0 || c.Num != float64(int64(c.Num))):
			v = c.Num
			if style == Plain {
				sid = sh.wb.styles.percent
			}
		case c.IsNum:
			v = int64(c.Num)
		default:
			if utf16Len(c.Text) > MaxCellChars {
				return fmt.Errorf("sheet %s row %d: a cell of %d characters is past Excel's limit", sh.Name, sh.n, utf16Len(c.Text))
			}
			v = c.Text
		}
		vals[i] = excelize.Cell{StyleID: sid, Value: v}
	}
	cell, err := excelize.CoordinatesToCellName(1, sh.n)
	if err != nil {
		return err
	}
	return sh.sw.SetRow(cell, vals)
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
	return sh.wb.f.AutoFilter(sh.Name, ref, nil)
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
	for i, w := range widths {
		if err := sh.Width(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sh.Freeze(0, 1); err != nil {
		return err
	}
	if err := sh.Row(Header, TextRow(t.Header...)...); err != nil {
		return err
	}
	for _, r := range t.Rows {
		for i, c := range r {
			if !c.IsNum {
				head, err := wb.cut(sh, i+1, c.Text)
				if err != nil {
					return err
				}
				r[i] = Text(head)
			}
		}
		if err := sh.Row(Wrap, r...); err != nil {
			return err
		}
	}
	if name == SheetAbout {
		return nil
	}
	return sh.AutoFilter(1, sh.n, len(t.Header))
}

// Save writes the workbook to path atomically: a failed export leaves
// any earlier file as it was.
func (wb *Workbook) Save(path string) error {
	pf, err := renameio.NewPendingFile(path, renameio.WithPermissions(0o644))
	if err != nil {
		return err
	}
	defer pf.Cleanup()
	if err := wb.Write(pf); err != nil {
		return err
	}
	return pf.CloseAtomicallyReplace()
}

// Write flushes every sheet and writes the workbook to w. Parts are
// written in name order with the workbook's date, since excelize writes
// streamed sheets in map order: without this the same workbook would come
// out as different bytes each time.
func (wb *Workbook) Write(w io.Writer) error {
	defer wb.f.Close()
	for _, sh := range wb.sheets {
		if err := sh.sw.Flush(); err != nil {
			return err
		}
	}
	stamp := wb.date.Format(time.RFC3339)
	if err := wb.f.SetDocProps(&excelize.DocProperties{Creator: "qda", LastModifiedBy: "qda", Created: stamp, Modified: stamp}); err != nil {
		return err
	}
	sz := &sortedZip{}
	defer sz.remove()
	wb.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return sz })
	if _, err := wb.f.WriteToBuffer(); err != nil {
		return err
	}
	return sz.writeTo(w, wb.date)
}

// sortedZip collects the workbook's parts in temporary files, so a large
// sheet never sits in memory, and writes them as a zip in name order.
type sortedZip struct {
	names []string
	files map[string]*os.File
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if z.files == nil {
		z.files = map[string]*os.File{}
	}
	if _, ok := z.files[name]; ok {
		return nil, fmt.Errorf("workbook part %s written twice", name)
	}
	f, err := os.CreateTemp("", "qda-xlsx-*")
	if err != nil {
		return nil, err
	}
	z.files[name] = f
	z.names = append(z.names, name)
	return f, nil
}

func (z *sortedZip) AddFS(fs.FS) error { return errors.New("qda writes workbooks part by part") }
func (z *sortedZip) Close() error      { return nil }

func (z *sortedZip) writeTo(w io.Writer, date time.Time) error {
	names := slices.Clone(z.names)
	slices.SortFunc(names, func(a, b string) int {
		// The content types part first, as Office writes it.
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			if a == "[Content_Types].xml" {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	// The parts are compressed side by side, a worker a core: the
	// Excerpts and Segments sheets hold every passage, and deflating them
	// one after the other was a fifth of an export.
	packed := make([]*packedPart, len(names))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, name := range names {
		packed[i] = &packedPart{}
		wg.Add(1)
		sem <- struct{}{}
		go func(p *packedPart, raw *os.File) {
			defer wg.Done()
			defer func() { <-sem }()
			p.err = p.pack(raw)
		}(packed[i], z.files[name])
	}
	wg.Wait()
	defer func() {
		for _, p := range packed {
			if p.f != nil {
				p.f.Close()
				os.Remove(p.f.Name())
			}
		}
	}()
	zw := zip.NewWriter(w)
	for i, name := range names {
		p := packed[i]
		if p.err != nil {
			return p.err
		}
		out, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: date,
			CRC32: p.crc, CompressedSize64: p.csize, UncompressedSize64: p.size})
		if err != nil {
			return err
		}
		if _, err := p.f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(out, p.f); err != nil {
			return err
		}
	}
	return zw.Close()
}

// packedPart is one workbook part deflated into a temporary file.
type packedPart struct {
	f           *os.File
	crc         uint32
	size, csize uint64
	err         error
}

func (p *packedPart) pack(raw *os.File) error {
	if _, err := raw.Seek(0, io.SeekStart); err != nil {
		return err
	}
	f, err := os.CreateTemp("", "qda-xlsx-z-*")
	if err != nil {
		return err
	}
	p.f = f
	fw, err := flate.NewWriter(f, flate.BestSpeed)
	if err != nil {
		return err
	}
	h := crc32.NewIEEE()
	n, err := io.Copy(io.MultiWriter(fw, h), raw)
	if err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	p.crc, p.size, p.csize = h.Sum32(), uint64(n), uint64(st.Size())
	return nil
}

func (z *sortedZip) remove() {
	for _, f := range z.files {
		f.Close()
		os.Remove(f.Name())
	}
}

func utf16Len(s string) int { return utf16Count(s) }

func utf16Count(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Cut splits s so that its first part, with marker after it, fits in one
// cell: at the last blank line (between passages) in the second half of
// the room when there is one, else at the last line break or space, else
// at the limit. It returns s whole and "" when s fits.
func Cut(s, marker string) (head, rest string) {
	// Only the first cell's worth of s is walked, so cutting a very long
	// text into many parts costs what the text is long, not its square.
	room := MaxCellChars - utf16Count(marker)
	end, units, fits := 0, 0, true
	for i, r := range s {
		u := utf16.RuneLen(r)
		if units+u > room {
			fits = false
			break
		}
		units += u
		end = i + utf8.RuneLen(r)
	}
	if fits {
		return s, ""
	}
	// Between the room and the limit, s may still fit whole without the
	// marker; a UTF-16 unit is at most three bytes, so only a short rest
	// is worth counting.
	if left := MaxCellChars - units; len(s)-end <= 3*left && utf16Count(s[end:]) <= left {
		return s, ""
	}
	cut := end
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(s[:end], sep); i > end/2 {
			cut = i
			break
		}
	}
	return s[:cut] + marker, trimLeadingBreaks(s[cut:])
}

func trimLeadingBreaks(s string) string {
	for len(s) > 0 && (s[0] == '\n' || s[0] == ' ') {
		s = s[1:]
	}
	return s
}

// cut makes text fit in the cell at column col of sh's next row, putting
// what does not fit on the Continued sheet.
func (w *Workbook) cut(sh *Sheet, col int, text string) (string, error) {
	if utf16Count(text) <= MaxCellChars {
		return text, nil
	}
	cell := cellName(col, sh.Rows()+1)
	marker := fmt.Sprintf(" [… cut at Excel's cell limit: continued on sheet %s, %s!%s]", SheetContinued, sh.Name, cell)
	head, rest := Cut(text, marker)
	if w.continued == nil {
		c, err := w.Sheet(SheetContinued)
		if err != nil {
			return "", err
		}
		if err := c.Width(1, 3, 14); err != nil {
			return "", err
		}
		if err := c.Width(4, 4, 100); err != nil {
			return "", err
		}
		if err := c.Row(Header, TextRow("sheet", "cell", "part", "text")...); err != nil {
			return "", err
		}
		w.continued = c
	}
	for part := 2; rest != ""; part++ {
		var chunk string
		chunk, rest = Cut(rest, " […]")
		if err := w.continued.Row(Wrap, Text(sh.Name), Text(cell), Int(part), Text(chunk)); err != nil {
			return "", err
		}
	}
	return head, nil
}
