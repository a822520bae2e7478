package office

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"slices"
	"strings"
	"testing"
)

// rawZip builds a zip with one stored entry whose header says what the
// test wants, whatever the data.
func rawZip(h *zip.FileHeader, data string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(h)
	if err != nil {
		panic(err)
	}
	w.Write([]byte(data))
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func TestDOCXErrors(t *testing.T) {
	doc := docxXML(wp(wr("Hello.")))
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty input", nil,
			"not a .docx file (the file is empty): save it again from Word as .docx"},
		{"random bytes", []byte("\x8f\x01May: hello\x00\xff"),
			"not a .docx file (not a zip archive): save it again from Word as .docx"},
		{"plain text named .docx", []byte("Interviewer: Hello.\n\nMay: Hello.\n"),
			"not a .docx file (not a zip archive): save it again from Word as .docx"},
		{"Word 97-2003 or encrypted", append(append([]byte{}, oleMagic...), make([]byte, 512)...),
			"not a .docx file (it is an old Word .doc file, or password-protected): open it in Word, remove any password and save it as .docx"},
		{"zip without the document", zipOf(part{"notes.txt", "May"}),
			"not a .docx file (no word/document.xml): save it again from Word as .docx"},
		{"an .odt named .docx", odtOf(tp("Hello.")),
			"not a .docx file (it looks like an OpenDocument file): rename it to .odt"},
		{"truncated XML", docxPart(doc[:len(doc)-20]),
			"word/document.xml:2: invalid XML (unexpected EOF): the file is damaged; save it again from Word as .docx"},
		{"mismatched tags", docxPart(docxXML("<w:p><w:r></w:p>")),
			"word/document.xml:2: invalid XML (element <r> closed by </p>): the file is damaged; save it again from Word as .docx"},
		{"HTML entity", docxPart(docxXML("<w:p><w:r><w:t>a&nbsp;b</w:t></w:r></w:p>")),
			"word/document.xml:2: invalid XML (invalid character entity &nbsp;): the file is damaged; save it again from Word as .docx"},
		{"empty document part", docxPart(""),
			"word/document.xml: invalid XML (no root element): the file is damaged; save it again from Word as .docx"},
		{"not UTF-8", docxPart(`<?xml version="1.0" encoding="UTF-16"?><w:document/>`),
			`word/document.xml: invalid XML (encoding "UTF-16" declared but Decoder.CharsetReader is nil): the file is damaged; save it again from Word as .docx`},
		{"another kind of XML", docxPart(`<html><body><p>Hello.</p></body></html>`),
			"not a .docx file (word/document.xml holds <html>, not a Word document): save it again from Word as .docx"},
		{"nested too deep", docxOf(strings.Repeat("<w:p>", 2000) + strings.Repeat("</w:p>", 2000)),
			"word/document.xml:2: invalid XML (elements nested more than 1000 deep): the file is damaged; save it again from Word as .docx"},
		{"zip bomb", rawZip(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store, CompressedSize64: 5, UncompressedSize64: maxSize + 1}, "<w:p>"),
			"word/document.xml is larger than 256 MiB uncompressed: split the transcript into smaller files"},
		{"header understating the size", rawZip(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store, CompressedSize64: uint64(len(doc)), UncompressedSize64: 10}, doc),
			"word/document.xml: cannot unzip it (zip: not a valid zip file): the file is damaged; save it again from Word as .docx"},
		{"bad checksum", rawZip(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store, CompressedSize64: uint64(len(doc)), UncompressedSize64: uint64(len(doc)), CRC32: crc32.ChecksumIEEE([]byte(doc)) + 1}, doc),
			"word/document.xml: cannot unzip it (zip: checksum error): the file is damaged; save it again from Word as .docx"},
		{"unknown compression", rawZip(&zip.FileHeader{Name: "word/document.xml", Method: 99, CompressedSize64: uint64(len(doc)), UncompressedSize64: uint64(len(doc))}, doc),
			"word/document.xml: cannot unzip it (zip: unsupported compression algorithm): the file is damaged; save it again from Word as .docx"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DOCX(tc.data)
			if err == nil {
				t.Fatalf("no error; got %q", got)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got  %s\n want %s", err, tc.want)
			}
		})
	}
}

func TestODTErrors(t *testing.T) {
	content := odtXML(tp("Hello."))
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty input", []byte{},
			"not an .odt file (the file is empty): save it again as OpenDocument Text (.odt)"},
		{"random bytes", []byte{0x50, 0x4b, 0x03, 0x04, 0x99, 0x00, 0x12},
			"not an .odt file (not a zip archive): save it again as OpenDocument Text (.odt)"},
		{"Word 97-2003", append(append([]byte{}, oleMagic...), make([]byte, 512)...),
			"not an .odt file (it is an old Word .doc file): open it in LibreOffice Writer and save it as .odt"},
		{"zip without the content", zipOf(part{"mimetype", "application/vnd.oasis.opendocument.text"}, part{"styles.xml", "<x/>"}),
			"not an .odt file (no content.xml): save it again as OpenDocument Text (.odt)"},
		{"a .docx named .odt", docxOf(wp(wr("Hello."))),
			"not an .odt file (it looks like a Word file): rename it to .docx"},
		{"a spreadsheet", zipOf(part{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, part{"content.xml", content}),
			"not an .odt file (it is an OpenDocument spreadsheet, not text): save it again as OpenDocument Text (.odt)"},
		{"password-protected", zipOf(part{"mimetype", "application/vnd.oasis.opendocument.text"}, part{"content.xml", "\x93\x11\xfe"},
			part{"META-INF/manifest.xml", `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>`}),
			"cannot read the .odt file (it is password-protected): open it, remove the password and save it again as .odt"},
		{"truncated XML", odtPart(content[:len(content)-30]),
			"content.xml:2: invalid XML (unexpected EOF): the file is damaged; save it again as OpenDocument Text (.odt)"},
		{"invalid UTF-8", odtPart(odtXML(tp("caf\xe9"))),
			"content.xml:2: invalid XML (invalid UTF-8): the file is damaged; save it again as OpenDocument Text (.odt)"},
		{"another kind of XML", odtPart(`<office:document-styles ` + odtNamespaces + `/>`),
			"not an .odt file (content.xml holds <document-styles>, not an OpenDocument text): save it again as OpenDocument Text (.odt)"},
		{"zip bomb", rawZip(&zip.FileHeader{Name: "content.xml", Method: zip.Deflate, CompressedSize64: 5, UncompressedSize64: 1 << 40}, "xxxxx"),
			"content.xml is larger than 256 MiB uncompressed: split the transcript into smaller files"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ODT(tc.data)
			if err == nil {
				t.Fatalf("no error; got %q", got)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got  %s\n want %s", err, tc.want)
			}
		})
	}
}

// TestTextLimit checks that a document whose text would make a transcript
// larger than qda writes is refused while it is read, whatever its zip
// headers say: the limit is lowered so the test stays small.
func TestTextLimit(t *testing.T) {
	defer func(n int64) { maxText = n }(maxText)
	maxText = 1000
	long := strings.Repeat("I went to the cafe. ", 60)
	tests := []struct {
		name string
		read func([]byte) ([]string, error)
		data []byte
		want string
	}{
		{"docx, one paragraph", DOCX, docxOf(wp(wr(long))),
			"word/document.xml: its text is larger than 64 MB, more than qda writes as one transcript: split the document into smaller files and ingest each"},
		{"docx, many paragraphs", DOCX, docxOf(strings.Repeat(wp(wr("Yes.")), 300)),
			"word/document.xml: its text is larger than 64 MB, more than qda writes as one transcript: split the document into smaller files and ingest each"},
		{"docx, table rows", DOCX, docxOf(strings.Repeat("<w:tbl><w:tr><w:tc>"+wp(wr("May"))+"</w:tc><w:tc>"+wp(wr("Yes."))+"</w:tc></w:tr></w:tbl>", 200)),
			"word/document.xml: its text is larger than 64 MB, more than qda writes as one transcript: split the document into smaller files and ingest each"},
		{"odt", ODT, odtOf(strings.Repeat(tp(long), 2)),
			"content.xml: its text is larger than 64 MB, more than qda writes as one transcript: split the document into smaller files and ingest each"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.read(tc.data)
			if err == nil {
				t.Fatalf("no error; got %d paragraphs", len(got))
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got  %s\n want %s", err, tc.want)
			}
		})
	}
}

// TestEmptyParagraphs checks that empty paragraphs, a few bytes of XML
// each and a few bytes compressed, do not each cost a string in memory.
func TestEmptyParagraphs(t *testing.T) {
	for _, tc := range []struct {
		name string
		read func([]byte) ([]string, error)
		data []byte
	}{
		{"docx", DOCX, docxOf(wp(wr("May: Hello.")) + strings.Repeat("<w:p/>", 200_000) + wp(wr("Bye.")))},
		{"docx rows", DOCX, docxOf(wp(wr("May: Hello.")) + "<w:tbl>" + strings.Repeat("<w:tr/>", 200_000) + "</w:tbl>" + wp(wr("Bye.")))},
		{"odt", ODT, odtOf(tp("May: Hello.") + strings.Repeat("<text:p/>", 200_000) + tp("Bye."))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.read(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"May: Hello.", "", "Bye."}; !slices.Equal(got, want) {
				t.Errorf("got %d paragraphs %.60q, want %q", len(got), got, want)
			}
		})
	}
}
