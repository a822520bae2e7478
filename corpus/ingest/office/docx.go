package office

import (
	"bytes"
	"encoding/xml"
	"path"
	"strings"
)

const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// DOCX returns the text of a .docx file's body, one string per paragraph,
// in document order. A run of empty paragraphs is kept as one "". A line
// break within a paragraph is "\n" and a tab is "\t". Each table row is
// one paragraph: "Label: speech" when it has two filled cells and the
// first reads as a speaker label, else the filled cells' text joined by
// tabs. Tracked changes read as accepted; field codes, footnotes,
// endnotes, comments, headers and footers are left out. Text over
// MaxText is refused.
func DOCX(data []byte) ([]string, error) {
	zr, err := openArchive(data, docxFormat)
	if err != nil {
		return nil, err
	}
	name := docxFormat.part
	if e := findPart(zr, "_rels/.rels"); e != nil {
		if rels, err := readPart(e, 1<<20); err == nil {
			if n := officeDocument(rels); n != "" && findPart(zr, n) != nil {
				name = n
			}
		}
	}
	e := findPart(zr, name)
	if e == nil {
		if findPart(zr, odtFormat.part) != nil {
			return nil, errorf("%s %s", docxFormat.not, docxFormat.other)
		}
		return nil, docxFormat.notErr("no " + name)
	}
	rc, err := openPart(e, docxFormat)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	r := &docxReader{walker: newWalker(rc, e.Name, docxFormat)}
	paras, err := r.document()
	if err != nil {
		return nil, r.fail(err)
	}
	return paras, nil
}

// officeDocument finds the main part named in the package relationships,
// which Word need not call word/document.xml.
func officeDocument(rels []byte) string {
	d := xml.NewDecoder(bytes.NewReader(rels))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		t, ok := tok.(xml.StartElement)
		if !ok || t.Name.Local != "Relationship" {
			continue
		}
		var typ, target string
		for _, a := range t.Attr {
			switch a.Name.Local {
			case "Type":
				typ = a.Value
			case "Target":
				target = a.Value
			}
		}
		if strings.HasSuffix(typ, "/officeDocument") && target != "" {
			return strings.TrimPrefix(path.Clean("/"+target), "/")
		}
	}
}

type docxReader struct {
	*walker
	// fields has one entry per open complex field, set once the field's
	// result has begun. Text shows only when every open field shows its
	// result: a field's code can hold whole nested fields.
	fields []bool
}

func isW(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == nsW || n.Space == nsWStrict)
}

func inW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

func isMC(n xml.Name, local string) bool { return n.Space == nsMC && n.Local == local }

// dropped are elements whose content is never body text as a reader sees
// it: deletions, field codes, properties, note and comment references and
// ruby guide text.
var dropped = map[string]bool{
	"del": true, "moveFrom": true, "delText": true, "delInstrText": true,
	"instrText": true, "fldData": true,
	"footnoteReference": true, "endnoteReference": true, "commentReference": true,
	"annotationRef": true, "footnoteRef": true, "endnoteRef": true,
	"sectPr": true, "rPr": true, "tblPr": true, "tblGrid": true, "tcPr": true,
	"tblPrEx": true, "sdtPr": true, "sdtEndPr": true, "customXmlPr": true,
	"rt": true, "sym": true,
}

func (r *docxReader) document() ([]string, error) {
	root, err := r.root()
	if err != nil {
		return nil, err
	}
	if !isW(root.Name, "document") {
		return nil, docxFormat.notErr(r.part + " holds <" + root.Name.Local + ">, not a Word document")
	}
	var out blocks
	err = r.children(func(t xml.StartElement) error {
		if isW(t.Name, "body") {
			return r.block(&out)
		}
		return r.skip()
	})
	if err != nil {
		return nil, err
	}
	if err := r.drain(); err != nil {
		return nil, err
	}
	return out.list(), nil
}

// alternate reads mc:AlternateContent. Its branches hold the same content
// for different readers, so only the first that yields anything is read.
func (r *docxReader) alternate(content func() error) error {
	chosen := false
	return r.children(func(t xml.StartElement) error {
		if chosen || !(isMC(t.Name, "Choice") || isMC(t.Name, "Fallback")) {
			return r.skip()
		}
		before := r.produced
		err := content()
		chosen = r.produced > before
		return err
	})
}

// block reads paragraphs and tables up to the end of the element just
// started.
func (r *docxReader) block(out *blocks) error {
	return r.children(func(t xml.StartElement) error {
		switch {
		case isMC(t.Name, "AlternateContent"):
			return r.alternate(func() error { return r.block(out) })
		case !inW(t.Name):
			return r.block(out)
		case t.Name.Local == "p":
			return r.paragraph(out)
		case t.Name.Local == "tbl":
			return r.table(out)
		case dropped[t.Name.Local]:
			return r.skip()
		}
		return r.block(out)
	})
}

func (r *docxReader) paragraph(out *blocks) error {
	var p para
	if err := r.inline(&p); err != nil {
		return err
	}
	r.end(out, &p)
	return nil
}

// inline reads a paragraph's content up to the end of the element just
// started: runs and whatever wraps them (hyperlinks, insertions, fields,
// content controls).
func (r *docxReader) inline(p *para) error {
	return r.children(func(t xml.StartElement) error {
		switch {
		case isMC(t.Name, "AlternateContent"):
			return r.alternate(func() error { return r.inline(p) })
		case !inW(t.Name):
			return r.inline(p)
		}
		switch t.Name.Local {
		case "p":
			return r.paragraph(&p.after)
		case "tbl":
			return r.table(&p.after)
		case "t":
			return r.text(p, t)
		case "tab", "ptab":
			r.show(p, "\t")
		case "br":
			if attr(t, "type") != "page" {
				r.show(p, "\n")
			}
		case "cr":
			r.show(p, "\n")
		case "noBreakHyphen":
			// What the reader sees is a hyphen, and the normaliser
			// downstream knows "-" but not U+2011.
			r.show(p, "-")
		case "fldChar":
			r.fieldChar(attr(t, "fldCharType"))
		case "pPr":
			found, err := r.holds("del", "moveFrom")
			p.markDeleted = found
			return err
		default:
			if dropped[t.Name.Local] {
				return r.skip()
			}
			return r.inline(p)
		}
		return r.skip()
	})
}

// text reads a w:t element. Without xml:space="preserve" the white space
// at its ends is not part of the text: Word and LibreOffice both drop it.
func (r *docxReader) text(p *para, t xml.StartElement) error {
	var b strings.Builder
	for {
		tok, err := r.next()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			b.Write(tok)
		case xml.StartElement:
			if err := r.skip(); err != nil {
				return err
			}
		case xml.EndElement:
			s := strings.ReplaceAll(b.String(), "\u00AD", "")
			if attr(t, "space") != "preserve" {
				s = strings.Trim(s, " \t\r\n")
			}
			r.show(p, s)
			return nil
		}
	}
}

// show writes s unless it belongs to a field's code.
func (r *docxReader) show(p *para, s string) {
	for _, shown := range r.fields {
		if !shown {
			return
		}
	}
	r.write(p, s)
}

func (r *docxReader) fieldChar(typ string) {
	switch typ {
	case "begin":
		r.fields = append(r.fields, false)
	case "separate":
		if n := len(r.fields); n > 0 {
			r.fields[n-1] = true
		}
	case "end":
		if n := len(r.fields); n > 0 {
			r.fields = r.fields[:n-1]
		}
	}
}

// holds reads to the end of the element just started and reports whether
// it holds a Word element with one of the names.
func (r *docxReader) holds(names ...string) (bool, error) {
	found := false
	depth := 1
	for depth > 0 {
		tok, err := r.next()
		if err != nil {
			return false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			for _, n := range names {
				if isW(t.Name, n) {
					found = true
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	return found, nil
}

// table reads a w:tbl, one paragraph per row.
func (r *docxReader) table(out *blocks) error {
	return r.children(func(t xml.StartElement) error {
		switch {
		case isMC(t.Name, "AlternateContent"):
			return r.alternate(func() error { return r.table(out) })
		case isW(t.Name, "tr"):
			return r.row(out)
		case inW(t.Name) && dropped[t.Name.Local]:
			return r.skip()
		}
		// Content controls and custom XML can wrap rows.
		return r.table(out)
	})
}

func (r *docxReader) row(out *blocks) error {
	var cells []string
	deleted := false
	var content func(xml.StartElement) error
	content = func(t xml.StartElement) error {
		switch {
		case isW(t.Name, "tc"):
			var cell blocks
			if err := r.block(&cell); err != nil {
				return err
			}
			cells = append(cells, cellText(cell.list()))
			return nil
		case isW(t.Name, "trPr"):
			// A row deleted with changes tracked is gone once they are accepted.
			found, err := r.holds("del")
			deleted = deleted || found
			return err
		case inW(t.Name) && dropped[t.Name.Local]:
			return r.skip()
		}
		return r.children(content)
	}
	if err := r.children(content); err != nil {
		return err
	}
	if !deleted {
		r.produced++
		out.add(rowText(cells))
	}
	return nil
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
