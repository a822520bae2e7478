package search

import (
	"maps"
	"slices"
	"testing"

	"github.com/qdatool/qda/corpus"
)

// TestAttrsQuick: a query on attributes finds every transcript that has
// them when the search took the quick check (quick.go), which leaves
// the manifest's entries unparsed. It found one: the transcripts'
// documents were asked for as many as the manifest's parsed entries
// (none) plus one, and bleve, unscored, stops at that many and reports
// no more.
func TestAttrsQuick(t *testing.T) {
	files := maps.Clone(tiny)
	files["participants.csv"] = "id,pseudonym,gender\nmay,May,female\nted,Ted,female\n"
	dir := writeStudy(t, files)
	ageStudy(dir)
	female := []corpus.Filter{{Key: "gender", Values: []string{"female"}}}
	for _, tc := range []struct {
		name string
		r    Request
		want []string
	}{
		{"--where", Request{Query: "interviewer", Filters: female}, []string{"may-1:1", "may-1:6", "ted-1:1"}},
		{"in the query", Request{Query: "+interviewer +gender:female"}, []string{"may-1:1", "may-1:6", "ted-1:1"}},
		{"negated", Request{Query: "interviewer -gender:female"}, nil},
		{"wildcard", Request{Query: "+interviewer +gender:fem*"}, []string{"may-1:1", "may-1:6", "ted-1:1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The first search builds the index, the next trusts it.
			if got, _ := quickHits(t, dir, tc.r); !slices.Equal(got, tc.want) {
				t.Errorf("as the index is built: got %q, want %q", got, tc.want)
			}
			ix, read := openQuick(t, dir)
			got := searchIDs(t, ix, Request{Query: tc.r.Query, Filters: tc.r.Filters, WithRefs: true})
			if ix.man.Transcripts != nil {
				t.Fatalf("the quick check did not pass (tables read: %v): the test tests nothing", *read)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("after the quick check: got %q, want %q", got, tc.want)
			}
		})
	}
}
