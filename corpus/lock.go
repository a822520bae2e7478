package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// LockFile is the study's writer lock. A command that changes the study
// holds it from before it reads what it changes until its writes are
// done, so two qda processes never both read a file, change it and write
// it back, losing one change.
//
// The lock is an advisory lock of the operating system on the file, not
// the file's existence: the system drops it when its process ends, however
// it ends, so a lock is never left stale by a crash and nothing needs to
// guess whether a recorded process is still alive. The file's content only
// says who holds the lock, for the message of a process that waits.
const LockFile = DataDir + "/lock"

// Holder says who holds the writer lock.
type Holder struct {
	PID     int
	Since   time.Time
	Command string
}

// String names the holder: "another qda (process 4242: qda code may-1 3 tea)".
func (h Holder) String() string {
	if h.PID <= 0 {
		return "another qda"
	}
	if h.Command == "" {
		return fmt.Sprintf("another qda (process %d)", h.PID)
	}
	return fmt.Sprintf("another qda (process %d: %s)", h.PID, h.Command)
}

// Lock is a held writer lock.
type Lock struct {
	f *os.File
}

// LockCommand is recorded in the lock file as what holds it; the CLI sets
// it to its command line.
var LockCommand string

// lockPoll is how often a waiting process tries the lock again.
const lockPoll = 50 * time.Millisecond

// Lock takes the study's writer lock, waiting while another process holds
// it; wait, when not nil, is called once with the holder if it has to
// wait.
func (s *Study) Lock(wait func(Holder)) (*Lock, error) {
	return s.LockFile(LockFile, wait)
}

// LockFile takes an exclusive lock on the file rel of the study (under
// .qda/), as Lock does on the writer lock: the search index has its own,
// so searching never waits for a writer, nor a writer for a search.
func (s *Study) LockFile(rel string, wait func(Holder)) (*Lock, error) {
	if err := s.MakeDataDir(); err != nil {
		return nil, err
	}
	r, err := s.fsRoot()
	if err != nil {
		return nil, err
	}
	// The lock's holder note is written into it: a lock file that is a
	// link (planted in a cloned .qda/) would have it written elsewhere.
	if st, err := r.Lstat(filepath.FromSlash(rel)); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a plain file; delete it: %s holds only data qda rebuilds", rel, DataDir)
	}
	f, err := r.OpenFile(filepath.FromSlash(rel), os.O_RDWR|os.O_CREATE|openNoBlock, 0o644)
	if err != nil {
		return nil, insideErr(rel, err)
	}
	if err := isKind(f, rel, wantFile); err != nil {
		f.Close() // a pipe made there since the Lstat above
		return nil, err
	}
	for waited := false; ; {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: cannot lock: %v", rel, err)
		}
		if ok {
			break
		}
		if !waited && wait != nil {
			wait(s.readHolder(rel))
		}
		waited = true
		time.Sleep(lockPoll)
	}
	// The holder note is best effort: the lock is the system's, not the
	// note, so it is not synced (a search would pay a disk flush for it).
	if err := f.Truncate(0); err == nil {
		fmt.Fprintf(f, "%d\n%s\n%s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339), LockCommand)
	}
	return &Lock{f: f}, nil
}

// Unlock releases the lock. Closing the file releases the system's lock.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// readHolder reads the note of the process holding the lock; a note it
// cannot read gives an anonymous holder.
func (s *Study) readHolder(rel string) Holder {
	data, err := s.ReadFile(rel)
	if err != nil {
		return Holder{}
	}
	lines := strings.SplitN(string(data), "\n", 4)
	var h Holder
	if len(lines) >= 3 {
		h.PID, _ = strconv.Atoi(lines[0])
		h.Since, _ = time.Parse(time.RFC3339, lines[1])
		h.Command = strings.TrimSpace(lines[2])
	}
	return h
}

// MakeDataDir makes .qda/ with a .gitignore that ignores all of it, so the
// lock, a journal or an index never reaches git even in a study whose own
// .gitignore does not name .qda/ (one not made by qda init).
func (s *Study) MakeDataDir() error {
	// Through the study's root, so a .qda linked to a folder elsewhere is
	// refused before the lock, a journal or an index is written there.
	if err := s.dataDirIsFolder(); err != nil {
		return err
	}
	if err := s.mkdirAll(DataDir); err != nil {
		return err
	}
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	const ignore = DataDir + "/.gitignore"
	if _, err := r.Lstat(ignore); err == nil {
		return nil
	}
	temp, err := s.stageTemp(DataDir, ".gitignore", []byte("# qda's derived data: never committed\n*\n"), 0o644)
	if err != nil {
		return err
	}
	return s.renameInto(temp, ignore, nil)
}
