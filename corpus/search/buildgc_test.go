package search

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestBuildGC: a build raises the collector's percent under a memory
// limit and restores both after; a GOGC the user chose is left alone.
func TestBuildGC(t *testing.T) {
	if p := debug.SetGCPercent(100); p != 100 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		debug.SetGCPercent(p)
		t.Skip("GOGC or GOMEMLIMIT is set for this test run")
	}
	g := startBuildGC()
	if g == nil {
		t.Fatal("not started with the default collector")
	}
	if p := debug.SetGCPercent(-1); p != buildGCPercent {
		t.Errorf("percent %d during the build, want %d", p, buildGCPercent)
	}
	debug.SetGCPercent(buildGCPercent)
	if l := debug.SetMemoryLimit(-1); l < buildMemoryLimit || l == math.MaxInt64 {
		t.Errorf("limit %d during the build, want at least %d", l, buildMemoryLimit)
	}
	g.stop()
	if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(-1); p != 100 || l != math.MaxInt64 {
		t.Errorf("after the build: percent %d, limit %d; want 100 and none", p, l)
	}

	debug.SetGCPercent(50)
	defer debug.SetGCPercent(100)
	if g := startBuildGC(); g != nil {
		t.Error("started over GOGC=50")
	}
	if p := debug.SetGCPercent(50); p != 50 {
		t.Errorf("GOGC=50 became %d", p)
	}
	g = nil
	g.adjust() // a nil setting is a no-op
	g.stop()
}
