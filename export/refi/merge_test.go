package refi

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/codebook"
)

const studyCodebook = `# Our framework: keep this comment.
title: Study
codes:
  - name: referral   # how people came
    label: Coming to the scheme
    description: Routes in.
    children:
      - name: health-services
  - name: tea
`

func TestMergeCodebook(t *testing.T) {
	cb, fs := codebook.Parse("codebook.yaml", []byte(studyCodebook))
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	ids := NewGUIDs("Study")
	f := &CodebookFile{Codes: Codes{[]Code{
		// Matched by GUID though its name changed elsewhere; a new child.
		{GUID: ids.Of("code", "referral"), Name: "Referral routes", IsCodable: "true", Description: "Other words.", Codes: []Code{
			{GUID: "c0000000-0000-4000-8000-000000000001", Name: "Word of mouth", IsCodable: "true", Color: "#FF00AA11"},
		}},
		// Matched by path.
		{GUID: "c0000000-0000-4000-8000-000000000002", Name: "tea", IsCodable: "true"},
		// New, with a nested child.
		{GUID: "c0000000-0000-4000-8000-000000000003", Name: "Day to day", IsCodable: "true", Description: "Chores.", Codes: []Code{
			{GUID: "c0000000-0000-4000-8000-000000000004", Name: "Café", IsCodable: "true"},
		}},
	}}, Sets: &Others{Items: []Other{{Name: "Favourites"}}}}
	out, rep, err := MergeCodebook(cb, []byte(studyCodebook), f, "Study")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"referral/word-of-mouth", "day-to-day", "day-to-day/cafe"}; !slices.Equal(rep.Added, want) {
		t.Errorf("added %q, want %q", rep.Added, want)
	}
	if !slices.Equal(rep.NotCarried, []string{`set "Favourites": qda has no sets`}) {
		t.Errorf("not carried %q", rep.NotCarried)
	}
	if rep.Matched != 2 || len(rep.Conflicts) != 2 {
		t.Errorf("matched %d, conflicts %q; want 2 and the label and description of referral", rep.Matched, rep.Conflicts)
	}
	for _, want := range []string{"# Our framework: keep this comment.", "- name: referral   # how people came", "description: Routes in.", "label: Word of mouth", "color: \"#00aa11\"", "label: Café"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("merged codebook lacks %q:\n%s", want, out)
		}
	}
	nb, fs := codebook.Parse("codebook.yaml", out)
	if fs.HasErrors() || nb.Lookup("referral/health-services") == nil {
		t.Fatalf("merged codebook lost a code or does not parse: %v\n%s", fs, out)
	}
	again, rep2, err := MergeCodebook(nb, out, f, "Study")
	if err != nil || !bytes.Equal(again, out) || len(rep2.Added) != 0 {
		t.Errorf("merging twice changed the codebook again: %v, added %q", err, rep2.Added)
	}
}

// TestMergeCodebookFormerPaths merges a .qdc written before a rename and
// a move: its codes match by the aliases the refactoring left, and a new
// child lands under the code's present path, not as a clash with the alias.
func TestMergeCodebookFormerPaths(t *testing.T) {
	const src = `title: Study
codes:
  - name: confidence
    children:
      - name: journeys
        aliases: [travel]
  - name: outings
    aliases: [tea/outings]
  - name: tea
`
	cb, fs := codebook.Parse("codebook.yaml", []byte(src))
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	f := &CodebookFile{Codes: Codes{[]Code{
		{GUID: "c0000000-0000-4000-8000-000000000001", Name: "confidence", IsCodable: "true", Codes: []Code{
			{GUID: "c0000000-0000-4000-8000-000000000002", Name: "Travelling with support", IsCodable: "true", Description: "qda name: travel", Codes: []Code{
				{GUID: "c0000000-0000-4000-8000-000000000003", Name: "Buses", IsCodable: "true"},
			}},
		}},
		{GUID: "c0000000-0000-4000-8000-000000000004", Name: "tea", IsCodable: "true", Codes: []Code{
			{GUID: "c0000000-0000-4000-8000-000000000005", Name: "outings", IsCodable: "true", Description: "Going out together."},
		}},
	}}}
	out, rep, err := MergeCodebook(cb, []byte(src), f, "Other title")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"confidence/journeys/buses"}; !slices.Equal(rep.Added, want) {
		t.Errorf("added %q, want %q", rep.Added, want)
	}
	if want := []string{"confidence/travel is confidence/journeys now", "tea/outings is outings now"}; !slices.Equal(rep.Former, want) {
		t.Errorf("former %q, want %q", rep.Former, want)
	}
	if rep.Matched != 4 || len(rep.Conflicts) != 0 || !slices.Equal(rep.Filled, []string{"confidence/journeys: label", "outings: description"}) {
		t.Errorf("matched %d, conflicts %q, filled %q; want 4, none, the label of journeys and the description of outings", rep.Matched, rep.Conflicts, rep.Filled)
	}
	nb, fs := codebook.Parse("codebook.yaml", out)
	if fs.HasErrors() || len(nb.All()) != 5 {
		t.Fatalf("merged codebook: %v\n%s", fs, out)
	}
}
