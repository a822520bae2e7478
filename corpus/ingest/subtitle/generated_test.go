package subtitle

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// phrase is one word or run of words as a file writes it and as it reads.
type phrase struct{ written, spoken string }

// vocabulary mixes plain words with what the readers must decode or keep:
// references, redactions, angle brackets, arrows and keywords.
var vocabulary = []phrase{
	{"tea", "tea"}, {"buses", "buses"}, {"the", "the"}, {"community", "community"},
	{"connector", "connector"}, {"Tuesday", "Tuesday"}, {"GP", "GP"}, {"42", "42"},
	{"café", "café"}, {"colour", "colour"}, {"I'd", "I'd"}, {"said:", "said:"},
	{"&amp;", "&"}, {"May&#39;s", "May's"}, {"&lt;laughs&gt;", "<laughs>"},
	{"&quot;lovely&quot;", `"lovely"`}, {"fish&nbsp;supper", "fish supper"},
	{"[inaudible]", "[inaudible]"}, {"[name removed]", "[name removed]"},
	{"-->", "-->"}, {"NOTE", "NOTE"}, {"<3", "<3"}, {"&bogus;", "&bogus;"},
}

// generatedSpeakers all pass the "Name:" prefix rule, so that a Zoom-style
// file can name them.
var generatedSpeakers = []string{"Interviewer", "May Smith", "May", "P1"}

// genSpan is one stretch of speech: who, as file text and as read.
type genSpan struct {
	speaker         string
	written, spoken string
}

// genWords makes 1 to 12 words with random markup around them and random
// line breaks between them.
func genWords(r *rand.Rand, srt bool) (written, spoken string) {
	var w, s []string
	for range 1 + r.IntN(12) {
		p := vocabulary[r.IntN(len(vocabulary))]
		text := p.written
		switch r.IntN(8) {
		case 0:
			text = "<i>" + text + "</i>"
		case 1:
			text = "<b>" + text + "</b>"
		case 2:
			if srt {
				text = `<font color="#ffff00">` + text + "</font>"
			} else {
				text = "<c.yellow>" + text + "</c>"
			}
		case 3:
			if !srt {
				text = fmt.Sprintf("<00:00:%02d.%03d>", r.IntN(60), r.IntN(1000)) + text
			}
		}
		w = append(w, text)
		s = append(s, p.spoken)
	}
	var b strings.Builder
	for i, text := range w {
		if i > 0 {
			if r.IntN(6) == 0 {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(text)
	}
	return b.String(), strings.Join(s, " ")
}

// genFile writes a random file of cues in one of the styles the readers
// meet, and returns it with the Turns it must read as.
func genFile(r *rand.Rand, style string) (string, []Cue) {
	var b strings.Builder
	var want []Cue
	srt := style == "srt"
	if !srt {
		b.WriteString("WEBVTT\n\n")
	}
	prevBlank := true
	for n := range 1 + r.IntN(8) {
		switch {
		case style == "teams":
			fmt.Fprintf(&b, "%08x-1d3e-4f5a-9b8c-7d6e5f4a3b2c/%d-0\n", r.Uint32(), n)
		case style == "zoom" || (srt && (!prevBlank || r.IntN(4) > 0)):
			// An SRT cue with neither a number nor a blank line before it
			// would make a last line "42" a cue number, which SRT cannot
			// tell apart (see TestSRT).
			fmt.Fprintf(&b, "%d\n", n+1)
		}
		sep := "."
		if srt {
			sep = ","
		}
		fmt.Fprintf(&b, "00:%02d:%02d%s000 --> 00:%02d:%02d%s500\n", n/60, n%60, sep, n/60, n%60, sep)
		spans := 1
		if style == "teams" {
			spans += r.IntN(3)
		}
		for k := range spans {
			if k > 0 {
				b.WriteString(" ")
			}
			written, spoken := genWords(r, srt)
			speaker := ""
			if r.IntN(5) > 0 {
				speaker = generatedSpeakers[r.IntN(len(generatedSpeakers))]
			}
			switch {
			case speaker == "":
			case style == "teams":
				written = "<v " + speaker + ">" + written + "</v>"
			default:
				written = speaker + ": " + written
			}
			b.WriteString(written)
			want = append(want, Cue{speaker, spoken})
		}
		b.WriteString("\n")
		prevBlank = !srt || r.IntN(4) > 0
		if prevBlank {
			b.WriteString("\n")
		}
	}
	return b.String(), Turns(want)
}

// TestGeneratedFiles reads random files in each style and checks that the
// turns hold every word, in order, with the right speakers: the fuzz
// targets check that no word is invented, this that none is lost.
func TestGeneratedFiles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, style := range []string{"teams", "zoom", "plain", "srt"} {
		read := VTT
		if style == "srt" {
			read = SRT
		}
		for i := range 300 {
			in, want := genFile(r, style)
			cues, err := read([]byte(in))
			if err != nil {
				t.Fatalf("%s #%d: %v\n%s", style, i, err, in)
			}
			if got := Turns(cues); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s #%d:\n%s\n got  %q\n want %q", style, i, in, got, want)
			}
		}
	}
}
