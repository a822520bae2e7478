package export

import (
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestSheetLimits checks that a row past Excel's last row, or wider than
// its last column, is refused with a way out, not written into a file
// Excel cannot open.
func TestSheetLimits(t *testing.T) {
	wb, err := NewWorkbook(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	sh, err := wb.Sheet("Limits")
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.Row(Plain, Cell{Text: "first"}); err != nil {
		t.Fatal(err)
	}
	wide := make([]Cell, excelize.MaxColumns+1)
	if err := sh.Row(Plain, wide...); err == nil || !strings.Contains(err.Error(), "CSV") {
		t.Fatalf("a row of %d cells: %v", len(wide), err)
	}
	if err := sh.Row(Plain, wide[:excelize.MaxColumns]...); err != nil {
		t.Fatalf("a row of Excel's %d columns: %v", excelize.MaxColumns, err)
	}
	sh.n = excelize.TotalRows - 1
	if err := sh.Row(Plain, Cell{Text: "last"}); err != nil {
		t.Fatalf("Excel's last row: %v", err)
	}
	if err := sh.Row(Plain, Cell{Text: "one too many"}); err == nil || !strings.Contains(err.Error(), "Limits") {
		t.Fatalf("a row past Excel's last: %v", err)
	}
	wb.close()
}
