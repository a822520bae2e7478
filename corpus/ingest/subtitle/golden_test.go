package subtitle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update regenerates the goldens, the CRLF+BOM variants and the fuzz seeds
// from the fixtures. It is an environment variable, not a flag, so that
// `go test ./...` works in packages that do not declare the flag.
var update = os.Getenv("QDA_UPDATE") == "1"

// fixtures are the hand-written subtitle files; each has a golden
// NAME.json of Turns over its cues, and a variant NAME.crlf-bom.EXT that
// must read the same.
var fixtures = []string{"teams.vtt", "zoom.vtt", "notes-styles.vtt", "formatted.srt"}

func readFixture(name string, data []byte) ([]Cue, error) {
	if strings.HasSuffix(name, ".srt") {
		return SRT(data)
	}
	return VTT(data)
}

// crlfBOM is what Windows tools write: a byte order mark and CRLF lines.
func crlfBOM(data []byte) []byte {
	lf := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return append([]byte("\uFEFF"), bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))...)
}

func variantName(name string) string {
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + ".crlf-bom" + ext
}

// checkOrWrite compares got with the file at path, or writes it when
// updating.
func checkOrWrite(t *testing.T, path string, got []byte) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with QDA_UPDATE=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date (run with QDA_UPDATE=1 to regenerate it, and review the diff)\ngot:\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			cues, err := readFixture(name, data)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false) // the golden is read by people: & not \u0026
			enc.SetIndent("", "  ")
			if err := enc.Encode(Turns(cues)); err != nil {
				t.Fatal(err)
			}
			checkOrWrite(t, filepath.Join("testdata", strings.TrimSuffix(name, filepath.Ext(name))+".json"), got.Bytes())

			variant := variantName(name)
			checkOrWrite(t, filepath.Join("testdata", variant), crlfBOM(data))
			vdata, err := os.ReadFile(filepath.Join("testdata", variant))
			if err != nil {
				t.Fatal(err)
			}
			vcues, err := readFixture(variant, vdata)
			if err != nil {
				t.Fatalf("%s: %v", variant, err)
			}
			if fmt.Sprintf("%q", vcues) != fmt.Sprintf("%q", cues) {
				t.Errorf("%s reads differently from %s:\n got %q\nwant %q", variant, name, vcues, cues)
			}
		})
	}
}

// TestFuzzSeeds keeps the fixtures, variants included, in the checked-in
// seed corpora of FuzzVTT and FuzzSRT.
func TestFuzzSeeds(t *testing.T) {
	for _, name := range fixtures {
		for _, file := range []string{name, variantName(name)} {
			data, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			target := "FuzzVTT"
			if strings.HasSuffix(file, ".srt") {
				target = "FuzzSRT"
			}
			seed := fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", data)
			checkOrWrite(t, filepath.Join("testdata", "fuzz", target, "fixture-"+file), seed)
		}
	}
}
