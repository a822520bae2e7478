package refi

import (
	"bytes"
	"fmt"
	"runtime"
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

// TestMergeDuplicates tells codes the .qdc gives twice from codes the
// study has: five siblings of one name add one code, and the other four
// are duplicates in the file, not codes already in the study.
func TestMergeDuplicates(t *testing.T) {
	cb, fs := codebook.Parse("codebook.yaml", []byte(studyCodebook))
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	same := func(g string, kids ...Code) Code {
		return Code{GUID: g, Name: "Same", IsCodable: "true", Codes: kids}
	}
	tea := func(g string) Code { return Code{GUID: g, Name: "tea", IsCodable: "true"} }
	child := func(g, name string) Code { return Code{GUID: g, Name: name, IsCodable: "true"} }
	tests := []struct {
		name    string
		codes   []Code
		added   []string
		matched int
		dups    int
	}{
		{"five siblings of one name", []Code{same("a"), same("b"), same("c"), same("d"), same("e")}, []string{"same"}, 0, 4},
		{"a study's code twice", []Code{tea("a"), tea("b")}, nil, 1, 1},
		{"children of both copies", []Code{same("a", child("a1", "One")), same("b", child("b1", "One"), child("b2", "Two"))}, []string{"same", "same/one", "same/two"}, 0, 2},
		{"siblings that slug alike", []Code{child("a", "Café"), child("b", "cafe")}, []string{"cafe"}, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, rep, err := MergeCodebook(cb, []byte(studyCodebook), &CodebookFile{Codes: Codes{tc.codes}}, "Study")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rep.Added, tc.added) || rep.Matched != tc.matched || len(rep.Duplicates) != tc.dups {
				t.Errorf("added %q, matched %d, duplicates %q; want %q, %d, %d", rep.Added, rep.Matched, rep.Duplicates, tc.added, tc.matched, tc.dups)
			}
			if _, fs := codebook.Parse("codebook.yaml", out); fs.HasErrors() {
				t.Errorf("%v\n%s", fs, out)
			}
		})
	}
}

// TestMergeLinear checks that merging twice the codes costs about twice
// the memory allocated, not four times: adding codes one at a time read
// the whole codebook again for each (1,000 codes took 34 s).
func TestMergeLinear(t *testing.T) {
	src := []byte("title: Study\ncodes:\n  - name: tea\n")
	cb, fs := codebook.Parse("codebook.yaml", src)
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	alloc := func(n int) uint64 {
		var codes []Code
		for i := range n {
			name := fmt.Sprintf("code %d", i)
			codes = append(codes, Code{GUID: name, Name: name, IsCodable: "true", Codes: []Code{{GUID: name + "/k", Name: "kid", IsCodable: "true"}}})
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		out, rep, err := MergeCodebook(cb, src, &CodebookFile{Codes: Codes{codes}}, "Study")
		runtime.ReadMemStats(&after)
		if err != nil || len(rep.Added) != 2*n || !bytes.Contains(out, []byte("code-"+fmt.Sprint(n-1))) {
			t.Fatalf("%d codes: err %v, added %d", n, err, len(rep.Added))
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(300), alloc(600)
	if ratio := float64(large) / float64(small); ratio > 3 {
		t.Errorf("twice the codes allocated %.1f times the memory (%d, then %d bytes): more than linear", ratio, small, large)
	}
}
