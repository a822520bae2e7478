package office

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"
)

// part is one entry of a zip built by a test.
type part struct {
	name, body string
}

// zipOf builds a zip in memory with the parts in order, stored rather than
// deflated so that fuzzing spends its time in the readers.
func zipOf(parts ...part) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		if err != nil {
			panic(err)
		}
		if _, err := io.WriteString(w, p.body); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

const docxNamespaces = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
	` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"` +
	` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
	` xmlns:v="urn:schemas-microsoft-com:vml"` +
	` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
	` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

func rels(target string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="` + target + `"/></Relationships>`
}

// docxXML wraps body in a Word document element.
func docxXML(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document ` + docxNamespaces + `><w:body>` + body + `</w:body></w:document>`
}

// docxOf builds a minimal .docx whose body is body.
func docxOf(body string) []byte {
	return docxPart(docxXML(body))
}

// docxPart builds a .docx whose word/document.xml is doc, as it is.
func docxPart(doc string) []byte {
	return zipOf(
		part{"[Content_Types].xml", contentTypes},
		part{"_rels/.rels", rels("word/document.xml")},
		part{"word/document.xml", doc},
	)
}

const odtNamespaces = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"` +
	` xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"` +
	` xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"` +
	` xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"` +
	` xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"` +
	` xmlns:xlink="http://www.w3.org/1999/xlink"` +
	` xmlns:dc="http://purl.org/dc/elements/1.1/"` +
	` xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"`

// odtXML wraps body in an OpenDocument content element.
func odtXML(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<office:document-content ` + odtNamespaces + ` office:version="1.3"><office:body><office:text>` +
		body + `</office:text></office:body></office:document-content>`
}

// odtOf builds a minimal .odt whose body is body.
func odtOf(body string) []byte {
	return odtPart(odtXML(body))
}

// odtPart builds an .odt whose content.xml is content, as it is.
func odtPart(content string) []byte {
	return zipOf(
		part{"mimetype", "application/vnd.oasis.opendocument.text"},
		part{"content.xml", content},
	)
}

// zeros reads as endless zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestLimitedRefusesWhatHeadersUnderstate(t *testing.T) {
	_, err := io.Copy(io.Discard, &limited{r: io.LimitReader(zeros{}, maxSize+10)})
	if !errors.Is(err, errTooLarge) {
		t.Fatalf("err %v, want errTooLarge", err)
	}
}
