package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"sync/atomic"

	"github.com/qdatool/qda/internal/diag"
)

// Batch stages several files and replaces them together. One file is
// replaced atomically by a rename, but a refactoring rewrites many; so
// every new content is written to a temporary file in a folder of its
// own, .qda/staging/ID/ (by Commit, or as it is Put: NewEarlyBatch), then
// Commit syncs them all together, records the renames in a journal
// (.qda/journal.json), renames, and removes the journal; a batch of one
// file needs no journal, its rename being atomic. A process killed before
// the journal is written leaves every file as it was, and the next
// command that writes sweeps what it staged; killed after, the next
// command that writes (qda fix, say) finds the journal and completes the
// renames (Recover). Either way a study is in its old or its new state,
// never between. What a journal may do is narrow (journal.go): it names
// only the study's data files, each temporary file with its SHA-256, so a
// journal that qda did not write is refused, not carried out.
type Batch struct {
	s     *Study
	files []staged       // what Commit stages, for a batch that stages nothing before it
	index map[string]int // rel → position in the journal: a map, for batches of tens of thousands of files
	early bool           // NewEarlyBatch: each Put is staged at once, by ahead
	ahead *stager        // an early batch's, made at its first Put
	state batchState
}

// batchState is where a batch is in its life: a batch is committed or
// discarded once, and then done with.
type batchState int

const (
	batchOpen batchState = iota
	batchCommitted
	batchDiscarded
)

type staged struct {
	rel  string
	data []byte
}

// CrashPoint, when set, is called at each point of a batch where a
// killed process leaves a different state behind: "staged N" after the
// Nth temporary file is written (by Put, on an early batch's goroutine;
// by Commit otherwise), "synced" once they are all durable, "journal"
// once the journal is written, "renamed N" after the Nth rename. The
// CLI's crash tests ($QDA_TEST_CRASH_AT) stop the process there to prove
// that the study is found in its old or its new state.
var CrashPoint func(point string)

func crashPoint(format string, args ...any) {
	if CrashPoint != nil {
		CrashPoint(fmt.Sprintf(format, args...))
	}
}

// NewBatch starts an empty batch.
func (s *Study) NewBatch() *Batch { return &Batch{s: s, index: map[string]int{}} }

// NewEarlyBatch starts an empty batch that writes each file Put to its
// temporary file at once, on a goroutine of its own, while the caller
// goes on (reading and recoding the next codings file): a rename of a
// code at 10,000 participants stages 32,000 files, and creating them
// took seconds after the reading; beside it, they cost little more than
// the reading, and only a few files are held in memory, not all. Until
// Commit nothing is renamed, so the study is unchanged; a caller that
// does not commit calls Discard (a writer killed before Commit leaves
// only temporary files, which the next writer sweeps). A caller that
// reads the study to Put stops reading once Err is not nil. What Put is
// given must not change after it.
func (s *Study) NewEarlyBatch() *Batch {
	return &Batch{s: s, index: map[string]int{}, early: true}
}

// Put stages data for rel (a path relative to the study); a later Put of
// the same path wins. On an early batch whose staging has failed (Err)
// the data is dropped; on a batch committed or discarded, Put does
// nothing.
func (b *Batch) Put(rel string, data []byte) {
	if b.state != batchOpen {
		return
	}
	i, again := b.index[rel]
	if !again {
		i = len(b.index)
		b.index[rel] = i
	}
	if b.early {
		if b.ahead == nil {
			b.ahead = b.s.newStager(true)
		}
		b.ahead.put(stageJob{i, rel, data, again})
		return
	}
	if again {
		b.files[i].data = data
		return
	}
	b.files = append(b.files, staged{rel, data})
}

// Len is the number of files Put (each path once).
func (b *Batch) Len() int { return len(b.index) }

// Err is the first error of an early batch's staging so far (nil for a
// batch that stages at Commit): the disk is full, say. Nothing can be
// committed after it, so a caller reading the study to Put stops reading
// there; Commit returns the same error.
func (b *Batch) Err() error {
	if b.ahead == nil {
		return nil
	}
	return b.ahead.failed()
}

// Discard drops a batch that will not be committed, removing what an
// early batch staged; a Commit after it is an error. After Commit it
// does nothing, so a caller can defer it.
func (b *Batch) Discard() {
	if b.state != batchOpen {
		return
	}
	b.state = batchDiscarded
	b.files = nil
	if b.ahead != nil {
		b.ahead.wait()
		b.ahead.close()
		b.ahead.remove()
	}
}

// errReused is the error of a Commit of a batch committed or discarded
// already: a mistake in qda's code, said as one, which would otherwise
// report a change made when nothing was written.
func errReused(state batchState) error {
	if state == batchDiscarded {
		return errors.New("internal error (qda's, not the study's): Commit of a batch already discarded; nothing was written: please report this")
	}
	return errors.New("internal error (qda's, not the study's): Commit of a batch already committed; nothing more was written: please report this")
}

// Commit writes the staged files. Every target must be a data file of the
// study (DataFile) no larger than MaxFileSize; otherwise nothing is
// written. A batch is committed once; a Commit after Commit or Discard
// is an error.
func (b *Batch) Commit() error {
	if b.state != batchOpen {
		return errReused(b.state)
	}
	b.state = batchCommitted
	if len(b.index) == 0 {
		return nil
	}
	s := b.s
	st := b.ahead
	if st != nil {
		st.wait()
	} else {
		for _, f := range b.files {
			if err := checkTarget(f.rel, f.data); err != nil {
				return err
			}
		}
		st = s.newStager(false)
		for i, f := range b.files {
			if st.failed() != nil {
				break
			}
			st.fail(st.stage(stageJob{i, f.rel, f.data, false}))
		}
	}
	err := st.failed()
	if err == nil {
		// Made durable together, before any journal names them: a sync of
		// each file in turn made a rename of a code at 10,000 participants
		// (32,000 files) take about 100 s, nearly all of it waiting for the
		// disk.
		if err = syncAll(st.dir, st.in, len(st.j.Renames)); err != nil {
			err = diag.Errorf(stagingDir, 0, "the new contents of %d files could not be saved to the disk: %v", len(st.j.Renames), err).
				WithHint("%s", stagingHint)
		}
	}
	st.close()
	if err != nil {
		st.remove()
		return err
	}
	crashPoint("synced")
	j := st.j
	dir := j.dir()
	cleanup := st.remove
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
		return orStageErr(JournalFile, err)
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

// checkTarget is what every file of a batch must be: one of the study's
// data files, no larger than qda reads.
func checkTarget(rel string, data []byte) error {
	if !DataFile(rel) {
		return fmt.Errorf("%s: not a file of the study qda writes", rel)
	}
	return checkWriteSize(rel, len(data))
}

// A stager writes a batch's files to their temporary files in the
// journal's folder, recording each one's SHA-256 in the journal; an
// early batch's runs on a goroutine of its own, fed by Put. The first
// error stops it: what comes after is dropped, and Commit returns it.
type stager struct {
	s     *Study
	j     journal
	in    *os.Root // the journal's folder, opened once: each file is created by name in it
	dir   *os.File // the same, for syncAll
	modes *perms
	n     int  // files staged, a file Put again counted again: the N of "staged N"
	made  bool // the journal's folder, which remove removes
	// err is the first error, set by the goroutine of an early batch while
	// its caller reads it (Batch.Err), so held atomically.
	err  atomic.Pointer[error]
	todo chan stageJob // an early batch's
	idle chan struct{} // closed when the goroutine has stopped
}

type stageJob struct {
	i     int // the file's position in the journal
	rel   string
	data  []byte
	again bool // a later Put of a file staged already
}

// newStager makes the journal's folder and opens it; with early, it
// starts the goroutine that stages what put is given. An error is kept
// (failed) and every file then dropped.
func (s *Study) newStager(early bool) *stager {
	st := &stager{s: s, j: journal{Version: journalVersion, ID: randomID()}}
	st.fail(openErr(st.open()))
	if early && st.failed() == nil {
		todo, idle := make(chan stageJob, 64), make(chan struct{})
		st.todo, st.idle = todo, idle
		go func() {
			defer close(idle)
			for job := range todo {
				if st.failed() == nil {
					st.fail(st.stage(job))
				}
			}
		}()
	}
	return st
}

// fail keeps err if it is the first error.
func (st *stager) fail(err error) {
	if err != nil {
		st.err.CompareAndSwap(nil, &err)
	}
}

// failed is the first error, or nil.
func (st *stager) failed() error {
	if p := st.err.Load(); p != nil {
		return *p
	}
	return nil
}

func (st *stager) open() error {
	s, dir := st.s, st.j.dir()
	if err := s.MakeDataDir(); err != nil {
		return err
	}
	if err := s.mkdirAll(dir); err != nil {
		return err
	}
	if err := s.noLinks(dir); err != nil {
		return err
	}
	st.made = true
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	in, err := openRootIn(r, dir)
	if err != nil {
		return err
	}
	// Opened before the files are written, so that a syncfs through it
	// reports an error in writing any of them back.
	d, err := in.Open(".")
	if err != nil {
		in.Close()
		return insideErr(dir, err)
	}
	st.in, st.dir, st.modes = in, d, &perms{s: s, dirs: map[string]*os.Root{}}
	return nil
}

// put hands an early batch's file to its goroutine; after an error it
// is dropped.
func (st *stager) put(job stageJob) {
	if st.todo != nil && st.failed() == nil {
		st.todo <- job
	}
}

// wait stops an early batch's goroutine once it has staged what it was
// given.
func (st *stager) wait() {
	if st.todo != nil {
		close(st.todo)
		<-st.idle
		st.todo = nil
	}
}

// stage writes one file to its temporary file, in place of the one a
// previous Put of the same target staged.
func (st *stager) stage(job stageJob) error {
	if err := checkTarget(job.rel, job.data); err != nil {
		return err
	}
	name := strconv.Itoa(job.i)
	if job.again {
		if err := st.in.Remove(name); err != nil {
			return stageErr(job.rel, err)
		}
	}
	if err := stageFile(st.dir, st.in, name, job.data, st.modes.of(job.rel)); err != nil {
		return stageErr(job.rel, err)
	}
	sum := sha256.Sum256(job.data)
	e := journalEntry{Target: job.rel, SHA256: hex.EncodeToString(sum[:])}
	if job.i == len(st.j.Renames) {
		st.j.Renames = append(st.j.Renames, e)
	} else {
		st.j.Renames[job.i] = e
	}
	st.n++
	crashPoint("staged %d", st.n)
	return nil
}

// stagingHint is what to do when a batch's temporary files cannot be
// written: nothing of the study was changed, so the command can be run
// again once the cause is gone.
const stagingHint = "nothing in the study was changed: free space on the disk (or make " + DataDir + " writable) and run the command again"

// stageErr is the error of a temporary file that could not be written,
// named by the study's file it was for (rel): its own name, a number in
// a folder of random name, says nothing to the person who reads it.
func stageErr(rel string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return diag.Errorf(rel, 0, "its new content could not be written to %s: %v", stagingDir, err).WithHint("%s", stagingHint)
}

// orStageErr is stageErr for a system call's error on a temporary file
// or on the staging folder (an *fs.PathError, which names them by their
// paths on this machine); any other error says already what is wrong and
// where, and passes unchanged.
func orStageErr(rel string, err error) error {
	var pe *fs.PathError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	return stageErr(rel, err)
}

// openErr is a staging folder's error that a system call gave (on a
// full disk, the first to fail is making .qda/staging/ID): said of the
// staging folder, not of its random name, with what to do.
func openErr(err error) error {
	var pe *fs.PathError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	return diag.Errorf(stagingDir, 0, "could not be made to stage the new files: %v", pe.Err).WithHint("%s", stagingHint)
}

// close closes the journal's folder (the files stay).
func (st *stager) close() {
	if st.in != nil {
		st.modes.close()
		st.dir.Close()
		st.in.Close()
		st.in = nil
	}
}

// remove removes the journal's folder and what is staged in it, if
// the stager made it.
func (st *stager) remove() {
	if st.made {
		st.s.removeAllQuietly(st.j.dir())
	}
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
