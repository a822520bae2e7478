package refi

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// failAfter is a writer that takes n bytes, then fails every write.
type failAfter struct{ n int }

var errDiskFull = errors.New("no space left on device")

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestExportWriteFails checks that a project whose file cannot be
// written (a full disk) fails with that error, said once, whether the
// write fails among the sources' files or in project.qde after them.
func TestExportWriteFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	if err := plan(t, fixture(t, "qualcoder", nil)).Write(dir); err != nil {
		t.Fatal(err)
	}
	st, ix := open(t, dir)
	cb, _ := st.Codebook()
	for _, n := range []int{0, 100, 4000} {
		_, err := ExportProject(st, cb, ix, ExportOptions{Origin: "qda test", Epoch: testEpoch}, &failAfter{n: n})
		if !errors.Is(err, errDiskFull) {
			t.Fatalf("failing after %d bytes: %v, want the write's error", n, err)
		}
		if c := strings.Count(err.Error(), errDiskFull.Error()); c != 1 {
			t.Fatalf("failing after %d bytes: the error said %d times: %v", n, c, err)
		}
	}
}
