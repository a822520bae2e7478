package refi

import (
	"strconv"

	"github.com/qdatool/qda/internal/xmltext"
)

// sourceXML appends TextSource elements as encoding/xml's Encoder writes
// them with Indent(prefix, "  "), one after the other, byte for byte.
// Written by hand because at 10,000 participants encoding/xml's
// reflection over a quarter of a million selections was a quarter of the
// export's CPU; the elements' shape is fixed (types.go), so the writing
// is a walk over the fields in their order. TestSourceXMLMatchesEncoder
// and FuzzSourceXML compare it with encoding/xml.
type sourceXML struct {
	prefix string
	// started is set once an element is written: encoding/xml starts
	// every element but the first on a new line.
	started bool
}

// indent starts a line for an element at depth (0 for the TextSource).
func (x *sourceXML) indent(b []byte, depth int) []byte {
	if x.started {
		b = append(b, '\n')
	}
	x.started = true
	b = append(b, x.prefix...)
	for range depth {
		b = append(b, "  "...)
	}
	return b
}

func attr(b []byte, name, value string) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = xmltext.Append(b, value, false)
	return append(b, '"')
}

func attrOmit(b []byte, name, value string) []byte {
	if value == "" {
		return b
	}
	return attr(b, name, value)
}

// text is an element holding only text, on one line.
func (x *sourceXML) text(b []byte, depth int, name, value string) []byte {
	b = x.indent(b, depth)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = xmltext.Append(b, value, false)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

func (x *sourceXML) ref(b []byte, depth int, name string, r Ref) []byte {
	b = x.indent(b, depth)
	b = append(b, '<')
	b = append(b, name...)
	b = attr(b, "targetGUID", r.Target)
	b = append(b, "></"...)
	b = append(b, name...)
	return append(b, '>')
}

// end closes an element: on its own line when it has children, else
// right after its start tag.
func (x *sourceXML) end(b []byte, depth int, name string, children bool) []byte {
	if children {
		b = x.indent(b, depth)
	}
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

func (x *sourceXML) source(b []byte, s *TextSource) []byte {
	const name = "TextSource"
	b = x.indent(b, 0)
	b = append(b, "<"+name...)
	b = attr(b, "guid", s.GUID)
	b = attrOmit(b, "name", s.Name)
	b = attrOmit(b, "richTextPath", s.RichTextPath)
	b = attrOmit(b, "plainTextPath", s.PlainTextPath)
	b = attrOmit(b, "path", s.Path)
	b = attrOmit(b, "creatingUser", s.CreatingUser)
	b = attrOmit(b, "creationDateTime", s.CreationDateTime)
	b = append(b, '>')
	children := false
	if s.Description != "" {
		b, children = x.text(b, 1, "Description", s.Description), true
	}
	if s.PlainTextContent != nil {
		b, children = x.text(b, 1, "PlainTextContent", *s.PlainTextContent), true
	}
	for i := range s.Selections {
		b, children = x.selection(b, 1, &s.Selections[i]), true
	}
	for i := range s.Codings {
		b, children = x.coding(b, 1, &s.Codings[i]), true
	}
	for _, r := range s.NoteRefs {
		b, children = x.ref(b, 1, "NoteRef", r), true
	}
	for i := range s.Values {
		b, children = x.value(b, 1, &s.Values[i]), true
	}
	return x.end(b, 0, name, children)
}

func (x *sourceXML) selection(b []byte, depth int, s *Selection) []byte {
	const name = "PlainTextSelection"
	b = x.indent(b, depth)
	b = append(b, "<"+name...)
	b = attr(b, "guid", s.GUID)
	b = attrOmit(b, "name", s.Name)
	b = append(b, ` startPosition="`...)
	b = strconv.AppendInt(b, s.Start, 10)
	b = append(b, `" endPosition="`...)
	b = strconv.AppendInt(b, s.End, 10)
	b = append(b, '"')
	b = attrOmit(b, "creatingUser", s.CreatingUser)
	b = attrOmit(b, "creationDateTime", s.CreationDateTime)
	b = append(b, '>')
	children := false
	if s.Description != "" {
		b, children = x.text(b, depth+1, "Description", s.Description), true
	}
	for i := range s.Codings {
		b, children = x.coding(b, depth+1, &s.Codings[i]), true
	}
	for _, r := range s.NoteRefs {
		b, children = x.ref(b, depth+1, "NoteRef", r), true
	}
	return x.end(b, depth, name, children)
}

func (x *sourceXML) coding(b []byte, depth int, c *Coding) []byte {
	const name = "Coding"
	b = x.indent(b, depth)
	b = append(b, "<"+name...)
	b = attr(b, "guid", c.GUID)
	b = attrOmit(b, "creatingUser", c.CreatingUser)
	b = attrOmit(b, "creationDateTime", c.CreationDateTime)
	b = append(b, '>')
	b = x.ref(b, depth+1, "CodeRef", c.CodeRef)
	for _, r := range c.NoteRefs {
		b = x.ref(b, depth+1, "NoteRef", r)
	}
	return x.end(b, depth, name, true)
}

func (x *sourceXML) value(b []byte, depth int, v *VariableValue) []byte {
	const name = "VariableValue"
	b = x.indent(b, depth)
	b = append(b, "<"+name+">"...)
	b = x.ref(b, depth+1, "VariableRef", v.VariableRef)
	for _, e := range []struct {
		name string
		v    *string
	}{{"TextValue", v.TextValue}, {"BooleanValue", v.BooleanValue}, {"IntegerValue", v.IntegerValue},
		{"FloatValue", v.FloatValue}, {"DateValue", v.DateValue}, {"DateTimeValue", v.DateTimeValue}} {
		if e.v != nil {
			b = x.text(b, depth+1, e.name, *e.v)
		}
	}
	return x.end(b, depth, name, true)
}
