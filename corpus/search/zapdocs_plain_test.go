package search

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"

	"github.com/qdatool/qda/corpus"
)

// TestSegmentLinesStoresText: the text segmentLines stores is each
// line's as written, whether the English analyzer is a memoAnalyzer or
// bleve's own, whose filters lowercase and stem their input in place.
func TestSegmentLinesStoresText(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	memo, plain := newAnalyzers(m), newAnalyzers(m)
	plain.en = m.AnalyzerNamed(en.AnalyzerName)
	if _, ok := plain.en.(*memoAnalyzer); ok {
		t.Fatal("the mapping's English analyzer is a memoAnalyzer")
	}
	lines := []string{"R: Walking To The Shops", "I: Why CAFÉS, Running?"}
	tr := corpus.ParseTranscript("t", []byte(lines[0]+"\n"+lines[1]+"\n"))
	for name, an := range map[string]analyzers{"memo": memo, "plain": plain} {
		rec := &docRecord{}
		segmentLines(rec, tr, nil, map[string]string{}, an)
		var stored []string
		at := 0
		for _, op := range rec.ops {
			b := rec.bytes[at : at+int(op.n)]
			at += int(op.n)
			if op.kind == opStore && rec.fields[op.field].name == FieldText {
				stored = append(stored, string(b))
			}
		}
		if !slices.Equal(stored, lines) {
			t.Errorf("%s: stored %q, want %q", name, stored, lines)
		}
	}
}
