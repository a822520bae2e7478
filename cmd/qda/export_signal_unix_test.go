//go:build unix

package main

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestExportWriteInterrupted interrupts a text export while it writes
// (Ctrl-C, SIGTERM): it stops with an error that says so, the earlier
// file is as it was, and no temporary file is left beside it or in
// $TMPDIR. Without the signal handling the test process itself dies.
func TestExportWriteInterrupted(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			g, tg, tmp := oldExport(t)
			path, dir := tg.path, g.dir
			err := tg.write(g, func(w io.Writer) error {
				if _, err := w.Write([]byte("a first passage\n")); err != nil {
					return err
				}
				if err := syscall.Kill(os.Getpid(), sig); err != nil {
					return err
				}
				// The signal arrives soon after; the writes go on until it does.
				for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
					if _, err := w.Write([]byte("a passage\n")); err != nil {
						return err
					}
					time.Sleep(time.Millisecond)
				}
				return nil
			})
			if err == nil || err.Error() != "interrupted: out.md was not written" {
				t.Fatalf("got %v, want the interruption", err)
			}
			if b, err := os.ReadFile(path); err != nil || string(b) != "old\n" {
				t.Errorf("the earlier file: %q, %v", b, err)
			}
			for _, d := range []string{dir, tmp} {
				es, err := os.ReadDir(d)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range es {
					if e.Name() != "out.md" {
						t.Errorf("left behind: %s", filepath.Join(d, e.Name()))
					}
				}
			}
		})
	}
}
