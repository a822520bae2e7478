package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Batch stages several files and replaces them together. renameio replaces
// one file atomically, but a refactoring rewrites many; so Commit writes
// and syncs every new content to a temporary file beside its target, then
// records the renames in a journal (.qda/journal.json), then renames, then
// removes the journal. A process killed before the journal is written
// leaves every file as it was; killed after, the next qda command finds
// the journal and completes the renames (Recover). Either way a study is
// in its old or its new state, never between.
type Batch struct {
	s     *Study
	files []staged
}

type staged struct {
	rel  string
	data []byte
}

// JournalFile is where a Batch records its renames while it makes them.
const JournalFile = DataDir + "/journal.json"

// StagingFile marks a Batch writing its temporary files: a process killed
// then leaves them behind, and Recover removes them.
const StagingFile = DataDir + "/staging"

type journal struct {
	Renames []journalEntry `json:"renames"`
}

type journalEntry struct {
	Temp   string `json:"temp"`
	Target string `json:"target"`
}

// CrashPoint, when set, is called at each point of a Commit where a
// killed process leaves a different state behind: "staged N" after the
// Nth temporary file, "journal" once the journal is written, "renamed N"
// after the Nth rename. The CLI's crash tests ($QDA_TEST_CRASH_AT) stop
// the process there to prove that the next command finds the study in its
// old or its new state.
var CrashPoint func(point string)

func crashPoint(format string, args ...any) {
	if CrashPoint != nil {
		CrashPoint(fmt.Sprintf(format, args...))
	}
}

// NewBatch starts an empty batch.
func (s *Study) NewBatch() *Batch { return &Batch{s: s} }

// Put stages data for rel (a path relative to the study); a later Put of
// the same path wins.
func (b *Batch) Put(rel string, data []byte) {
	for i := range b.files {
		if b.files[i].rel == rel {
			b.files[i].data = data
			return
		}
	}
	b.files = append(b.files, staged{rel, data})
}

// Len is the number of files staged.
func (b *Batch) Len() int { return len(b.files) }

// Commit writes the staged files.
func (b *Batch) Commit() error {
	if len(b.files) == 0 {
		return nil
	}
	var j journal
	cleanup := func() {
		for _, e := range j.Renames {
			os.Remove(b.s.Path(e.Temp))
		}
		os.Remove(b.s.Path(StagingFile))
	}
	if err := b.s.MakeDataDir(); err != nil {
		return err
	}
	if err := os.WriteFile(b.s.Path(StagingFile), nil, 0o644); err != nil {
		return err
	}
	for _, f := range b.files {
		temp, err := b.stage(f)
		if err != nil {
			cleanup()
			return err
		}
		j.Renames = append(j.Renames, journalEntry{Temp: temp, Target: f.rel})
		crashPoint("staged %d", len(j.Renames))
	}
	if len(j.Renames) == 1 {
		// One file needs no journal: the rename itself is atomic.
		err := b.rename(j.Renames[0])
		crashPoint("renamed 1")
		os.Remove(b.s.Path(StagingFile))
		return err
	}
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		cleanup()
		return err
	}
	if err := WriteFile(b.s.Path(JournalFile), data); err != nil {
		cleanup()
		return err
	}
	syncDir(b.s.Path(DataDir))
	crashPoint("journal")
	for i, e := range j.Renames {
		if err := b.rename(e); err != nil {
			return fmt.Errorf("%w; run any qda command to complete the change", err)
		}
		crashPoint("renamed %d", i+1)
	}
	if err := os.Remove(b.s.Path(JournalFile)); err != nil {
		return err
	}
	os.Remove(b.s.Path(StagingFile))
	return nil
}

// stage writes f to a synced temporary file beside its target.
func (b *Batch) stage(f staged) (string, error) {
	if err := b.s.makeDir(f.rel); err != nil {
		return "", err
	}
	path := b.s.Path(f.rel)
	dir := filepath.Dir(path)
	perm := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".qda-*")
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(f.data)
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	rel, err := filepath.Rel(b.s.Root, tmp.Name())
	return filepath.ToSlash(rel), err
}

func (b *Batch) rename(e journalEntry) error {
	if err := os.Rename(b.s.Path(e.Temp), b.s.Path(e.Target)); err != nil {
		return err
	}
	syncDir(filepath.Dir(b.s.Path(e.Target)))
	return nil
}

// syncDir makes a rename in dir durable; where a file system cannot sync
// a folder, the rename is as durable as it gets.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Recover completes a Batch that a killed process left half done: every
// rename its journal lists whose temporary file is still there is made.
// It returns how many files it completed (0 when there was nothing to do).
func (s *Study) Recover() (int, error) {
	data, err := s.ReadFile(JournalFile)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, s.removeStaged()
	}
	if err != nil {
		return 0, err
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		// The journal is written atomically, so a bad one was not ours to
		// act on; leave it for a person.
		return 0, fmt.Errorf("%s: %v: the last change may be incomplete; compare with 'git status' and delete the journal", JournalFile, err)
	}
	b := &Batch{s: s}
	n := 0
	for _, e := range j.Renames {
		if !ValidStudyPath(e.Temp) || !ValidStudyPath(e.Target) {
			return n, fmt.Errorf("%s: it names a file outside the study: delete the journal", JournalFile)
		}
		if _, err := os.Stat(s.Path(e.Temp)); err != nil {
			continue // renamed before the process stopped
		}
		if err := b.rename(e); err != nil {
			return n, err
		}
		n++
	}
	if err := os.Remove(s.Path(JournalFile)); err != nil {
		return n, err
	}
	return n, s.removeStaged()
}

// removeStaged deletes the temporary files a Batch killed while staging
// left behind. It looks only when the staging mark says there may be some,
// and only in the folders a Batch writes to.
func (s *Study) removeStaged() error {
	if _, err := os.Stat(s.Path(StagingFile)); err != nil {
		return nil
	}
	dirs := []string{".", TranscriptsDir, MemosDir}
	if coders, err := os.ReadDir(s.Path(CodingsDir)); err == nil {
		for _, c := range coders {
			if c.IsDir() {
				dirs = append(dirs, CodingsDir+"/"+c.Name())
			}
		}
	}
	for _, d := range dirs {
		entries, err := os.ReadDir(s.Path(d))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if name := e.Name(); strings.HasPrefix(name, ".") && strings.Contains(name, ".qda-") && !e.IsDir() {
				os.Remove(s.Path(d, name))
			}
		}
	}
	return os.Remove(s.Path(StagingFile))
}

// ValidStudyPath reports whether rel is a relative path that stays inside
// the study.
func ValidStudyPath(rel string) bool {
	if rel == "" || filepath.IsAbs(rel) {
		return false
	}
	clean := filepath.Clean(filepath.FromSlash(rel))
	return clean != ".." && !filepath.IsAbs(clean) && !startsWithDotDot(clean)
}

func startsWithDotDot(p string) bool {
	return len(p) >= 3 && p[:2] == ".." && os.IsPathSeparator(p[2])
}
