package corpus_test

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// TestRecodeStopsClean: Recode stages each file as it is recoded, so a
// codings file that does not parse, found after hundreds were staged,
// must stop it with that file's error, leave every file of the study as
// it was and nothing in .qda/staging.
func TestRecodeStopsClean(t *testing.T) {
	dir, s, ix, bad := brokenLastCodings(t)
	cb, _ := s.Codebook()
	before := hashes(t, dir)
	_, err := s.Recode(ix, cb, map[string]string{"confidence": "self-belief"}, []byte("codes: []\n"), false)
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("Recode = %v, want the error of %s", err, bad)
	}
	unchanged(t, dir, before)
}

// brokenLastCodings is a demo study whose last codings file (returned)
// does not parse: a change that reads every codings file finds it last.
func brokenLastCodings(t *testing.T) (string, *corpus.Study, *corpus.Index, string) {
	t.Helper()
	dir, s, ix := demoStudy(t, demo.Options{Participants: 120})
	last := ix.Coders[len(ix.Coders)-1]
	ids, err := s.CodedBy(last)
	if err != nil {
		t.Fatal(err)
	}
	bad := corpus.CodingsFile(last, ids[len(ids)-1])
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(bad)), []byte("- lines: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, s, ix, bad
}

// unchanged fails when a file of the study differs from before (hashes)
// or anything is left in .qda/staging.
func unchanged(t *testing.T, dir string, before map[string][32]byte) {
	t.Helper()
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

// TestStopsReadingWhenStagingFails: once a temporary file cannot be
// written (a full disk, say), nothing can be committed, so Recode and Fix
// stop reading the study there and say which file could not be written
// and what to do; they used to read on to the end, and here reported the
// broken last file instead. The study is left as it was.
func TestStopsReadingWhenStagingFails(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, dir string, s *corpus.Study) func(*corpus.Index) error
	}{
		// Every code taken off: every codings file changes, so the
		// reading cannot run more than the stager's queue (64) ahead of
		// the staging. File 0 is codebook.yaml.
		{"recode", func(t *testing.T, dir string, s *corpus.Study) func(*corpus.Index) error {
			cb, _ := s.Codebook()
			m := map[string]string{}
			for _, c := range cb.All() {
				m[c.Path] = ""
			}
			return func(ix *corpus.Index) error {
				_, err := s.Recode(ix, cb, m, []byte("codes: []\n"), false)
				return err
			}
		}},
		// confidence renamed in codebook.yaml alone: the 340 of 390
		// codings files that use it do so by its former name, for Fix.
		{"fix", func(t *testing.T, dir string, s *corpus.Study) func(*corpus.Index) error {
			cb, _ := s.Codebook()
			src, err := os.ReadFile(filepath.Join(dir, corpus.CodebookFile))
			if err != nil {
				t.Fatal(err)
			}
			rw, err := codebook.Rename(cb, src, "confidence", "self-belief")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, corpus.CodebookFile), rw.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			cb, errs := s.Codebook()
			if errs.HasErrors() {
				t.Fatal(errs)
			}
			return func(ix *corpus.Index) error {
				_, err := s.Fix(ix, cb, false)
				return err
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, s, ix, bad := brokenLastCodings(t)
			change := tc.change(t, dir, s)
			staging := filepath.Join(dir, ".qda", "staging")
			corpus.CrashPoint = func(point string) {
				if point != "staged 1" {
					return
				}
				// File 2 cannot be created: its name is taken.
				dirs, err := os.ReadDir(staging)
				if err == nil && len(dirs) == 1 {
					err = os.WriteFile(filepath.Join(staging, dirs[0].Name(), "2"), nil, 0o644)
				}
				if err != nil {
					t.Error(err)
				}
			}
			defer func() { corpus.CrashPoint = nil }()
			before := hashes(t, dir)
			err := change(ix)
			if err == nil || strings.Contains(err.Error(), bad) || !strings.HasPrefix(err.Error(), "codings/") ||
				!strings.Contains(err.Error(), "could not be written to .qda/staging: file exists (nothing in the study was changed") {
				t.Fatalf("%s = %v\nwant the staging error of an early codings file, found before %s", tc.name, err, bad)
			}
			unchanged(t, dir, before)
		})
	}
}
