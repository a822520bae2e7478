package search

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/qdatool/qda/internal/ahead"
)

// TestQueryGC: a search's raised GC target holds while the live heap
// is small, goes back to Go's defaults once it grows past
// queryLiveMax, and undo puts the settings back.
func TestQueryGC(t *testing.T) {
	percent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	before, limit := percent(), debug.SetMemoryLimit(-1)
	undo := TuneQueryGC()
	runtime.GC()
	if percent() != queryGCPercent || debug.SetMemoryLimit(-1) != queryHeapLimit {
		t.Fatalf("GC percent %d, limit %d", percent(), debug.SetMemoryLimit(-1))
	}
	big := make([]byte, queryLiveMax+(8<<20))
	for i := 0; i < 50 && percent() != before; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs on a goroutine of its own
	}
	runtime.KeepAlive(big)
	if percent() != before || debug.SetMemoryLimit(-1) != limit {
		t.Errorf("with %d MB live: GC percent %d, limit %d", len(big)>>20, percent(), debug.SetMemoryLimit(-1))
	}
	undo()
	undo = TuneQueryGC()
	undo()
	undo()
	if percent() != before || debug.SetMemoryLimit(-1) != limit {
		t.Errorf("after undo: GC percent %d, limit %d", percent(), debug.SetMemoryLimit(-1))
	}
}

// The user's GOGC, GOMEMLIMIT or a lower memory limit are kept.
func TestQueryGCUserSettings(t *testing.T) {
	percent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	before, limit := percent(), debug.SetMemoryLimit(-1)
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, "50")
			undo := TuneQueryGC()
			defer undo()
			if percent() != before || debug.SetMemoryLimit(-1) != limit {
				t.Errorf("with %s set: GC percent %d, limit %d; want them left at %d, %d", env, percent(), debug.SetMemoryLimit(-1), before, limit)
			}
		})
	}
	t.Run("a lower limit", func(t *testing.T) {
		lower := int64(queryHeapLimit / 2)
		debug.SetMemoryLimit(lower)
		defer debug.SetMemoryLimit(limit)
		undo := TuneQueryGC()
		defer undo()
		if percent() != before || debug.SetMemoryLimit(-1) != lower {
			t.Errorf("with a limit of %d: GC percent %d, limit %d", lower, percent(), debug.SetMemoryLimit(-1))
		}
	})
}

// A build of the index during a search (its first, or after edits) sets
// the collector its own way: the search's setting, which made the build
// find the collector changed and leave it so, is ended first; after the
// build, Go's defaults, and the search's undo changes nothing.
func TestBuildDuringQuery(t *testing.T) {
	if userGC() || debug.SetGCPercent(100) != 100 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Skip("GOGC or GOMEMLIMIT is set for this test run")
	}
	undo := TuneQueryGC()
	g := startBuildGC()
	if g == nil {
		t.Fatal("a build during a search kept the search's collector setting")
	}
	if p := debug.SetGCPercent(buildGCPercent); p != buildGCPercent {
		t.Errorf("percent %d during the build, want %d", p, buildGCPercent)
	}
	g.stop()
	undo()
	if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(-1); p != 100 || l != math.MaxInt64 {
		t.Errorf("after the build and the search: percent %d, limit %d; want 100 and none", p, l)
	}
}

// The collector qda's start turned off for a search (internal/ahead) is
// the search's to set once it starts, and undo puts back what was there
// before the start: the collector is never left off.
func TestQueryGCAfterStart(t *testing.T) {
	if userGC() {
		t.Skip("GOGC or GOMEMLIMIT set: the start leaves the collector alone")
	}
	percent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	before, limit := percent(), debug.SetMemoryLimit(-1)
	ahead.QuietGC()
	if percent() != -1 {
		t.Fatalf("as a search starts: GC percent %d, want off", percent())
	}
	undo := TuneQueryGC()
	if percent() != queryGCPercent || debug.SetMemoryLimit(-1) != queryHeapLimit {
		t.Errorf("searching: GC percent %d, limit %d", percent(), debug.SetMemoryLimit(-1))
	}
	undo()
	if percent() != before || debug.SetMemoryLimit(-1) != limit {
		t.Errorf("after the search: GC percent %d, limit %d; want %d, %d", percent(), debug.SetMemoryLimit(-1), before, limit)
	}
	if ahead.StartGC() {
		t.Error("the start's settings put back twice")
	}
}
