package search

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestEachOnCores checks that every item is done exactly once by a
// worker in range, and that a false from do stops the rest.
func TestEachOnCores(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]atomic.Int32, n)
		if !eachOnCores(n, func(w, i int) bool {
			if w < 0 || w >= workers() {
				t.Errorf("worker %d out of range", w)
			}
			seen[i].Add(1)
			return true
		}) {
			t.Fatalf("n=%d: reported stopped", n)
		}
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Fatalf("n=%d: item %d done %d times", n, i, c)
			}
		}
	}
	var done atomic.Int32
	if eachOnCores(100000, func(_, i int) bool { done.Add(1); return i != 10 }) {
		t.Fatal("a false from do was not reported")
	}
	if d := done.Load(); d == 100000 {
		t.Fatal("a false from do did not stop the rest")
	}
}

// TestFolderStatsOnCores: on every worker, a file's stat is statAt's, and a
// file of a folder that could not be opened, or of none given, is
// missing (size -1), as statAt says of a nil folder.
func TestFolderStatsOnCores(t *testing.T) {
	dir := t.TempDir()
	for i := range 50 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("t%d.txt", i)), []byte(strings.Repeat("x", i)), 0o644)
	}
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stats := newFolderStats(map[string]*os.File{"transcripts": f, "codings/gone": nil})
	var bad atomic.Int32
	eachOnCores(200, func(w, i int) bool {
		name := fmt.Sprintf("t%d", i%60) // t50 to t59 do not exist
		if got, want := stats.stat(w, "transcripts", name, ".txt"), statAt(f, name+".txt"); got != want || i%60 < 50 && got.Size != int64(i%60) {
			bad.Add(1)
		}
		if stats.stat(w, "codings/gone", name, ".yaml").Size != -1 || stats.stat(w, "codings/never", name, ".yaml").Size != -1 {
			bad.Add(1)
		}
		return true
	})
	if bad.Load() != 0 {
		t.Errorf("%d stats wrong", bad.Load())
	}
	if statAt(nil, "t1.txt").Size != -1 {
		t.Error("statAt of no folder")
	}
}
