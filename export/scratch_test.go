package export

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/internal/diag"
)

// TestWorkbookScratchFailed checks that a workbook whose working folder
// or packed parts cannot be kept ($TMPDIR missing, or a file) says what
// it was keeping, in which folder, and to set TMPDIR.
func TestWorkbookScratchFailed(t *testing.T) {
	afile := filepath.Join(t.TempDir(), "afile")
	if err := os.WriteFile(afile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tmp := range []string{filepath.Join(t.TempDir(), "none"), afile} {
		t.Setenv("TMPDIR", tmp)
		said := func(what string, err error) {
			t.Helper()
			scratchSaid(t, "TMPDIR="+tmp, what, tmp, err)
		}
		wb, err := NewWorkbook(time.Time{})
		if err == nil {
			wb.Close()
		}
		said("the workbook's working files", err)
		var z sortedZip
		_, err = z.Create("xl/workbook.xml")
		said("the workbook's parts", err)
	}
}

// TestSpillWriteFailed checks that the matrix's excerpts scratch file,
// failing as it is written (a full disk, ulimit -f; here closed under
// it), says what it was keeping, where, and to set TMPDIR, rather than
// name a file already removed.
func TestSpillWriteFailed(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	said := func(how string, err error) {
		t.Helper()
		scratchSaid(t, how, passages, tmp, err)
	}
	for _, size := range []int{10, 1 << 17} { // held in the buffer until row's flush; past it, written by add
		s, err := newSpill(1)
		if err != nil {
			t.Fatal(err)
		}
		s.f.Close()
		err = s.add(0, []string{strings.Repeat("a", size)})
		if size < 1<<16 {
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.row(0, 1)
			said("flush", err)
		} else {
			said("write", err)
		}
	}
}

// scratchSaid checks that err says what was being kept in a scratch file
// in tmp, and hints to set TMPDIR; case names the case in a failure.
func scratchSaid(t *testing.T, tcase, what, tmp string, err error) {
	t.Helper()
	var f *diag.Finding
	if !errors.As(err, &f) || !strings.HasPrefix(f.Msg, "cannot keep "+what+" in a scratch file in "+tmp+": ") ||
		f.Hint != "set TMPDIR to a folder with room" {
		t.Errorf("%s: %v (%#v)", tcase, err, f)
	}
}
