package search

import (
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/qdatool/qda/internal/ahead"
)

// workers is how many goroutines eachOnCores runs: one per core, as
// counted once per process. Callers size per-worker state by it before
// eachOnCores runs, and Go changes GOMAXPROCS by itself when a
// container's CPU limit changes: counted twice, a worker could index
// past that state.
var workers = sync.OnceValue(func() int { return max(1, runtime.GOMAXPROCS(0)) })

// eachOnCores calls do(w, i) for every i in [0, n) on workers()
// goroutines, w being the goroutine's number (for state of its own:
// counts, a folder's stat buffer). Items are taken in small chunks, in
// turn, not split into one fixed share per core: on a machine others
// share, a core that stalls leaves its chunks to the other instead of
// making the whole search wait for it. Once do returns false no more
// items are started, and eachOnCores reports false.
func eachOnCores(n int, do func(w, i int) bool) bool {
	procs := workers()
	chunk := max(1, n/(8*procs))
	var next atomic.Int64
	var stopped atomic.Bool
	var wg sync.WaitGroup
	for w := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stopped.Load() {
				start := int(next.Add(int64(chunk))) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(n, start+chunk); i++ {
					if !do(w, i) {
						stopped.Store(true)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	return !stopped.Load()
}

// folderStats stat files by name in open folders on eachOnCores's
// goroutines, each with a NameStat of its own per folder (its buffer is
// not shared): the quick check, an update's stats and the codings of the
// transcripts printed all stat thousands of files this way.
type folderStats struct {
	dirs map[string]*os.File          // nil for a folder that could not be opened
	per  []map[string]*ahead.NameStat // by worker, then folder
}

func newFolderStats(dirs map[string]*os.File) *folderStats {
	return &folderStats{dirs: dirs, per: make([]map[string]*ahead.NameStat, workers())}
}

// stat is the state of dir's file name+ext on worker w (not a path: the
// caller checked name), Size -1 when it or its folder cannot be stat'ed.
func (s *folderStats) stat(w int, dir, name, ext string) fileState {
	ns := s.per[w][dir]
	if ns == nil {
		d := s.dirs[dir]
		if d == nil {
			return fileState{Size: -1}
		}
		if s.per[w] == nil {
			s.per[w] = map[string]*ahead.NameStat{}
		}
		ns = ahead.NewNameStat(d)
		s.per[w][dir] = ns
	}
	return stateOf(ns.Stat(name, ext))
}

// statAt stats name in dir; a missing file or folder is size -1.
func statAt(dir *os.File, name string) fileState { return stateOf(ahead.StatAt(dir, name)) }

func stateOf(s ahead.State) fileState { return fileState{Size: s.Size, MTime: s.MTime} }
