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
	described := func(c Code, desc, color string) Code {
		c.Description, c.Color = desc, color
		return c
	}
	tests := []struct {
		name      string
		codes     []Code
		added     []string
		matched   int
		dups      int
		conflicts []string
	}{
		{"five siblings of one name", []Code{same("a"), same("b"), same("c"), same("d"), same("e")}, []string{"same"}, 0, 4, nil},
		{"a study's code twice", []Code{tea("a"), tea("b")}, nil, 1, 1, nil},
		{"children of both copies", []Code{same("a", child("a1", "One")), same("b", child("b1", "One"), child("b2", "Two"))}, []string{"same", "same/one", "same/two"}, 0, 2, nil},
		{"siblings that slug alike", []Code{child("a", "Café"), child("b", "cafe")}, []string{"cafe"}, 0, 1, nil},
		// What a later copy gives otherwise is not dropped unsaid.
		{"a copy described otherwise", []Code{described(same("a"), "First.", "#ff0000"), described(same("b"), "Second.", "#ff0000"), described(same("c"), "", "#00ff00")},
			[]string{"same"}, 0, 2, []string{
				`code same: the .qdc gives it again ("Same") with the description "Second.", where it first gave "First."; kept the first`,
				`code same: the .qdc gives it again ("Same") with the color "#00ff00", where it first gave "#ff0000"; kept the first`,
			}},
		{"a study's code twice, described otherwise", []Code{described(tea("a"), "Hot.", ""), described(tea("b"), "Cold.", "")}, nil, 1, 1, []string{
			`code tea: the .qdc gives it again ("tea") with the description "Cold.", where it first gave "Hot."; kept the first`,
		}},
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
			var conflicts []string
			for _, c := range rep.Conflicts {
				if !strings.Contains(c, "differs from the study's") { // the study's own, told apart
					conflicts = append(conflicts, c)
				}
			}
			if !slices.Equal(conflicts, tc.conflicts) {
				t.Errorf("conflicts\n%q\nwant\n%q", conflicts, tc.conflicts)
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
	// The study's codebook: n codes with nothing but a name.
	study := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("title: Study\ncodes:\n  - name: tea\n")
		for i := range n {
			fmt.Fprintf(&b, "  - name: code-%d\n", i)
		}
		return b.Bytes()
	}
	tests := []struct {
		name  string
		study func(n int) []byte
		code  func(i int) Code
		check func(rep *MergeReport, n int) bool
	}{
		{"new codes, each with a child", func(int) []byte { return study(0) },
			func(i int) Code {
				name := fmt.Sprintf("code %d", i)
				return Code{GUID: name, Name: name, IsCodable: "true", Codes: []Code{{GUID: name + "/k", Name: "kid", IsCodable: "true"}}}
			},
			func(rep *MergeReport, n int) bool { return len(rep.Added) == 2*n }},
		// One rewrite for each code filled in, or each code new codes go
		// under, read the whole codebook again each time.
		{"descriptions filled in", study,
			func(i int) Code {
				return Code{GUID: fmt.Sprint(i), Name: fmt.Sprintf("code %d", i), IsCodable: "true", Description: fmt.Sprintf("What code %d is.", i)}
			},
			func(rep *MergeReport, n int) bool { return len(rep.Filled) == n && rep.Matched == n }},
		{"a child under each", study,
			func(i int) Code {
				name := fmt.Sprintf("code %d", i)
				return Code{GUID: name, Name: name, IsCodable: "true", Codes: []Code{{GUID: name + "/k", Name: "kid", IsCodable: "true"}}}
			},
			func(rep *MergeReport, n int) bool { return len(rep.Added) == n && rep.Matched == n }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			alloc := func(n int) uint64 {
				src := tc.study(n)
				cb, fs := codebook.Parse("codebook.yaml", src)
				if fs.HasErrors() {
					t.Fatal(fs)
				}
				var codes []Code
				for i := range n {
					codes = append(codes, tc.code(i))
				}
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				out, rep, err := MergeCodebook(cb, src, &CodebookFile{Codes: Codes{codes}}, "Study")
				runtime.ReadMemStats(&after)
				if err != nil || !tc.check(rep, n) || len(rep.Conflicts) > 0 || !bytes.Contains(out, []byte("code-"+fmt.Sprint(n-1))) {
					t.Fatalf("%d codes: err %v, added %d, filled %d, matched %d, conflicts %q", n, err, len(rep.Added), len(rep.Filled), rep.Matched, rep.Conflicts)
				}
				if nb, fs := codebook.Parse("codebook.yaml", out); fs.HasErrors() || len(nb.All()) < n {
					t.Fatalf("%d codes: the result does not parse: %v", n, fs)
				}
				return after.TotalAlloc - before.TotalAlloc
			}
			small, large := alloc(300), alloc(600)
			if ratio := float64(large) / float64(small); ratio > 3 {
				t.Errorf("twice the codes allocated %.1f times the memory (%d, then %d bytes): more than linear", ratio, small, large)
			}
		})
	}
}
