package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qdatool/qda/corpus/demo"
)

// TestWorkbookPrintLibreOffice prints the demo's Matrix sheet to PDF with
// LibreOffice, when it is installed (.ci/run installs
// libreoffice-calc-nogui), as a reader would: it fits on one landscape
// page, the participants beside their counts, its headers in the body's
// font.
func TestWorkbookPrintLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			t.Skip("skipped: no LibreOffice (soffice) to print the workbook (apt-get install libreoffice-calc-nogui)")
		}
	}
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	ts := openStudyAt(t, dir)
	wb, _, err := MatrixWorkbook(ts.s, ts.ix, ts.cb, WorkbookOptions{
		Matrix: MatrixOptions{Rows: RowsParticipant, Depth: 1, Measure: "references"},
		About:  About{Date: testDate, Title: ts.s.Config.Title},
	})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	path := filepath.Join(out, "themes.xlsx")
	if err := wb.Save(path); err != nil {
		t.Fatal(err)
	}
	// The Matrix alone: every other sheet deleted from a copy.
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range f.GetSheetList() {
		if name != SheetMatrix {
			if err := f.DeleteSheet(name); err != nil {
				t.Fatal(err)
			}
		}
	}
	matrix := filepath.Join(out, "matrix.xlsx")
	if err := f.SaveAs(matrix); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command(soffice, "--headless", "--convert-to", "pdf", "--outdir", out, matrix)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	pdf, err := os.ReadFile(filepath.Join(out, "matrix.pdf"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no PDF: %v", err)
	}
	pages := regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1)
	if len(pages) != 1 {
		t.Errorf("the demo's Matrix prints on %d pages, want 1", len(pages))
	}
	// One family of fonts: a bold style that names no font printed its
	// headers in LibreOffice's default serif, wider than the sans the
	// rows' heights are estimated for.
	families := map[string]bool{}
	for _, m := range regexp.MustCompile(`/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z]+)`).FindAllSubmatch(pdf, -1) {
		families[string(m[1])] = true
	}
	if len(families) != 1 {
		t.Errorf("the Matrix prints in the font families %v, want one (the body's, bold for headers)", families)
	}
	for _, m := range regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`).FindAllSubmatch(pdf, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if w <= h {
			t.Errorf("a page is %v × %v, want landscape", w, h)
		}
	}
}
