package search

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// words repeats a few words, some punctuation and a double space to n bytes.
func words(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString([]string{"alpha ", "beta, ", "gamma  ", "délta ", "e-mail ", "cup ", "of ", "tea "}[i%8])
	}
	return b.String()[:n]
}

// TestPieces: the pieces of a line cover it, each is the line's bytes at
// its offset, no piece is much longer than pieceBytes, consecutive pieces
// overlap by at least overlapBytes-cutSlack, and a cut falls between
// words (or, in a run with no place between words, on a character).
func TestPieces(t *testing.T) {
	for _, tc := range []struct {
		name   string
		line   string
		pieces int // 0: more than one
		clean  bool
	}{
		{"empty", "", 1, true},
		{"short", "May: a cup of tea.", 1, true},
		{"exactly one piece", strings.Repeat("a ", pieceBytes/2), 1, true},
		{"one byte more", strings.Repeat("a ", pieceBytes/2) + "b", 2, true},
		{"words", words(1 << 20), 0, true},
		{"no spaces", strings.Repeat("x", 300<<10), 0, false},
		{"no spaces, accents", strings.Repeat("é", 150<<10), 0, false},
		{"tabs and runs of spaces", strings.Repeat("a\tb  c   ", 40<<10), 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := pieces(tc.line)
			if tc.pieces > 0 && len(ps) != tc.pieces || tc.pieces == 0 && len(ps) < 2 {
				t.Fatalf("%d pieces", len(ps))
			}
			if ps[0].off != 0 || ps[len(ps)-1].off+len(ps[len(ps)-1].text) != len(tc.line) {
				t.Errorf("pieces do not cover the line")
			}
			for i, p := range ps {
				if tc.line[p.off:p.off+len(p.text)] != p.text {
					t.Fatalf("piece %d is not the line's text at %d", i, p.off)
				}
				if len(p.text) > pieceBytes+cutSlack {
					t.Errorf("piece %d: %d bytes", i, len(p.text))
				}
				if !utf8.ValidString(p.text) && utf8.ValidString(tc.line) {
					t.Errorf("piece %d cuts a character", i)
				}
				if i == 0 {
					continue
				}
				prev := ps[i-1]
				if overlap := prev.off + len(prev.text) - p.off; overlap < overlapBytes-cutSlack {
					t.Errorf("pieces %d and %d overlap by %d bytes", i-1, i, overlap)
				}
				if tc.clean && (!cleanCut(tc.line, p.off) || !cleanCut(tc.line, prev.off+len(prev.text))) {
					t.Errorf("piece %d starts or piece %d ends inside a word", i, i-1)
				}
			}
		})
	}
}

// TestLongLine: a line indexed in pieces reports its own line number,
// once, with the byte ranges of every match, including the phrases that
// cross a piece's start; a word only in its last piece is found, and
// the lines after it keep their numbers. A NOT is decided per piece. When the line shrinks, its old
// pieces leave the index.
func TestLongLine(t *testing.T) {
	line := "May: " + words(300<<10) + " cup of tea zebra"
	files := map[string]string{}
	for k, v := range tiny {
		files[k] = v
	}
	files["transcripts/ted-1.txt"] = "Interviewer: Go on.\n\n" + line + "\n\nTed: A cup of tea.\n"
	dir := writeStudy(t, files)

	ix := openIndex(t, dir)
	if ix.Stats.Documents <= 5 {
		t.Fatalf("%d documents: the line was not split", ix.Stats.Documents)
	}
	res, err := ix.Search(Request{Query: `"cup of tea"`})
	if err != nil {
		t.Fatal(err)
	}
	if got := lineIDs(res); !slices.Equal(got, []string{"may-1:8", "ted-1:3", "ted-1:5"}) || res.Total != 3 {
		t.Fatalf("hits %q, total %d", got, res.Total)
	}
	// Every occurrence's words, as byte ranges of the line.
	var want []Span
	crossing := 0
	ps := pieces(line)
	for _, m := range regexp.MustCompile(`(?i)\bcup of tea\b`).FindAllStringIndex(line, -1) {
		want = append(want, Span{m[0], m[0] + 3}, Span{m[0] + 4, m[0] + 6}, Span{m[0] + 7, m[0] + 10})
		for _, p := range ps[1:] {
			if p.off > m[0] && p.off < m[1] {
				crossing++
			}
		}
	}
	if crossing == 0 {
		t.Fatal("no phrase crosses a piece's start: the case tests nothing")
	}
	if got := res.Hits[1].Spans; !slices.Equal(got, want) {
		t.Errorf("%d spans, want %d", len(got), len(want))
	}
	for q, want := range map[string][]string{
		"zebra":               {"ted-1:3"},
		`"tea zebra"`:         {"ted-1:3"},
		`"e-mail cup of"`:     {"ted-1:3"},
		"+speaker:may +zebra": {"ted-1:3"},
		// NOT, like AND, is decided piece by piece (docs/search.md):
		// délta is in a piece without zebra.
		"délta -zebra": {"ted-1:3"},
	} {
		res, err := ix.Search(Request{Query: q, NoSpans: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := lineIDs(res); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}
	ix.Close()

	// The line shrinks: its pieces go, and the index still adds up.
	write(t, dir, "transcripts/ted-1.txt", "Interviewer: Go on.\n\nTed: No.\n")
	if got, _ := hits(t, dir, Request{Query: "zebra OR délta"}); len(got) != 0 {
		t.Errorf("after the edit: %q", got)
	}
	ix = openIndex(t, dir)
	if ix.Stats.Rebuilt || ix.man.pieced() {
		t.Errorf("rebuilt %v, pieces left %v: %v", ix.Stats.Rebuilt, ix.man.pieced(), ix.Notices)
	}
}

// TestTooLarge: a transcript larger than corpus.MaxFileSize is not read;
// the others are searched, a notice names it and the limit, every
// search says so until it is fixed, and then it is searched again.
func TestTooLarge(t *testing.T) {
	dir := writeStudy(t, tiny)
	if got, _ := hits(t, dir, Request{Query: "bus"}); len(got) == 0 {
		t.Fatal("no hits before")
	}
	path := filepath.Join(dir, "transcripts", "ted-1.txt")
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 65<<20); err != nil {
		t.Fatal(err)
	}
	want := "transcripts/ted-1.txt: larger than 64 MB, more than qda reads from one file; not searched"
	for i := range 2 {
		got, ix := hits(t, dir, Request{Query: "tea OR bus"})
		if !slices.Equal(got, []string{"may-1:8"}) {
			t.Errorf("search %d: %q", i, got)
		}
		if n := fmt.Sprint(ix.Notices); !strings.Contains(n, want) || !strings.Contains(n, "transcripts.csv:3") {
			t.Errorf("search %d: notices %q", i, n)
		}
	}
	if err := os.WriteFile(path, saved, 0o644); err != nil {
		t.Fatal(err)
	}
	got, ix := hits(t, dir, Request{Query: "bus"})
	if len(got) == 0 || len(ix.Notices) > 0 {
		t.Errorf("after the fix: %q, %q", got, ix.Notices)
	}
}
