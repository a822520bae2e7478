package search

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/qdatool/qda/corpus"
)

// Version changes whenever the documents or the manifest change shape: an
// index of another version is rebuilt. 8: the manifest lists transcripts
// in transcripts.csv's order (quick.go); 8 to 11: attributes on a
// document per transcript, a line number as one term, a line's text
// stored; 12: both; 13: zap 15 segments, a build from nothing written
// by qda (build_segment.go).
const Version = 13

// manifest records what the index holds: for each transcript, the state of
// its text and codings files when they were indexed and the attributes it
// was indexed with.
type manifest struct {
	Version int `json:"version"`
	// Home is where the index was made (home.go): an index found in
	// another place came with a copy or a clone of the study.
	Home   string               `json:"home"`
	Tables map[string]fileState `json:"tables"`
	// Dirs are the coders' codings folders (statAll).
	Dirs        map[string]fileState `json:"dirs"`
	Transcripts map[string]*entry    `json:"transcripts"`
	// order is the transcripts in the order they are listed, which is
	// transcripts.csv's: a search that reads no table orders its hits
	// by it (quick.go).
	order []string
	// rest holds the transcripts' lines while they are not parsed: a
	// search that finds nothing changed never parses them (quick.go).
	// Transcripts is nil until load.
	rest string
	// quickDocs and quickPieced are docs() and pieced() as the quick
	// check counted them, before load.
	quickDocs   uint64
	quickPieced bool
	// quick are the transcripts' lines as the quick check reads them
	// (quickfile.go), from the quick file (rest then empty until
	// needRest) or scanned from rest (records); nil once they are
	// parsed. of is the manifest's file, study where to read it from
	// (through its root) when its lines are needed.
	quick *quickData
	of    fileID
	study *corpus.Study
}

// entry is one transcript in the index.
type entry struct {
	Text    fileState            `json:"text"`
	Codings map[string]fileState `json:"codings,omitempty"`
	// Attrs is a hash of the attributes the lines carry, so an edit to
	// participants.csv re-indexes only the transcripts it touches.
	Attrs string `json:"attrs"`
	Lines int    `json:"lines"`
	// Docs counts the documents indexed (a non-blank line is one, a long
	// line one per piece), so an index that lost some (a snapshot bleve
	// could not load) is caught on open.
	Docs int
	// Pieces counts the documents that are a long line's pieces after
	// its first: their ids hold offsets, so they are looked up to delete.
	Pieces int
}

// fileState identifies a file's content cheaply: size and mtime are
// compared first, and the hash only when they differ, so a touch or a
// checkout that leaves the bytes alone re-indexes nothing.
type fileState struct {
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"`
	Hash  string `json:"hash"`
}

func (f fileState) sameStat(o fileState) bool { return f.Size == o.Size && f.MTime == o.MTime }

// The manifest is read by readManifestFile (quickfile.go): its head
// (parseHead), the rest parsed by load. It is a line per transcript
// rather than JSON: decoding 10,000 entries of JSON cost more than the
// query.
//
//	qda-index VERSION
//	table NAME SIZE MTIME
//	t ID LINES DOCS PIECES ATTRS SIZE MTIME HASH [CODER SIZE MTIME HASH]...

// racyWindow is how long after a file was indexed it may still change
// without its size or mtime moving: mtimes advance with the kernel's clock
// tick (a few milliseconds on Linux, a second or two on some filesystems),
// so a same-size edit in the same tick as the update looks unchanged.
// Such a file's mtime is not remembered, so the next update reads and
// hashes it again, as git does with its racily clean entries.
const racyWindow = 3 * time.Second

// forgetRacy drops the mtimes that are not yet safe to trust at now.
func (m *manifest) forgetRacy(now time.Time) {
	cutoff := now.Add(-racyWindow).UnixNano()
	for _, states := range []map[string]fileState{m.Tables, m.Dirs} {
		for name, s := range states {
			if s.MTime >= cutoff {
				s.MTime = 0
				states[name] = s
			}
		}
	}
	for _, e := range m.Transcripts {
		if e.Text.MTime >= cutoff {
			e.Text.MTime = 0
		}
		for c, s := range e.Codings {
			if s.MTime >= cutoff {
				s.MTime = 0
				e.Codings[c] = s
			}
		}
	}
}

// parseManifest reads the whole manifest.
func parseManifest(data []byte) (*manifest, error) {
	m, err := parseHead(data)
	if err != nil || m.Version != Version {
		return m, err
	}
	return m, m.load()
}

// fields splits line at single spaces into f, without copies; nil when
// it has more fields than f holds.
func fields(line string, f []string) []string {
	n := 0
	for len(line) > 0 && n < len(f) {
		i := strings.IndexByte(line, ' ')
		if i < 0 {
			i = len(line)
		}
		if i > 0 {
			f[n] = line[:i]
			n++
		}
		line = line[min(i+1, len(line)):]
	}
	if len(line) > 0 {
		return nil // more fields than any line has
	}
	return f[:n]
}

// nextLine cuts the first line off text.
func nextLine(text string) (line, rest string) {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return text[:i], text[i+1:]
	}
	return text, ""
}

// parseHead reads the manifest as far as its first transcript, keeping
// the rest unparsed for load: the version, home, tables and folders,
// which marshal writes first. It reads with one pass over the bytes and
// no copies: every search reads it, and splitting it into lines and
// fields cost more than the query.
func parseHead(data []byte) (*manifest, error) {
	m := newManifest()
	m.Transcripts = nil
	if len(data) == 0 {
		return nil, errors.New("not a manifest")
	}
	// The manifest's strings point into data, which nothing changes
	// after: a copy of megabytes was a tenth of a quick search.
	text := unsafe.String(&data[0], len(data))
	var buf [64]string
	first, text := nextLine(text)
	f := fields(first, buf[:])
	v, err := 0, error(nil)
	if len(f) == 2 && f[0] == "qda-index" {
		v, err = strconv.Atoi(f[1])
	}
	if len(f) != 2 || f[0] != "qda-index" || err != nil {
		return nil, errors.New("not a manifest")
	}
	if m.Version = v; v != Version {
		return m, nil
	}
	for n := 2; len(text) > 0; n++ {
		line, after := nextLine(text)
		if strings.HasPrefix(line, "t ") {
			break
		}
		if err := m.parseLine(fields(line, buf[:]), n); err != nil {
			return nil, err
		}
		text = after
	}
	m.rest = text
	return m, nil
}

// load parses the transcripts' lines parseHead left.
func (m *manifest) load() error {
	if m.Transcripts != nil {
		return nil
	}
	if err := m.needRest(); err != nil {
		return err
	}
	text := m.rest
	m.Transcripts = make(map[string]*entry, strings.Count(text, "\nt ")+1)
	var buf [64]string
	for n := 1; len(text) > 0; n++ {
		var line string
		line, text = nextLine(text)
		if err := m.parseLine(fields(line, buf[:]), n); err != nil {
			m.Transcripts = nil
			return err
		}
	}
	if m.quick != nil && m.quick.sweep != nil {
		m.quick.sweep.Stop() // not asked, or asked already: its folder is closed
	}
	m.rest, m.quick = "", nil
	return nil
}

// parseLine reads one line's fields into m; n numbers it for errors.
func (m *manifest) parseLine(f []string, n int) error {
	bad := malformed(n)
	switch {
	case len(f) == 2 && f[0] == "home":
		m.Home = f[1]
	case len(f) == 4 && (f[0] == "table" || f[0] == "dir"):
		st, ok := parseState(f[2], f[3], "")
		if !ok {
			return bad
		}
		if f[0] == "dir" {
			m.Dirs[f[1]] = st
		} else {
			m.Tables[f[1]] = st
		}
	case len(f) >= 9 && (len(f)-9)%4 == 0 && f[0] == "t" && m.Transcripts != nil:
		e, ok := parseEntry(f)
		if !ok {
			return bad
		}
		if _, dup := m.Transcripts[f[1]]; !dup {
			m.order = append(m.order, f[1])
		}
		m.Transcripts[f[1]] = e
	default:
		return bad
	}
	return nil
}

// parseEntry reads a transcript's line, split into fields.
func parseEntry(f []string) (*entry, bool) {
	n, err1 := strconv.Atoi(f[2])
	docs, err2 := strconv.Atoi(f[3])
	pieces, err3 := strconv.Atoi(f[4])
	text, ok := parseState(f[6], f[7], f[8])
	if err1 != nil || err2 != nil || err3 != nil || !ok {
		return nil, false
	}
	e := &entry{Lines: n, Docs: docs, Pieces: pieces, Attrs: f[5], Text: text, Codings: make(map[string]fileState, (len(f)-9)/4)}
	for j := 9; j < len(f); j += 4 {
		st, ok := parseState(f[j+1], f[j+2], f[j+3])
		if !ok {
			return nil, false
		}
		e.Codings[f[j]] = st
	}
	return e, true
}

// malformed is the error of line n, made only when it is returned.
type malformed int

func (n malformed) Error() string { return fmt.Sprintf("line %d: malformed", int(n)) }

func parseState(size, mtime, hash string) (fileState, bool) {
	s, err1 := strconv.ParseInt(size, 10, 64)
	t, err2 := strconv.ParseInt(mtime, 10, 64)
	if hash == "-" {
		hash = ""
	}
	return fileState{Size: s, MTime: t, Hash: hash}, err1 == nil && err2 == nil
}

func (m *manifest) marshal() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "qda-index %d\n", m.Version)
	if m.Home != "" {
		fmt.Fprintf(&b, "home %s\n", m.Home)
	}
	for _, name := range sortedKeys2(m.Tables) {
		st := m.Tables[name]
		fmt.Fprintf(&b, "table %s %d %d\n", name, st.Size, st.MTime)
	}
	for _, name := range sortedKeys2(m.Dirs) {
		st := m.Dirs[name]
		fmt.Fprintf(&b, "dir %s %d %d\n", name, st.Size, st.MTime)
	}
	// In m.order (transcripts.csv's), then any others by name.
	ids := make([]string, 0, len(m.Transcripts))
	listed := make(map[string]bool, len(m.Transcripts))
	for _, id := range m.order {
		if m.Transcripts[id] != nil && !listed[id] {
			listed[id] = true
			ids = append(ids, id)
		}
	}
	var others []string
	for id := range m.Transcripts {
		if !listed[id] {
			others = append(others, id)
		}
	}
	slices.Sort(others)
	for _, id := range append(ids, others...) {
		e := m.Transcripts[id]
		fmt.Fprintf(&b, "t %s %d %d %d %s %d %d %s", id, e.Lines, e.Docs, e.Pieces, orDash(e.Attrs), e.Text.Size, e.Text.MTime, orDash(e.Text.Hash))
		for _, c := range sortedKeys2(e.Codings) {
			st := e.Codings[c]
			fmt.Fprintf(&b, " %s %d %d %s", c, st.Size, st.MTime, orDash(st.Hash))
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func newManifest() *manifest {
	return &manifest{Version: Version, Tables: map[string]fileState{}, Dirs: map[string]fileState{}, Transcripts: map[string]*entry{}}
}

// docs is the number of documents the index should hold.
func (m *manifest) docs() uint64 {
	if m.Transcripts == nil {
		return m.quickDocs
	}
	var n uint64
	for _, e := range m.Transcripts {
		n += uint64(e.Docs)
	}
	return n
}

// pieced reports whether any line is indexed in pieces, so that a
// search must gather a line's hits from several documents.
func (m *manifest) pieced() bool {
	if m.Transcripts == nil {
		return m.quickPieced
	}
	for _, e := range m.Transcripts {
		if e.Pieces > 0 {
			return true
		}
	}
	return false
}
