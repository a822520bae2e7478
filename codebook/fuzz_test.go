package codebook

import (
	"strings"
	"testing"

	"github.com/qdatool/qda/internal/diag"
)

// FuzzParse checks that no input makes Parse panic or report a finding
// without a position, and that what it returns is consistent: every code
// can be found again by its path.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		cb, findings := Parse("codebook.yaml", data)
		for _, fd := range findings {
			if fd.File != "codebook.yaml" || fd.Line < 0 || fd.Msg == "" {
				t.Fatalf("finding without a proper position or message: %#v", fd)
			}
		}
		if cb == nil {
			if !findings.HasErrors() {
				t.Fatalf("no codebook and no error: %v", findings)
			}
			return
		}
		for _, w := range cb.Warnings {
			if w.Severity != diag.Warning {
				t.Fatalf("Warnings holds an error: %v", w)
			}
		}
		for _, c := range cb.All() {
			if got := cb.Lookup(c.Path); got != c {
				t.Fatalf("Lookup(%q) = %v, want the code itself", c.Path, got)
			}
			got, via, err := cb.Resolve(c.Path)
			if err != nil || got != c || via != Canonical {
				t.Fatalf("Resolve(%q) = %v, %v, %v; want the code itself, canonically", c.Path, got, via, err)
			}
			if d := strings.Count(c.Path, "/") + 1; d != c.Depth() {
				t.Fatalf("%q has depth %d, want %d", c.Path, c.Depth(), d)
			}
			if c.Parent != nil && !c.Parent.Contains(c) {
				t.Fatalf("%q not contained in its parent", c.Path)
			}
			for _, a := range c.Aliases {
				// Aliases may be invalid or ambiguous; resolving them must
				// only not panic.
				cb.Resolve(a)
				cb.Resolve(a + "/" + c.Name)
			}
		}
		for n := 0; n <= cb.MaxDepth(); n++ {
			cols := cb.AtDepth(n)
			for _, c := range cb.All() {
				if (c.Depth() >= n || c.IsLeaf()) && !containsCode(cols, c.Ancestor(n)) {
					t.Fatalf("%q rolled up to depth %d is not in AtDepth", c.Path, n)
				}
			}
		}
	})
}

func containsCode(codes []*Code, c *Code) bool {
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}
