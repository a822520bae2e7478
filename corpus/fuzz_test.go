package corpus

import (
	"bytes"
	"testing"
)

// FuzzParseCodings: no panic, and whatever parses cleanly survives a
// write-and-read round trip unchanged.
func FuzzParseCodings(f *testing.F) {
	f.Add([]byte("- lines: 3-5\n  codes: [confidence, tea]\n  quote: I wanted\n  memo: note\n"))
	f.Add([]byte("[]\n"))
	f.Add([]byte("- lines: \"7\"\n  codes: tea\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		segs, fs := ParseCodings("f.yaml", data)
		for _, f := range fs {
			if f.File != "f.yaml" || f.Line < 0 {
				t.Fatalf("finding without a place: %+v", f)
			}
		}
		if fs.HasErrors() {
			return
		}
		out := MarshalCodings(segs)
		back, fs2 := ParseCodings("f.yaml", out)
		if fs2.HasErrors() {
			t.Fatalf("qda's own output does not parse: %v\n%s", fs2, out)
		}
		if again := MarshalCodings(back); !bytes.Equal(out, again) {
			t.Fatalf("round trip changed:\n%s\nto\n%s", out, again)
		}
	})
}

// FuzzParseTranscript: any bytes are a transcript; line count agrees with
// the file's newlines, and speakers only start turns.
func FuzzParseTranscript(f *testing.F) {
	f.Add([]byte("Interviewer: Hello?\n\nMay: Hi.\nYes.\n"))
	f.Add([]byte("a\r\nb\r\n\r\n"))
	f.Add([]byte("\n\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr := ParseTranscript("x", data)
		want := bytes.Count(data, []byte("\n"))
		if len(data) > 0 && data[len(data)-1] != '\n' {
			want++
		}
		if tr.Len() != want {
			t.Fatalf("%d lines, want %d for %q", tr.Len(), want, data)
		}
		for i, l := range tr.Lines {
			if l.Blank && l.TurnStart {
				t.Fatalf("line %d: a blank line cannot start a turn", i+1)
			}
			_ = tr.Quote(i + 1)
			_ = Words(l.Body)
		}
	})
}
