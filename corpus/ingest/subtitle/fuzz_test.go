package subtitle

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/qdatool/qda/internal/diag"
)

// fuzzSeeds are small inputs at the edges the readers handle; the
// fixtures are checked in under testdata/fuzz (see TestFuzzSeeds).
var fuzzSeeds = []string{
	"",
	"WEBVTT\n",
	vtt("<v A>hi</v><v B>hello</v>"),
	vtt("<v.loud Jane Doe>Hello", "there</v> after"),
	vtt("May Smith: Hello", "again"),
	vtt("<c.yellow>Hi</c> <i>there</i> a<00:00:01.500> <00:00:02.000>b <ruby>a<rt>b</rt></ruby>"),
	vtt("&amp; &lt;i&gt; &#39;q&#39; &nbsp;x &ampx; &#xE000; <name removed> [inaudible] --> <!-- x -->"),
	vtt(`<font color=">">x</font> <v A"B>x"y> <`),
	"WEBVTT\n\nNOTE\nnote\n\nSTYLE\n::cue {\n\n}\n\nREGION\nid:r\n\n1\n00:00:01.000 -->\nNOTE x\nRegion: y\n\nstray\n",
	"\xff\xfeW\x00E\x00B\x00V\x00T\x00T\x00\n\x00",
	srt("<i>tea</i> <b>time</b>", "{\\an8}<font color=\"#ff0000\">red</font>"),
	"00:00:01,000 --> 00:00:02,000\nHello\n00:00:03,000 --> 00:00:04,000\nBye\n1\n",
	srt("caf\xe9 &amp; <name removed>", "", "42"),
}

func FuzzVTT(f *testing.F) { fuzzReader(f, VTT) }

func FuzzSRT(f *testing.F) { fuzzReader(f, SRT) }

// fuzzReader checks, for any input: no panic; errors are findings, since
// any other error is an internal one; and the cues are valid UTF-8, tidy,
// take no word from nowhere, and survive being written as WebVTT and read
// back.
func fuzzReader(f *testing.F, read func([]byte) ([]Cue, error)) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cues, err := read(data)
		if err != nil {
			var finding *diag.Finding
			if !errors.As(err, &finding) {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		refs := newWordSources(data)
		for _, c := range cues {
			checkCue(t, c, refs)
		}
		again, err := VTT(writeVTT(cues))
		if err != nil {
			t.Fatalf("reading the cues back: %v", err)
		}
		if len(again) != 0 || len(cues) != 0 {
			if !reflect.DeepEqual(again, cues) {
				t.Fatalf("write and read back:\n got  %q\n want %q", again, cues)
			}
		}
		turns := Turns(cues)
		if !reflect.DeepEqual(Turns(turns), turns) {
			t.Fatalf("Turns is not idempotent on %q", turns)
		}
	})
}

func checkCue(t *testing.T, c Cue, refs *wordSources) {
	t.Helper()
	for _, s := range []string{c.Speaker, c.Text} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %q", c)
		}
		if strings.ContainsFunc(s, func(r rune) bool { return r >= sentVoice && r <= sentLast }) {
			t.Fatalf("a sentinel is left in %q", c)
		}
		for _, w := range words(s) {
			if !refs.has(w) {
				t.Fatalf("word %q of %q is not in the input", w, c)
			}
		}
	}
	if c.Text == "" {
		t.Fatalf("empty cue %q", c)
	}
	if c.Speaker != strings.Join(strings.Fields(c.Speaker), " ") {
		t.Fatalf("speaker %q is not tidy", c.Speaker)
	}
	for _, l := range strings.Split(c.Text, "\n") {
		if l == "" || l != strings.Join(strings.Fields(l), " ") {
			t.Fatalf("line %q of %q is not tidy", l, c)
		}
	}
}

var (
	anyTagRE   = regexp.MustCompile(`<[^<>]*>`)
	assCodesRE = regexp.MustCompile(`\{\\[^{}]*\}`)
)

// wordSources are the texts in which an output word must appear: the
// input as text, with references decoded, and with markup removed, which
// joins the parts of a word that a tag splits. They are built without the
// readers' own tokenizing, so that they check it.
type wordSources struct {
	texts []string
	words map[string]bool
}

func newWordSources(data []byte) *wordSources {
	text := decode(data)
	// The readers strip tags and override codes within a cue's text, not
	// across its timing line: a "{\\" on the timing line and a "}" in the
	// cue strip nothing there (a fuzzed input found the whole-file strip
	// taking a word away that the reader rightly kept). So the cues' text
	// is a source too, and each with tags, codes or both stripped.
	var blocks []string
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		var kept []string
		for _, l := range strings.Split(block, "\n") {
			if !strings.Contains(l, "-->") {
				kept = append(kept, l)
			}
		}
		blocks = append(blocks, strings.Join(kept, "\n"))
	}
	var texts []string
	for _, t := range []string{text, strings.Join(blocks, "\n\n")} {
		tags := anyTagRE.ReplaceAllString(t, "")
		for _, v := range []string{t, tags, assCodesRE.ReplaceAllString(t, ""), assCodesRE.ReplaceAllString(tags, "")} {
			texts = append(texts, v, decodeEntities(v))
		}
	}
	ws := &wordSources{
		texts: texts,
		words: map[string]bool{},
	}
	for _, t := range ws.texts {
		for _, w := range words(t) {
			ws.words[w] = true
		}
	}
	return ws
}

// has reports whether w is a word of the sources or, failing that, part
// of their text: a word the reader cut short is not invented.
func (ws *wordSources) has(w string) bool {
	if ws.words[w] {
		return true
	}
	for _, t := range ws.texts {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// words returns the runs of letters and digits in s.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// writeVTT writes cues as WebVTT, one cue each, the speaker as a voice tag.
func writeVTT(cues []Cue) []byte {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	var b strings.Builder
	b.WriteString("WEBVTT\n")
	for _, c := range cues {
		b.WriteString("\n00:00:00.000 --> 00:00:01.000\n")
		if c.Speaker != "" {
			b.WriteString("<v " + esc.Replace(c.Speaker) + ">")
		}
		b.WriteString(esc.Replace(c.Text))
		b.WriteString("\n")
	}
	return []byte(b.String())
}
