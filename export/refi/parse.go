package refi

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// ParseProject reads project.qde, refusing a document type declaration
// (which is how entity expansion and external entities get in) and
// nesting deeper than lim.Depth.
func ParseProject(data []byte, lim Limits) (*Project, error) {
	data, err := utf8XML(data)
	if err != nil {
		return nil, err
	}
	if err := screen(data, lim, "Project"); err != nil {
		return nil, err
	}
	var p Project
	d := newDecoder(data, ProjectNS)
	if err := xml.NewTokenDecoder(draftReader{d}).Decode(&p); err != nil {
		return nil, fmt.Errorf("not a REFI-QDA project: %v", decodeError(d, err))
	}
	return &p, nil
}

// ParseCodebook reads a .qdc file, as safely as ParseProject.
func ParseCodebook(data []byte, lim Limits) (*CodebookFile, error) {
	data, err := utf8XML(data)
	if err != nil {
		return nil, err
	}
	if err := screen(data, lim, "CodeBook"); err != nil {
		return nil, err
	}
	var cb CodebookFile
	d := newDecoder(data, CodebookNS)
	if err := xml.NewTokenDecoder(draftReader{d}).Decode(&cb); err != nil {
		return nil, fmt.Errorf("not a REFI-QDA codebook: %v", decodeError(d, err))
	}
	return &cb, nil
}

// newDecoder reads elements without a namespace as in space, for tools
// that leave the xmlns out.
func newDecoder(data []byte, space string) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.DefaultSpace = space
	// The text is UTF-8 by now, whatever the declaration says.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

// draftNS are the namespaces of the standard's draft (0.4), which older
// NVivo, ATLAS.ti and MAXQDA write and QualCoder reads: the same elements
// and attributes as 1.0 where qda reads them.
var draftNS = map[string]string{
	"urn:QDA-XML:project:0:4":  ProjectNS,
	"urn:QDA-XML:codebook:0:4": CodebookNS,
}

// draftReader reads elements of the draft namespaces as 1.0's.
type draftReader struct{ d *xml.Decoder }

func (r draftReader) Token() (xml.Token, error) {
	tok, err := r.d.Token()
	switch t := tok.(type) {
	case xml.StartElement:
		if ns, ok := draftNS[t.Name.Space]; ok {
			t.Name.Space = ns
		}
		attrs := make([]xml.Attr, len(t.Attr))
		for i, a := range t.Attr {
			if ns, ok := draftNS[a.Value]; ok && (a.Name.Local == "xmlns" || a.Name.Space == "xmlns") {
				a.Value = ns
			}
			attrs[i] = a
		}
		t.Attr = attrs
		return t, err
	case xml.EndElement:
		if ns, ok := draftNS[t.Name.Space]; ok {
			t.Name.Space = ns
		}
		return t, err
	}
	return tok, err
}

// utf8XML drops a byte order mark, decoding UTF-16 to UTF-8 on the way.
func utf8XML(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("not valid UTF-16: %v", err)
		}
		return out, nil
	}
	if !utf8.Valid(data) {
		return nil, errors.New("not valid UTF-8 XML")
	}
	return data, nil
}

// screen walks the tokens once before decoding, refusing what decoding
// would take silently or without saying where: a DOCTYPE; nesting past
// lim.Depth, which would otherwise cost a recursion per level; more than
// lim.Codes codes; two codes, sources, notes, users, cases or variables
// with one GUID, whose references could not be told apart; and a
// selection's position that is missing or not a whole number, which
// would be read as 0.
func screen(data []byte, lim Limits, root string) error {
	d := newDecoder(data, "")
	level, codes := 0, 0
	seen := map[string]map[string]int{} // kind → GUID → line
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %v", xmlError(err))
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("DOCTYPE")) || bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return fmt.Errorf("%w: it declares a document type (<!DOCTYPE>); qda refuses entity declarations, which can read local files or expand without end", ErrUnsafe)
			}
		case xml.StartElement:
			if level == 0 && t.Name.Local != root {
				return fmt.Errorf("the root element is <%s>, not <%s>", t.Name.Local, root)
			}
			level++
			if level > depth(lim) {
				return fmt.Errorf("%w: elements nest more than %d deep", ErrUnsafe, depth(lim))
			}
			line, _ := d.InputPos()
			if t.Name.Local == "Code" {
				if codes++; lim.Codes > 0 && codes > lim.Codes {
					return fmt.Errorf("line %d: more than %d codes, more than qda reads from one file; is it the right file? a codebook of a study has hundreds at most", line, lim.Codes)
				}
			}
			if err := screenElement(t, line, seen); err != nil {
				return err
			}
		case xml.EndElement:
			level--
		}
	}
	if level != 0 {
		return errors.New("not well-formed XML: it ends inside an element")
	}
	return nil
}

// depth is lim.Depth, or 200 where a caller's Limits leave it out.
func depth(lim Limits) int {
	if lim.Depth > 0 {
		return lim.Depth
	}
	return 200
}

// guidKinds are the elements whose GUIDs others refer to, by the kind of
// thing they are: a reference names a code, a source, a note...
var guidKinds = map[string]string{
	"Code": "code", "TextSource": "source", "PictureSource": "source", "PDFSource": "source",
	"AudioSource": "source", "VideoSource": "source", "Note": "note", "User": "user",
	"Case": "case", "Variable": "variable",
}

// screenElement checks one start tag on line: its GUID is not one seen
// before for its kind, and a text selection's positions are whole numbers.
func screenElement(t xml.StartElement, line int, seen map[string]map[string]int) error {
	kind := guidKinds[t.Name.Local]
	var start, end *string
	for i, a := range t.Attr {
		switch {
		case a.Name.Local == "guid" && kind != "":
			g := guidKey(a.Value)
			if g == "" {
				continue
			}
			if seen[kind] == nil {
				seen[kind] = map[string]int{}
			}
			if first, ok := seen[kind][g]; ok {
				return fmt.Errorf("line %d: <%s> has guid %q, as the %s on line %d has: which one a reference means cannot be told; give each its own GUID, or export again", line, t.Name.Local, a.Value, kind, first)
			}
			seen[kind][g] = line
		case t.Name.Local == "PlainTextSelection" && a.Name.Local == "startPosition":
			start = &t.Attr[i].Value
		case t.Name.Local == "PlainTextSelection" && a.Name.Local == "endPosition":
			end = &t.Attr[i].Value
		}
	}
	if t.Name.Local != "PlainTextSelection" {
		return nil
	}
	for _, p := range []struct {
		name string
		v    *string
	}{{"startPosition", start}, {"endPosition", end}} {
		if p.v == nil {
			return fmt.Errorf("line %d: <PlainTextSelection> has no %s; where it is in the text cannot be told", line, p.name)
		}
		if _, err := strconv.ParseInt(strings.TrimSpace(*p.v), 10, 64); err != nil {
			return fmt.Errorf("line %d: <PlainTextSelection> %s %q is not a whole number qda can read", line, p.name, *p.v)
		}
	}
	return nil
}

// decodeError names the line where decoding stopped: encoding/xml's
// errors for a value it cannot convert do not.
func decodeError(d *xml.Decoder, err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return xmlError(err)
	}
	line, _ := d.InputPos()
	return fmt.Sprintf("line %d: %s", line, strings.TrimPrefix(err.Error(), "xml: "))
}

// xmlError keeps encoding/xml's message, which names the line.
func xmlError(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("line %d: %s", se.Line, se.Msg)
	}
	return strings.TrimPrefix(err.Error(), "xml: ")
}
