package search

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func openLazy(t *testing.T, dir string) *Index {
	t.Helper()
	return openWith(t, dir, Options{LazyCodings: true})
}

// editInPlace rewrites a file of the study in place, as nano or VS Code
// do, and puts its folder's mtime back: only the file's own stat tells.
func editInPlace(t *testing.T, dir, name, text string) {
	t.Helper()
	path := filepath.Join(dir, name)
	folder, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Dir(path), folder.ModTime(), folder.ModTime())
}

// TestLazyCodings: a search for words checks only the codings files of
// the transcripts it prints, yet every code it prints and every match on
// codes is as fresh as the files.
func TestLazyCodings(t *testing.T) {
	dir := writeStudy(t, tiny)
	ageStudy(dir)
	hits(t, dir, Request{Query: "bus"})

	// A transcript not printed: its codings edited in place are left
	// unchecked by a search for words...
	editInPlace(t, dir, "codings/eh/may-1.yaml", "- lines: 9\n  codes: [tea]\n")
	ix := openLazy(t, dir)
	res, err := ix.Search(Request{Query: "bus", WithRefs: true})
	if err != nil || len(res.Hits) != 1 {
		t.Fatal(err, res)
	}
	if !ix.lazy || !slices.Equal(res.Hits[0].Refs["jt"], []string{"confidence/travel"}) {
		t.Errorf("lazy %v, refs %v", ix.lazy, res.Hits[0].Refs)
	}
	// ...and seen by one on codes.
	res, err = ix.Search(Request{Query: "code_eh:tea", WithRefs: true})
	if err != nil {
		t.Fatal(err)
	}
	if ix.lazy || len(res.Hits) != 1 || res.Hits[0].Line != 9 {
		t.Errorf("code_eh:tea after the edit: lazy %v, %+v, want may-1:9", ix.lazy, res.Hits)
	}
	ix.Close()

	// A transcript printed: its codes are checked, and come fresh.
	editInPlace(t, dir, "codings/jt/ted-1.yaml", "- lines: 4\n  codes: [confidence/travel]\n")
	ix = openLazy(t, dir)
	res, err = ix.Search(Request{Query: "bus", WithRefs: true})
	if err != nil || len(res.Hits) != 1 {
		t.Fatal(err, res)
	}
	if ix.lazy || len(res.Hits[0].Refs) != 0 {
		t.Errorf("after the printed transcript's codings moved: lazy %v, refs %v, want none", ix.lazy, res.Hits[0].Refs)
	}
	for _, tc := range []struct {
		q    string
		want bool
	}{{"bus", false}, {"code:tea", true}, {"coder:jt", true}, {"ref_jt:tea", true}, {"+bus -code:tea", true}, {"speaker:may", false}} {
		q, _, err := ix.textQuery(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := needsCodings(Request{}, q); got != tc.want {
			t.Errorf("needsCodings(%q) = %v", tc.q, got)
		}
	}
}
