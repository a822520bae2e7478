package office

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The fixtures in testdata are .docx and .odt files that LibreOffice wrote
// from the sources in testdata/src (see testdata/src/make.sh). Each has a
// golden file beside it, NAME.golden: one paragraph per line, written as a
// Go quoted string, so that "\n", "\t" and invisible characters such as a
// no-break space ("\u00a0") can be seen. QDA_UPDATE=1 rewrites them.

func readers() map[string]func([]byte) ([]string, error) {
	return map[string]func([]byte) ([]string, error){".docx": DOCX, ".odt": ODT}
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		read, ok := readers()[filepath.Ext(file)]
		if !ok {
			continue
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			paras, err := read(data)
			if err != nil {
				t.Fatal(err)
			}
			got := encodeGolden(paras)
			if os.Getenv("QDA_UPDATE") == "1" {
				if err := os.WriteFile(file+".golden", got, 0o644); err != nil {
					t.Fatal(err)
				}
				writeSeeds(t, file, data)
				return
			}
			want, err := os.ReadFile(file + ".golden")
			if err != nil {
				t.Fatalf("%v (run with QDA_UPDATE=1 to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("paragraphs differ from %s.golden (QDA_UPDATE=1 rewrites it)\ngot:\n%s\nwant:\n%s", file, got, want)
			}
		})
	}
	if n == 0 {
		t.Fatal("no fixtures in testdata")
	}
}

// writeSeeds keeps the fuzz corpus in step with the fixtures: the file
// itself, and its XML part for the fuzz targets' second reading.
func writeSeeds(t *testing.T, file string, data []byte) {
	target, part := "FuzzDOCX", docxFormat.part
	if filepath.Ext(file) == ".odt" {
		target, part = "FuzzODT", odtFormat.part
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	body, err := readPart(findPart(zr, part), maxSize)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "fuzz", target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(file)
	for name, seed := range map[string][]byte{base: data, base + "-" + path.Base(part): body} {
		enc := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", seed)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(enc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func encodeGolden(paras []string) []byte {
	var b bytes.Buffer
	for _, p := range paras {
		b.WriteString(strconv.Quote(p))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// decodeGolden is encodeGolden's inverse, kept so that the format is
// checked to say exactly what the readers returned.
func decodeGolden(data []byte) ([]string, error) {
	var paras []string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" {
			continue
		}
		p, err := strconv.Unquote(line)
		if err != nil {
			return nil, err
		}
		paras = append(paras, p)
	}
	return paras, nil
}
