package ahead_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/ahead"
)

func TestSearchDir(t *testing.T) {
	for _, c := range []struct {
		args []string
		dir  string
		ok   bool
	}{
		{[]string{"search", "bus"}, ".", true},
		{[]string{"-C", "/s", "search", "bus"}, "/s", true},
		{[]string{"--dir", "/s", "search", "bus"}, "/s", true},
		{[]string{"--dir=/s", "search", "bus"}, "/s", true},
		{[]string{"-C/s", "search", "bus"}, "/s", true},
		{[]string{"-C=/s", "search", "bus"}, "/s", true},
		{[]string{"search", "bus", "-C", "/s", "--limit", "20"}, "/s", true},
		{[]string{"--coder", "search", "stats"}, "", false},
		{[]string{"--coder", "jt", "--json", "search", "bus"}, ".", true},
		{[]string{"search", "--code", "-C", "bus"}, ".", true}, // -C is --code's value
		{[]string{"stats", "search"}, "", false},
		{[]string{"search", "--help"}, "", false},
		{[]string{"search", "-h"}, "", false},
		{[]string{"--version"}, "", false},
		{[]string{"search", "--", "-bus"}, "", false},
		{[]string{"search", "bus", "-C"}, "", false},
		{[]string{"-C", "", "search", "bus"}, "", false},
		{nil, "", false},
	} {
		dir, ok := ahead.SearchDir(c.args)
		if ok != c.ok || ok && dir != c.dir {
			t.Errorf("SearchDir(%q) = %q, %v; want %q, %v", c.args, dir, ok, c.dir, c.ok)
		}
	}
}

// The names and the bound the sweep uses are the study's and qda's.
func TestNames(t *testing.T) {
	if ahead.MaxQuick != corpus.MaxFileSize {
		t.Errorf("maxQuick %d, corpus.MaxFileSize %d", ahead.MaxQuick, corpus.MaxFileSize)
	}
}

// quickRec is a record of a quick file as the sweep reads it.
type quickRec struct {
	id           string
	size, mtime  int64
	docs, pieces uint32
	off          int64 // of its line in the manifest, which the head says is 1 MB
}

// manifestSize is the manifest's size writeQuick's head names.
const manifestSize = 1 << 20

// writeQuick writes a quick file of recs into the study at dir (the
// head's manifest fields are the search's business, left 0).
func writeQuick(t *testing.T, dir string, recs []quickRec) {
	t.Helper()
	b := append([]byte(ahead.QuickMagic), make([]byte, ahead.QuickHead)...)
	binary.LittleEndian.PutUint64(b[len(ahead.QuickMagic):], manifestSize)
	binary.LittleEndian.PutUint32(b[len(b)-4:], uint32(len(recs)))
	for _, r := range recs {
		b = append(b, byte(len(r.id)))
		b = append(b, r.id...)
		f := make([]byte, ahead.QuickFields)
		binary.LittleEndian.PutUint32(f[0:], r.docs)
		binary.LittleEndian.PutUint32(f[4:], r.pieces)
		binary.LittleEndian.PutUint64(f[8:], uint64(r.size))
		binary.LittleEndian.PutUint64(f[16:], uint64(r.mtime))
		binary.LittleEndian.PutUint64(f[24:], uint64(r.off))
		binary.LittleEndian.PutUint32(f[32:], 10)
		b = append(b, f...)
	}
	path := filepath.Join(dir, filepath.FromSlash(ahead.QuickFile))
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// study makes a study of two transcripts and the records that match
// them.
func study(t *testing.T) (string, []quickRec) {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ahead.ConfigFile), []byte("name: t\n"), 0o644)
	os.Mkdir(filepath.Join(dir, ahead.TranscriptsDir), 0o755)
	old := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	var recs []quickRec
	for _, id := range []string{"may-1", "ted-1"} {
		path := filepath.Join(dir, ahead.TranscriptsDir, id+".txt")
		os.WriteFile(path, []byte("Interviewer: hello\n"), 0o644)
		os.Chtimes(path, old, old)
		recs = append(recs, quickRec{id: id, size: 19, mtime: old.UnixNano(), docs: uint32(3 + len(recs)), off: int64(100 * len(recs))})
	}
	return dir, recs
}

// sweep starts a sweep of dir as qda's start would, and takes it.
func sweep(t *testing.T, dir string) *ahead.Sweep {
	t.Helper()
	ahead.Start(filepath.Join(dir, ahead.TranscriptsDir)) // found from inside, as a search run there
	s := ahead.For(dir)
	if s == nil {
		t.Fatal("no sweep for the study")
	}
	return s
}

func TestSweep(t *testing.T) {
	dir, recs := study(t)
	writeQuick(t, dir, recs)
	s := sweep(t, dir)
	if s.Data() == nil || !s.Same() {
		t.Fatal("an unchanged study: the sweep says it changed")
	}
	if ahead.For(dir) != nil {
		t.Error("a sweep handed out twice")
	}
	if docs, pieced := s.Totals(); docs != 3+4 || pieced {
		t.Errorf("Totals = %d, %v; want 7, false", docs, pieced)
	}
	recs[0].pieces = 2
	writeQuick(t, dir, recs)
	if s := sweep(t, dir); !s.Same() {
		t.Error("an unchanged study: the sweep says it changed")
	} else if docs, pieced := s.Totals(); docs != 7 || !pieced {
		t.Errorf("Totals = %d, %v; want 7, true", docs, pieced)
	}
	recs[0].pieces = 0
	ahead.Start(dir)
	if ahead.For(t.TempDir()) != nil || ahead.For(filepath.Join(dir, "transcripts")) != nil {
		t.Error("a sweep handed out for another folder than its study's")
	}

	// Edited in place, the same size and the mtime put back to its
	// second (an editor that keeps the mtime, a file system that keeps
	// seconds): the nanoseconds tell.
	path := filepath.Join(dir, "transcripts", "ted-1.txt")
	os.WriteFile(path, []byte("Interviewer: hellO\n"), 0o644)
	sec := time.Unix(recs[1].mtime/1e9, 0)
	os.Chtimes(path, sec, sec)
	if sweep(t, dir).Same() {
		t.Error("an edit in place at the same size and second: the sweep says nothing changed")
	}
	// Its mtime is the record's again: nothing tells it (the stat sees
	// what the search's own stat would).
	old := time.Unix(0, recs[1].mtime)
	os.Chtimes(path, old, old)
	if !sweep(t, dir).Same() {
		t.Error("mtime and size as recorded: the sweep says it changed")
	}

	for name, change := range map[string]func([]quickRec){
		"an mtime too recent to trust (0)": func(r []quickRec) { r[0].mtime = 0 },
		"another size":                     func(r []quickRec) { r[1].size++ },
		"a transcript gone":                func(r []quickRec) { r[1].id = "gone-1" },
		// Records the search would refuse (ahead.QuickValid): the
		// sweep checks them, the search does not decode them again.
		"a name that is no transcript's": func(r []quickRec) { r[1].id = "Ted-1" },
		"a line past the manifest's end": func(r []quickRec) { r[1].off = manifestSize - 5 },
		"a line's offset that wraps":     func(r []quickRec) { r[1].off = 1<<63 - 5 },
	} {
		bad := append([]quickRec(nil), recs...)
		change(bad)
		writeQuick(t, dir, bad)
		s := sweep(t, dir)
		if s.Data() == nil || s.Same() {
			t.Errorf("%s: the sweep says nothing changed", name)
		}
		if refused := strings.HasPrefix(name, "a name") || strings.HasPrefix(name, "a line"); s.Refused() != refused {
			t.Errorf("%s: Refused %v, want %v", name, s.Refused(), refused)
		}
	}
}

func TestQuickValid(t *testing.T) {
	h := ahead.QuickHeadInfo{Size: 1000, HeadLen: 100, N: 1}
	for _, c := range []struct {
		id     string
		off, n int64
		ok     bool
	}{
		{"may-1", 100, 50, true},
		{"may-1", 950, 50, true},
		{"may-1", 951, 50, false},
		{"may-1", 99, 10, false},        // in the head
		{"may-1", 1<<63 - 5, 10, false}, // off+n wraps below the size
		{"may-1", 1000, 0, true},
		{"May-1", 100, 50, false},
		{"may-1/x", 100, 50, false},
		{"_may", 100, 50, false},
	} {
		f := make([]byte, ahead.QuickFields)
		binary.LittleEndian.PutUint64(f[24:], uint64(c.off))
		binary.LittleEndian.PutUint32(f[32:], uint32(c.n))
		if ok := ahead.QuickValid(h, c.id, f); ok != c.ok {
			t.Errorf("QuickValid(%q, off %d, n %d) = %v, want %v", c.id, c.off, c.n, ok, c.ok)
		}
	}
}

// A quick file the sweep cannot use gives no data, and the search reads
// and stats as it would have.
func TestSweepRefuses(t *testing.T) {
	dir, recs := study(t)
	for name, bad := range map[string][]quickRec{
		"a path for an id": {recs[0], {id: "../ted-1", size: 19, mtime: recs[1].mtime}},
		"a hidden name":    {{id: ".hidden", size: 1, mtime: 1}},
		"an empty id":      {{id: "", size: 1, mtime: 1}},
	} {
		writeQuick(t, dir, bad)
		if s := sweep(t, dir); s.Data() != nil || s.Same() {
			t.Errorf("%s: the sweep used it", name)
		}
	}
	writeQuick(t, dir, recs)
	path := filepath.Join(dir, filepath.FromSlash(ahead.QuickFile))
	data, _ := os.ReadFile(path)
	for name, b := range map[string][]byte{
		"truncated":     data[:len(data)-1],
		"a byte more":   append(append([]byte(nil), data...), 0),
		"another magic": append([]byte("qda-quick 2\n"), data[len(ahead.QuickMagic):]...),
		"empty":         nil,
	} {
		os.WriteFile(path, b, 0o644)
		if s := sweep(t, dir); s.Data() != nil || s.Same() {
			t.Errorf("%s quick file: the sweep used it", name)
		}
	}
	// A link out of the study is not followed.
	outside := t.TempDir()
	writeQuick(t, outside, recs)
	os.Remove(path)
	if err := os.Symlink(filepath.Join(outside, filepath.FromSlash(ahead.QuickFile)), path); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if s := sweep(t, dir); s.Data() != nil {
		t.Error("a quick file linked from outside the study: the sweep read it")
	}
	// No study: no sweep.
	ahead.Start(t.TempDir())
	if ahead.For(dir) != nil {
		t.Error("a sweep started outside any study")
	}
}
