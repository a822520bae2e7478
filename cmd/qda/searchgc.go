package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A warm search allocates a few tens of megabytes and keeps little: at
// 10,000 participants a common word's search ran the collector nine
// times, most of them while its heap was under 16 MB. So a search raises
// the collector's target (searchGCPercent: three collections, about 8%
// less CPU) under a memory limit (searchHeapLimit). Should the live heap
// grow past a fraction of that limit (a search that rebuilds the index,
// a line of tens of megabytes), the collector goes back to Go's defaults
// for the rest of the process, so memory stays bounded by the input as
// before and the limit never makes the collector run without end. (With
// a limit of 256 MB, the warm search of bench/limits' 60 MB line peaked
// at 371 MB against 231 before: 128 MB keeps it near where it was.)
const (
	searchGCPercent = 400
	searchHeapLimit = 128 << 20
	// At most a fifth of the limit live: with the target at 400%, the
	// heap reaches the limit before the next collection.
	searchLiveMax = searchHeapLimit / 5
)

// tuneSearchGC raises the collector's target for a search; undo puts
// Go's settings back.
// A GOGC or GOMEMLIMIT the user set is theirs: the collector is then
// left as they said, and a memory limit already lower is never raised.
func tuneSearchGC() (undo func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	if debug.SetMemoryLimit(-1) < searchHeapLimit {
		return func() {}
	}
	percent := debug.SetGCPercent(searchGCPercent)
	limit := debug.SetMemoryLimit(searchHeapLimit)
	done := make(chan struct{})
	reset := func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
	// After every collection (a finalizer runs after the one that
	// found its object unreachable), the live heap is looked at.
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var watch func()
	watch = func() {
		sentinel := &struct{ p *int }{} // with a pointer: not a tiny allocation, whose finalizer may never run
		runtime.SetFinalizer(sentinel, func(*struct{ p *int }) {
			select {
			case <-done:
				return
			default:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > searchLiveMax {
				reset()
				return
			}
			watch()
		})
	}
	watch()
	return func() {
		select {
		case <-done:
		default:
			close(done)
			reset()
		}
	}
}
