package search

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"

	"github.com/qdatool/qda/internal/ahead"
)

// A warm search allocates a few tens of megabytes and keeps little: at
// 10,000 participants a common word's search ran the collector nine
// times, most of them while its heap was under 16 MB. So a search raises
// the collector's target (queryGCPercent: three collections, about 8%
// less CPU) under a memory limit (queryHeapLimit). Should the live heap
// grow past a fraction of that limit (a line of tens of megabytes), the
// collector goes back to Go's defaults for the rest of the process, so
// memory stays bounded by the input as before and the limit never makes
// the collector run without end. (With a limit of 256 MB, the warm
// search of bench/limits' 60 MB line peaked at 371 MB against 231
// before: 128 MB keeps it near where it was.) A build of the index sets
// the collector its own way (buildgc.go) and ends this first: the two
// live here, in one package, so that they never undo each other.
const (
	queryGCPercent = 400
	queryHeapLimit = 128 << 20
	// At most a fifth of the limit live: with the target at 400%, the
	// heap reaches the limit before the next collection.
	queryLiveMax = queryHeapLimit / 5
)

// queryGC is the collector's setting before TuneQueryGC changed it, and
// whether it is changed now; gen tells one tuning's watcher from the
// next's.
var queryGC struct {
	sync.Mutex
	active  bool
	gen     int
	percent int
	limit   int64
}

// userGC reports whether the user chose the collector's settings, which
// are theirs: GOGC or GOMEMLIMIT set.
func userGC() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }

// TuneQueryGC raises the collector's target for a search; undo puts the
// settings back (so does a build of the index, or a live heap past
// queryLiveMax). A GOGC or GOMEMLIMIT the user set, or a memory limit
// already lower, is left as it is.
func TuneQueryGC() (undo func()) {
	// The collector qda's start turned off (internal/ahead) is the
	// search's from here.
	ahead.StartGC()
	if userGC() || debug.SetMemoryLimit(-1) < queryHeapLimit {
		return func() {}
	}
	queryGC.Lock()
	if queryGC.active {
		queryGC.Unlock()
		return func() {}
	}
	queryGC.gen++
	gen := queryGC.gen
	queryGC.active = true
	queryGC.percent = debug.SetGCPercent(queryGCPercent)
	queryGC.limit = debug.SetMemoryLimit(queryHeapLimit)
	queryGC.Unlock()
	// After every collection (a finalizer runs after the one that found
	// its object unreachable), the live heap is looked at.
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var watch func()
	watch = func() {
		sentinel := &struct{ p *int }{} // with a pointer: not a tiny allocation, whose finalizer may never run
		runtime.SetFinalizer(sentinel, func(*struct{ p *int }) {
			queryGC.Lock()
			live := queryGC.active && queryGC.gen == gen
			queryGC.Unlock()
			if !live {
				return
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > queryLiveMax {
				endQueryGC()
				return
			}
			watch()
		})
	}
	watch()
	return endQueryGC
}

// endQueryGC puts back what TuneQueryGC changed, if it still is.
func endQueryGC() {
	queryGC.Lock()
	defer queryGC.Unlock()
	if queryGC.active {
		debug.SetGCPercent(queryGC.percent)
		debug.SetMemoryLimit(queryGC.limit)
		queryGC.active = false
	}
}
