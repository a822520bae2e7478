package office

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets try each input twice: as a whole file, and as the XML
// part inside a well-formed zip, since a mutated zip mostly fails its
// checksum before the XML reader sees it. The checked-in corpus in
// testdata/fuzz holds the LibreOffice fixtures and their XML parts
// (rewritten with QDA_UPDATE=1) and any crashers found.

func FuzzDOCX(f *testing.F) {
	for _, tc := range docxCases {
		f.Add([]byte(docxXML(tc.body)))
	}
	f.Add(docxOf(wp(wr("Interviewer: Hello."))))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRoundTrip(t, DOCX, writeDOCX, data)
		checkRoundTrip(t, DOCX, writeDOCX, docxPart(string(data)))
	})
}

func FuzzODT(f *testing.F) {
	for _, tc := range odtCases {
		f.Add([]byte(odtXML(tc.body)))
	}
	f.Add(odtOf(tp("Interviewer: Hello.")))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRoundTrip(t, ODT, writeODT, data)
		checkRoundTrip(t, ODT, writeODT, odtPart(string(data)))
	})
}

// checkRoundTrip reads data, which may fail but must not panic, and checks
// that what it read is valid UTF-8 and reads back the same once written
// out as a file of plain paragraphs.
func checkRoundTrip(t *testing.T, read func([]byte) ([]string, error), write func([]string) []byte, data []byte) {
	t.Helper()
	paras, err := read(data)
	if err != nil {
		return
	}
	for i, p := range paras {
		if !utf8.ValidString(p) {
			t.Fatalf("paragraph %d is not UTF-8: %q", i, p)
		}
	}
	again, err := read(write(paras))
	if err != nil {
		t.Fatalf("reading back %q: %v", paras, err)
	}
	if !slices.Equal(again, paras) && !(len(again) == 0 && len(paras) == 0) {
		t.Fatalf("round trip changed the text\n got  %q\n want %q", again, paras)
	}
}

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// writeDOCX writes paragraphs as a .docx, with "\t" and "\n" as Word's tab
// and break elements.
func writeDOCX(paras []string) []byte {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString("<w:p><w:r>")
		for i, line := range strings.Split(p, "\n") {
			if i > 0 {
				b.WriteString("<w:br/>")
			}
			for j, cell := range strings.Split(line, "\t") {
				if j > 0 {
					b.WriteString("<w:tab/>")
				}
				b.WriteString(`<w:t xml:space="preserve">` + escape(cell) + "</w:t>")
			}
		}
		b.WriteString("</w:r></w:p>")
	}
	return docxOf(b.String())
}

// writeODT writes paragraphs as an .odt, with every space, tab and line
// break as an element so that none of them collapses.
func writeODT(paras []string) []byte {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString("<text:p>")
		for _, c := range p {
			switch c {
			case ' ':
				b.WriteString("<text:s/>")
			case '\t':
				b.WriteString("<text:tab/>")
			case '\n':
				b.WriteString("<text:line-break/>")
			default:
				b.WriteString(escape(string(c)))
			}
		}
		b.WriteString("</text:p>")
	}
	return odtOf(b.String())
}
