package xmltext

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

var texts = []string{
	"", "plain", " lead", "trail ", "\tTab", "nl\n", "\rcr", "a\nb\r\nc\td",
	`quote " apostrophe ' amp & lt < gt >`, "&#xA; literal", "ctrl \x00\x01\x02\x1f del \x7f",
	"bad utf8 \xff\xfe end \xc3", "surrogate \xed\xa0\x80", "nonchar \uFFFE \uFFFF", "\uFFFD replacement",
	"héllo wörld", "日本語", "emoji 😀 \U0010FFFF", "]]> end",
}

func TestAppendMatchesEncodingXML(t *testing.T) {
	for _, s := range texts {
		check(t, s)
	}
}

func check(t *testing.T, s string) {
	t.Helper()
	var want bytes.Buffer
	if err := xml.EscapeText(&want, []byte(s)); err != nil {
		t.Fatal(err)
	}
	if got := Append([]byte("x"), s, false); string(got) != "x"+want.String() {
		t.Errorf("%q: %q, encoding/xml %q", s, got[1:], want.String())
	}
	keep := strings.ReplaceAll(want.String(), "&#xA;", "\n")
	if got := Append(nil, s, true); string(got) != keep {
		t.Errorf("%q keeping line feeds: %q, want %q", s, got, keep)
	}
	// The encoder escapes attribute values the same way.
	var enc bytes.Buffer
	if err := xml.NewEncoder(&enc).Encode(struct {
		XMLName xml.Name `xml:"e"`
		A       string   `xml:"a,attr"`
	}{A: s}); err != nil {
		t.Fatal(err)
	}
	if got := `<e a="` + string(Append(nil, s, false)) + `"></e>`; got != enc.String() {
		t.Errorf("%q as an attribute: %s, encoding/xml %s", s, got, enc.String())
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range texts {
		f.Add(s)
	}
	f.Fuzz(check)
}
