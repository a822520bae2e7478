package refi

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// encoderSources is how encoding/xml writes the sources, one after the
// other, as the spill did before sourceXML.
func encoderSources(t testing.TB, srcs []TextSource) string {
	t.Helper()
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	enc.Indent("    ", "  ")
	for _, s := range srcs {
		if err := enc.EncodeElement(s, xml.StartElement{Name: xml.Name{Local: "TextSource"}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func handSources(srcs []TextSource) string {
	x := &sourceXML{prefix: "    "}
	var b []byte
	for i := range srcs {
		b = x.source(b, &srcs[i])
	}
	return string(b)
}

func sp(s string) *string { return &s }

// fullSource sets every field a TextSource can have, each to s.
func fullSource(s string) TextSource {
	return TextSource{
		GUID: s, Name: s, RichTextPath: s, PlainTextPath: s, Path: s, CreatingUser: s, CreationDateTime: s,
		Description: s, PlainTextContent: sp(s),
		Selections: []Selection{
			{GUID: s, Name: s, Start: -3, End: 1 << 40, CreatingUser: s, CreationDateTime: s, Description: s,
				Codings:  []Coding{{GUID: s, CreatingUser: s, CreationDateTime: s, CodeRef: Ref{s}, NoteRefs: []Ref{{s}, {""}}}},
				NoteRefs: []Ref{{s}}},
			{GUID: s, Start: 0, End: 0},
			{GUID: s, Description: s},
		},
		Codings:  []Coding{{GUID: s, CodeRef: Ref{s}}},
		NoteRefs: []Ref{{s}},
		Values: []VariableValue{
			{VariableRef: Ref{s}, TextValue: sp(s)},
			{VariableRef: Ref{s}, BooleanValue: sp("true"), IntegerValue: sp(s), FloatValue: sp(s), DateValue: sp(s), DateTimeValue: sp(s)},
			{VariableRef: Ref{s}},
		},
	}
}

func TestSourceXMLMatchesEncoder(t *testing.T) {
	srcs := []TextSource{
		{},
		{GUID: "g"},
		{GUID: "g", Name: "may-1", PlainTextPath: "internal://g.txt", CreationDateTime: "2026-12-07T09:00:00Z"},
		{GUID: "g", Values: []VariableValue{{VariableRef: Ref{"v"}, TextValue: sp("")}}},
		{GUID: "g", PlainTextContent: sp("")},
		fullSource("x"),
		fullSource(`quote " apostrophe ' amp & lt < gt > tab	 nl
 cr` + "\r bad \xff ctrl \x01 \uFFFE 😀"),
		fullSource(""),
	}
	want, got := encoderSources(t, srcs), handSources(srcs)
	if got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("differs from encoding/xml at byte %d:\nours:         %.300q\nencoding/xml: %.300q", i, got[i:], want[i:])
	}
}

func FuzzSourceXML(f *testing.F) {
	f.Add("x", "d", int64(5))
	f.Add("", "a\nb & <c>", int64(-1))
	f.Add("\xff\x00", "\uFFFE", int64(1<<40))
	f.Fuzz(func(t *testing.T, s, desc string, n int64) {
		src := fullSource(s)
		src.Description = desc
		src.Selections[1].Start, src.Selections[1].End = n, -n
		srcs := []TextSource{src, {GUID: desc, Name: s}}
		if want, got := encoderSources(t, srcs), handSources(srcs); got != want {
			t.Fatalf("ours:\n%s\nencoding/xml:\n%s", got, want)
		}
	})
}
