package refi

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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
	if err := screen(data, lim.Depth, "Project"); err != nil {
		return nil, err
	}
	var p Project
	if err := newDecoder(data, ProjectNS).Decode(&p); err != nil {
		return nil, fmt.Errorf("not a REFI-QDA project: %v", xmlError(err))
	}
	return &p, nil
}

// ParseCodebook reads a .qdc file, as safely as ParseProject.
func ParseCodebook(data []byte, lim Limits) (*CodebookFile, error) {
	data, err := utf8XML(data)
	if err != nil {
		return nil, err
	}
	if err := screen(data, lim.Depth, "CodeBook"); err != nil {
		return nil, err
	}
	var cb CodebookFile
	if err := newDecoder(data, CodebookNS).Decode(&cb); err != nil {
		return nil, fmt.Errorf("not a REFI-QDA codebook: %v", xmlError(err))
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

// screen walks the tokens once before decoding: a DOCTYPE is refused,
// and so is nesting past depth, which would otherwise cost a recursion
// per level.
func screen(data []byte, depth int, root string) error {
	d := newDecoder(data, "")
	level := 0
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
			if level > depth {
				return fmt.Errorf("%w: elements nest more than %d deep", ErrUnsafe, depth)
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

// xmlError keeps encoding/xml's message, which names the line.
func xmlError(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("line %d: %s", se.Line, se.Msg)
	}
	return strings.TrimPrefix(err.Error(), "xml: ")
}
