package export

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/internal/lazyre"
	"github.com/qdatool/qda/internal/xmltext"
	"github.com/qdatool/qda/internal/zipbody"
)

// Rows of a sheet are written here, not through excelize's
// StreamWriter.SetRow, byte for byte as SetRow writes them: at 10,000
// participants SetRow was a third of the workbook's CPU, in per-cell work
// the workbook does not need (a cell name parsed back from text, each
// string escaped through encoding/xml into a new string, a regexp and a
// string copy per cell, a temporary file copied into another). excelize
// still writes everything else of each sheet (columns, panes, filters,
// print setup) and of the workbook; the rows are spliced into its
// <sheetData> when the parts are zipped (sortedZip). TestSheetRowsMatchExcelize
// writes the same rows both ways and compares the bytes.

// sheetRows holds a sheet's rows: built a row at a time in buf, handed to
// a zipbody.Body every rowsChunk bytes. The body keeps a small sheet in
// memory and deflates a large one on another core as it is written (see
// zipbody), so memory does not grow with the rows and the largest sheets
// are deflated while the study is read.
type sheetRows struct {
	buf  []byte
	body *zipbody.Body
}

// rowsChunk bounds buf: the rows are copied into the body from it, so it
// need not be large, and a sheet of a few rows stays a few rows long.
const rowsChunk = 64 << 10

// flush hands the buffered rows to the body.
func (r *sheetRows) flush() error {
	if r.body == nil {
		r.body = zipbody.New("a sheet's rows")
	}
	_, err := r.body.Write(r.buf)
	r.buf = r.buf[:0]
	return err
}

// entry is the sheet's part: head, the rows, tail.
func (r *sheetRows) entry(head, tail []byte) (*zipbody.Entry, error) {
	if err := r.flush(); err != nil {
		return nil, err
	}
	return zipbody.Join([][]byte{head}, r.body, [][]byte{tail})
}

func (r *sheetRows) close() {
	if r.body != nil {
		r.body.Remove()
		r.body = nil
	}
	r.buf = nil
}

// rowCell is one cell as SetRow is given it: a string, an int64 or a
// float64, and a style.
type rowCell struct {
	style int
	kind  byte // 's', 'i' or 'f'
	s     string
	i     int64
	f     float64
}

// add writes row number row with height ht (0: none), as SetRow does.
func (r *sheetRows) add(row int, ht float64, cells []rowCell) error {
	if ht > excelize.MaxRowHeight {
		return excelize.ErrMaxRowHeight
	}
	b := r.buf
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if ht > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, ht, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for i, c := range cells {
		b = append(b, `<c r="`...)
		b = append(b, colName(i+1)...)
		b = strconv.AppendInt(b, int64(row), 10)
		b = append(b, '"')
		if c.style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(c.style), 10)
			b = append(b, '"')
		}
		switch {
		case c.kind == 'i':
			b = append(b, `><v>`...)
			b = strconv.AppendInt(b, c.i, 10)
			b = append(b, `</v></c>`...)
			continue
		case c.kind == 'f' && !math.IsNaN(c.f) && !math.IsInf(c.f, 0):
			b = append(b, `><v>`...)
			b = append(b, formatCellFloat(c.f)...)
			b = append(b, `</v></c>`...)
			continue
		case c.kind == 'f':
			c.s = fmt.Sprint(c.f) // excelize writes NaN and ±Inf as text
		}
		b = append(b, ` t="inlineStr"><is><t`...)
		if s := c.s; s != "" && (edgeSpace(s[0]) || edgeSpace(s[len(s)-1])) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = appendCellText(b, c.s)
		b = append(b, `</t></is></c>`...)
	}
	b = append(b, `</row>`...)
	r.buf = b
	if len(b) >= rowsChunk {
		return r.flush()
	}
	return nil
}

func edgeSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// appendCellText appends s as excelize writes a string cell's text:
// escaped as encoding/xml's EscapeText escapes it but with line breaks
// left as they are, then with its "_xHHHH_" sequences escaped (bstrMarshal).
func appendCellText(b []byte, s string) []byte {
	start := len(b)
	b = xmltext.Append(b, s, true)
	if bytes.Contains(b[start:], []byte("_x")) {
		// Rare: the exact rules of excelize's bstrMarshal.
		out := bstrMarshal(string(b[start:]))
		b = append(b[:start], out...)
	}
	return b
}

// The patterns of excelize's bstrMarshal, compiled on first use (a text
// with "_x" in it), not at start-up, which every qda command would pay for.
var (
	bstrExp       = lazyre.New(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = lazyre.New(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's (lib.go): a text that reads as an escaped
// character "_xHHHH_" gets its underscore escaped, so it reads back as
// written.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp().FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp().MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp().MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// formatCellFloat is excelize's (cell.go) for automatic precision: at
// most 15 significant digits, as Excel keeps.
func formatCellFloat(value float64) string {
	str := strconv.FormatFloat(value, 'f', -1, 64)
	if math.Abs(value) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}
