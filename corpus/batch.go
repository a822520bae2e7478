package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
)

// Batch stages several files and replaces them together. One file is
// replaced atomically by a rename, but a refactoring rewrites many; so
// Commit writes every new content to a folder of its own under
// .qda/staging/ and syncs them all together, then records the renames in a journal (.qda/journal.json),
// then renames, then removes the journal. A process killed before the
// journal is written leaves every file as it was; killed after, the next
// command that writes (qda fix, say) finds the journal and completes the
// renames (Recover). Either way a study is in its old or its new state,
// never between. What a journal may do is narrow (journal.go): it names
// only the study's data files, each temporary file with its SHA-256, so a
// journal that qda did not write is refused, not carried out.
type Batch struct {
	s     *Study
	files []staged
	index map[string]int // rel → position in files: Put is called once a file, in batches of tens of thousands
}

type staged struct {
	rel  string
	data []byte
}

// CrashPoint, when set, is called at each point of a Commit where a
// killed process leaves a different state behind: "staged N" after the
// Nth temporary file, "synced" once they are all durable, "journal" once
// the journal is written, "renamed N" after the Nth rename. The CLI's crash tests ($QDA_TEST_CRASH_AT) stop
// the process there to prove that the study is found in its old or its
// new state.
var CrashPoint func(point string)

func crashPoint(format string, args ...any) {
	if CrashPoint != nil {
		CrashPoint(fmt.Sprintf(format, args...))
	}
}

// NewBatch starts an empty batch.
func (s *Study) NewBatch() *Batch { return &Batch{s: s, index: map[string]int{}} }

// Put stages data for rel (a path relative to the study); a later Put of
// the same path wins.
func (b *Batch) Put(rel string, data []byte) {
	if i, ok := b.index[rel]; ok {
		b.files[i].data = data
		return
	}
	b.index[rel] = len(b.files)
	b.files = append(b.files, staged{rel, data})
}

// Len is the number of files staged.
func (b *Batch) Len() int { return len(b.files) }

// Commit writes the staged files. Every target must be a data file of the
// study (DataFile) no larger than MaxFileSize; otherwise nothing is
// written.
func (b *Batch) Commit() error {
	if len(b.files) == 0 {
		return nil
	}
	s := b.s
	for _, f := range b.files {
		if !DataFile(f.rel) {
			return fmt.Errorf("%s: not a file of the study qda writes", f.rel)
		}
		if err := checkWriteSize(f.rel, len(f.data)); err != nil {
			return err
		}
	}
	if err := s.MakeDataDir(); err != nil {
		return err
	}
	j := journal{Version: journalVersion, ID: randomID()}
	dir := j.dir()
	if err := s.mkdirAll(dir); err != nil {
		return err
	}
	if err := s.noLinks(dir); err != nil {
		return err
	}
	cleanup := func() { s.removeAllQuietly(dir) }
	if err := s.stage(&j, b.files); err != nil {
		cleanup()
		return err
	}
	if len(j.Renames) == 1 {
		// One file needs no journal: the rename itself is atomic.
		err := s.renameInto(j.temp(0), j.Renames[0].Target, nil)
		crashPoint("renamed 1")
		cleanup()
		return err
	}
	data, err := json.MarshalIndent(j, "", "  ")
	if err == nil {
		err = s.writeNew(dir+"/journal.json", data, 0o644)
	}
	if err == nil {
		err = s.renameInto(dir+"/journal.json", JournalFile, nil)
	}
	if err != nil {
		cleanup()
		return err
	}
	crashPoint("journal")
	dirs := newFolders()
	defer dirs.close()
	for i, e := range j.Renames {
		if err := s.renameInto(j.temp(i), e.Target, dirs); err != nil {
			return fmt.Errorf("%w; run 'qda fix' to complete the change", err)
		}
		crashPoint("renamed %d", i+1)
	}
	return s.finishJournal(j, dirs)
}

// stage writes every file of the batch to its temporary file in the
// journal's folder, recording each one's SHA-256, and then makes them
// durable together, before any journal names them: a sync of each file
// in turn made a rename of a code at 10,000 participants (32,000 files)
// take about 100 s, nearly all of it waiting for the disk.
func (s *Study) stage(j *journal, files []staged) error {
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	// The folder, made and checked free of links by Commit, opened once:
	// each file is then created by name in it, not by a path walked from
	// the study's root.
	in, err := r.OpenRoot(filepath.FromSlash(j.dir()))
	if err != nil {
		return insideErr(j.dir(), err)
	}
	defer in.Close()
	// Opened before the files are written, so that a syncfs through it
	// reports an error in writing any of them back.
	dir, err := in.Open(".")
	if err != nil {
		return insideErr(j.dir(), err)
	}
	defer dir.Close()
	modes := &perms{s: s, dirs: map[string]*os.Root{}}
	defer modes.close()
	for i, f := range files {
		if err := createIn(in, strconv.Itoa(i), f.data, modes.of(f.rel), false); err != nil {
			return fmt.Errorf("%s: %w", j.dir(), err)
		}
		sum := sha256.Sum256(f.data)
		j.Renames = append(j.Renames, journalEntry{Target: f.rel, SHA256: hex.EncodeToString(sum[:])})
		crashPoint("staged %d", i+1)
	}
	if err := syncAll(dir, in, len(files)); err != nil {
		return fmt.Errorf("%s: %w", j.dir(), err)
	}
	crashPoint("synced")
	return nil
}

// finishJournal makes the renames durable, each folder synced once (a
// rename of a code rewrites tens of thousands of files in a few folders),
// then removes the journal and the staging folder.
func (s *Study) finishJournal(j journal, dirs *folders) error {
	dirs.sync(s)
	s.syncDir(j.dir())
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	if err := r.Remove(filepath.FromSlash(JournalFile)); err != nil {
		return err
	}
	s.syncDir(DataDir)
	s.removeAllQuietly(j.dir())
	return nil
}

// removeAllQuietly removes the study's folder rel and what it holds,
// through its root (a link in it is removed, not followed).
func (s *Study) removeAllQuietly(rel string) {
	if r, err := s.fsRoot(); err == nil {
		r.RemoveAll(filepath.FromSlash(rel))
	}
}

// JournalFile is where a Batch records its renames while it makes them.
const JournalFile = DataDir + "/journal.json"

// journalVersion is the journal's format: 2 keeps the temporary files in
// .qda/staging/ID/ and each one's SHA-256. The first format named its
// temporary files by path, anywhere; it is never carried out.
const journalVersion = 2

type journal struct {
	Version int            `json:"version"`
	ID      string         `json:"id"`
	Renames []journalEntry `json:"renames"`
}

type journalEntry struct {
	Target string `json:"target"`
	SHA256 string `json:"sha256"`
}

// dir is the folder holding the journal's temporary files.
func (j journal) dir() string { return path.Join(stagingDir, j.ID) }

// temp is the temporary file of the journal's ith rename: the journal
// does not name it, so a journal cannot point a rename at any other file.
func (j journal) temp(i int) string { return j.dir() + "/" + strconv.Itoa(i) }
