package search

import (
	"sync"
	"time"
)

// zapx's merge reads its input segments through their mappings (mmap),
// and every page it touches stays in the process's resident set until
// the segments are closed: at the end of a chunked build that is the
// whole of every chunk, about the size of the index (560 MB at 30,000
// participants), so the build's peak RSS grew with the study although
// the pages are clean and the kernel may take them back
// (docs/performance.md, issue 20, sessions 8 and 9). So while the merge
// runs, the inputs' pages are let go every dropInterval (dropMapped): a
// page read again is found in the page cache and mapped again by a
// minor fault, and only what the merge touched since the last drop is
// resident.
//
// A clock, not the merge's progress: zapx reports the bytes it writes
// (a StatsReporter), but for the fields whose terms have one hit each
// (the ids, each line's own keywords) it writes a term's posting into
// its dictionary, which it writes only at the field's end, so it reads
// a hundred megabytes of postings at 30,000 participants between two
// writes.

// dropInterval is the time between two drops of the merge's inputs'
// pages; a variable for tests.
var dropInterval = 50 * time.Millisecond

// dropWhile lets go of the pages of maps every interval until the
// returned stop is called, which returns how many times it did (and
// may be called again). stop must be called before the mappings are unmapped: a drop after
// that could land on memory mapped there since.
func dropWhile(maps [][]byte, interval time.Duration) (stop func() int) {
	if !dropsMapped {
		// Nothing to let go of here: no ticker goroutine for nothing.
		return func() int { return 0 }
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	drops := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				for _, m := range maps {
					dropMapped(m)
				}
				drops++
			}
		}
	}()
	var once sync.Once
	return func() int {
		once.Do(func() { close(done) })
		wg.Wait()
		return drops
	}
}

// mergeProbe, set by tests, is called with the merge's inputs each
// time probeEvery more bytes were written (zapx reports them to
// probe's ReportBytesWritten).
var (
	mergeProbe func(maps [][]byte)
	probeEvery uint64 = 64 << 10
)

type probe struct {
	maps    [][]byte
	written uint64
}

func (p *probe) ReportBytesWritten(n uint64) {
	if mergeProbe != nil && (p.written+n)/probeEvery != p.written/probeEvery {
		mergeProbe(p.maps)
	}
	p.written += n
}
