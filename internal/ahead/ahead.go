// Package ahead starts a search's quick check while qda is still
// starting.
//
// A search that finds nothing to index (nearly every search) stats every
// transcript, since only a stat tells a file edited in place from one
// left alone (corpus/search/quick.go): at 10,000 participants that is
// 14,615 stats, about 40 ms of CPU, most of what such a search costs
// after qda's own start. That start is mostly the initialisation of the
// packages qda is built from (bleve's Levenshtein automata, excelize's
// tables: 15 to 20 ms, on one core), which nothing in qda can put off.
// So this package, which imports nothing heavy and is initialised among
// the first, looks at the command line in its init: if it runs qda
// search, it reads the study's quick file and stats its transcripts on
// the other cores while the rest of qda initialises, and the search
// takes the answer (For) instead of taking the stats itself.
//
// Nothing depends on the guess being right. The search uses a sweep only
// for the study it opened (the same root, found the same way: Find), and
// only with the quick file's bytes the sweep read, which it then checks
// as it checks any quick file (its records well formed, naming the
// manifest read under the index's lock); else it reads and stats as
// before. A command line this package misreads costs a sweep's CPU and
// no more. The stats are those of the process's start, a few
// milliseconds before the search would take its own: an edit made in
// between may be missed by that search, as by a search whose own stats
// had passed the file. A search that has to wait for the index's lock
// (another qda holds it) drops the sweep and stats once it holds the
// lock (corpus/search.Open), so that wait widens the window by nothing.
package ahead

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Names in a study, as corpus and corpus/search name them (they take
// them from here).
const (
	ConfigFile     = "qda.yaml"
	TranscriptsDir = "transcripts"
	QuickFile      = ".qda/index/quick"
)

// maxQuick bounds the quick file read, as corpus.MaxFileSize bounds any
// file qda reads (a test checks they agree).
const maxQuick = 64 << 20

// State is a file's size and mtime in nanoseconds; Size -1 when it does
// not exist or cannot be stat'ed.
type State struct{ Size, MTime int64 }

// Find is the folder of the study that holds dir: dir or the nearest
// parent with a qda.yaml that is a plain file; found is false when there
// is none.
func Find(dir string) (root string, found bool, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false, err
	}
	for d := abs; ; {
		if st, err := os.Stat(filepath.Join(d, ConfigFile)); err == nil && st.Mode().IsRegular() {
			return d, true, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false, nil
		}
		d = parent
	}
}

// Sweep is the quick check's stats of one study, taken on every core:
// whether each transcript the quick file lists has the size and trusted
// mtime it records.
type Sweep struct {
	root    string
	ready   chan struct{} // closed once data is read and framed, or not (starts nil)
	data    []byte
	text    string // data's bytes
	n       int    // records
	starts  []int  // offset of the first record of each chunk
	dir     *os.File
	next    atomic.Int64
	differs atomic.Bool
	refused atomic.Bool // a record QuickValid refuses
	// docs and pieced total the records' documents and pieces as they
	// are stat'ed, and head is the manifest the file names (QuickValid):
	// with them the search needs no decoding of its own of the records
	// when nothing moved (it was 4 to 6 ms of a search's main goroutine
	// at 10,000 participants).
	docs   atomic.Uint64
	pieced atomic.Bool
	head   QuickHeadInfo
	wg     sync.WaitGroup
	taken  atomic.Bool
	closed sync.Once
}

// chunk is how many stats a worker takes at a time: small, so that a
// core another process holds leaves its share to the others.
const chunk = 64

// started is the sweep Start started last, if any.
var started atomic.Pointer[Sweep]

func init() {
	if dir, ok := SearchDir(os.Args[1:]); ok {
		QuietGC()
		Start(dir)
	}
}

// Start begins the sweep of the study that holds dir, if dir is in one,
// for For to hand to the search: on a goroutine of its own and, once the
// quick file is read, on every core but one (the one that goes on
// starting qda; Same brings it in). init calls it for a command line
// that runs a search; a test, as qda would start.
func Start(dir string) {
	started.Store(nil)
	root, found, err := Find(dir)
	if err != nil || !found {
		return
	}
	s := &Sweep{root: root, ready: make(chan struct{})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.read()
		for range runtime.GOMAXPROCS(0) - 2 {
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.work()
			}()
		}
		close(s.ready)
		s.work()
	}()
	started.Store(s)
}

// For is the sweep started for the study at root, once: nil if none was,
// if it was for another study, or if it was taken already (a process
// that searches again must stat again).
func For(root string) *Sweep {
	s := started.Load()
	if s == nil || s.root != root || !s.taken.CompareAndSwap(false, true) {
		return nil
	}
	return s
}

// Data is the quick file's bytes the sweep stats by, nil if it read none
// (none there, or not one it could read).
func (s *Sweep) Data() []byte {
	<-s.ready
	if s.starts == nil {
		return nil
	}
	return s.data
}

// Same reports whether every record of Data is one a search may use
// (QuickValid) and every transcript had the size and the mtime its
// record holds, a trusted one (not 0). The caller's goroutine takes a
// share of the stats left before it waits for the others.
func (s *Sweep) Same() bool {
	<-s.ready
	if s.starts == nil {
		return false
	}
	s.work()
	s.wg.Wait()
	s.close()
	return !s.differs.Load()
}

// Refused reports whether Same found a record the search may not use
// (QuickValid): the quick file is then to be read as a damaged one is,
// not taken as the sign of an edit. Once Same has returned.
func (s *Sweep) Refused() bool { return s.refused.Load() }

// Totals are the documents and whether any transcript has pieces, over
// every record of Data: only once Same has reported true (each record
// was then read).
func (s *Sweep) Totals() (docs uint64, pieced bool) {
	return s.docs.Load(), s.pieced.Load()
}

// Stop ends a sweep whose answer will not be asked for: its workers
// stop at their next stat, and it returns once they have, its folder
// closed.
func (s *Sweep) Stop() {
	s.differs.Store(true)
	s.wg.Wait()
	s.close()
}

// close closes the sweep's folder, once its workers are done.
func (s *Sweep) close() {
	s.closed.Do(func() {
		if s.dir != nil {
			s.dir.Close()
		}
	})
}

// read reads the study's quick file and its records, through the study's
// root: the file is data a clone may carry, and a link out of the study
// or anything but a plain file is not read.
func (s *Sweep) read() {
	r, err := os.OpenRoot(s.root)
	if err != nil {
		return
	}
	defer r.Close()
	f, err := r.OpenFile(filepath.FromSlash(QuickFile), os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxQuick {
		return
	}
	data := make([]byte, fi.Size()+1)
	size, err := io.ReadFull(f, data)
	if !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return // grew since it was stat'ed, or unreadable
	}
	data = data[:size]
	// One pass over the records to check their names and find where
	// each chunk starts: the workers read the rest where it lies (a
	// record struct per transcript was most of this reading's time, in
	// fresh memory's page faults).
	var starts []int
	n := 0
	head, ok := QuickHeadOf(data)
	if !ok || !quickWalk(data, func(at int, id string, _ []byte) bool {
		// A name, never a path: the stat is relative to the folder
		// (QuickValid, in the workers, checks the rest).
		if id == "" || id[0] == '.' || strings.ContainsAny(id, "/\\\x00") {
			return false
		}
		if n%chunk == 0 {
			starts = append(starts, at)
		}
		n++
		return true
	}) || n == 0 {
		return
	}
	dir, err := r.OpenFile(TranscriptsDir, os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		return
	}
	if fi, err := dir.Stat(); err != nil || !fi.IsDir() {
		dir.Close() // a pipe or a file where the folder belongs: the search says so
		return
	}
	s.dir, s.head = dir, head
	s.data, s.text, s.n, s.starts = data, unsafe.String(&data[0], len(data)), n, starts
}

// work stats chunks of the records until none is left or one differs.
func (s *Sweep) work() {
	if s.starts == nil {
		return
	}
	ns := NewNameStat(s.dir)
	for !s.differs.Load() {
		c := int(s.next.Add(1)) - 1
		if c >= len(s.starts) {
			return
		}
		at := s.starts[c]
		var docs uint64
		pieced := false
		for range min(chunk, s.n-c*chunk) {
			var id string
			var fields []byte
			id, fields, at = quickRecord(s.text, s.data, at)
			if !QuickValid(s.head, id, fields) {
				s.refused.Store(true)
				s.differs.Store(true)
				return
			}
			if want := QuickStat(fields); want.MTime == 0 || ns.Stat(id, ".txt") != want {
				s.differs.Store(true)
				return
			}
			d, p := QuickCounts(fields)
			docs += uint64(d)
			pieced = pieced || p > 0
		}
		s.docs.Add(docs)
		if pieced {
			s.pieced.Store(true)
		}
	}
}
