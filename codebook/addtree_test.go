package codebook

import (
	"strings"
	"testing"
)

func TestAddTree(t *testing.T) {
	src := []byte("# keep me\ntitle: T\ncodes:\n  - name: tea   # a comment\n    children:\n      - name: cups\n")
	cb, fs := Parse("codebook.yaml", src)
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	desc := "Two\n\nparagraphs."
	tests := []struct {
		name   string
		parent string
		codes  []NewCode
		want   string // in the result, or in the error when it starts with "error: "
	}{
		{"under a code with children", "tea", []NewCode{{Name: "pots", Fields: Fields{Description: &desc}, Children: []NewCode{{Name: "big"}}}, {Name: "mugs"}},
			"      - name: cups\n      - name: pots\n        description: |-\n          Two\n\n          paragraphs.\n        children:\n          - name: big\n      - name: mugs\n"},
		{"at the top", "", []NewCode{{Name: "cake"}}, "  - name: tea   # a comment\n    children:\n      - name: cups\n  - name: cake\n"},
		{"under a code without children", "tea/cups", []NewCode{{Name: "blue"}}, "      - name: cups\n        children:\n          - name: blue\n"},
		{"a name the parent has", "tea", []NewCode{{Name: "cups"}}, `error: code "tea" already has a child named "cups"`},
		{"one name twice", "", []NewCode{{Name: "cake"}, {Name: "cake"}}, `error: code "cake" is given twice`},
		{"not a slug", "", []NewCode{{Name: "Cake"}}, `error: invalid code name "Cake"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rw, err := AddTree(cb, src, tc.parent, tc.codes)
			if want, ok := strings.CutPrefix(tc.want, "error: "); ok {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("error %v; want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := string(rw.Data); !strings.Contains(got, tc.want) || !strings.HasPrefix(got, "# keep me\n") {
				t.Errorf("got\n%s\nwant it to hold\n%s", got, tc.want)
			}
		})
	}
}
