package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestFindingError(t *testing.T) {
	tests := []struct {
		name string
		f    *Finding
		want string
	}{
		{"error with line", Errorf("a.yaml", 3, "bad %s", "thing"), "a.yaml:3: bad thing"},
		{"whole file", Errorf("a.yaml", 0, "missing"), "a.yaml: missing"},
		{"warning with hint", Warnf("b.csv", 2, "odd").WithHint("fix it"), "b.csv:2: warning: odd (fix it)"},
		{"no file", Errorf("", 0, "plain"), "plain"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestListSortAndErr(t *testing.T) {
	l := List{Warnf("b", 1, "w"), Errorf("a", 10, "z"), Errorf("a", 2, "y")}
	l.Sort()
	if got := l.Error(); got != "a:2: y\na:10: z\nb:1: warning: w" {
		t.Fatalf("sorted = %q", got)
	}
	if (List{Warnf("b", 1, "w")}).Err() != nil {
		t.Fatal("warnings alone must not be an error")
	}
	if l.Err() == nil {
		t.Fatal("a list with errors must be an error")
	}
}

func TestAs(t *testing.T) {
	held := Errorf("codebook.yaml", 3, "bad")
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"a finding stays itself", held, "codebook.yaml:3: bad"},
		{"a wrapped finding is found", fmt.Errorf("reading: %w", held), "codebook.yaml:3: bad"},
		{"a plain error names the file once", errors.New("codebook.yaml: permission denied"), "codebook.yaml: permission denied"},
		{"a plain error without the name gets it", errors.New("permission denied"), "codebook.yaml: permission denied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := As("codebook.yaml", tc.err).Error(); got != tc.want {
				t.Errorf("As(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}
