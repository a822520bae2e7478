package ahead

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestNameStat: the quick check's stat agrees with StatAt on a file,
// a file through a symlink and a missing file.
func TestNameStat(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "may-1.txt"), []byte("Interviewer: hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 678901234, time.UTC)
	os.Chtimes(filepath.Join(dir, "may-1.txt"), old, old)
	os.Symlink("may-1.txt", filepath.Join(dir, "ted-1.txt"))
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ns := NewNameStat(f)
	for _, name := range []string{"may-1", "ted-1", "missing"} {
		got, want := ns.Stat(name, ".txt"), StatAt(f, name+".txt")
		if got != want {
			t.Errorf("%s: %+v, StatAt says %+v", name, got, want)
		}
	}
	if got := ns.Stat("may-1", ".txt"); got.Size != 19 || got.MTime != old.UnixNano() {
		t.Errorf("may-1: %+v, want size 19 and mtime %d", got, old.UnixNano())
	}
	if got := ns.Stat("missing", ".txt"); got.Size != -1 {
		t.Errorf("missing: %+v, want size -1", got)
	}
}
