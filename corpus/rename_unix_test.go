//go:build unix

package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestReleaseAfterWait: a file handed to the releasers after they were
// waited for is closed at once; it used to be sent on a channel nothing
// received from, and the batch hung.
func TestReleaseAfterWait(t *testing.T) {
	name := filepath.Join(t.TempDir(), "old")
	must(t, os.WriteFile(name, []byte("old"), 0o644))
	open := func() int {
		fd, err := unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		must(t, err)
		return fd
	}
	for _, tc := range []struct {
		name   string
		before bool // a file released before wait, which starts the releasers
	}{{"releasers started", true}, {"none started", false}} {
		t.Run(tc.name, func(t *testing.T) {
			var p replaced
			if tc.before {
				p.release(open())
			}
			p.wait()
			fd := open()
			done := make(chan struct{})
			go func() {
				p.release(fd)
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("release after wait blocks")
			}
			if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); !errors.Is(err, unix.EBADF) {
				t.Errorf("the file released after wait is still open: %v", err)
			}
		})
	}
}
