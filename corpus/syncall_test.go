package corpus

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// syncEach is what a batch uses where there is no syncfs: it must sync
// every file and report one that is not there.
func TestSyncEach(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		must(t, os.WriteFile(filepath.Join(dir, strconv.Itoa(i)), []byte("x"), 0o644))
	}
	r, err := os.OpenRoot(dir)
	must(t, err)
	defer r.Close()
	d, err := r.Open(".")
	must(t, err)
	defer d.Close()
	if err := syncEach(d, r, 40); err != nil {
		t.Fatalf("syncEach of 40 files = %v", err)
	}
	if err := syncEach(d, r, 41); err == nil || !strings.Contains(err.Error(), "40") {
		t.Fatalf("syncEach with file 40 missing = %v, want an error naming it", err)
	}
}
