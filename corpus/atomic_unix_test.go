//go:build unix

package corpus

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteKeepsMode checks that both writers keep a replaced file's
// mode exactly, past the umask (a group-writable 0664 stays 0664), and
// give a new file an ordinary document's mode.
func TestWriteKeepsMode(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	writers := map[string]func(string) error{
		"WriteFile": func(p string) error { return WriteFile(p, []byte("new")) },
		"WriteFileFrom": func(p string) error {
			return WriteFileFrom(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
		},
	}
	for name, write := range writers {
		for _, mode := range []os.FileMode{0o664, 0o600, 0o640} {
			path := filepath.Join(t.TempDir(), "f")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}
			if err := write(path); err != nil {
				t.Fatal(err)
			}
			if st, _ := os.Stat(path); st.Mode().Perm() != mode {
				t.Errorf("%s over a %v file: mode %v", name, mode, st.Mode().Perm())
			}
		}
		path := filepath.Join(t.TempDir(), "new")
		if err := write(path); err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
			t.Errorf("%s of a new file: mode %v, want 0644", name, st.Mode().Perm())
		}
	}
}
