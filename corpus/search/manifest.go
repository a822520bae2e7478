package search

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Version changes whenever the documents or the manifest change shape: an
// index of another version is rebuilt.
const Version = 11

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

// readManifest reads the manifest. It is a line per transcript rather
// than JSON: decoding 10,000 entries of JSON cost more than the query.
//
//	qda-index VERSION
//	table NAME SIZE MTIME
//	t ID LINES DOCS PIECES ATTRS SIZE MTIME HASH [CODER SIZE MTIME HASH]...
func readManifest(path string) (*manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseManifest(data)
}

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

// parseManifest reads the manifest with one pass over its bytes and no
// copies: every search reads it, and splitting it into lines and fields
// cost more than the query.
func parseManifest(data []byte) (*manifest, error) {
	m := newManifest()
	text := string(data)
	m.Transcripts = make(map[string]*entry, strings.Count(text, "\nt "))
	var f [64]string
	fields := func(line string) []string {
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
	for n := 1; len(text) > 0; n++ {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		f := fields(line)
		if n == 1 {
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
			continue
		}
		bad := malformed(n)
		switch {
		case len(f) == 2 && f[0] == "home":
			m.Home = f[1]
		case len(f) == 4 && (f[0] == "table" || f[0] == "dir"):
			st, ok := parseState(f[2], f[3], "")
			if !ok {
				return nil, bad
			}
			if f[0] == "dir" {
				m.Dirs[f[1]] = st
			} else {
				m.Tables[f[1]] = st
			}
		case len(f) >= 9 && (len(f)-9)%4 == 0 && f[0] == "t":
			n, err1 := strconv.Atoi(f[2])
			docs, err2 := strconv.Atoi(f[3])
			pieces, err3 := strconv.Atoi(f[4])
			text, ok := parseState(f[6], f[7], f[8])
			if err1 != nil || err2 != nil || err3 != nil || !ok {
				return nil, bad
			}
			e := &entry{Lines: n, Docs: docs, Pieces: pieces, Attrs: f[5], Text: text, Codings: make(map[string]fileState, (len(f)-9)/4)}
			for j := 9; j < len(f); j += 4 {
				st, ok := parseState(f[j+1], f[j+2], f[j+3])
				if !ok {
					return nil, bad
				}
				e.Codings[f[j]] = st
			}
			m.Transcripts[f[1]] = e
		default:
			return nil, bad
		}
	}
	if len(data) == 0 {
		return nil, errors.New("not a manifest")
	}
	return m, nil
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
	ids := make([]string, 0, len(m.Transcripts))
	for id := range m.Transcripts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
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
	var n uint64
	for _, e := range m.Transcripts {
		n += uint64(e.Docs)
	}
	return n
}

// pieced reports whether any line is indexed in pieces, so that a
// search must gather a line's hits from several documents.
func (m *manifest) pieced() bool {
	for _, e := range m.Transcripts {
		if e.Pieces > 0 {
			return true
		}
	}
	return false
}
