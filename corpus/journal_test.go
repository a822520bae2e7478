package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// batchKinds are the two ways a batch stages: all at Commit, or each
// file as it is Put (NewEarlyBatch); every batch test runs both.
var batchKinds = []struct {
	name string
	new  func(*Study) *Batch
}{
	{"at commit", (*Study).NewBatch},
	{"early", (*Study).NewEarlyBatch},
}

func TestBatchCommit(t *testing.T) {
	for _, kind := range batchKinds {
		t.Run(kind.name, func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			b := kind.new(s)
			b.Put("transcripts/one.txt", []byte("1"))
			b.Put("codebook.yaml", []byte("2"))
			b.Put("transcripts/one.txt", []byte("one"))
			if b.Len() != 2 {
				t.Fatalf("Len = %d, want 2 (a later Put replaces)", b.Len())
			}
			if err := b.Commit(); err != nil {
				t.Fatal(err)
			}
			for rel, want := range map[string]string{"transcripts/one.txt": "one", "codebook.yaml": "2"} {
				got, err := readFile(s.Path(rel))
				if err != nil || got != want {
					t.Errorf("%s = %q, %v; want %q", rel, got, err, want)
				}
			}
			noneStaged(t, s)
			if _, err := os.Stat(s.Path(JournalFile)); !os.IsNotExist(err) {
				t.Errorf("the journal is still there: %v", err)
			}
		})
	}
}

// noneStaged fails when a batch left anything in .qda/staging.
func noneStaged(t *testing.T, s *Study) {
	t.Helper()
	if entries, _ := os.ReadDir(s.Path(stagingDir)); len(entries) > 0 {
		t.Errorf("%s still holds %d entries", stagingDir, len(entries))
	}
}

// onlyDataDir fails when a refused batch wrote anything into the study
// but an empty staging folder in .qda (an early batch makes it at its
// first Put, before it sees the file it refuses).
func onlyDataDir(t *testing.T, s *Study) {
	t.Helper()
	entries, _ := os.ReadDir(s.Root)
	for _, e := range entries {
		if e.Name() != DataDir {
			t.Errorf("a refused batch wrote %s into the study", e.Name())
		}
	}
	noneStaged(t, s)
}

func TestBatchCommitRefuses(t *testing.T) {
	tests := []struct {
		name string
		rel  string
		data []byte
		err  string
	}{
		{"git hook", ".git/hooks/pre-commit", []byte("x"), "not a file of the study qda writes"},
		{"qda's own data", JournalFile, []byte("x"), "not a file of the study qda writes"},
		{"a file of the person's", "notes.sh", []byte("x"), "not a file of the study qda writes"},
		{"over the limit", "transcripts/big.txt", make([]byte, MaxFileSize+1), "over the 64 MB qda reads from one file"},
	}
	for _, kind := range batchKinds {
		for _, tc := range tests {
			t.Run(kind.name+"/"+tc.name, func(t *testing.T) {
				s := &Study{Root: t.TempDir()}
				b := kind.new(s)
				b.Put("codebook.yaml", []byte("codes: []\n"))
				b.Put(tc.rel, tc.data)
				b.Put("transcripts/after.txt", []byte("x"))
				err := b.Commit()
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Commit = %v, want an error containing %q", err, tc.err)
				}
				onlyDataDir(t, s)
			})
		}
	}
}

func TestBatchRefusesLinkedFolder(t *testing.T) {
	for _, kind := range batchKinds {
		t.Run(kind.name, func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			hooks := filepath.Join(s.Root, ".git", "hooks")
			must(t, os.MkdirAll(hooks, 0o755))
			must(t, os.MkdirAll(s.Path(CodingsDir), 0o755))
			// A link that stays inside the study is refused too: .git is not the
			// study's data.
			must(t, os.Symlink("../.git/hooks", s.Path(CodingsDir, "jt")))
			b := kind.new(s)
			b.Put("codings/jt/pre-commit.yaml", []byte("x"))
			b.Put("codebook.yaml", []byte("codes: []\n"))
			err := b.Commit()
			if err == nil || !strings.Contains(err.Error(), "codings/jt: a symbolic link, which qda does not write through") {
				t.Fatalf("Commit = %v, want the link refused", err)
			}
			if entries, _ := os.ReadDir(hooks); len(entries) > 0 {
				t.Errorf("wrote %s into .git/hooks", entries[0].Name())
			}
			if _, err := os.Stat(s.Path(CodebookFile)); err == nil {
				t.Error("the codebook was written though the batch was refused")
			}
		})
	}
}

// TestEarlyBatchDiscard: an early batch stages as it is Put, so what a
// caller that stops before Commit discards must leave the study as it
// was, with nothing staged; and a Commit after Discard writes nothing
// (and is an error: TestBatchCommitOnce).
func TestEarlyBatchDiscard(t *testing.T) {
	s := &Study{Root: t.TempDir()}
	must(t, os.WriteFile(s.Path(CodebookFile), []byte("old"), 0o644))
	b := s.NewEarlyBatch()
	for i := range 200 {
		b.Put(fmt.Sprintf("transcripts/t%d.txt", i), []byte("new"))
	}
	b.Put(CodebookFile, []byte("new"))
	b.Discard()
	noneStaged(t, s)
	if err := b.Commit(); err == nil {
		t.Fatal("Commit after Discard = nil, want an error")
	}
	if got, _ := readFile(s.Path(CodebookFile)); got != "old" {
		t.Errorf("codebook.yaml = %q after a discarded batch, want %q", got, "old")
	}
	if _, err := os.Stat(s.Path(TranscriptsDir)); !os.IsNotExist(err) {
		t.Errorf("a discarded batch made %s: %v", TranscriptsDir, err)
	}
}

// ordinary is the mode os gives a new document (0644 under the umask).
func ordinary(t *testing.T) os.FileMode {
	doc := filepath.Join(t.TempDir(), "doc")
	must(t, os.WriteFile(doc, nil, 0o644))
	st, err := os.Stat(doc)
	must(t, err)
	return st.Mode().Perm()
}

// TestBatchKeepsMode: a file replaced keeps its mode (the staged file is
// created with it), a new one gets an ordinary document's.
func TestBatchKeepsMode(t *testing.T) {
	for _, kind := range batchKinds {
		t.Run(kind.name, func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			must(t, os.WriteFile(s.Path(CodebookFile), []byte("old"), 0o600))
			must(t, os.Chmod(s.Path(CodebookFile), 0o600)) // whatever the umask
			b := kind.new(s)
			b.Put(CodebookFile, []byte("new"))
			b.Put("transcripts/new.txt", []byte("new"))
			must(t, b.Commit())
			for rel, want := range map[string]os.FileMode{CodebookFile: 0o600, "transcripts/new.txt": ordinary(t)} {
				st, err := os.Stat(s.Path(rel))
				if err != nil || st.Mode().Perm() != want {
					t.Errorf("%s: mode %v, %v; want %v", rel, st.Mode().Perm(), err, want)
				}
			}
		})
	}
}

// plant writes a journal of the current format as a killed Batch would
// leave it, with the temporary files of targets (already renamed ones
// left out), and returns its id.
func plant(t *testing.T, s *Study, targets map[string]string, renamed ...string) journal {
	t.Helper()
	j := journal{Version: journalVersion, ID: strings.Repeat("ab", 16)}
	must(t, os.MkdirAll(s.Path(j.dir()), 0o755))
	i := 0
	for _, target := range slices.Sorted(maps.Keys(targets)) {
		sum := sha256.Sum256([]byte(targets[target]))
		j.Renames = append(j.Renames, journalEntry{Target: target, SHA256: hex.EncodeToString(sum[:])})
		done := false
		for _, r := range renamed {
			done = done || r == target
		}
		if !done {
			must(t, os.WriteFile(s.Path(j.temp(i)), []byte(targets[target]), 0o644))
		}
		i++
	}
	data, err := json.Marshal(j)
	must(t, err)
	must(t, os.WriteFile(s.Path(JournalFile), data, 0o644))
	return j
}

func TestRecover(t *testing.T) {
	s := &Study{Root: t.TempDir()}
	must(t, os.WriteFile(s.Path(CodebookFile), []byte("old"), 0o644))
	must(t, os.MkdirAll(s.Path(TranscriptsDir), 0o755))
	must(t, os.WriteFile(s.Path("transcripts/a.txt"), []byte("new a"), 0o644)) // renamed before the crash
	plant(t, s, map[string]string{CodebookFile: "new", "transcripts/a.txt": "new a", "codings/jt/a.yaml": "[]\n"}, "transcripts/a.txt")
	if err := s.Pending(); err == nil || !strings.Contains(err.Error(), "an interrupted change is waiting to be completed: 3 files") {
		t.Fatalf("Pending = %v, want the interrupted change for a reader", err)
	}
	if got, _ := readFile(s.Path(CodebookFile)); got != "old" {
		t.Fatalf("Pending changed the codebook to %q: a reader must not write", got)
	}
	n, err := s.Recover()
	if err != nil || n != 2 {
		t.Fatalf("Recover = %d, %v; want 2 files completed", n, err)
	}
	for rel, want := range map[string]string{CodebookFile: "new", "transcripts/a.txt": "new a", "codings/jt/a.yaml": "[]\n"} {
		if got, _ := readFile(s.Path(rel)); got != want {
			t.Errorf("%s = %q, want %q", rel, got, want)
		}
	}
	if _, err := os.Stat(s.Path(JournalFile)); !os.IsNotExist(err) {
		t.Errorf("the journal is still there: %v", err)
	}
	if _, err := os.Stat(s.Path(stagingDir)); !os.IsNotExist(err) {
		t.Errorf("the staging folder is still there: %v", err)
	}
	if n, err := s.Recover(); n != 0 || err != nil {
		t.Errorf("a second Recover = %d, %v; want nothing to do", n, err)
	}
}

// TestRecoverRefuses plants journals that qda did not write: each is
// refused with its reason, and the study is left exactly as it was.
func TestRecoverRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, s *Study)
		err   string
	}{
		{"first format naming a git hook", func(t *testing.T, s *Study) {
			must(t, os.WriteFile(s.Path("memos/notes.sh"), []byte("#!/bin/sh\n"), 0o755))
			must(t, os.WriteFile(s.Path(JournalFile), []byte(`{"renames":[{"temp":"memos/notes.sh","target":".git/hooks/pre-commit"}]}`), 0o644))
		}, "not a journal this qda writes"},
		{"first format replacing the codebook", func(t *testing.T, s *Study) {
			must(t, os.WriteFile(s.Path(JournalFile), []byte(`{"renames":[{"temp":"transcripts/may-1.txt","target":"codebook.yaml"}]}`), 0o644))
		}, "not a journal this qda writes"},
		{"a target that is not a data file", func(t *testing.T, s *Study) {
			plant(t, s, map[string]string{".git/hooks/pre-commit": "#!/bin/sh\n", CodebookFile: "x"})
		}, `it would replace ".git/hooks/pre-commit", which is not a data file of the study`},
		{"a target through a link", func(t *testing.T, s *Study) {
			must(t, os.Symlink("../.git/hooks", s.Path(CodingsDir, "jt")))
			plant(t, s, map[string]string{"codings/jt/pre-commit.yaml": "x", CodebookFile: "x"})
		}, "codings/jt: a symbolic link"},
		{"a temporary file that is not what was recorded", func(t *testing.T, s *Study) {
			j := plant(t, s, map[string]string{"transcripts/may-1.txt": "x", CodebookFile: "x"})
			must(t, os.WriteFile(s.Path(j.temp(0)), []byte("codes: [evil]\n"), 0o644))
		}, "does not hold what the journal recorded for codebook.yaml"},
		{"a temporary file that is a link", func(t *testing.T, s *Study) {
			j := plant(t, s, map[string]string{"transcripts/may-1.txt": "x", CodebookFile: "x"})
			must(t, os.Remove(s.Path(j.temp(0))))
			must(t, os.Symlink("../../../transcripts/may-1.txt", s.Path(j.temp(0))))
		}, "is not a plain file"},
		{"no staging folder", func(t *testing.T, s *Study) {
			j := plant(t, s, map[string]string{"transcripts/may-1.txt": "x", CodebookFile: "x"})
			must(t, os.RemoveAll(s.Path(j.dir())))
		}, "its temporary files (.qda/staging/abab"},
		{"a made-up id", func(t *testing.T, s *Study) {
			must(t, os.WriteFile(s.Path(JournalFile), []byte(`{"version":2,"id":"../../x","renames":[]}`), 0o644))
		}, `its id "../../x" is not one qda makes`},
		{"a target named twice", func(t *testing.T, s *Study) {
			j := plant(t, s, map[string]string{CodebookFile: "x", "transcripts/may-1.txt": "y"})
			j.Renames[1].Target = CodebookFile
			data, _ := json.Marshal(j)
			must(t, os.WriteFile(s.Path(JournalFile), data, 0o644))
		}, "it names codebook.yaml twice"},
		{"the journal is a link", func(t *testing.T, s *Study) {
			must(t, os.Symlink("../transcripts/may-1.txt", s.Path(JournalFile)))
		}, "not a plain file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			for _, d := range []string{DataDir, MemosDir, TranscriptsDir, CodingsDir, ".git/hooks"} {
				must(t, os.MkdirAll(s.Path(d), 0o755))
			}
			must(t, os.WriteFile(s.Path(CodebookFile), []byte("codes: []\n"), 0o644))
			must(t, os.WriteFile(s.Path("transcripts/may-1.txt"), []byte("May: hello.\n"), 0o644))
			tc.setup(t, s)
			before := tree(t, s.Root)
			for name, op := range map[string]func() error{
				"Recover": func() error { _, err := s.Recover(); return err },
				"Pending": s.Pending,
			} {
				err := op()
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("%s = %v, want an error containing %q", name, err, tc.err)
				}
				if after := tree(t, s.Root); after != before {
					t.Errorf("%s changed the study:\nbefore %s\nafter  %s", name, before, after)
				}
			}
		})
	}
}

// tree lists every path under root with its content's hash or link
// target, to tell that nothing changed.
func tree(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			b.WriteString(rel + " -> " + target + "\n")
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.WriteString(rel + " " + fmt.Sprintf("%x", sha256.Sum256(data))[:16] + " " + fi.Mode().String() + "\n")
		default:
			b.WriteString(rel + "/\n")
		}
		return nil
	})
	must(t, err)
	return b.String()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestBatchRefusesFolderTarget: a folder where a batch would write a file
// is refused, not renamed over (the rename holds the file it replaces,
// and checks what is there through that).
func TestBatchRefusesFolderTarget(t *testing.T) {
	for _, kind := range batchKinds {
		t.Run(kind.name, func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			must(t, os.MkdirAll(s.Path(CodingsDir, "jt", "t.yaml"), 0o755))
			b := kind.new(s)
			b.Put("codings/jt/t.yaml", []byte("[]\n"))
			b.Put(CodebookFile, []byte("codes: []\n"))
			err := b.Commit()
			if err == nil || !strings.Contains(err.Error(), "codings/jt/t.yaml: a folder where qda writes a file") {
				t.Fatalf("Commit = %v, want the folder refused", err)
			}
			if st, err := os.Stat(s.Path(CodingsDir, "jt", "t.yaml")); err != nil || !st.IsDir() {
				t.Errorf("the folder was replaced: %v", err)
			}
		})
	}
}
