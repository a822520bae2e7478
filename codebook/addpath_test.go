package codebook

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestAddUnder(t *testing.T) {
	src := []byte("# keep me\ncodes:\n  - name: tea   # a comment\n    children:\n      - name: cups\n        label: Cups and saucers\n  - name: home\n    children:\n      - name: cups\n")
	cb := parseClean(t, src)
	label := "Big pots"
	tests := []struct {
		name, parent, code string
		parents            bool
		path               string   // the new code's path
		summary            []string // the rewrite's summary
		want               string   // in the result, or in the error when it starts with "error: "
	}{
		{name: "at the top", code: "cake", path: "cake", summary: []string{"added cake"}, want: "      - name: cups\n  - name: cake\n"},
		{name: "under a path", parent: "tea", code: "pots", path: "tea/pots", summary: []string{"added tea/pots"},
			want: "        label: Cups and saucers\n      - name: pots\n  - name: home\n"},
		{name: "under a unique label", parent: "cups and saucers", code: "blue", path: "tea/cups/blue", summary: []string{"added tea/cups/blue"},
			want: "        label: Cups and saucers\n        children:\n          - name: blue\n"},
		{name: "under a unique name, parents given", parent: "Home", code: "mugs", parents: true, path: "home/mugs", summary: []string{"added home/mugs"},
			want: "      - name: cups\n      - name: mugs\n"},
		{name: "missing parent", parent: "tea/pots", code: "big", want: `error: cannot add "tea/pots/big": its parent "tea/pots" is not in the codebook`},
		{name: "missing parent with a likely meaning", parent: "tee", code: "big", want: `error: cannot add "tee/big": its parent "tee" is not in the codebook (did you mean "tea"?)`},
		{name: "missing parents made", parent: "tea/pots/sizes", code: "big", parents: true, path: "tea/pots/sizes/big",
			summary: []string{"added tea/pots", "added tea/pots/sizes", "added tea/pots/sizes/big"},
			want:    "      - name: pots\n        children:\n          - name: sizes\n            children:\n              - name: big\n                label: Big pots\n  - name: home\n"},
		{name: "missing parents made at the top", parent: "garden/shed", code: "tools", parents: true, path: "garden/shed/tools",
			summary: []string{"added garden", "added garden/shed", "added garden/shed/tools"},
			want:    "  - name: home\n    children:\n      - name: cups\n  - name: garden\n    children:\n      - name: shed\n        children:\n          - name: tools\n"},
		{name: "missing parents below a unique label", parent: "Cups and Saucers/blue", code: "pale", parents: true, path: "tea/cups/blue/pale",
			summary: []string{"added tea/cups/blue", "added tea/cups/blue/pale"},
			want:    "        label: Cups and saucers\n        children:\n          - name: blue\n            children:\n              - name: pale\n"},
		{name: "an ambiguous parent", parent: "cups", code: "blue", want: `error: ambiguous code "cups": it resolves to both "tea/cups" and "home/cups"`},
		{name: "an ambiguous parent with parents", parent: "cups/blue", code: "pale", parents: true, want: `error: ambiguous code "cups"`},
		{name: "a code there already", parent: "tea", code: "cups", parents: true, want: `error: code "tea" already has a child named "cups"`},
		{name: "not a slug", parent: "tea/Big Pots", code: "x", parents: true, want: `error: invalid code name "Big Pots"`},
		{name: "a name that is a path", parent: "tea", code: "cups/blue", want: `error: invalid code name "cups/blue"`},
		{name: "a name that is no slug, under a missing parent", parent: "garden", code: "Tools", want: `error: invalid code name "Tools"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Fields{}
			if tc.path == "tea/pots/sizes/big" {
				f.Label = &label
			}
			rw, added, err := AddUnder(cb, src, tc.parent, tc.code, f, tc.parents)
			if want, ok := strings.CutPrefix(tc.want, "error: "); ok {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("error %v; want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			path := added[len(added)-1]
			if path != tc.path || !slices.Equal(rw.Summary, tc.summary) {
				t.Errorf("path %q, summary %q; want %q, %q", path, rw.Summary, tc.path, tc.summary)
			}
			for i, a := range added {
				if rw.Summary[i] != "added "+a {
					t.Errorf("added %q, summary %q: they do not agree", added, rw.Summary)
				}
			}
			got := string(rw.Data)
			if !strings.Contains(got, tc.want) || !strings.HasPrefix(got, "# keep me\n") {
				t.Errorf("got\n%s\nwant it to hold\n%s", got, tc.want)
			}
			nb, fs := Parse("codebook.yaml", rw.Data)
			if fs.HasErrors() || nb.Lookup(path) == nil {
				t.Errorf("the result does not hold %q: %v", path, fs)
			}
		})
	}
}

func TestAddUnderMissingParentError(t *testing.T) {
	cb, _ := Parse("codebook.yaml", []byte("codes:\n  - name: tea\n"))
	_, _, err := AddPath(cb, []byte("codes:\n  - name: tea\n"), "garden/shed", Fields{}, false)
	var mp *MissingParentError
	if !errors.As(err, &mp) || mp.Parent != "garden" || mp.Name != "shed" {
		t.Fatalf("error %#v, want a *MissingParentError for garden/shed", err)
	}
}

// parseClean parses src, which must have no errors.
func parseClean(t *testing.T, src []byte) *Codebook {
	t.Helper()
	cb, fs := Parse("codebook.yaml", src)
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	return cb
}
