package search

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
)

// A build from nothing allocates gigabytes of short-lived analysis
// (tokens, term frequencies, each batch's postings) around a live heap
// of tens of megabytes, and Go's collector, run whenever the heap has
// doubled, was a fifth to a third of the build's CPU. During a build the
// heap may grow to buildGCPercent over the live heap instead, but no
// further than a memory limit of buildMemoryLimit, or of what the
// default collector would let it reach (twice the live heap, and some)
// when that is more: so the build never collects more often than
// before, and its peak grows only where it was under buildMemoryLimit.
const (
	buildGCPercent   = 300
	buildMemoryLimit = 320 << 20
	// limitSlack is the memory beside the heap (stacks, the runtime's
	// own) that the default collector's peak holds too.
	limitSlack = 32 << 20
)

// buildGC is the collector's setting during a build.
type buildGC struct {
	oldPercent int
	oldLimit   int64
	sample     []metrics.Sample
}

// startBuildGC sets the collector for a build; nil when the user set
// GOGC or GOMEMLIMIT, which are theirs to choose.
func startBuildGC() *buildGC {
	// A search's own setting (TuneQueryGC) is for a query, not a build:
	// ended first, so that what is read below is the process's.
	endQueryGC()
	if userGC() {
		return nil
	}
	old := debug.SetGCPercent(buildGCPercent)
	oldLimit := debug.SetMemoryLimit(-1) // reads it
	if old != 100 || oldLimit != math.MaxInt64 {
		debug.SetGCPercent(old)
		return nil
	}
	g := &buildGC{oldPercent: old, oldLimit: oldLimit, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	g.adjust()
	return g
}

// adjust raises the limit to what the default collector would allow
// over the heap live now, when that is above buildMemoryLimit.
func (g *buildGC) adjust() {
	if g == nil {
		return
	}
	metrics.Read(g.sample)
	limit := int64(buildMemoryLimit)
	if s := g.sample[0]; s.Value.Kind() == metrics.KindUint64 {
		if l := int64(s.Value.Uint64())*2 + limitSlack; l > limit {
			limit = l
		}
	}
	debug.SetMemoryLimit(limit)
}

// stop restores the collector's setting.
func (g *buildGC) stop() {
	if g == nil {
		return
	}
	debug.SetGCPercent(g.oldPercent)
	debug.SetMemoryLimit(g.oldLimit)
}
