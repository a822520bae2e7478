package refi

import (
	"bytes"
	"strings"
	"testing"
)

// TestSpliceCutAnywhere writes a document to splice in pieces of every
// size, so that the mark is cut at every place, and checks that what
// passes is the document up to the first mark and then the replacement,
// and that the rest is what follows: as bytes.Index on the whole gave.
func TestSpliceCutAnywhere(t *testing.T) {
	mark, with := []byte(emptySources), []byte("\n  <Sources>\n")
	for _, doc := range []string{
		"<Project>" + emptySources + "\n  <Notes></Notes>\n</Project>\n",
		emptySources,
		"\n  <Sources>" + emptySources + emptySources + "x",
		strings.Repeat("\n  <Sources><", 300) + emptySources + strings.Repeat("tail", 500),
		"no mark here",
	} {
		at := strings.Index(doc, emptySources)
		for size := 1; size <= len(doc); size++ {
			var out bytes.Buffer
			sp := &splice{w: &out, mark: mark, with: with}
			for i := 0; i < len(doc); i += size {
				if n, err := sp.Write([]byte(doc[i:min(i+size, len(doc))])); err != nil || n != min(size, len(doc)-i) {
					t.Fatalf("write: %d, %v", n, err)
				}
			}
			if at < 0 {
				if sp.found {
					t.Fatalf("%.20q: found a mark that is not there", doc)
				}
				continue
			}
			if !sp.found || out.String() != doc[:at]+string(with) || string(sp.rest) != doc[at+len(mark):] {
				t.Fatalf("%.20q in pieces of %d: found %v, passed %.40q, rest %.40q", doc, size, sp.found, out.String(), sp.rest)
			}
		}
	}
}
