package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// oldExport is an export target out.md in a new folder, holding "old",
// with $TMPDIR a folder of its own (tmp): the temporary file is made
// beside the export or, on the same file system, in $TMPDIR
// (renameio's choice), and the tests look in both.
func oldExport(t *testing.T) (g *globals, tg exportTarget, tmp string) {
	t.Helper()
	dir := t.TempDir()
	tmp = t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path := filepath.Join(dir, "out.md")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g = &globals{dir: dir, stdout: io.Discard, stderr: io.Discard}
	return g, exportTarget{given: "out.md", path: path, format: "md"}, tmp
}

// TestExportWriteStreams checks that a text export reaches its file
// while it is made, not after being held whole in memory, and that the
// file is still replaced at once: a failed export leaves the old one.
func TestExportWriteStreams(t *testing.T) {
	g, tg, tmp := oldExport(t)
	path, dir := tg.path, g.dir
	chunk := bytes.Repeat([]byte("a passage\n"), 100_000) // 1 MB

	// onDisk is how many bytes the export's temporary file holds.
	onDisk := func() int64 {
		var n int64
		for _, d := range []string{dir, tmp} {
			ents, err := os.ReadDir(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range ents {
				if info, err := e.Info(); err == nil && e.Name() != "out.md" {
					n += info.Size()
				}
			}
		}
		return n
	}
	var seen int64
	err := tg.write(g, func(w io.Writer) error {
		for range 3 {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		seen = onDisk()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < int64(2*len(chunk)) {
		t.Errorf("%d bytes of 3 MB were on disk before the export ended", seen)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != int64(3*len(chunk)) {
		t.Errorf("the export is %v, %v; want %d bytes", st, err, 3*len(chunk))
	}

	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err = tg.write(g, func(w io.Writer) error {
		w.Write(chunk)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("error %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" || onDisk() != 0 {
		t.Errorf("after a failed export the file holds %q and %d bytes are left beside it", b, onDisk())
	}
}
