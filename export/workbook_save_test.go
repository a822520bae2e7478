package export

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/qdatool/qda/internal/leakcheck"
)

// TestSaveLeaksNothing checks that Save, whether it succeeds or fails
// before the workbook is written (its folder does not exist), stops the
// sheets' compressors and lets go of their files and of excelize's
// temporary folder.
func TestSaveLeaksNothing(t *testing.T) {
	for _, c := range []struct {
		name string
		path string
		fail bool
	}{
		{"no folder", filepath.Join(t.TempDir(), "missing", "x.xlsx"), true},
		{"saved", filepath.Join(t.TempDir(), "x.xlsx"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			goroutines, files := leakcheck.Goroutines(), leakcheck.OpenFiles(t)
			wb, err := NewWorkbook(testDate)
			if err != nil {
				t.Fatal(err)
			}
			big, err := wb.Sheet("Big")
			if err != nil {
				t.Fatal(err)
			}
			// Rows past a chunk, so that the sheet's compressor runs.
			text := strings.Repeat("words ", 200)
			for range 3000 {
				if err := big.Row(Plain, Text(text)); err != nil {
					t.Fatal(err)
				}
			}
			if runtime.NumGoroutine() <= goroutines {
				t.Fatal("no compressor runs for a sheet of 3 MB: the test would prove nothing")
			}
			small, err := wb.Sheet("Small")
			if err != nil {
				t.Fatal(err)
			}
			if err := small.Row(Plain, Text("a")); err != nil {
				t.Fatal(err)
			}
			err = wb.Save(c.path)
			if (err != nil) != c.fail {
				t.Fatalf("Save: %v, want failure %v", err, c.fail)
			}
			leakcheck.WaitGoroutines(t, goroutines)
			if _, err := os.Stat(wb.tmp); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("excelize's temporary folder is left: %v", err)
			}
			if n := leakcheck.OpenFiles(t); n > files {
				t.Errorf("%d files open after Save, %d before", n, files)
			}
		})
	}
}
