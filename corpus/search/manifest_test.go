package search

import (
	"bytes"
	"fmt"
	"testing"
)

func TestManifestRoundTrip(t *testing.T) {
	m := newManifest()
	m.Tables["participants.csv"] = fileState{Size: 10, MTime: 20}
	m.Dirs["jt"] = fileState{Size: 4096, MTime: 30}
	m.Transcripts["may-1"] = &entry{Lines: 12, Docs: 30, Pieces: 20, Attrs: "abc", Text: fileState{Size: 1, MTime: 2, Hash: "ff"},
		Codings: map[string]fileState{"jt": {Size: 3, MTime: 4, Hash: "ee"}, "eh": {Size: 5, MTime: 6}}}
	m.Transcripts["ted-1"] = &entry{Text: fileState{Size: -1}, Codings: map[string]fileState{}}
	data := m.marshal()
	back, err := parseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	if again := back.marshal(); !bytes.Equal(data, again) {
		t.Errorf("round trip:\n%s\n%s", data, again)
	}
	if e := back.Transcripts["may-1"]; e.Codings["jt"].Hash != "ee" || e.Lines != 12 || e.Docs != 30 || e.Pieces != 20 || back.Dirs["jt"].MTime != 30 {
		t.Errorf("read back %+v", back.Transcripts["may-1"])
	}
}

func TestManifestErrors(t *testing.T) {
	// The version is this qda's: a manifest of another version is read
	// only as far as its version, to be rebuilt.
	head := fmt.Sprintf("qda-index %d\n", Version)
	for _, data := range []string{"", "{}", "qda-index x\n", head + "t may-1 x 0 0 - 1 2 -\n", head + "t may-1 1 0 x - 1 2 -\n", head + "t may-1 1 0 - 1 2 -\n", head + "t may-1 1 0 0 - 1 2 - jt 1\n", head + "other\n", head + "dir jt 1\n", head + "dir jt x 1\n"} {
		if _, err := parseManifest([]byte(data)); err == nil {
			t.Errorf("%q: no error", data)
		}
	}
}

// FuzzManifest: any bytes either fail or read into a manifest that
// writes and reads back the same.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(fmt.Sprintf("qda-index %d\ntable participants.csv 10 20\ndir jt 4096 30\nt may-1 12 9 2 abc 1 2 ff jt 3 4 ee\n", Version)))
	f.Add([]byte("qda-index 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseManifest(data)
		if err != nil || m.Version != Version {
			return
		}
		out := m.marshal()
		back, err := parseManifest(out)
		if err != nil {
			t.Fatalf("%q: written manifest does not read: %v\n%s", data, err, out)
		}
		if !bytes.Equal(back.marshal(), out) {
			t.Errorf("%q: round trip differs", data)
		}
	})
}
