package refi

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// fixture zips testdata/refi/NAME, plus extra entries, as a test builds
// a .qdpx: the fixtures stay reviewable text.
func fixture(t testing.TB, name string, extra map[string][]byte) []byte {
	t.Helper()
	root := filepath.Join("..", "..", "testdata", "refi", name)
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range extra {
		files[k] = v
	}
	return zipOf(t, files)
}

func zipOf(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range sortedKeys(files) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// nvivoFixture adds the Word file that holds the NVivo source's text.
func nvivoFixture(t testing.TB) []byte {
	docx, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ingest", "interview.docx"))
	if err != nil {
		t.Fatal(err)
	}
	return fixture(t, "nvivo", map[string][]byte{"Sources/{4A1B2C3D-0000-4000-8000-00000000AB01}.docx": docx})
}

// schemas returns the folder of the REFI-QDA schemas, ../shared/refi from
// the repository's root, skipping the test where they or xmllint are absent.
func schemas(t *testing.T) string {
	t.Helper()
	dir, why := schemaDir()
	if why != "" {
		t.Skip(why)
	}
	return dir
}

// schemaDir is schemas for tests that check more than the schema: why
// says what is missing, and the test logs it and goes on.
func schemaDir() (dir, why string) {
	dir = filepath.Join("..", "..", "..", "shared", "refi")
	if _, err := os.Stat(filepath.Join(dir, "Project.xsd")); err != nil {
		return "", "skipped: the REFI-QDA schemas are not in " + dir + " (../shared/refi beside the repository)"
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		return "", "skipped: xmllint is not installed (Debian: apt-get install libxml2-utils)"
	}
	return dir, ""
}

// validate runs xmllint on data against schema.
func validate(t *testing.T, schema string, data []byte) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", schema, f).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}
