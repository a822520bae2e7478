package corpus_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// TestCodingsFastDemo reads every codings file of a demo study with the
// fast path and with yaml.v3, and writes every one back: the fast path
// must read all of them (the demo writes only canonical files), as
// yaml.v3 does, and MarshalCodings give back the file's bytes.
func TestCodingsFastDemo(t *testing.T) {
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{Participants: 150}); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "codings", "*", "*.yaml"))
	if err != nil || len(files) < 300 {
		t.Fatalf("%d codings files (%v)", len(files), err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, fs := corpus.ParseCodingsYAML(f, data)
		if len(fs) > 0 {
			t.Fatalf("%s: %v", f, fs)
		}
		if want.None {
			continue
		}
		got, ok := corpus.ParseCanonicalCodings(data)
		if !ok {
			t.Fatalf("%s: not read by the fast path:\n%s", f, data)
		}
		if !reflect.DeepEqual(got, want.Segments) {
			t.Fatalf("%s: fast path read\n%#v\nyaml.v3 read\n%#v", f, got, want.Segments)
		}
		if out := corpus.MarshalCodings(got); string(out) != string(data) {
			t.Fatalf("%s: written back as\n%s\nnot\n%s", f, out, data)
		}
	}
}
