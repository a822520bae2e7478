package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/qdatool/qda/internal/diag"
)

// A journal is carried out only when everything says this qda wrote it
// for this study: .qda/ is a real folder that git does not track (a
// cloned study's .qda/ is the clone's author's, and a committed journal
// would otherwise rename files in every clone); the journal is in the
// current format, its id names a real folder under .qda/staging/; each
// target is one of the study's data files, reached through real folders;
// and each temporary file still there has the SHA-256 the journal gives.
// The renames then go through the study's os.Root. A journal that fails
// any of these is never acted on, only reported, and a command that only
// reads never acts on any journal: it says what to do.

// Recover completes a Batch that a killed process left half done: every
// rename its journal lists whose temporary file is still there is made.
// It returns how many files it completed (0 when there was nothing to
// do). A journal qda did not write is refused with an error, and nothing
// is changed. The caller holds the writer lock: with no journal, the
// temporary files of writes killed before their rename are swept.
func (s *Study) Recover() (int, error) {
	j, err := s.readJournal()
	if errors.Is(err, fs.ErrNotExist) {
		return 0, s.sweepStaging()
	}
	if err != nil {
		return 0, err
	}
	pending, err := s.verifyJournal(j)
	if err != nil {
		return 0, err
	}
	dirs := newFolders()
	defer dirs.close()
	for _, i := range pending {
		if err := s.renameInto(j.temp(i), j.Renames[i].Target, dirs); err != nil {
			return 0, err
		}
	}
	if err := s.finishJournal(*j, dirs); err != nil {
		return len(pending), err
	}
	return len(pending), s.sweepStaging()
}

// Pending is, for a command that only reads, an error when a change was
// interrupted (the journal is there and no writer holds the lock): the
// study is between two states, and reading it would count half a change.
// It writes nothing, not even the lock file.
func (s *Study) Pending() error {
	if err := s.dataDirIsFolder(); err != nil {
		return err
	}
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	if _, err := r.Lstat(filepath.FromSlash(JournalFile)); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return insideErr(JournalFile, err)
	}
	if s.writerActive() {
		return nil // the journal is a running writer's own
	}
	j, err := s.readJournal()
	if err == nil {
		_, err = s.verifyJournal(j)
	}
	if err != nil {
		return err
	}
	return diag.Errorf(JournalFile, 0, "an interrupted change is waiting to be completed: %d files of a change qda was making when it stopped", len(j.Renames)).
		WithHint("run 'qda fix' to complete it; commands that only read never change the study")
}

// JournalFindings is what check says of the journal and of .qda/: an
// interrupted change, a journal that will not be carried out, and every
// file of .qda/ that git tracks.
func (s *Study) JournalFindings() diag.List {
	var out diag.List
	tracked, err := s.TrackedData()
	if err != nil {
		out = append(out, diag.As(DataDir, err))
	}
	for _, t := range tracked {
		out = append(out, diag.Errorf(t, 0, "tracked by git, but %s holds only data qda rebuilds: qda never trusts a tracked one", DataDir).
			WithHint("run 'git rm -r --cached %s' (your copy stays) and commit; %s/.gitignore keeps it out from then on", t, DataDir))
	}
	if len(tracked) > 0 {
		return out // Pending would say "tracked" once more
	}
	if err := s.Pending(); err != nil {
		out = append(out, diag.As(JournalFile, err))
	}
	return out
}

// readJournal reads and parses the journal, refusing one that is not a
// plain file or not in the current format.
func (s *Study) readJournal() (*journal, error) {
	if err := s.dataDirIsFolder(); err != nil {
		return nil, err
	}
	r, err := s.fsRoot()
	if err != nil {
		return nil, err
	}
	st, err := r.Lstat(filepath.FromSlash(JournalFile))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, insideErr(JournalFile, err)
	}
	if !st.Mode().IsRegular() {
		return nil, untrusted("not a plain file")
	}
	// Whose the journal is comes before what it says: a committed one is
	// its author's, whatever its format.
	tracked, err := s.TrackedData()
	if err != nil {
		return nil, untrustedHint("make 'git ls-files' work in the study, or delete the journal", "cannot tell whether git tracks it: %v", err)
	}
	if len(tracked) > 0 {
		return nil, untrustedHint(fmt.Sprintf("run 'git rm -r --cached %s' (your copy stays) and commit, then delete the journal: rm -r %s %s", DataDir, JournalFile, stagingDir),
			"git tracks %s (%s): a change recorded in a commit is its author's, not this study's", DataDir, tracked[0])
	}
	data, err := s.ReadFile(JournalFile)
	if err != nil {
		return nil, err
	}
	var j journal
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, untrusted("not a journal this qda writes (%v)", err)
	}
	if j.Version != journalVersion {
		return nil, untrusted("format %d, not %d: written by another version of qda or not by qda", j.Version, journalVersion)
	}
	if len(j.ID) != 32 || strings.Trim(j.ID, "0123456789abcdef") != "" {
		return nil, untrusted("its id %q is not one qda makes", j.ID)
	}
	return &j, nil
}

// verifyJournal checks everything the journal says against the disk (see
// the top of this file; readJournal has checked that git does not track
// it) and returns the renames still to make.
func (s *Study) verifyJournal(j *journal) ([]int, error) {
	r, err := s.fsRoot()
	if err != nil {
		return nil, err
	}
	if err := s.noLinks(j.dir()); err != nil {
		return nil, untrusted("%v", err)
	}
	if st, err := r.Lstat(filepath.FromSlash(j.dir())); err != nil || !st.IsDir() {
		return nil, untrusted("its temporary files (%s) are not there", j.dir())
	}
	seen := map[string]bool{}
	var pending []int
	for i, e := range j.Renames {
		if !DataFile(e.Target) {
			return nil, untrusted("it would replace %q, which is not a data file of the study", e.Target)
		}
		if seen[e.Target] {
			return nil, untrusted("it names %s twice", e.Target)
		}
		seen[e.Target] = true
		if err := s.noLinks(parentDir(e.Target)); err != nil {
			return nil, untrusted("%v", err)
		}
		st, err := r.Lstat(filepath.FromSlash(j.temp(i)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // renamed before the process stopped
		}
		if err != nil || !st.Mode().IsRegular() {
			return nil, untrusted("%s is not a plain file", j.temp(i))
		}
		data, err := s.ReadFile(j.temp(i))
		if err != nil {
			return nil, untrusted("%v", err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != e.SHA256 {
			return nil, untrusted("%s does not hold what the journal recorded for %s", j.temp(i), e.Target)
		}
		pending = append(pending, i)
	}
	return pending, nil
}

// untrusted is the error of a journal that will not be carried out.
func untrusted(format string, args ...any) error {
	return untrustedHint("delete it with 'rm -r "+JournalFile+" "+stagingDir+"', then compare the study with 'git status'", format, args...)
}

func untrustedHint(hint, format string, args ...any) error {
	return diag.Errorf(JournalFile, 0, "not carried out: %s", fmt.Sprintf(format, args...)).WithHint("%s", hint)
}

// writerActive reports whether another process holds the writer lock,
// found without creating the lock file.
func (s *Study) writerActive() bool {
	r, err := s.fsRoot()
	if err != nil {
		return false
	}
	if st, err := r.Lstat(filepath.FromSlash(LockFile)); err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := openIn(r, LockFile, LockFile, wantFile)
	if err != nil {
		return false
	}
	defer f.Close()
	ok, err := tryLock(f)
	return err == nil && !ok
}

// dataDirIsFolder refuses a .qda that is a link, even to a folder of the
// study: what qda keeps there must be its own.
func (s *Study) dataDirIsFolder() error {
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	st, err := r.Lstat(DataDir)
	if err != nil || st.IsDir() {
		return nil // no .qda yet, or a real folder
	}
	if _, err := r.Stat(DataDir); escapes(err) {
		return insideErr(DataDir, err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s: a symbolic link, which qda does not follow; delete the link: %s holds only data qda rebuilds", DataDir, DataDir)
	}
	return fmt.Errorf("%s: not a folder; delete it: %s holds only data qda rebuilds", DataDir, DataDir)
}

// sweepStaging removes the temporary files of writes killed before their
// rename: with the writer lock held and no journal, nothing under
// .qda/staging/ is waiting for anything. A file .qda/staging, the mark of
// the first journal format, also asked for temporary files beside the
// study's files to be swept.
func (s *Study) sweepStaging() error {
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	st, err := r.Lstat(filepath.FromSlash(stagingDir))
	if err != nil {
		return nil
	}
	if st.Mode().IsRegular() {
		s.sweepBesideTargets()
	}
	return r.RemoveAll(filepath.FromSlash(stagingDir))
}

// sweepBesideTargets removes the hidden temporary files (.NAME.qda-*)
// that the first journal format staged beside their targets.
func (s *Study) sweepBesideTargets() {
	r, err := s.fsRoot()
	if err != nil {
		return
	}
	dirs := []string{".", TranscriptsDir, MemosDir}
	if coders, err := s.Coders(); err == nil {
		for _, c := range coders {
			dirs = append(dirs, CodingsDir+"/"+c)
		}
	}
	for _, d := range dirs {
		if s.noLinks(d) != nil {
			continue
		}
		entries, err := fs.ReadDir(r.FS(), d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if name := e.Name(); strings.HasPrefix(name, ".") && strings.Contains(name, ".qda-") && e.Type().IsRegular() {
				r.Remove(filepath.FromSlash(d + "/" + name))
			}
		}
	}
}

// parentDir is the folder of the slash path rel.
func parentDir(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return "."
}
