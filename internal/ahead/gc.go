package ahead

import (
	"os"
	"runtime/debug"
	"sync"
)

// startGC are the collector's settings before QuietGC changed them.
var startGC struct {
	sync.Mutex
	set     bool
	percent int
	limit   int64
}

// startLimit bounds the heap while the collector is off: the start of a
// search (the packages' tables, the quick file) takes a few megabytes.
const startLimit = 64 << 20

// QuietGC turns the collector off while qda starts a search, under a
// memory limit (Go collects as the heap nears it, collector off or
// not), until the search sets it for its query (corpus/search's
// TuneQueryGC calls StartGC). The packages qda is built from allocate
// about 3 MB as they initialise, past the collector's first target of 4
// MB with the search's first allocations: that collection and its
// assists cost 3 to 10 ms of CPU, more on a machine whose cores are busy
// (its stops wait for every thread). A GOGC or GOMEMLIMIT the user set
// is left alone.
func QuietGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	startGC.Lock()
	defer startGC.Unlock()
	startGC.percent = debug.SetGCPercent(-1)
	startGC.limit = debug.SetMemoryLimit(startLimit)
	startGC.set = true
}

// StartGC puts back the collector's settings QuietGC changed, if it
// did, and reports whether it did.
func StartGC() bool {
	startGC.Lock()
	defer startGC.Unlock()
	if !startGC.set {
		return false
	}
	debug.SetGCPercent(startGC.percent)
	debug.SetMemoryLimit(startGC.limit)
	startGC.set = false
	return true
}
