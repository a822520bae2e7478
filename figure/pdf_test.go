package figure

import (
	"bytes"
	"compress/zlib"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// pdfDoc is what the tests read back from a PDF: the page's size, the
// fonts and whether each is embedded, and the page's drawing operators.
// Read here with regular expressions and zlib, because a figure's PDF is
// fpdf's simple layout (one page, direct lengths) and no PDF reader is
// among the project's parts; a PDF this cannot read fails the test.
type pdfDoc struct {
	w, h     float64
	fonts    map[string]bool // base font name -> a font file is embedded
	content  string          // the page's content stream, inflated
	texts    []string        // the strings shown, in order
	rects    int
	rawBytes []byte
}

var (
	pdfMediaBox  = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)
	pdfStream    = regexp.MustCompile(`>>\s*stream\r?\n`)
	pdfObj       = regexp.MustCompile(`(\d+) 0 obj\s*<<`)
	pdfLength    = regexp.MustCompile(`/Length (\d+)`)
	pdfDesc      = regexp.MustCompile(`(?s)/Type /FontDescriptor /FontName /(\S+)(.*?)>>`)
	pdfContents  = regexp.MustCompile(`/Contents (\d+) 0 R`)
	pdfShowText  = regexp.MustCompile(`(?s)\((.*?[^\\])\) Tj`)
	pdfRectangle = regexp.MustCompile(`(?m) re [fSB]\b`)
)

func readPDF(t *testing.T, data []byte) pdfDoc {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) || !bytes.Contains(data[len(data)-16:], []byte("%%EOF")) {
		t.Fatalf("not a PDF: %q...", data[:min(len(data), 16)])
	}
	d := pdfDoc{fonts: map[string]bool{}, rawBytes: data}
	m := pdfMediaBox.FindSubmatch(data)
	if m == nil {
		t.Fatal("no /MediaBox")
	}
	d.w, _ = strconv.ParseFloat(string(m[1]), 64)
	d.h, _ = strconv.ParseFloat(string(m[2]), 64)
	for _, m := range pdfDesc.FindAllSubmatch(data, -1) {
		d.fonts[string(m[1])] = bytes.Contains(m[2], []byte("/FontFile2 "))
	}
	c := pdfContents.FindSubmatch(data)
	if c == nil {
		t.Fatal("no page /Contents")
	}
	streams := map[string][]byte{}
	for _, loc := range pdfStream.FindAllIndex(data, -1) {
		// The stream's object is the last one opened before it.
		objs := pdfObj.FindAllSubmatchIndex(data[:loc[0]], -1)
		if len(objs) == 0 {
			t.Fatal("a stream outside an object")
		}
		o := objs[len(objs)-1]
		id, dict := string(data[o[2]:o[3]]), data[o[1]:loc[0]]
		n := pdfLength.FindSubmatch(dict)
		if n == nil {
			t.Fatalf("a stream with no direct /Length: %s", dict)
		}
		size, _ := strconv.Atoi(string(n[1]))
		raw := data[loc[1] : loc[1]+size]
		if bytes.Contains(dict, []byte("/FlateDecode")) {
			r, err := zlib.NewReader(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("object %s: %v", id, err)
			}
			if raw, err = io.ReadAll(r); err != nil {
				t.Fatalf("object %s: %v", id, err)
			}
		}
		streams[id] = raw
	}
	d.content = string(streams[string(c[1])])
	for _, m := range pdfShowText.FindAllStringSubmatch(d.content, -1) {
		d.texts = append(d.texts, utf16Text(m[1]))
	}
	d.rects = len(pdfRectangle.FindAllString(d.content, -1))
	return d
}

// utf16Text decodes a PDF string of a font with Identity-H encoding: the
// text as UTF-16BE, with \, ( and ) escaped.
func utf16Text(s string) string {
	s = strings.NewReplacer(`\\`, `\`, `\(`, `(`, `\)`, `)`, `\r`, "\r").Replace(s)
	var u []uint16
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// TestHeatmapPDF reads the PDF back: one page the figure's size, every
// font embedded, every text of the figure shown as text in order (the
// counts of the cells among them), a rectangle per cell and legend box.
func TestHeatmapPDF(t *testing.T) {
	d := sample()
	d.Rows = append(d.Rows, "Łódź · Ελένη (p) \\ x")
	d.Values = append(d.Values, []int{4, 5, 6})
	f := Heatmap(d)
	date := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	if err := f.WritePDF(&b, PDFOptions{Date: date}); err != nil {
		t.Fatal(err)
	}
	doc := readPDF(t, b.Bytes())
	if math.Abs(doc.w-f.W) > 0.01 || math.Abs(doc.h-f.H) > 0.01 {
		t.Errorf("page %.2f × %.2f pt, want the figure's %.2f × %.2f", doc.w, doc.h, f.W, f.H)
	}
	if len(doc.fonts) != 1 {
		t.Errorf("fonts %v, want Liberation Sans alone", doc.fonts)
	}
	for name, embedded := range doc.fonts {
		if !embedded {
			t.Errorf("font %s is not embedded", name)
		}
	}
	var want []string
	rects := 1 // the white page
	for _, it := range f.Items {
		switch it.Kind {
		case Text:
			want = append(want, it.Text)
		case Rect:
			rects++
		}
	}
	if got := strings.Join(doc.texts, "|"); got != strings.Join(want, "|") {
		t.Errorf("texts\n%s\nwant\n%s", got, strings.Join(want, "|"))
	}
	if doc.rects != rects {
		t.Errorf("%d rectangles, want %d", doc.rects, rects)
	}
	if !bytes.Contains(b.Bytes(), []byte("(D:20240501120000)")) {
		t.Error("the PDF is not dated as asked")
	}
	var again bytes.Buffer
	if err := f.WritePDF(&again, PDFOptions{Date: date}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("the same figure and date gave different bytes")
	}
}

// TestBarsPDF: the bars chart's values are in its PDF as text.
func TestBarsPDF(t *testing.T) {
	f := Bars(BarsData{Categories: []string{"Confidence", "Tea"}, Series: []string{"female", "male"},
		Values: [][]float64{{3, 1}, {2, math.NaN()}}, Width: Column})
	var b bytes.Buffer
	if err := f.WritePDF(&b, PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(readPDF(t, b.Bytes()).texts, " ")
	for _, w := range []string{"female", "male", "Confidence", "Tea", "3", "n/a"} {
		if !strings.Contains(" "+got+" ", " "+w+" ") {
			t.Errorf("no %q among the texts %s", w, got)
		}
	}
}
