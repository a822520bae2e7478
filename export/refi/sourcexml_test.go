package refi

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"reflect"
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

// everyField is a TextSource with every field set, found by reflection
// so that a field added to the types later is set too (and the writer,
// which walks today's fields by hand, is caught missing it): each string
// is s, each number a different one from n up, each pointer set, each
// list two long.
func everyField(t testing.TB, s string, n int64) TextSource {
	t.Helper()
	var src TextSource
	fill(t, reflect.ValueOf(&src).Elem(), "TextSource", s, &n)
	return src
}

func fill(t testing.TB, v reflect.Value, where, s string, n *int64) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(*n)
		*n++
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), where, s, n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(t, v.Index(i), fmt.Sprintf("%s[%d]", where, i), s, n)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Type == reflect.TypeFor[xml.Name]() {
				continue // not encoded, or the element's name
			}
			fill(t, v.Field(i), where+"."+f.Name, s, n)
		}
	default:
		t.Fatalf("%s is a %s: teach fill (and sourceXML) to write it", where, v.Kind())
	}
}

// mixedSource sets most fields a TextSource can have, each to s, with
// some lists holding elements of few fields and some values unset.
func mixedSource(s string) TextSource {
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
		mixedSource("x"),
		mixedSource(`quote " apostrophe ' amp & lt < gt > tab	 nl
 cr` + "\r bad \xff ctrl \x01 \uFFFE 😀"),
		mixedSource(""),
		everyField(t, "x", -3),
		everyField(t, `amp & lt < "q" 'a' nl
 end`, 1<<40),
		everyField(t, "", 0),
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
		src := everyField(t, s, n)
		src.Description = desc
		src.Selections[1].Start, src.Selections[1].End = n, -n
		mixed := mixedSource(desc)
		srcs := []TextSource{src, {GUID: desc, Name: s}, mixed}
		if want, got := encoderSources(t, srcs), handSources(srcs); got != want {
			t.Fatalf("ours:\n%s\nencoding/xml:\n%s", got, want)
		}
	})
}
