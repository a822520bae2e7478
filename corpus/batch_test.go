package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// failStagingAt makes the staging of a batch's temporary file number i
// fail (the name is taken already, so O_EXCL refuses it), once the first
// file is staged and the batch's folder under .qda/staging is there. It
// stands for a disk that fills up midway, which a test cannot arrange.
func failStagingAt(t *testing.T, s *Study, i int) {
	t.Helper()
	CrashPoint = func(point string) {
		if point != "staged 1" {
			return
		}
		dirs, err := os.ReadDir(s.Path(stagingDir))
		if err != nil || len(dirs) != 1 {
			t.Errorf("want one batch folder in %s: %v, %v", stagingDir, dirs, err)
			return
		}
		if err := os.WriteFile(filepath.Join(s.Path(stagingDir), dirs[0].Name(), fmt.Sprint(i)), nil, 0o644); err != nil {
			t.Error(err)
		}
	}
	t.Cleanup(func() { CrashPoint = nil })
}

// TestBatchStagingError: a temporary file that cannot be written is
// reported by the study's file it was for, with what to do, not by its
// own name (a number in a folder of random name); nothing is written,
// nothing is left staged, and an early batch says so (Err) before
// Commit, so that its caller stops reading.
func TestBatchStagingError(t *testing.T) {
	for _, kind := range batchKinds {
		t.Run(kind.name, func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			failStagingAt(t, s, 3)
			b := kind.new(s)
			for i := range 10 {
				b.Put(fmt.Sprintf("transcripts/t%d.txt", i), []byte("new"))
			}
			err := b.Commit()
			want := "transcripts/t3.txt: its new content could not be written to .qda/staging: file exists (nothing in the study was changed: free space on the disk (or make .qda writable) and run the command again)"
			if err == nil || err.Error() != want {
				t.Fatalf("Commit = %v\nwant %s", err, want)
			}
			if kind.name == "early" && b.Err() == nil {
				t.Error("Err = nil after staging failed")
			}
			onlyDataDir(t, s)
		})
	}
}

// TestBatchStagingFolderError: when the staging folder itself cannot be
// made (on a full disk, the first thing to fail), the error names it,
// not its random name, and says what to do.
func TestBatchStagingFolderError(t *testing.T) {
	for _, kind := range batchKinds {
		t.Run(kind.name, func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			if err := os.MkdirAll(filepath.Join(s.Root, DataDir), 0o755); err != nil {
				t.Fatal(err)
			}
			// A file where the staging folder goes: mkdir fails there.
			if err := os.WriteFile(filepath.Join(s.Root, filepath.FromSlash(stagingDir)), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			b := kind.new(s)
			b.Put("transcripts/t1.txt", []byte("new"))
			b.Put("transcripts/t2.txt", []byte("new"))
			err := b.Commit()
			if err == nil || !strings.HasPrefix(err.Error(), stagingDir+": could not be made") || !strings.Contains(err.Error(), "nothing in the study was changed") ||
				regexp.MustCompile(`[0-9a-f]{12}`).MatchString(err.Error()) {
				t.Fatalf("Commit = %v, want the staging folder named, with a hint, and no random name", err)
			}
		})
	}
}

// TestBatchCommitOnce: a batch is committed once; a Commit after Discard
// or after Commit is qda's error, said as one, and writes nothing (it
// used to return nil, as if the change were made).
func TestBatchCommitOnce(t *testing.T) {
	for _, kind := range batchKinds {
		t.Run(kind.name+"/after discard", func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			b := kind.new(s)
			b.Put(CodebookFile, []byte("new"))
			b.Discard()
			err := b.Commit()
			if err == nil || !strings.Contains(err.Error(), "Commit of a batch already discarded; nothing was written") {
				t.Fatalf("Commit after Discard = %v, want an error", err)
			}
			b.Put(CodebookFile, []byte("newer"))
			if err := b.Commit(); err == nil {
				t.Fatal("a second Commit after Discard = nil, want an error")
			}
			onlyDataDir(t, s)
		})
		t.Run(kind.name+"/after commit", func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			b := kind.new(s)
			b.Put(CodebookFile, []byte("new"))
			must(t, b.Commit())
			b.Discard() // does nothing after a Commit: Recode defers it
			b.Put(CodebookFile, []byte("newer"))
			err := b.Commit()
			if err == nil || !strings.Contains(err.Error(), "Commit of a batch already committed") {
				t.Fatalf("a second Commit = %v, want an error", err)
			}
			if got, _ := readFile(s.Path(CodebookFile)); got != "new" {
				t.Errorf("codebook.yaml = %q, want %q", got, "new")
			}
			noneStaged(t, s)
		})
	}
	t.Run("empty", func(t *testing.T) {
		b := (&Study{Root: t.TempDir()}).NewBatch()
		b.Discard()
		if err := b.Commit(); err == nil {
			t.Fatal("Commit of an empty batch after Discard = nil, want an error")
		}
	})
}
