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

// FuzzParseTable: no panic, every finding has a place, and a table that
// parses cleanly survives qda's own write and read unchanged.
func FuzzParseTable(f *testing.F) {
	f.Add([]byte("id,participant,wave,sha256\nmay-1,may,1,\nted-1,ted,\"1,2\",\n"))
	f.Add([]byte("\ufeffid,gender\r\nmay,female\r\n"))
	f.Add([]byte("id,a,a\nx,1\n"))
	f.Add([]byte("id\n\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, fs := ParseTable("t.csv", bytes.NewReader(data), "id")
		for _, f := range fs {
			if f.File != "t.csv" || f.Line < 0 {
				t.Fatalf("finding without a place: %+v", f)
			}
		}
		if fs.HasErrors() {
			return
		}
		out := tab.Marshal()
		back, fs2 := ParseTable("t.csv", bytes.NewReader(out), "id")
		if fs2.HasErrors() {
			t.Fatalf("qda's own output does not parse: %v\n%s", fs2, out)
		}
		if again := back.Marshal(); !bytes.Equal(out, again) {
			t.Fatalf("round trip changed:\n%s\nto\n%s", out, again)
		}
	})
}

// FuzzParseConfig: no panic on any qda.yaml, and every finding has a place.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("title: A study\ndescription: x\nanonymise:\n  names: [Bob Smith]\n  key: ../key.yaml\n  rules:\n    - pattern: 'Flat \\d+'\n      replace: '[address]'\n"))
	f.Add([]byte("title: [\n"))
	f.Add([]byte("anonymise: 3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, fs := ParseConfig("qda.yaml", data)
		for _, f := range fs {
			if f.File != "qda.yaml" || f.Line < 0 {
				t.Fatalf("finding without a place: %+v", f)
			}
		}
	})
}

// FuzzParseKey: no panic; a key that parses has no empty term, and
// survives qda's own writing of it (anonymise scan rewrites the key).
func FuzzParseKey(f *testing.F) {
	f.Add([]byte("terms:\n  - term: Jill Smith\n    kind: name\n    replace: '[name removed]'\n  - term: Leeds\n    kind: place\n    replace: Leeds\n    keep: true\n    found: 3\n"))
	f.Add([]byte("terms: []\n"))
	f.Add([]byte("terms:\n  - term: a\n    replace: \"b\\nc\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := ParseKey("key.yaml", data)
		if err != nil {
			return
		}
		for _, term := range k.Terms {
			if len(bytes.TrimSpace([]byte(term.Term))) == 0 {
				t.Fatalf("an empty term was accepted: %+v", term)
			}
		}
		out, err := k.Marshal()
		if err != nil {
			t.Fatalf("the key does not marshal: %v", err)
		}
		back, err := ParseKey("key.yaml", out)
		if err != nil {
			t.Fatalf("qda's own key does not parse: %v\n%s", err, out)
		}
		if len(back.Terms) != len(k.Terms) {
			t.Fatalf("round trip kept %d of %d terms", len(back.Terms), len(k.Terms))
		}
		for i := range k.Terms {
			a, b := k.Terms[i], back.Terms[i]
			a.Line, b.Line = 0, 0
			if a != b {
				t.Fatalf("round trip changed term %d: %+v to %+v", i, a, b)
			}
		}
	})
}
