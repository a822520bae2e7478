package corpus

import (
	"testing"

	"golang.org/x/sys/unix"
)

// mknodNull makes a character device at path, /dev/null's (1, 5); mknod
// needs root: skipped without it. (Mknod's device argument has another
// type on each system: only Linux's is written here.)
func mknodNull(t *testing.T, path string) {
	if err := unix.Mknod(path, unix.S_IFCHR|0o644, int(unix.Mkdev(1, 5))); err != nil {
		t.Skipf("mknod: %v", err)
	}
}
