package search

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// tiny is a two-transcript study; tests change it and search again.
var tiny = map[string]string{
	"qda.yaml": "title: Tiny\n",
	"codebook.yaml": `codes:
  - name: confidence
    patterns: ['"confidence back"']
    children:
      - name: travel
        patterns: ['bus*']
  - name: tea
    patterns: ['tea', 'natter~1']
`,
	"participants.csv": "id,pseudonym,gender\nmay,May,female\nted,Ted,male\n",
	"transcripts.csv":  "id,participant,wave\nmay-1,may,1\nted-1,ted,1\n",
	"transcripts/may-1.txt": `Interviewer: What did you hope for?

May: I wanted my confidence back.
I didn't want to go out.

Interviewer: And now?

May: We have a cup of tea every week.
It helps.
`,
	"transcripts/ted-1.txt": `Interviewer: How did you get there?

Ted: I took the bus alone after that.
Buses are dear, so I walk.
`,
	"codings/jt/may-1.yaml": "- lines: 3\n  codes: [confidence]\n- lines: 8-9\n  codes: [tea]\n",
	"codings/jt/ted-1.yaml": "- lines: 3\n  codes: [confidence/travel]\n",
	"codings/eh/may-1.yaml": "- lines: 8\n  codes: [tea]\n",
}

// ageStudy dates every file of the study an hour back: files changed
// within the racy window are read again by every search until they are
// old enough to trust.
func ageStudy(dir string) {
	past := time.Now().Add(-time.Hour)
	filepath.Walk(dir, func(path string, _ os.FileInfo, err error) error {
		if err == nil {
			os.Chtimes(path, past, past)
		}
		return err
	})
}

func writeStudy(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		write(t, dir, name, text)
	}
	return dir
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func openIndex(t *testing.T, dir string) *Index {
	t.Helper()
	return openWith(t, dir, Options{})
}

// openWith opens the index of the study in dir with opt, as a process would.
func openWith(t *testing.T, dir string, opt Options) *Index {
	t.Helper()
	ix, err := openTried(t, dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// openTried is openWith's opening, returning Open's error for the tests
// that expect one.
func openTried(t *testing.T, dir string, opt Options) (*Index, error) {
	t.Helper()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cix, findings, err := st.LoadIndex()
	if err != nil || findings.Err() != nil {
		t.Fatal(err, findings)
	}
	cb, findings := st.Codebook()
	if findings.Err() != nil {
		t.Fatal(findings)
	}
	return Open(st, cix, cb, opt)
}

// hits runs a search in a fresh process's way: open, update, query, close.
func hits(t *testing.T, dir string, r Request) ([]string, *Index) {
	t.Helper()
	ix := openIndex(t, dir)
	if r.Code == nil && strings.HasPrefix(r.Query, "@") {
		code, _, err := ix.cb.Resolve(r.Query[1:])
		if err != nil {
			t.Fatal(err)
		}
		r.Query, r.Code = "", code
	}
	out := searchIDs(t, ix, r)
	ix.Close()
	return out, ix
}

// searchIDs runs r and names its hits TRANSCRIPT:LINE.
func searchIDs(t *testing.T, ix *Index, r Request) []string {
	t.Helper()
	res, err := ix.Search(r)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, docID(h.Transcript, h.Line))
	}
	return out
}

func TestSearch(t *testing.T) {
	dir := writeStudy(t, tiny)
	for _, tc := range []struct {
		name string
		req  Request
		want []string
	}{
		{"stemmed word", Request{Query: "helped"}, []string{"may-1:9"}},
		{"exact word as a phrase", Request{Query: `"bus"`}, []string{"ted-1:3"}},
		{"phrase", Request{Query: `"cup of tea"`}, []string{"may-1:8"}},
		{"phrase not in order", Request{Query: `"tea of cup"`}, nil},
		{"wildcard, any case", Request{Query: "BUS*"}, []string{"ted-1:3", "ted-1:4"}},
		{"fuzzy", Request{Query: "confidance~1"}, []string{"may-1:3"}},
		{"stop word alone", Request{Query: "the"}, []string{"ted-1:3"}},
		{"must and not", Request{Query: "+bus* -walk"}, []string{"ted-1:3"}},
		{"OR", Request{Query: "tea OR walk"}, []string{"may-1:8", "ted-1:4"}},
		{"AND", Request{Query: "buses AND walk"}, []string{"ted-1:4"}},
		{"NOT", Request{Query: "bus* NOT walk"}, []string{"ted-1:3"}},
		{"speaker field", Request{Query: "speaker:May"}, []string{"may-1:3", "may-1:4", "may-1:8", "may-1:9"}},
		{"attribute field", Request{Query: "gender:male"}, []string{"ted-1:1", "ted-1:3", "ted-1:4"}},
		{"line field", Request{Query: "line:>8"}, []string{"may-1:9"}},
		{"line at least", Request{Query: "line:>=8"}, []string{"may-1:8", "may-1:9"}},
		{"line at most", Request{Query: "line:<=3"}, []string{"may-1:1", "may-1:3", "ted-1:1", "ted-1:3"}},
		{"line below", Request{Query: "line:<3"}, []string{"may-1:1", "ted-1:1"}},
		{"line between, a fraction", Request{Query: "+line:>3.5 +line:<6"}, []string{"may-1:4", "ted-1:4"}},
		{"line none", Request{Query: "line:>100"}, nil},
		{"line not", Request{Query: "-line:>1 +interviewer"}, []string{"may-1:1", "ted-1:1"}},
		// Attributes are on the transcripts' own documents: each kind of
		// query on one still finds lines, and only lines.
		{"attribute wildcard", Request{Query: "gender:ma*"}, []string{"ted-1:1", "ted-1:3", "ted-1:4"}},
		{"attribute or a word", Request{Query: "gender:male OR helps"}, []string{"may-1:9", "ted-1:1", "ted-1:3", "ted-1:4"}},
		{"attribute and a word", Request{Query: "+participant:may +interviewer"}, []string{"may-1:1", "may-1:6"}},
		{"not an attribute", Request{Query: "-gender:female"}, []string{"ted-1:1", "ted-1:3", "ted-1:4"}},
		{"not a word", Request{Query: "-bus* -interviewer -pseudonym:may"}, nil},
		{"an attribute nobody has", Request{Query: "gender:other"}, nil},
		{"attribute regexp", Request{Query: "wave:/[0-9]/ +line:<2"}, []string{"may-1:1", "ted-1:1"}},
		{"every line", Request{Query: "*"}, []string{"may-1:1", "may-1:3", "may-1:4", "may-1:6", "may-1:8", "may-1:9", "ted-1:1", "ted-1:3", "ted-1:4"}},
		{"code field with descendants", Request{Query: "code:confidence"}, []string{"may-1:3", "ted-1:3"}},
		{"one coder's code field", Request{Query: "code_eh:tea"}, []string{"may-1:8"}},
		{"--code", Request{Query: "@confidence"}, []string{"may-1:3", "ted-1:3"}},
		{"--code --coder", Request{Query: "@tea", Coders: []string{"eh"}}, []string{"may-1:8"}},
		{"--uncoded", Request{Query: "", Uncoded: true, Coders: []string{"jt"}}, []string{"may-1:1", "may-1:4", "may-1:6", "ted-1:1", "ted-1:4"}},
		{"--uncoded all coders", Request{Query: "helps", Uncoded: true}, nil},
		{"--uncoded one coder", Request{Query: "helps", Uncoded: true, Coders: []string{"eh"}}, []string{"may-1:9"}},
		{"--where", Request{Query: "interviewer", Filters: []corpus.Filter{{Key: "gender", Values: []string{"male"}}}}, []string{"ted-1:1"}},
		{"--where an empty value", Request{Query: "bus*", Filters: []corpus.Filter{{Key: "pseudonym", Values: []string{""}}}}, nil},
		{"--where an empty or a value", Request{Query: "helps", Filters: []corpus.Filter{{Key: "pseudonym", Values: []string{"", "May"}}}}, []string{"may-1:9"}},
		{"--speaker participant", Request{Query: "", Speaker: "participant", Filters: []corpus.Filter{{Key: "transcript", Values: []string{"ted-1"}}}}, []string{"ted-1:3", "ted-1:4"}},
		{"--speaker interviewer", Request{Query: "", Speaker: "interviewer", Filters: []corpus.Filter{{Key: "transcript", Values: []string{"ted-1"}}}}, []string{"ted-1:1"}},
		{"--speaker label", Request{Query: "", Speaker: "ted"}, []string{"ted-1:3", "ted-1:4"}},
		{"--limit", Request{Query: "bus*", Limit: 1}, []string{"ted-1:3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := hits(t, dir, tc.req)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%+v: got %q, want %q", tc.req, got, tc.want)
			}
		})
	}
}

// TestStored: with WithRefs a hit brings its line's text from the
// index, as the file has them, all hits or under --limit, and
// an edit is seen; a line indexed in pieces is left to the file.
func TestStored(t *testing.T) {
	files := map[string]string{}
	for k, v := range tiny {
		files[k] = v
	}
	files["transcripts/ted-1.txt"] = "Interviewer: How did you get there?\n\nTed: I took the bus alone after that.\nBuses are dear, so I walk.\n\nTed: " + words(100<<10) + " bus\n"
	dir := writeStudy(t, files)
	check := func(ix *Index, r Request, want map[string]string) {
		t.Helper()
		res, err := ix.Search(r)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, h := range res.Hits {
			key := fmt.Sprintf("%s:%d", h.Transcript, h.Line)
			if h.Stored {
				got[key] = h.Text
			} else {
				got[key] = "not stored"
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("%+v: got %q, want %q", r, got, want)
		}
	}
	ix := openIndex(t, dir)
	check(ix, Request{Query: "bus*", WithRefs: true}, map[string]string{
		"ted-1:3": "Ted: I took the bus alone after that.", "ted-1:4": "Buses are dear, so I walk.", "ted-1:6": "not stored"})
	check(ix, Request{Query: "helps", WithRefs: true, Limit: 1}, map[string]string{"may-1:9": "It helps."})
	// Read from the segments, not left to the lookup by id.
	found, _, err := ix.run(term(FieldExact, "i"), 10, false, true, false)
	if err != nil || len(found.Hits) != 4 {
		t.Fatal(err, found)
	}
	read := make([]Hit, len(found.Hits))
	ix.readStored(found.Hits, read)
	for i, h := range read {
		if !h.Stored || h.Refs == nil {
			t.Errorf("%s: not read from its segment", found.Hits[i].ID)
		}
	}
	ix.Close()
	write(t, dir, "transcripts/may-1.txt", strings.Replace(tiny["transcripts/may-1.txt"], "It helps.", "It helps a lot.", 1))
	ix = openIndex(t, dir)
	check(ix, Request{Query: "helps", WithRefs: true}, map[string]string{"may-1:9": "It helps a lot."})
	ix.Close()
}

func TestSpans(t *testing.T) {
	dir := writeStudy(t, tiny)
	ix := openIndex(t, dir)
	res, err := ix.Search(Request{Query: `"cup of tea"`})
	if err != nil || len(res.Hits) != 1 {
		t.Fatal(err, res)
	}
	line := "May: We have a cup of tea every week."
	var got []string
	for _, s := range res.Hits[0].Spans {
		got = append(got, line[s.Start:s.End])
	}
	if !slices.Equal(got, []string{"cup", "of", "tea"}) {
		t.Errorf("spans %q", got)
	}
}

// TestStaleness edits the study between searches; each search must see
// the files as they are, having re-read only what changed.
func TestStaleness(t *testing.T) {
	for _, tc := range []struct {
		name      string
		edit      func(t *testing.T, dir string)
		req       Request
		want      []string
		reindexed int
		removed   int
	}{
		{"nothing changed", func(t *testing.T, dir string) {}, Request{Query: "bus*"}, []string{"ted-1:3", "ted-1:4"}, 0, 0},
		{"transcript edited", func(t *testing.T, dir string) {
			write(t, dir, "transcripts/ted-1.txt", "Interviewer: How did you get there?\n\nTed: A taxi, mostly.\n")
		}, Request{Query: "bus OR taxi"}, []string{"ted-1:3"}, 1, 0},
		{"line removed from the end", func(t *testing.T, dir string) {
			write(t, dir, "transcripts/ted-1.txt", "Interviewer: How did you get there?\n\nTed: I took the bus alone after that.\n")
		}, Request{Query: "bus*"}, []string{"ted-1:3"}, 1, 0},
		{"transcript deleted", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "transcripts/ted-1.txt"))
			write(t, dir, "transcripts.csv", "id,participant,wave\nmay-1,may,1\n")
		}, Request{Query: "bus OR interviewer"}, []string{"may-1:1", "may-1:6"}, 0, 1},
		{"transcript renamed", func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "transcripts/ted-1.txt"), filepath.Join(dir, "transcripts/ted-2.txt"))
			os.Rename(filepath.Join(dir, "codings/jt/ted-1.yaml"), filepath.Join(dir, "codings/jt/ted-2.yaml"))
			write(t, dir, "transcripts.csv", "id,participant,wave\nmay-1,may,1\nted-2,ted,2\n")
		}, Request{Query: "code:confidence/travel"}, []string{"ted-2:3"}, 1, 1},
		{"codings edited", func(t *testing.T, dir string) {
			write(t, dir, "codings/jt/ted-1.yaml", "- lines: 4\n  codes: [confidence/travel]\n")
		}, Request{Query: "code:confidence/travel"}, []string{"ted-1:4"}, 1, 0},
		{"codings file added", func(t *testing.T, dir string) {
			write(t, dir, "codings/eh/ted-1.yaml", "- lines: 4\n  codes: [tea]\n")
		}, Request{Query: "code_eh:tea"}, []string{"may-1:8", "ted-1:4"}, 1, 0},
		{"codings file removed", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "codings/eh/may-1.yaml"))
		}, Request{Query: "coder:eh"}, nil, 1, 0},
		{"codebook rename", func(t *testing.T, dir string) {
			write(t, dir, "codebook.yaml", "codes:\n  - name: self-esteem\n    aliases: [confidence]\n    children:\n      - name: transport\n        aliases: [travel]\n  - name: tea\n")
		}, Request{Query: "code:self-esteem/transport"}, []string{"ted-1:3"}, 0, 0},
		{"codebook move", func(t *testing.T, dir string) {
			write(t, dir, "codebook.yaml", "codes:\n  - name: confidence\n  - name: mobility\n    children:\n      - name: travel\n        aliases: [confidence/travel]\n  - name: tea\n")
		}, Request{Query: "code:confidence"}, []string{"may-1:3"}, 0, 0},
		{"attribute changed", func(t *testing.T, dir string) {
			write(t, dir, "participants.csv", "id,pseudonym,gender\nmay,May,female\nted,Ted,female\n")
		}, Request{Query: "gender:male"}, nil, 1, 0},
		{"edited in the clock tick it was indexed in", func(t *testing.T, dir string) {
			// Same size, same mtime: only the bytes tell.
			path := filepath.Join(dir, "transcripts/ted-1.txt")
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(path)
			write(t, dir, "transcripts/ted-1.txt", strings.Replace(string(data), "the bus", "my taxi", 1))
			if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, Request{Query: "taxi"}, []string{"ted-1:3"}, 1, 0},
		{"codings edited in place, its folder's mtime as before", func(t *testing.T, dir string) {
			// An editor that writes in place (nano, VS Code, >>) leaves the
			// folder alone: the file's own stat tells, even at the same size.
			folder := filepath.Join(dir, "codings/jt")
			fi, err := os.Stat(folder)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(folder, "ted-1.yaml")
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt([]byte("- lines: 4\n"), 0) // was lines: 3, same size
			f.Close()
			later := time.Now().Add(time.Minute)
			os.Chtimes(path, later, later)
			os.Chtimes(folder, fi.ModTime(), fi.ModTime())
		}, Request{Query: "code:confidence/travel"}, []string{"ted-1:4"}, 1, 0},
		{"transcript added whose codings file was there before it", func(t *testing.T, dir string) {
			// Its coder's folder did not move, but the transcript is new to
			// the index: the folder's listing says it is coded.
			write(t, dir, "transcripts/ann-1.txt", "Ann: The bus again.\n")
			write(t, dir, "transcripts.csv", "id,participant,wave\nmay-1,may,1\nted-1,ted,1\nann-1,ann,1\n")
		}, Request{Query: "bus"}, []string{"ted-1:3", "ann-1:1"}, 1, 0},
		{"touched, bytes the same", func(t *testing.T, dir string) {
			later := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(dir, "transcripts/ted-1.txt"), later, later)
		}, Request{Query: "bus*"}, []string{"ted-1:3", "ted-1:4"}, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// As excerpts and autocode open the index, and as qda search
			// does (lazily, the tables read only if something moved).
			for _, quick := range []bool{false, true} {
				search := hits
				if quick {
					search = quickHits
				}
				dir := writeStudy(t, tiny)
				if _, ix := search(t, dir, Request{Query: "bus*"}); !ix.Stats.Rebuilt {
					t.Fatal("first search did not build the index")
				}
				tc.edit(t, dir)
				got, ix := search(t, dir, tc.req)
				if !slices.Equal(got, tc.want) {
					t.Errorf("quick %v: after the edit: got %q, want %q", quick, got, tc.want)
				}
				if ix.Stats.Rebuilt || ix.Stats.Reindexed != tc.reindexed || ix.Stats.Removed != tc.removed {
					t.Errorf("quick %v: update %+v, want %d reindexed and %d removed", quick, ix.Stats, tc.reindexed, tc.removed)
				}
				// A second search finds nothing more to do.
				if _, ix := search(t, dir, tc.req); ix.Stats.Reindexed != 0 || ix.Stats.Removed != 0 {
					t.Errorf("quick %v: second update %+v", quick, ix.Stats)
				}
			}
		})
	}
}

// TestRebuild breaks the index in the ways a disk or an upgrade can; the
// next open rebuilds it and says why.
// TestFolderStats: a coder's folder whose mtime has not moved is trusted
// for which files it holds, but only once its mtime is old enough that a
// change in the same clock tick cannot hide behind it.
func TestFolderStats(t *testing.T) {
	dir := writeStudy(t, tiny)
	hits(t, dir, Request{Query: "bus"})
	ix := openIndex(t, dir)
	if s, ok := ix.man.Dirs["jt"]; !ok || s.MTime != 0 {
		t.Errorf("a folder changed just now: %+v, want it remembered without an mtime", s)
	}
	ix.Close()
	past := time.Now().Add(-time.Hour)
	for _, c := range []string{"jt", "eh"} {
		os.Chtimes(filepath.Join(dir, "codings", c), past, past)
	}
	_, ix = hits(t, dir, Request{Query: "bus"})
	if s := ix.man.Dirs["jt"]; s.MTime != past.UnixNano() {
		t.Errorf("an old folder: %+v, want its mtime %d", s, past.UnixNano())
	}
	// A file added by rename moves the folder: the next search lists it.
	write(t, dir, "new.yaml", "- lines: 4\n  codes: [tea]\n")
	if err := os.Rename(filepath.Join(dir, "new.yaml"), filepath.Join(dir, "codings/eh/ted-1.yaml")); err != nil {
		t.Fatal(err)
	}
	got, ix := hits(t, dir, Request{Query: "code_eh:tea"})
	if want := []string{"may-1:8", "ted-1:4"}; !slices.Equal(got, want) || ix.Stats.Reindexed != 1 {
		t.Errorf("after a file was added: %q (%+v), want %q", got, ix.Stats, want)
	}
}

// TestReadOnlyWhenUnchanged: a search that finds nothing to index writes
// nothing under .qda/index.
func TestReadOnlyWhenUnchanged(t *testing.T) {
	dir := writeStudy(t, tiny)
	// Files changed within the racy window are read again by every
	// search until they are old enough to trust: make them old.
	ageStudy(dir)
	hits(t, dir, Request{Query: "bus"})
	time.Sleep(10 * time.Millisecond)
	before := time.Now()
	_, ix := hits(t, dir, Request{Query: "bus"})
	if ix.Stats.Reindexed != 0 {
		t.Fatalf("second search reindexed: %+v", ix.Stats)
	}
	filepath.Walk(filepath.Join(dir, Dir), func(path string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() && fi.ModTime().After(before) {
			t.Errorf("%s written by a search that changed nothing", path)
		}
		return nil
	})
}

func TestRebuild(t *testing.T) {
	for _, tc := range []struct {
		name   string
		breakd func(dir string)
		notice string
	}{
		{"manifest garbage", func(dir string) { os.WriteFile(filepath.Join(dir, manifestFile), []byte("{not json"), 0o644) }, "manifest is unreadable"},
		{"other version", func(dir string) {
			os.WriteFile(filepath.Join(dir, manifestFile), []byte("qda-index 999\n"), 0o644)
		}, "version 999"},
		{"interrupted update", func(dir string) { os.WriteFile(filepath.Join(dir, dirtyFile), nil, 0o644) }, "interrupted"},
		{"bleve files gone", func(dir string) { os.RemoveAll(filepath.Join(dir, bleveDir)) }, "cannot be used"},
		{"segment files damaged", func(dir string) {
			files, _ := filepath.Glob(filepath.Join(dir, bleveDir, "store", "*.zap"))
			for _, f := range files {
				data, _ := os.ReadFile(f)
				for i := len(data) / 4; i < len(data)*3/4; i++ {
					data[i] = 0xff
				}
				os.WriteFile(f, data, 0o644)
			}
		}, "rebuilding the search index"},
		{"bleve files garbage", func(dir string) {
			filepath.Walk(filepath.Join(dir, bleveDir), func(p string, info os.FileInfo, err error) error {
				if err == nil && info.Mode().IsRegular() {
					os.WriteFile(p, []byte("garbage"), 0o644)
				}
				return nil
			})
		}, "cannot be used"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeStudy(t, tiny)
			hits(t, dir, Request{Query: "bus*"})
			tc.breakd(dir)
			got, ix := hits(t, dir, Request{Query: "bus*"})
			if !slices.Equal(got, []string{"ted-1:3", "ted-1:4"}) {
				t.Errorf("after rebuild: %q", got)
			}
			if !ix.Stats.Rebuilt || len(ix.Notices) != 1 || !strings.Contains(ix.Notices[0], tc.notice) {
				t.Errorf("rebuilt %v, notices %q, want one with %q", ix.Stats.Rebuilt, ix.Notices, tc.notice)
			}
		})
	}
}

// TestLockWaits opens the index twice: the second waits for the first.
func TestLockWaits(t *testing.T) {
	dir := writeStudy(t, tiny)
	first := openIndex(t, dir)
	st, _ := corpus.Open(dir)
	cix, _, _ := st.LoadIndex()
	cb, _ := st.Codebook()
	waited := make(chan bool, 1)
	done := make(chan error, 1)
	go func() {
		ix, err := Open(st, cix, cb, Options{Wait: func(corpus.Holder) { waited <- true }})
		if err == nil {
			ix.Close()
		}
		done <- err
	}()
	select {
	case <-waited:
	case <-done:
		t.Fatal("the second open did not wait for the first")
	case <-time.After(10 * time.Second):
		t.Fatal("the second open neither waited nor finished")
	}
	first.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestBadCodingsFile(t *testing.T) {
	dir := writeStudy(t, tiny)
	write(t, dir, "codings/eh/may-1.yaml", "- lines: x\n")
	got, ix := hits(t, dir, Request{Query: "tea"})
	if !slices.Equal(got, []string{"may-1:8"}) {
		t.Errorf("got %q", got)
	}
	if len(ix.Notices) != 1 || !strings.Contains(ix.Notices[0], "codings/eh/may-1.yaml") {
		t.Errorf("notices %q", ix.Notices)
	}
	// Until it is fixed, every search says so again.
	if _, ix := hits(t, dir, Request{Query: "tea"}); len(ix.Notices) != 1 {
		t.Errorf("second notices %q", ix.Notices)
	}
}

// TestDamagedDuringSearch damages segments in many places, some of which
// bleve opens without complaint and fails on only when a search reads
// them: the index is rebuilt and the search answers.
func TestDamagedDuringSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	dir := filepath.Join(t.TempDir(), "study")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Write(dir, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	want, _ := hits(t, dir, Request{Query: "taxi"})
	files, _ := filepath.Glob(filepath.Join(dir, bleveDir, "store", "*.zap"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for at := 20000; at < len(data); at += 20000 {
			for i := at; i < at+2000 && i < len(data); i++ {
				data[i] = 0xff
			}
		}
		os.WriteFile(f, data, 0o644)
	}
	got, ix := hits(t, dir, Request{Query: "taxi"})
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("after the damage: %q, want %q", got, want)
	}
	// Whether bleve notices on open or only when a search reads the
	// damage depends on how its merges laid the segments out; either way
	// the index is rebuilt.
	if len(ix.Notices) != 1 || !strings.Contains(ix.Notices[0], "rebuilding the search index") {
		t.Errorf("notices %q", ix.Notices)
	}
}

// TestWhereEmpty: --where attr= keeps transcripts whose attribute is
// empty, as stats does, though an empty value indexes no term.
func TestWhereEmpty(t *testing.T) {
	files := maps.Clone(tiny)
	files["participants.csv"] = "id,pseudonym,gender\nmay,May,female\nted,,male\n"
	dir := writeStudy(t, files)
	got, _ := hits(t, dir, Request{Query: "bus*", Filters: []corpus.Filter{{Key: "pseudonym", Values: []string{""}}}})
	if want := []string{"ted-1:3", "ted-1:4"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRole(t *testing.T) {
	for _, tc := range []struct{ speaker, want string }{
		{"Interviewer", "interviewer"},
		{"I", "interviewer"},
		{"Int", "interviewer"},
		{"Interviewer 2", "interviewer"},
		{"researcher", "interviewer"},
		{"May", "participant"},
		{"may", "participant"},
		{" MAY ", "participant"},
		{"Daughter", "other"},
		{"P1", "participant"},
		{"Respondent", "participant"},
		{"", "other"},
	} {
		t.Run(tc.speaker, func(t *testing.T) {
			if got := role(tc.speaker, "may", "may"); got != tc.want {
				t.Errorf("role(%q) = %q, want %q", tc.speaker, got, tc.want)
			}
		})
	}
}

// TestLimitSpans: under --limit in line order the spans are found for
// the printed hits only, by a second search; they are the same spans,
// and the refs come with the hits.
func TestLimitSpans(t *testing.T) {
	dir := writeStudy(t, tiny)
	ix := openIndex(t, dir)
	all, err := ix.Search(Request{Query: "interviewer OR bus", WithRefs: true})
	if err != nil {
		t.Fatal(err)
	}
	some, err := ix.Search(Request{Query: "interviewer OR bus", Limit: 3, NoScores: true, WithRefs: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Hits) != 4 || len(some.Hits) != 3 || some.Total != 4 {
		t.Fatalf("got %d and %d hits (total %d)", len(all.Hits), len(some.Hits), some.Total)
	}
	for i, h := range some.Hits {
		a := all.Hits[i]
		if h.Transcript != a.Transcript || h.Line != a.Line || !slices.Equal(h.Spans, a.Spans) || len(h.Spans) == 0 {
			t.Errorf("hit %d: %+v, want %+v", i, h, a)
		}
	}
	if refs := all.Hits[3].Refs; !slices.Equal(refs["jt"], []string{"confidence/travel"}) || len(refs) != 1 {
		t.Errorf("refs of ted-1:3: %v", refs)
	}
}
