package search

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// TestParallelBuildLikeSerial: a build from nothing analysed by several
// workers (build_ahead.go) writes the same segment, byte for byte, and
// the same manifest, as one analysed on the writer's goroutine, in one
// segment and in chunks merged; its notices (a coder's file that does
// not parse) come in the same order.
func TestParallelBuildLikeSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	dir, _, n := buildStudy(t)
	coders, err := filepath.Glob(filepath.Join(dir, "codings", "*"))
	if err != nil || len(coders) == 0 {
		t.Fatal(err, coders)
	}
	files, err := filepath.Glob(filepath.Join(coders[0], "*.yaml"))
	if err != nil || len(files) < 3 {
		t.Fatal(err, files)
	}
	for _, f := range []string{files[1], files[len(files)-1]} {
		if err := os.WriteFile(f, []byte("segments: [\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ageStudy(dir)
	defer func(f func() int, c int) { buildWorkers, chunkTokens = f, c }(buildWorkers, chunkTokens)
	build := func(workers int) (seg []byte, man string, notices []string) {
		t.Helper()
		buildWorkers = func() int { return workers }
		if err := os.RemoveAll(filepath.Join(dir, Dir)); err != nil {
			t.Fatal(err)
		}
		ix := openWith(t, dir, Options{})
		if !ix.Stats.Rebuilt || ix.Stats.Reindexed != n {
			t.Fatalf("%d workers: %+v", workers, ix.Stats)
		}
		man, notices = manifestEntries(ix), ix.Notices
		ix.Close()
		store := filepath.Join(dir, bleveDir, "store")
		name, err := onlySegment(store)
		if err != nil {
			t.Fatal(err)
		}
		seg, err = os.ReadFile(filepath.Join(store, name))
		if err != nil {
			t.Fatal(err)
		}
		return seg, man, notices
	}
	for _, chunk := range []int{chunkTokens, 30000} {
		chunkTokens = chunk
		wantSeg, wantMan, wantNotices := build(1)
		if len(wantNotices) != 2 {
			t.Fatalf("notices %q, want two (the codings files broken)", wantNotices)
		}
		for _, workers := range []int{2, 5} {
			what := fmt.Sprintf("chunks of %d tokens, %d workers", chunk, workers)
			seg, man, notices := build(workers)
			if !bytes.Equal(seg, wantSeg) {
				sameSegment(t, wantSeg, seg)
				t.Fatalf("%s: the segment differs from one worker's", what)
			}
			if man != wantMan {
				t.Errorf("%s: manifest\n%s\nwant\n%s", what, man, wantMan)
			}
			if fmt.Sprint(notices) != fmt.Sprint(wantNotices) {
				t.Errorf("%s: notices %q, want %q", what, notices, wantNotices)
			}
		}
	}
}

// keywordValues are keyword values whose lowercasing differs in a way:
// empty, ASCII, runes whose lower case is longer or shorter in UTF-8, a
// final sigma, invalid UTF-8 before and after such runes, title case.
var keywordValues = []string{
	"", "a", "Female", "P0001", "ACCESS/Transport", "x y\tz", "naïve CAFÉ",
	"ΣΊΣΥΦΟΣ", "Σ", "ΑΣ", "aΣ", "ΣΣ", "İstanbul", "KELVIN \u212a", "Ⱥ", "aȺB", "ȾΣ",
	"\xff", "A\xffB", "Ⱥ\xffA", "\xffȺ", "ǅ ǈ ǋ", "ß ẞ", "Ω \u2126", "日本語", "Σ\xff",
}

// TestKeywordsLikeAnalyzer: keywords gives the term, position and
// offsets the mapping's keyword analyzer gives, value by value, the
// same keywords used for one value after another.
func TestKeywordsLikeAnalyzer(t *testing.T) {
	an := testAnalyzers(t)
	kw := newKeywords()
	for _, v := range keywordValues {
		sameKeyword(t, an.keyword, kw, v)
	}
}

func sameKeyword(t *testing.T, keyword analysis.Analyzer, kw *keywords, v string) {
	t.Helper()
	toks := keyword.Analyze([]byte(v))
	if len(toks) != 1 {
		t.Fatalf("%q: the analyzer made %d tokens", v, len(toks))
	}
	tok := toks[0]
	if got := kw.term(v); !bytes.Equal(got, tok.Term) || tok.Position != 1 || tok.Start != 0 || tok.End != len(v) {
		t.Errorf("%q: %q 1 0 %d, the analyzer %q %d %d %d", v, got, len(v), tok.Term, tok.Position, tok.Start, tok.End)
	}
}

// FuzzKeywordsLikeAnalyzer: for any value, keywords is the analyzer.
func FuzzKeywordsLikeAnalyzer(f *testing.F) {
	for _, v := range keywordValues {
		f.Add(v)
	}
	an := testAnalyzers(f)
	kw := newKeywords()
	f.Fuzz(func(t *testing.T, v string) {
		sameKeyword(t, an.keyword, kw, v)
	})
}
