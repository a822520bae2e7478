package search

import (
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
