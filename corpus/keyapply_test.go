package corpus

import "testing"

// TestReplacerRemains checks what a term left after replacing is reported
// as: the term, and the term whose replacement brings it in.
func TestReplacerRemains(t *testing.T) {
	r := newReplacer(&Key{Terms: []KeyTerm{
		{Term: "Bob", Replace: "Mr Ravenscroft"},
		{Term: "Ravenscroft", Replace: "[a street]"},
		{Term: "tea", Replace: "[drink]"},
		{Term: "Monday Club", Replace: "x", Keep: true},
	}})
	tests := []struct {
		name, text string
		wantTerm   string
		wantCount  int
	}{
		{"none", "We went to the Monday Club.", "", 0},
		{"in a longer word", "Annual teas and Bobby.", "", 0},
		{"a word of a code's name", "tea-and-company", "tea", 1},
		{"two", "Bob had tea.", "bob", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			term, _, ok := r.find(tc.text)
			if ok != (tc.wantTerm != "") || term != tc.wantTerm {
				t.Errorf("find: got %q %v, want %q", term, ok, tc.wantTerm)
			}
			if n := r.count(tc.text); n != tc.wantCount {
				t.Errorf("count: got %d, want %d", n, tc.wantCount)
			}
		})
	}
	err := r.remains("transcripts/t.txt", 3, "ravenscroft", "it")
	want := `transcripts/t.txt:3: the key term "ravenscroft" would still be in it after replacing; nothing was written (the replacement of "bob" holds "ravenscroft": change it in the key so that it holds no key term)`
	if err.Error() != want {
		t.Errorf("remains:\n got  %s\n want %s", err, want)
	}
}
