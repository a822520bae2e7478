package search

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// memoPair is each analyzer the build remembers, beside the mapping's own.
func memoPair(t testing.TB) [][2]analysis.Analyzer {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]analysis.Analyzer
	for _, name := range []string{en.AnalyzerName, analyzerExact} {
		a := m.AnalyzerNamed(name)
		out = append(out, [2]analysis.Analyzer{a, newMemoAnalyzer(a)})
	}
	return out
}

// sameAnalysis fails unless memo gives exactly the tokens plain does, on
// copies of in (the filters may rewrite their input in place).
func sameAnalysis(t testing.TB, plain, memo analysis.Analyzer, in []byte) {
	t.Helper()
	want := plain.Analyze(append([]byte(nil), in...))
	got := memo.Analyze(append([]byte(nil), in...))
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %v\nwant %v", in, got, want)
	}
}

func TestMemoAnalyzer(t *testing.T) {
	ins := []string{
		"", "The cup of tea.", "the CUP of Tea's", "Taxi's taxis TAXI taxiing", "I don't know, it's the bus's",
		"naïve café Σίσυφος ΣΊΣΥΦΟΣ", "İstanbul Ⱥ Ⱦ", "日本語 テキスト", "a an and are as at be but by",
		"running runs ran runner's", "x\xffy", "walked walking walks", "1.5 24/7 self-help",
		"cats’ cat’s cat＇s 's", "  spaces\tand\nlines  ",
	}
	for _, p := range memoPair(t) {
		// Twice: the first time fills the memo, the second reads it.
		for range 2 {
			for _, in := range ins {
				sameAnalysis(t, p[0], p[1], []byte(in))
			}
		}
	}
}

// TestMemoLimit: past memoLimit distinct tokens the memo stops growing
// and the tokens it does not hold are still filtered.
func TestMemoLimit(t *testing.T) {
	p := memoPair(t)[0]
	m := p[1].(*memoAnalyzer)
	for i := 0; i < memoLimit+1000; i += 500 {
		var b []byte
		for j := i; j < i+500; j++ {
			b = fmt.Appendf(b, "Walking%dings ", j)
		}
		sameAnalysis(t, p[0], m, b)
	}
	if len(m.memo) != memoLimit {
		t.Fatalf("memo holds %d terms, want %d", len(m.memo), memoLimit)
	}
	sameAnalysis(t, p[0], m, []byte("Walking99999999ings walking"))
}

// FuzzMemoAnalyzer holds the remembered analyzers to the mapping's, token
// by token: text, offsets, positions and types. The memo lives across
// inputs, so later ones are answered from what earlier ones left.
func FuzzMemoAnalyzer(f *testing.F) {
	for _, s := range []string{"The cup of tea.", "Taxi's TAXIS", "naïve ΣΊΣΥΦΟΣ Ⱥ", "x\xffy\v z", "it's the bus’s"} {
		f.Add([]byte(s))
	}
	pairs := memoPair(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, p := range pairs {
			sameAnalysis(t, p[0], p[1], in)
			sameAnalysis(t, p[0], p[1], in)
		}
	})
}
