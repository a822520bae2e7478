package search

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Version changes whenever the documents or the manifest change shape: an
// index of another version is rebuilt.
const Version = 5

// manifest records what the index holds: for each transcript, the state of
// its text and codings files when they were indexed and the attributes it
// was indexed with.
type manifest struct {
	Version     int                  `json:"version"`
	Tables      map[string]fileState `json:"tables"`
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
	// Docs counts the documents (non-blank lines) indexed, so an index
	// that lost some (a snapshot bleve could not load) is caught on open.
	Docs int
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
//	t ID LINES DOCS ATTRS SIZE MTIME HASH [CODER SIZE MTIME HASH]...
func readManifest(path string) (*manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseManifest(data)
}

func parseManifest(data []byte) (*manifest, error) {
	var err error
	m := newManifest()
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	head := strings.Fields(lines[0])
	if len(head) != 2 || head[0] != "qda-index" {
		return nil, errors.New("not a manifest")
	}
	if m.Version, err = strconv.Atoi(head[1]); err != nil {
		return nil, errors.New("not a manifest")
	}
	if m.Version != Version {
		return m, nil
	}
	for i, line := range lines[1:] {
		f := strings.Fields(line)
		bad := fmt.Errorf("line %d: malformed", i+2)
		switch {
		case len(f) == 4 && f[0] == "table":
			st, ok := parseState(f[2], f[3], "")
			if !ok {
				return nil, bad
			}
			m.Tables[f[1]] = st
		case len(f) >= 8 && (len(f)-8)%4 == 0 && f[0] == "t":
			n, err1 := strconv.Atoi(f[2])
			docs, err2 := strconv.Atoi(f[3])
			text, ok := parseState(f[5], f[6], f[7])
			if err1 != nil || err2 != nil || !ok {
				return nil, bad
			}
			e := &entry{Lines: n, Docs: docs, Attrs: f[4], Text: text, Codings: map[string]fileState{}}
			for j := 8; j < len(f); j += 4 {
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
	return m, nil
}

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
	for _, name := range sortedKeys2(m.Tables) {
		st := m.Tables[name]
		fmt.Fprintf(&b, "table %s %d %d\n", name, st.Size, st.MTime)
	}
	ids := make([]string, 0, len(m.Transcripts))
	for id := range m.Transcripts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		e := m.Transcripts[id]
		fmt.Fprintf(&b, "t %s %d %d %s %d %d %s", id, e.Lines, e.Docs, orDash(e.Attrs), e.Text.Size, e.Text.MTime, orDash(e.Text.Hash))
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
	return &manifest{Version: Version, Tables: map[string]fileState{}, Transcripts: map[string]*entry{}}
}

// docs is the number of documents the index should hold.
func (m *manifest) docs() uint64 {
	var n uint64
	for _, e := range m.Transcripts {
		n += uint64(e.Docs)
	}
	return n
}
