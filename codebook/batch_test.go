package codebook

import (
	"strings"
	"testing"
)

// TestAddAndFill makes many changes in one rewrite: new codes under a
// code, under its last child and under that child's parent's parent, all
// ending on one line, and fields filled in, each where a person would
// put it, comments and blank lines kept.
func TestAddAndFill(t *testing.T) {
	src := "# keep me\ntitle: T\ncodes:\n  - name: tea   # a comment\n    children:\n      - name: cups\n\n      - name: pots\n        color: \"#112233\"\n  - {name: cake, label: Cake}\n"
	cb, fs := Parse("codebook.yaml", []byte(src))
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	s := func(v string) *string { return &v }
	groups := []Group{
		{Parent: "", Codes: []NewCode{{Name: "bread"}}},
		{Parent: "tea", Codes: []NewCode{{Name: "mugs", Children: []NewCode{{Name: "big"}}}}},
		{Parent: "tea/pots", Codes: []NewCode{{Name: "brown"}}},
		{Parent: "tea", Codes: []NewCode{{Name: "cups"}}}, // taken: left out, the rest made
	}
	fills := map[string]Fields{
		"tea":      {Label: s("Tea"), Description: s("Drinks.")},
		"tea/pots": {Description: s("Pots.")},
		"cake":     {Description: s("Sweet.")},
		"nothere":  {Label: s("x")},
	}
	b, err := AddAndFill(cb, []byte(src), groups, fills)
	if err != nil {
		t.Fatal(err)
	}
	want := "# keep me\ntitle: T\ncodes:\n  - name: tea   # a comment\n    label: Tea\n    description: Drinks.\n    children:\n      - name: cups\n\n" +
		"      - name: pots\n        description: Pots.\n        color: \"#112233\"\n        children:\n          - name: brown\n\n      - name: mugs\n        children:\n          - name: big\n" +
		"  - {name: cake, label: Cake, description: Sweet.}\n  - name: bread\n"
	if got := string(b.Data); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if b.GroupErrs[3] == nil || !strings.Contains(b.GroupErrs[3].Error(), `already has a child named "cups"`) || b.GroupErrs[0] != nil {
		t.Errorf("group errors %v", b.GroupErrs)
	}
	if b.FillErrs["nothere"] == nil || len(b.FillErrs) != 1 {
		t.Errorf("fill errors %v", b.FillErrs)
	}
}
