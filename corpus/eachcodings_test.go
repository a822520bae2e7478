package corpus_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// EachCodings reads ahead in parallel but calls back in order, coder by
// coder and file by file as CodedBy lists them, and stops at the first
// file that does not parse, saying which.
func TestEachCodingsOrder(t *testing.T) {
	dir, s, ix := demoStudy(t, demo.Options{})
	var want []string
	for _, c := range ix.Coders {
		ids, err := s.CodedBy(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			want = append(want, corpus.CodingsFile(c, id))
		}
	}
	if len(want) < 20 {
		t.Fatalf("the demo has %d codings files; the test wants more than the read-ahead", len(want))
	}
	var got []string
	if err := s.EachCodings(ix, func(cs *corpus.Codings) error { got = append(got, cs.File); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("EachCodings visited %d files in another order than CodedBy's %d:\n%v\n%v", len(got), len(want), got, want)
	}

	bad := want[len(want)/2]
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(bad)), []byte("- lines: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	err := s.EachCodings(ix, func(cs *corpus.Codings) error { got = append(got, cs.File); return nil })
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("EachCodings = %v, want the error of %s", err, bad)
	}
	if !slices.Equal(got, want[:len(want)/2]) {
		t.Fatalf("EachCodings called back %d files before the broken one, want %d", len(got), len(want)/2)
	}
}

// demoStudy writes a demo study to a new folder and opens it with its
// index.
func demoStudy(t *testing.T, opt demo.Options) (string, *corpus.Study, *corpus.Index) {
	t.Helper()
	dir := t.TempDir()
	if _, err := demo.Write(dir, opt); err != nil {
		t.Fatal(err)
	}
	s, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, _, err := s.LoadIndex()
	if err != nil {
		t.Fatal(err)
	}
	return dir, s, ix
}
