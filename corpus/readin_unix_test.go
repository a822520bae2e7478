//go:build unix

package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestReadIn: readIn reads a plain file whole, whatever its size against
// its first buffer (the file's size and a byte), and leaves to ReadFile
// what is not a plain file or is over MaxFileSize.
func TestReadIn(t *testing.T) {
	dir := t.TempDir()
	d, err := os.Open(dir)
	must(t, err)
	defer d.Close()
	dirfd := int(d.Fd())
	for _, size := range []int{0, 1, 511, 512, 513, 100_000} {
		want := bytes.Repeat([]byte("abcdefg\n"), size/8+1)[:size]
		must(t, os.WriteFile(filepath.Join(dir, "f"), want, 0o644))
		got, ok := readIn(dirfd, "f")
		if !ok || !bytes.Equal(got, want) {
			t.Errorf("size %d: read %d bytes, ok %v", size, len(got), ok)
		}
	}
	big, err := os.Create(filepath.Join(dir, "big"))
	must(t, err)
	must(t, big.Truncate(MaxFileSize+1)) // sparse: no disk
	big.Close()
	must(t, os.Symlink("f", filepath.Join(dir, "link")))
	must(t, unix.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	for _, name := range []string{"big", "link", "fifo", "none"} {
		if _, ok := readIn(dirfd, name); ok {
			t.Errorf("%s: read, want it left to ReadFile", name)
		}
	}
}
