package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGolden normalises every fixture in testdata/ingest and compares the
// result with NAME.EXT.want. QDA_UPDATE=1 rewrites the .want files.
func TestGolden(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "ingest")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	update := os.Getenv("QDA_UPDATE") == "1"
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !supported(name) {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			res, err := File(name, data, Options{Participant: "may"})
			if err != nil {
				t.Fatal(err)
			}
			wantFile := filepath.Join(dir, name+".want")
			if update {
				if err := os.WriteFile(wantFile, res.Text, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run QDA_UPDATE=1 go test ./corpus/ingest/ to write it)", err)
			}
			if string(res.Text) != string(want) {
				t.Errorf("%s normalised to\n%s\nwant (%s)\n%s", name, res.Text, wantFile, want)
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d fixtures in %s", n, dir)
	}
}

func supported(name string) bool {
	if name == "README.md" {
		return false
	}
	for _, ext := range Formats {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}
