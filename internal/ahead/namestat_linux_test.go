package ahead

import (
	"os"
	"path/filepath"
	"testing"
)

// A stat allocates nothing: at 10,000 participants a search takes
// 14,615 of them, and a 256-byte answer allocated by each was 3.7 MB of
// garbage and its page faults.
func TestNameStatAllocs(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "may-1.txt"), []byte("hello\n"), 0o644)
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ns := NewNameStat(f)
	if n := testing.AllocsPerRun(100, func() { ns.Stat("may-1", ".txt") }); n != 0 {
		t.Errorf("a stat allocates %v times, want 0", n)
	}
}
