// Package leakcheck lets a test check that the code it ran left no
// goroutine running and no file open. Written by hand, a few lines, in
// place of a module (goleak) for two counts.
package leakcheck

import (
	"os"
	"runtime"
	"testing"
	"time"
)

// Goroutines is how many goroutines run once those that earlier tests
// ended have gone: a goroutine that has sent its last result may not
// have returned yet.
func Goroutines() int {
	n := runtime.NumGoroutine()
	for range 20 {
		time.Sleep(5 * time.Millisecond)
		n = min(n, runtime.NumGoroutine())
	}
	return n
}

// WaitGoroutines waits a little for goroutines that are ending to end,
// then fails t if more than want run.
func WaitGoroutines(t testing.TB, want int) {
	t.Helper()
	for range 100 {
		if runtime.NumGoroutine() <= want {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines run, %d before", runtime.NumGoroutine(), want)
}

// OpenFiles is how many files the process has open, from Linux's /proc
// (a temporary file qda makes has no name to look for: see
// internal/scratch); where there is no /proc the test is skipped.
func OpenFiles(t testing.TB) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd to count open files:", err)
	}
	return len(fds)
}
