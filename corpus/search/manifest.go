package search

import (
	"encoding/json"
	"os"
)

// Version changes whenever the documents or the manifest change shape: an
// index of another version is rebuilt.
const Version = 1

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

func readManifest(path string) (*manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

func newManifest() *manifest {
	return &manifest{Version: Version, Tables: map[string]fileState{}, Transcripts: map[string]*entry{}}
}

func (m *manifest) marshal() []byte {
	data, _ := json.Marshal(m)
	return data
}
