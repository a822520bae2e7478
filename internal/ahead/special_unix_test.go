//go:build unix

package ahead_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/qdatool/qda/internal/ahead"
)

// A named pipe at the quick file or at transcripts/ (a study is data
// anyone may have made) gives no sweep, at once: the sweep starts in
// qda's init, and a pipe with no writer would hold qda's start for ever.
func TestSweepPipe(t *testing.T) {
	for _, at := range []string{ahead.QuickFile, ahead.TranscriptsDir} {
		t.Run(at, func(t *testing.T) {
			dir, recs := study(t)
			writeQuick(t, dir, recs)
			path := filepath.Join(dir, filepath.FromSlash(at))
			if err := os.RemoveAll(path); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Skip("no named pipes here:", err)
			}
			done := make(chan bool)
			go func() {
				s := sweep(t, dir)
				done <- s.Data() != nil || s.Same()
			}()
			select {
			case used := <-done:
				if used {
					t.Error("the sweep used a study with a pipe at", at)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the sweep still blocked on the pipe after 10 s")
			}
		})
	}
}
