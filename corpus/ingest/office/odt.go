package office

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

const (
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsSVG    = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
)

// maxSpaces caps one text:s element. More spaces than this are layout, not
// words, and an uncapped count would let a tiny file ask for gigabytes.
const maxSpaces = 1024

// ODT returns the text of an .odt file's body, one string per paragraph or
// heading, in document order, by the same rules as DOCX. White space in
// the XML collapses as ODF says it does; text:s, text:tab and
// text:line-break give spaces, "\t" and "\n". Tracked deletions, notes,
// annotations and list numbers are left out.
func ODT(data []byte) ([]string, error) {
	zr, err := openArchive(data, odtFormat)
	if err != nil {
		return nil, err
	}
	if e := findPart(zr, "mimetype"); e != nil {
		if b, err := readPart(e, 1024); err == nil {
			kind, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "application/vnd.oasis.opendocument.")
			if ok && !strings.HasPrefix(kind, "text") && len(kind) < 40 {
				return nil, odtFormat.notErr(fmt.Sprintf("it is an OpenDocument %s, not text", kind))
			}
		}
	}
	if e := findPart(zr, "META-INF/manifest.xml"); e != nil {
		if b, err := readPart(e, 1<<20); err == nil && bytes.Contains(b, []byte("encryption-data")) {
			return nil, errorf("cannot read the .odt file (it is password-protected): open it, remove the password and save it again as .odt")
		}
	}
	e := findPart(zr, odtFormat.part)
	if e == nil {
		if findPart(zr, docxFormat.part) != nil {
			return nil, errorf("%s %s", odtFormat.not, odtFormat.other)
		}
		return nil, odtFormat.notErr("no content.xml")
	}
	rc, err := openPart(e, odtFormat)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	r := &odtReader{walker: newWalker(rc, e.Name, odtFormat)}
	paras, err := r.document()
	if err != nil {
		return nil, r.fail(err)
	}
	return paras, nil
}

type odtReader struct{ *walker }

// odtDropped are elements whose content a reader of the body does not see
// as its text: the deleted text of tracked changes, notes, comments, list
// numbers, ruby guides, image titles and descriptions, and table columns.
var odtDropped = map[xml.Name]bool{
	{Space: nsText, Local: "tracked-changes"}:       true,
	{Space: nsText, Local: "note"}:                  true,
	{Space: nsText, Local: "number"}:                true,
	{Space: nsText, Local: "ruby-text"}:             true,
	{Space: nsOffice, Local: "annotation"}:          true,
	{Space: nsOffice, Local: "annotation-end"}:      true,
	{Space: nsOffice, Local: "forms"}:               true,
	{Space: nsSVG, Local: "title"}:                  true,
	{Space: nsSVG, Local: "desc"}:                   true,
	{Space: nsTable, Local: "table-column"}:         true,
	{Space: nsTable, Local: "table-columns"}:        true,
	{Space: nsTable, Local: "table-column-group"}:   true,
	{Space: nsTable, Local: "table-header-columns"}: true,
	{Space: nsTable, Local: "covered-table-cell"}:   true,
	{Space: nsTable, Local: "title"}:                true,
	{Space: nsTable, Local: "desc"}:                 true,
}

func odtDrop(n xml.Name) bool {
	// Index sources (text:table-of-content-source and the like) hold the
	// templates an index is built from, not text in the body.
	return odtDropped[n] || n.Space == nsText && strings.HasSuffix(n.Local, "-source")
}

func isODF(n xml.Name, space, local string) bool { return n.Space == space && n.Local == local }

func (r *odtReader) document() ([]string, error) {
	root, err := r.root()
	if err != nil {
		return nil, err
	}
	if !isODF(root.Name, nsOffice, "document-content") && !isODF(root.Name, nsOffice, "document") {
		return nil, odtFormat.notErr(r.part + " holds <" + root.Name.Local + ">, not an OpenDocument text")
	}
	var out blocks
	err = r.children(func(t xml.StartElement) error {
		if !isODF(t.Name, nsOffice, "body") {
			// Styles, fonts, scripts and, in a flat file, the master pages
			// that hold headers and footers.
			return r.skip()
		}
		return r.children(func(t xml.StartElement) error {
			if isODF(t.Name, nsOffice, "text") {
				return r.block(&out)
			}
			return r.skip()
		})
	})
	if err != nil {
		return nil, err
	}
	if err := r.drain(); err != nil {
		return nil, err
	}
	return out.list(), nil
}

// block reads paragraphs, headings and tables, and the lists, sections and
// frames that hold them, up to the end of the element just started.
func (r *odtReader) block(out *blocks) error {
	return r.children(func(t xml.StartElement) error {
		switch {
		case isODF(t.Name, nsText, "p"), isODF(t.Name, nsText, "h"):
			return r.paragraph(out)
		case isODF(t.Name, nsTable, "table"):
			return r.table(out)
		case odtDrop(t.Name):
			return r.skip()
		}
		return r.block(out)
	})
}

func (r *odtReader) paragraph(out *blocks) error {
	// White space at the start of a paragraph is ignored.
	p := para{space: true}
	if err := r.inline(&p, true); err != nil {
		return err
	}
	r.end(out, &p)
	return nil
}

// inline reads a paragraph's content up to the end of the element just
// started. Character data counts only in text elements: white space inside
// frames and the like is the XML's layout, not the document's.
func (r *odtReader) inline(p *para, collect bool) error {
	for {
		tok, err := r.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if collect {
				r.collapse(p, string(t))
			}
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := r.inlineElem(p, t); err != nil {
				return err
			}
		}
	}
}

func (r *odtReader) inlineElem(p *para, t xml.StartElement) error {
	switch {
	case isODF(t.Name, nsText, "p"), isODF(t.Name, nsText, "h"):
		return r.paragraph(&p.after)
	case isODF(t.Name, nsTable, "table"):
		return r.table(&p.after)
	case isODF(t.Name, nsText, "s"):
		n := 1
		if v, err := strconv.Atoi(attr(t, "c")); err == nil && v > 0 {
			n = min(v, maxSpaces)
		}
		r.control(p, strings.Repeat(" ", n))
	case isODF(t.Name, nsText, "tab"):
		r.control(p, "\t")
	case isODF(t.Name, nsText, "line-break"):
		r.control(p, "\n")
	case odtDrop(t.Name):
	default:
		return r.inline(p, t.Name.Space == nsText)
	}
	return r.skip()
}

// control writes characters that ODF does not collapse, and that do not
// make the white space after them collapsible either.
func (r *odtReader) control(p *para, s string) {
	r.write(p, s)
	p.space = false
}

// collapse writes character data as ODF says to read it: each run of
// spaces, tabs and line ends is one space, dropped at the start of the
// paragraph. Soft hyphens are dropped too.
func (r *odtReader) collapse(p *para, s string) {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case ' ', '\t', '\n', '\r':
			if !p.space {
				b.WriteByte(' ')
				p.space = true
			}
		case '\u00AD':
		default:
			b.WriteRune(c)
			p.space = false
		}
	}
	r.write(p, b.String())
}

// table reads a table:table, one paragraph per row. Repeated rows and
// cells are read once: Writer does not repeat rows with text in them, and
// a repeat count must not make a small file large.
func (r *odtReader) table(out *blocks) error {
	return r.children(func(t xml.StartElement) error {
		switch {
		case isODF(t.Name, nsTable, "table-row"):
			return r.row(out)
		case odtDrop(t.Name):
			return r.skip()
		}
		// Header rows, row groups.
		return r.table(out)
	})
}

func (r *odtReader) row(out *blocks) error {
	var cells []string
	var content func(xml.StartElement) error
	content = func(t xml.StartElement) error {
		switch {
		case isODF(t.Name, nsTable, "table-cell"):
			var cell blocks
			if err := r.block(&cell); err != nil {
				return err
			}
			cells = append(cells, cellText(cell.list()))
			return nil
		case odtDrop(t.Name):
			return r.skip()
		}
		return r.children(content)
	}
	if err := r.children(content); err != nil {
		return err
	}
	r.produced++
	out.add(rowText(cells))
	return nil
}
