package search

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/ahead"
)

// openQuick opens the index as qda search does: lazily, with the tables'
// headers alone; read reports whether the tables were then read whole.
func openQuick(t *testing.T, dir string) (ix *Index, read *bool) {
	t.Helper()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	heads, findings, err := st.LoadHeads()
	if err != nil || findings.Err() != nil {
		t.Fatal(err, findings)
	}
	if len(heads.Transcripts.Rows) != 0 {
		t.Fatalf("LoadHeads read %d rows", len(heads.Transcripts.Rows))
	}
	cb, findings := st.Codebook()
	if findings.Err() != nil {
		t.Fatal(findings)
	}
	read = new(bool)
	tables := func() (*corpus.Index, error) {
		*read = true
		cix, findings, err := st.LoadIndex()
		if err == nil {
			err = findings.Err()
		}
		return cix, err
	}
	ix, err = Open(st, heads, cb, Options{LazyCodings: true, Tables: tables})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, read
}

// quickHits is hits as qda search opens the index.
func quickHits(t *testing.T, dir string, r Request) ([]string, *Index) {
	t.Helper()
	ix, _ := openQuick(t, dir)
	r.WithRefs = true
	out := searchIDs(t, ix, r)
	ix.Close()
	return out, ix
}

// TestQuick: when nothing moved, a search reads neither the tables nor
// the manifest's entries, and orders its hits as transcripts.csv does;
// anything that moved, down to a transcript edited in place at the same
// size with its folder's mtime put back, is seen.
func TestQuick(t *testing.T) {
	files := map[string]string{}
	for k, v := range tiny {
		files[k] = v
	}
	// Not in the order of their names: hits come in this order.
	files["transcripts.csv"] = "id,participant,wave\nted-1,ted,1\nmay-1,may,1\n"
	for _, tc := range []struct {
		name  string
		edit  func(t *testing.T, dir string)
		query string
		want  []string
		quick bool // the quick check passes
	}{
		{"nothing moved", func(t *testing.T, dir string) {}, "interviewer", []string{"ted-1:1", "may-1:1", "may-1:6"}, true},
		{"a transcript edited in place, same size, folder's mtime put back", func(t *testing.T, dir string) {
			editInPlace(t, dir, "transcripts/ted-1.txt", strings.Replace(tiny["transcripts/ted-1.txt"], "the bus", "a taxi", 1)+"\n")
		}, "taxi", []string{"ted-1:3"}, false},
		{"a transcript edited in place, its mtime an hour on", func(t *testing.T, dir string) {
			path := filepath.Join(dir, "transcripts/may-1.txt")
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt([]byte("Interviewer: What did you hope see?"), 0) // for? became see?, in place
			f.Close()
			later := time.Now().Add(time.Hour)
			os.Chtimes(path, later, later)
			os.Chtimes(filepath.Dir(path), time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
		}, "see", []string{"may-1:1"}, false},
		{"an attribute changed", func(t *testing.T, dir string) {
			write(t, dir, "participants.csv", "id,pseudonym,gender\nmay,May,female\nted,Ted,female\n")
		}, "gender:male", nil, false},
		{"transcripts reordered", func(t *testing.T, dir string) {
			write(t, dir, "transcripts.csv", "id,participant,wave\nmay-1,may,1\nted-1,ted,1\n")
		}, "interviewer", []string{"may-1:1", "may-1:6", "ted-1:1"}, false},
	} {
		for _, sweep := range []bool{false, true} {
			name := tc.name
			if sweep {
				name += ", stat'ed as qda started"
			}
			t.Run(name, func(t *testing.T) { testQuick(t, files, tc.edit, tc.query, tc.want, tc.quick, sweep) })
		}
	}
}

// testQuick is a case of TestQuick; with sweep, the stats after the
// edit are taken as qda takes them when it starts a search
// (internal/ahead).
func testQuick(t *testing.T, files map[string]string, edit func(*testing.T, string), query string, want []string, quick, sweep bool) {
	dir := writeStudy(t, files)
	ageStudy(dir)
	quickHits(t, dir, Request{Query: "bus"}) // builds the index
	// The index's files were made just now: the next search reads
	// them all again, then trusts them once they are old enough.
	quickHits(t, dir, Request{Query: "bus"})
	ageStudy(dir)
	quickHits(t, dir, Request{Query: "bus"})
	ix, read := openQuick(t, dir)
	if *read || ix.man.Transcripts != nil {
		t.Fatalf("nothing moved, yet the tables were read (%v) or the manifest's entries (%v)", *read, ix.man.Transcripts != nil)
	}
	ix.Close()
	edit(t, dir)
	if sweep {
		ahead.Start(dir)
	}
	ix, read = openQuick(t, dir)
	if sweep && ahead.For(dir) != nil {
		t.Error("the search did not take the sweep")
	}
	if sweep && quick && (ix.man.quick == nil || ix.man.quick.sweep == nil) {
		t.Error("the quick check passed without the sweep's stats")
	}
	if *read == quick {
		t.Errorf("tables read %v, want %v", *read, !quick)
	}
	if got := searchIDs(t, ix, Request{Query: query, WithRefs: true}); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestQuickDamagedEntry: a transcript's line of the manifest that does not
// parse fails the quick check, and the update rebuilds the index.
func TestQuickDamagedEntry(t *testing.T) {
	dir := writeStudy(t, tiny)
	ageStudy(dir)
	quickHits(t, dir, Request{Query: "bus"})
	path := filepath.Join(dir, manifestFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte(strings.Replace(string(data), "\nt ted-1 ", "\nt ted-1 x ", 1)), 0o644)
	got, ix := quickHits(t, dir, Request{Query: "bus"})
	if !slices.Equal(got, []string{"ted-1:3"}) || !ix.Stats.Rebuilt || !strings.Contains(strings.Join(ix.Notices, "\n"), "manifest is unreadable") {
		t.Errorf("got %q, stats %+v, notices %q", got, ix.Stats, ix.Notices)
	}
}

// TestQuickEntry: the quick check reads a transcript's manifest line,
// and takes nothing but a transcript's name for the file it stats.
func TestQuickEntry(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{"t ted-1 12 4 0 ab 300 1700000000000000000 cd", true},
		{"t ted-1 12 4 0 ab 300 1700000000000000000 cd jt 10 1700000000000000000 ef", true},
		{"t ../transcripts/ted-1 12 4 0 ab 300 1700000000000000000 cd", false},
		{"t /etc/passwd 12 4 0 ab 300 1700000000000000000 cd", false},
		{"t .. 12 4 0 ab 300 1700000000000000000 cd", false},
		{"t ted-1 12 4 0 ab 300 0 cd", false},                   // an mtime not to trust
		{"t ted-1 12 x 0 ab 300 1700000000000000000 cd", false}, // damaged
		{"t ted-1 12 4 0 ab 300 1700000000000000000 cd jt 10", false},
		{"table participants.csv 10 1700000000000000000", false},
		{"t ted-1 12 4 0 ab 300 -1700000000000000000 cd", true}, // before 1970
		{"t ted-1 12 4 0 ab 300 9223372036854775807 cd", true},
		{"t ted-1 12 4 0 ab 300 9223372036854775808 cd", false}, // over an int64
		{"t ted-1 12 4 0 ab 300 17000000000000000000 cd", false},
		{"t ted-1 x 4 0 ab 300 1700000000000000000 cd", false},
		{"t ted-1 12 4 0 ab 300 1700000000000000000", false}, // no hash
		{"t ted-1 12 4 0 ab 300 1700000000000000000 ", false},
		{"t ted-1 12 4 0 ab 300 1700000000000000000 cd ", false},
		{"t ted-1 12 4 0 ab 300 1700000000000000000 cd jt  10 1700000000000000000 ef", false},
		{"t ted-1 12 4 0 ab 300 1700000000000000000 cd" + strings.Repeat(" jt 10 1700000000000000000 ef", 13), true},  // 61 fields
		{"t ted-1 12 4 0 ab 300 1700000000000000000 cd" + strings.Repeat(" jt 10 1700000000000000000 ef", 14), false}, // 65
		{"t ted-1 12 4 0 ab 300 +1700000000000000000 cd", false},
		{"t ted-1 12 4 0 ab 300 - cd", false},
		{"t  ted-1 12 4 0 ab 300 1700000000000000000 cd", false},
		{"t ted-1", false},
		{"t ", false},
	} {
		// An mtime of 0 reads, and fails the check.
		r, ok := quickLine(tc.line)
		if (ok && r.mtime != 0) != tc.ok {
			t.Errorf("%q: ok %v, want %v (%+v)", tc.line, ok, tc.ok, r)
		}
	}
}

// fromQuickFile reports whether m's transcripts were read from the
// quick file, their lines left in the manifest on disk.
func fromQuickFile(m *manifest) bool { return m.quick != nil && m.quick.file }

// quickReady indexes dir and searches until a search finds nothing
// moved, as TestQuick does, and reports the index of one more search.
func quickReady(t *testing.T, dir string) *Index {
	t.Helper()
	ageStudy(dir)
	quickHits(t, dir, Request{Query: "bus"})
	quickHits(t, dir, Request{Query: "bus"})
	ageStudy(dir)
	quickHits(t, dir, Request{Query: "bus"}) // writes the quick file
	ix, read := openQuick(t, dir)
	if *read || ix.man.Transcripts != nil {
		t.Fatalf("something moved: tables read %v", *read)
	}
	return ix
}

// TestQuickFile: a search where nothing moved reads the quick file and
// the manifest's head, and after its query the lines of the transcripts
// it prints; a quick file that is damaged, or names another manifest, is
// not used (the manifest is read whole, and the search is as right), and
// the quick file is made again.
func TestQuickFile(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, dir string, old []byte)
	}{
		{"as written", func(t *testing.T, dir string, old []byte) {}},
		{"removed", func(t *testing.T, dir string, old []byte) { os.Remove(filepath.Join(dir, quickFile)) }},
		{"truncated", func(t *testing.T, dir string, old []byte) {
			data, _ := os.ReadFile(filepath.Join(dir, quickFile))
			os.WriteFile(filepath.Join(dir, quickFile), data[:len(data)-3], 0o644)
		}},
		{"another manifest's", func(t *testing.T, dir string, old []byte) {
			os.WriteFile(filepath.Join(dir, quickFile), old, 0o644)
		}},
		{"a link out of the study", func(t *testing.T, dir string, old []byte) {
			// The right bytes, but outside the study: never read.
			out := filepath.Join(t.TempDir(), "quick")
			if err := os.Rename(filepath.Join(dir, quickFile), out); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(out, filepath.Join(dir, quickFile)); err != nil {
				t.Fatal(err)
			}
		}},
		{"a transcript's id made a path", func(t *testing.T, dir string, old []byte) {
			data, _ := os.ReadFile(filepath.Join(dir, quickFile))
			os.WriteFile(filepath.Join(dir, quickFile), []byte(strings.Replace(string(data), "ted-1", "../x1", 1)), 0o644)
		}},
		// Records the sweep reads and then refuses (ahead.QuickValid).
		{"a transcript's id not a name", func(t *testing.T, dir string, old []byte) {
			data, _ := os.ReadFile(filepath.Join(dir, quickFile))
			os.WriteFile(filepath.Join(dir, quickFile), []byte(strings.Replace(string(data), "ted-1", "Ted-1", 1)), 0o644)
		}},
		{"a line past the manifest's end", func(t *testing.T, dir string, old []byte) {
			path := filepath.Join(dir, quickFile)
			data, _ := os.ReadFile(path)
			q, err := readQuick(data)
			at := strings.Index(string(data), "\x05ted-1")
			if err != nil || at < 0 {
				t.Fatal("no record of ted-1:", err)
			}
			binary.LittleEndian.PutUint64(data[at+1+5+24:], uint64(q.of.size))
			os.WriteFile(path, data, 0o644)
		}},
	} {
		for _, sweep := range []bool{false, true} {
			name := tc.name
			if sweep {
				name += ", stat'ed as qda started"
			}
			t.Run(name, func(t *testing.T) { testQuickFile(t, tc.name, tc.spoil, sweep) })
		}
	}
}

// testQuickFile is a case of TestQuickFile: the quick file spoiled
// (unless the case is "as written"), then a search, its stats taken as
// qda takes them when it starts (internal/ahead) with sweep.
func testQuickFile(t *testing.T, name string, spoil func(t *testing.T, dir string, old []byte), sweep bool) {
	dir := writeStudy(t, tiny)
	quickReady(t, dir).Close()
	old, err := os.ReadFile(filepath.Join(dir, quickFile))
	if err != nil {
		t.Fatal("no quick file:", err)
	}
	// Any save of the manifest (here, after a transcript's edit)
	// writes a quick file of its own.
	write(t, dir, "transcripts/may-1.txt", tiny["transcripts/may-1.txt"]+"Interviewer: Thank you.\n")
	quickReady(t, dir).Close()
	if now, _ := os.ReadFile(filepath.Join(dir, quickFile)); string(now) == string(old) {
		t.Fatal("the quick file was not made again with the manifest")
	}
	spoil(t, dir, old)
	if sweep {
		ahead.Start(dir)
	}
	ix, read := openQuick(t, dir)
	if sweep && ahead.For(dir) != nil {
		t.Error("the search did not take the sweep")
	}
	spoiled := name != "as written"
	if *read || ix.man.Transcripts != nil {
		t.Fatalf("tables read %v, entries parsed %v", *read, ix.man.Transcripts != nil)
	}
	if used := fromQuickFile(ix.man); used == spoiled || used && ix.man.rest != "" {
		t.Fatalf("quick file used %v, manifest's lines read %d bytes", used, len(ix.man.rest))
	}
	for _, r := range []Request{{Query: "bus"}, {Query: "thank"}, {Query: "interviewer"}} {
		r.WithRefs = true
		want := map[string][]string{"bus": {"ted-1:3"}, "thank": {"may-1:10"}, "interviewer": {"may-1:1", "may-1:6", "may-1:10", "ted-1:1"}}[r.Query]
		if got := searchIDs(t, ix, r); !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", r.Query, got, want)
		}
	}
	// The codings of the transcripts printed were checked on
	// their lines alone: no full update.
	if !spoiled && !fromQuickFile(ix.man) {
		t.Error("the manifest was read whole to check the codings printed")
	}
	ix.Close()
	if spoiled {
		ix, _ = openQuick(t, dir)
		if !fromQuickFile(ix.man) {
			t.Error("the quick file was not made again")
		}
		ix.Close()
	}
}

// TestQuickFileRoundTrip: the quick file holds every transcript's line
// of the manifest as quickLine reads it, and where it lies.
func TestQuickFileRoundTrip(t *testing.T) {
	data := "qda-index 13\nhome 1:2\ntable participants.csv 10 1700000000000000000\n" +
		"t may-1 12 4 0 ab 300 1700000000000000001 cd jt 10 1700000000000000000 ef\n" +
		"t ted-1 9 3 2 ab 200 0 cd\n"
	of := fileID{size: int64(len(data)), mtime: 5, ino: 7}
	b, ok := makeQuick([]byte(data), of)
	if !ok {
		t.Fatal("not made")
	}
	q, err := readQuick(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []quickRec{
		{id: "may-1", docs: 4, size: 300, mtime: 1700000000000000001, off: int64(strings.Index(data, "t may-1")), n: uint32(len("t may-1 12 4 0 ab 300 1700000000000000001 cd jt 10 1700000000000000000 ef"))},
		{id: "ted-1", docs: 3, pieces: 2, size: 200, off: int64(strings.Index(data, "t ted-1")), n: uint32(len("t ted-1 9 3 2 ab 200 0 cd"))},
	}
	if q.of != of || q.headLen != int64(strings.Index(data, "t may-1")) || !slices.Equal(q.recs, want) {
		t.Errorf("got %+v", q)
	}
	for i := range len(b) {
		if _, err := readQuick(b[:i]); err == nil {
			t.Fatalf("a quick file cut at %d of %d bytes was read", i, len(b))
		}
	}
	if _, ok := makeQuick([]byte(strings.Replace(data, " 4 0 ", " x 0 ", 1)), of); ok {
		t.Error("a damaged line was made into a quick file")
	}
}

// FuzzQuickFile: a quick file, whatever its bytes, is read or refused
// without a panic, and one that is read names transcripts, never paths,
// whose lines lie after the manifest's head and inside it.
func FuzzQuickFile(f *testing.F) {
	data := "qda-index 13\nt may-1 12 4 0 ab 300 1700000000000000001 cd jt 10 1700000000000000000 ef\nt ted-1 9 3 2 ab 200 0 cd\n"
	b, _ := makeQuick([]byte(data), fileID{size: int64(len(data)), mtime: 5, ino: 7})
	f.Add(b)
	f.Add([]byte(ahead.QuickMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := readQuick(b)
		if err != nil {
			return
		}
		for _, r := range q.recs {
			if !corpus.ValidName(r.id) || r.off < q.headLen || r.off+int64(r.n) > q.of.size {
				t.Fatalf("%+v read from %q", r, b)
			}
		}
	})
}

// TestQuickFileManifestMoved: a manifest that changes after the quick
// file was read for it (something other than qda wrote it, under the
// lock) is not read as the one the quick file named: the search
// rebuilds, and its hits are right.
func TestQuickFileManifestMoved(t *testing.T) {
	dir := writeStudy(t, tiny)
	quickReady(t, dir).Close()
	ix, _ := openQuick(t, dir)
	if !fromQuickFile(ix.man) {
		t.Fatal("the quick file was not used")
	}
	later := time.Now().Add(-time.Minute)
	os.Chtimes(filepath.Join(dir, manifestFile), later, later)
	if got := searchIDs(t, ix, Request{Query: "bus", WithRefs: true}); !slices.Equal(got, []string{"ted-1:3"}) {
		t.Errorf("got %q", got)
	}
	if !ix.Stats.Rebuilt || !strings.Contains(strings.Join(ix.Notices, "\n"), "manifest is unreadable") {
		t.Errorf("stats %+v, notices %q", ix.Stats, ix.Notices)
	}
}

// TestQuickLines: the printed transcripts' lines come the same from the
// manifest read whole, from the quick file (read in runs), and from a
// quick file whose records a forger put out of order; a record pointing
// at another transcript's line, or across two lines, gives none; and
// the entries parsed from them are load's.
func TestQuickLines(t *testing.T) {
	dir := writeStudy(t, tiny)
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, Dir), 0o755)
	// 12,000 lines of about 100 bytes: more than runMax in all.
	var b strings.Builder
	b.WriteString("qda-index 13\nhome 1:2\ntable participants.csv 10 1700000000000000000\n")
	var ids []string
	for i := range 12000 {
		id := fmt.Sprintf("p%05d-1", i)
		ids = append(ids, id)
		fmt.Fprintf(&b, "t %s %d 4 0 ab %d 1700000000000000001 cd jt 10 1700000000000000000 ef\n", id, i, 300+i)
	}
	data := []byte(b.String())
	path := filepath.Join(dir, manifestFile)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for i, id := range ids {
		// Every line of a block, then lines further apart than runGap.
		if i >= 100 && i < 11000 || i%150 == 0 {
			want[id] = true
		}
	}
	var wantLines []string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if id, ok := strings.CutPrefix(line, "t "); ok && want[strings.Fields(id)[0]] {
			wantLines = append(wantLines, line)
		}
	}
	whole, err := readManifestFile(st)
	if err != nil || fromQuickFile(whole) {
		t.Fatal(err, "a quick file was read")
	}
	if got := whole.quickLines(want); !slices.Equal(got, wantLines) {
		t.Fatalf("read whole: %d lines, want %d", len(got), len(wantLines))
	}
	fi, _ := os.Stat(path)
	q := whole.records()
	if q == nil || len(q.recs) != len(ids) || q.of != idOf(fi) {
		t.Fatalf("records %+v", q)
	}
	for _, tc := range []struct {
		name  string
		spoil func(recs []quickRec)
		lines []string
	}{
		{"as made", func([]quickRec) {}, wantLines},
		{"out of order", func(recs []quickRec) { slices.Reverse(recs) }, wantLines},
		{"another's line", func(recs []quickRec) { recs[100].off = recs[101].off }, slices.Delete(slices.Clone(wantLines), 1, 2)},
		{"two lines", func(recs []quickRec) { recs[100].n += 10 }, slices.Delete(slices.Clone(wantLines), 1, 2)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := slices.Clone(q.recs)
			tc.spoil(recs)
			corpus.WriteFile(filepath.Join(dir, quickFile), encodeQuick(&quickData{of: q.of, headLen: q.headLen, recs: recs}))
			m, err := readManifestFile(st)
			if err != nil || !fromQuickFile(m) {
				t.Fatal(err, "the quick file was not read")
			}
			if got := m.quickLines(want); !slices.Equal(got, tc.lines) {
				t.Errorf("%d lines, want %d", len(got), len(tc.lines))
			}
			entries := m.entries(want)
			if err := m.load(); err != nil {
				t.Fatal(err)
			}
			for id := range want {
				if tc.name == "as made" && !reflect.DeepEqual(entries[id], m.Transcripts[id]) {
					t.Fatalf("%s: %+v, load read %+v", id, entries[id], m.Transcripts[id])
				}
			}
			if len(m.Transcripts) != len(ids) || fromQuickFile(m) {
				t.Errorf("load read %d transcripts", len(m.Transcripts))
			}
		})
	}
}

// TestNextRun: lines are read together while they are at most runGap
// apart and runMax in all.
func TestNextRun(t *testing.T) {
	at := func(offs ...int64) []*quickRec {
		var recs []*quickRec
		for _, o := range offs {
			recs = append(recs, &quickRec{off: o, n: 100})
		}
		return recs
	}
	for _, tc := range []struct {
		recs       []*quickRec
		i, j       int
		start, end int64
	}{
		{at(0), 0, 1, 0, 100},
		{at(0, 101, 202), 0, 3, 0, 302},
		{at(0, 100+runGap, 300+runGap+runGap), 0, 2, 0, 200 + runGap},
		{at(0, 101+runGap), 0, 1, 0, 100},
		{at(0, 100+runGap, 300+runGap+runGap), 2, 3, 300 + 2*runGap, 400 + 2*runGap},
		{[]*quickRec{{off: 0, n: runMax - 200}, {off: runMax - 200, n: 200}, {off: runMax, n: 1}}, 0, 2, 0, runMax},
		{at(0, 50), 0, 2, 0, 150}, // overlapping (forged): as far as the furthest
	} {
		j, start, end := nextRun(tc.recs, tc.i)
		if j != tc.j || start != tc.start || end != tc.end {
			t.Errorf("%d recs from %d: run to %d over [%d, %d), want %d over [%d, %d)", len(tc.recs), tc.i, j, start, end, tc.j, tc.start, tc.end)
		}
	}
}

// TestFileIDString: the seal's lines keep their format.
func TestFileIDString(t *testing.T) {
	if got := (fileID{size: 12, mtime: -3, ino: 7}).String(); got != "12 -3 7" {
		t.Errorf("got %q", got)
	}
	if got := (fileID{size: 12, mtime: 1700000000000000000}).String(); got != "12 1700000000000000000" {
		t.Errorf("got %q", got)
	}
}

// quickStudy is the tiny study with its index built and old enough to
// trust: the next search's quick check passes.
func quickStudy(t *testing.T) string {
	t.Helper()
	dir := writeStudy(t, tiny)
	ageStudy(dir)
	quickHits(t, dir, Request{Query: "bus"})
	quickHits(t, dir, Request{Query: "bus"})
	ageStudy(dir)
	quickHits(t, dir, Request{Query: "bus"})
	return dir
}

// TestQuickWaitedLock: a search that waits for the index's lock does
// not trust the stats taken as qda started (internal/ahead): a
// transcript edited in place at the same size while it waits is seen.
func TestQuickWaitedLock(t *testing.T) {
	dir := quickStudy(t)

	// Another qda holds the index as this search starts.
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	held, err := st.LockFile(LockFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Unlock()
	// The sweep of qda's start: its two stats are done long before the
	// search reaches the lock, so they are of the files before the edit.
	// Whether they were or not, the search must not use them (checked
	// below, which fails whatever the timing).
	ahead.Start(dir)

	waiting := make(chan struct{})
	type opened struct {
		ix  *Index
		err error
	}
	done := make(chan opened)
	go func() {
		heads, _, err := st.LoadHeads()
		if err != nil {
			done <- opened{nil, err}
			return
		}
		cb, _ := st.Codebook()
		tables := func() (*corpus.Index, error) {
			cix, findings, err := st.LoadIndex()
			if err == nil {
				err = findings.Err()
			}
			return cix, err
		}
		ix, err := Open(st, heads, cb, Options{LazyCodings: true, Tables: tables, Wait: func(corpus.Holder) { close(waiting) }})
		done <- opened{ix, err}
	}()
	<-waiting
	editInPlace(t, dir, "transcripts/ted-1.txt", strings.Replace(tiny["transcripts/ted-1.txt"], "the bus", "a taxi", 1)+"\n")
	held.Unlock()
	o := <-done
	if o.err != nil {
		t.Fatal(o.err)
	}
	defer o.ix.Close()
	if q := o.ix.man.quick; q != nil && q.sweep != nil {
		t.Error("the search used the stats of its start after waiting for the lock")
	}
	if got := searchIDs(t, o.ix, Request{Query: "taxi", WithRefs: true}); !slices.Equal(got, []string{"ted-1:3"}) {
		t.Errorf("an edit made while the search waited: got %q, want [ted-1:3]", got)
	}
}

// TestQuickSweepStopped: a search that does not ask the sweep of qda's
// start for its answer (the tables moved, or it opens the index eagerly)
// stops it, its folder closed: it holds no more of transcripts/ open
// than the same search with no sweep.
func TestQuickSweepStopped(t *testing.T) {
	if _, err := os.ReadDir("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd to count open folders:", err)
	}
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, dir string)
		open func(t *testing.T, dir string) *Index
	}{
		{"tables moved", func(t *testing.T, dir string) {
			write(t, dir, "participants.csv", strings.Replace(tiny["participants.csv"], "female", "woman", 1))
		}, func(t *testing.T, dir string) *Index { ix, _ := openQuick(t, dir); return ix }},
		{"not lazy", func(t *testing.T, dir string) {}, openIndex},
	} {
		t.Run(tc.name, func(t *testing.T) {
			open := map[bool]int{}
			for _, sweep := range []bool{false, true} {
				dir := quickStudy(t)
				tc.edit(t, dir)
				if sweep {
					ahead.Start(dir)
				}
				ix := tc.open(t, dir)
				if sweep && ahead.For(dir) != nil {
					t.Error("the sweep of qda's start was not taken")
				}
				ix.Close()
				open[sweep] = openFolders(t, filepath.Join(dir, "transcripts"))
			}
			if open[true] != open[false] {
				t.Errorf("transcripts/ open %d times after a search with a sweep, %d without", open[true], open[false])
			}
		})
	}
}

// openFolders counts the process's descriptors open on folder.
func openFolders(t *testing.T, folder string) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, fd := range fds {
		if to, _ := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); to == folder {
			n++
		}
	}
	return n
}
