package corpus_test

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// TestRecodeStopsClean: Recode stages each file as it is recoded, so a
// codings file that does not parse, found after hundreds were staged,
// must stop it with that file's error, leave every file of the study as
// it was and nothing in .qda/staging.
func TestRecodeStopsClean(t *testing.T) {
	dir, s, ix := demoStudy(t, demo.Options{Participants: 120})
	cb, _ := s.Codebook()
	last := ix.Coders[len(ix.Coders)-1]
	ids, err := s.CodedBy(last)
	if err != nil {
		t.Fatal(err)
	}
	bad := corpus.CodingsFile(last, ids[len(ids)-1])
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(bad)), []byte("- lines: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := hashes(t, dir)
	_, err = s.Recode(ix, cb, map[string]string{"confidence": "self-belief"}, []byte("codes: []\n"), false)
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("Recode = %v, want the error of %s", err, bad)
	}
	if after := hashes(t, dir); len(after) != len(before) {
		t.Errorf("%d files before, %d after", len(before), len(after))
	} else {
		for f, h := range before {
			if after[f] != h {
				t.Errorf("%s changed", f)
			}
		}
	}
	if left, _ := os.ReadDir(filepath.Join(dir, ".qda", "staging")); len(left) > 0 {
		t.Errorf("%d entries left in .qda/staging", len(left))
	}
}

// hashes is every file of the study but qda's own data, by path.
func hashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".qda" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[p] = sha256.Sum256(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
