// Package corpus is the study on disk: settings, participants, transcripts
// and each coder's codings, read and written exactly as DESIGN.md says, and
// the counting rules that stats, excerpts and the exports share. It never
// prints and never exits.
package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/internal/ahead"
	"github.com/qdatool/qda/internal/diag"
)

// The files of a study, relative to its root.
const (
	ConfigFile       = ahead.ConfigFile
	CodebookFile     = "codebook.yaml"
	ParticipantsFile = "participants.csv"
	TranscriptsFile  = "transcripts.csv"
	TranscriptsDir   = ahead.TranscriptsDir
	CodingsDir       = "codings"
	MemosDir         = "memos"
	DataDir          = ".qda"
	IdentifiersFile  = ".qda/identifiers.txt"
)

// ErrNoStudy is returned by Find when no qda.yaml is found up to the root.
var ErrNoStudy = errors.New("not inside a qda study (no qda.yaml here or in any parent folder)")

// Study is an open study folder.
type Study struct {
	Root   string
	Config Config
	// Recovered counts the files of an interrupted change that opening
	// the study completed (see Recover).
	Recovered int
	lock      *Lock
	root      atomic.Pointer[os.Root] // see inside.go
}

// Find returns the study root for dir: dir itself or the nearest parent
// holding qda.yaml, as git finds .git (internal/ahead, whose sweep must
// find the root a search finds).
func Find(dir string) (string, error) {
	root, found, err := ahead.Find(dir)
	if err == nil && !found {
		err = ErrNoStudy
	}
	return root, err
}

// Open finds the study that holds dir and reads its settings, for a
// command that only reads. It writes nothing: a change that a killed
// process left half done is an error saying to run a command that writes
// (Pending), unless another process holds the writer lock: the journal is
// then its own, and it is still writing.
func Open(dir string) (*Study, error) {
	return open(dir, false, nil)
}

// OpenWrite is Open for a command that changes the study: it takes the
// writer lock first (waiting for another writer, and calling wait once if
// it has to), and holds it until Close. An interrupted change is completed
// first (Recover).
func OpenWrite(dir string, wait func(Holder)) (*Study, error) {
	return open(dir, true, wait)
}

func open(dir string, write bool, wait func(Holder)) (*Study, error) {
	s, err := locate(dir, write, false, wait)
	if err != nil {
		return nil, err
	}
	data, err := s.ReadFile(ConfigFile)
	if err == nil {
		var fs diag.List
		s.Config, fs = ParseConfig(ConfigFile, data)
		err = fs.Err()
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Locate finds the study that holds dir without failing on a broken
// qda.yaml or an interrupted change, for check, which reports the problem
// as a finding instead (see JournalFindings).
// With write set it takes the writer lock as OpenWrite does.
func Locate(dir string, write bool, wait func(Holder)) (*Study, error) {
	s, err := locate(dir, write, true, wait)
	if err != nil {
		return nil, err
	}
	if data, err := s.ReadFile(ConfigFile); err == nil {
		s.Config, _ = ParseConfig(ConfigFile, data)
	}
	return s, nil
}

func locate(dir string, write, tolerant bool, wait func(Holder)) (*Study, error) {
	root, err := Find(dir)
	if err != nil {
		return nil, err
	}
	s := &Study{Root: root}
	if !write {
		// A command that only reads never writes, not even to complete
		// an interrupted change: a journal from a clone must not act on
		// the study, and a real one is for a writer to complete.
		if err := s.Pending(); err != nil && !tolerant {
			s.Close()
			return nil, err
		}
		return s, nil
	}
	s.lock, err = s.Lock(wait)
	if err == nil {
		s.Recovered, err = s.Recover()
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the writer lock, if the study holds it.
func (s *Study) Close() error {
	err := s.lock.Unlock()
	s.lock = nil
	if r := s.root.Swap(nil); r != nil {
		r.Close()
	}
	return err
}

// Path joins rel (slash-separated, relative to the study) to the root.
func (s *Study) Path(rel ...string) string {
	return filepath.Join(append([]string{s.Root}, rel...)...)
}

// Codebook loads codebook.yaml. A missing codebook is an empty one, so a
// new study works before it has codes.
func (s *Study) Codebook() (*codebook.Codebook, diag.List) {
	data, err := s.ReadFile(CodebookFile)
	if errors.Is(err, fs.ErrNotExist) {
		data = []byte("codes: []\n")
	} else if err != nil {
		return nil, diag.List{diag.As(CodebookFile, err)}
	}
	return codebook.Parse(CodebookFile, data)
}

// TranscriptFile is the path of transcript id relative to the study.
func TranscriptFile(id string) string { return TranscriptsDir + "/" + id + ".txt" }

// CodingsFile is the path of coder's codings for transcript id, relative to the study.
func CodingsFile(coder, id string) string { return CodingsDir + "/" + coder + "/" + id + ".yaml" }

// ReadTranscript reads transcripts/ID.txt.
func (s *Study) ReadTranscript(id string) (*Transcript, error) {
	return s.readTranscript(s.ReadFile, id)
}

// readTranscript is ReadTranscript with the file read by read.
func (s *Study) readTranscript(read func(string) ([]byte, error), id string) (*Transcript, error) {
	data, err := read(TranscriptFile(id))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such transcript", TranscriptFile(id))
		}
		return nil, err
	}
	return ParseTranscript(id, data), nil
}

// Coders lists the coders that have a folder under codings/, sorted.
func (s *Study) Coders() ([]string, error) {
	entries, err := readDir(s, CodingsDir)
	if err != nil {
		return nil, err
	}
	var coders []string
	for _, e := range entries {
		if e.IsDir() && ValidName(e.Name()) {
			coders = append(coders, e.Name())
		}
	}
	return coders, nil
}

// CodedBy lists the transcript ids coder has a codings file for, sorted.
// Listing the folder once is far cheaper than trying to open a file per
// transcript in a large study.
func (s *Study) CodedBy(coder string) ([]string, error) {
	entries, err := readDir(s, CodingsDir+"/"+coder)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(entries))
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// ReadCodings reads coder's codings for transcript id. A missing file is
// returned as nil with no error: that coder has not coded the transcript.
func (s *Study) ReadCodings(coder, id string) (*Codings, error) {
	return s.readCodings(s.ReadFile, coder, id)
}

// readCodings is ReadCodings with the file read by read.
func (s *Study) readCodings(read func(string) ([]byte, error), coder, id string) (*Codings, error) {
	file := CodingsFile(coder, id)
	data, err := read(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	doc, findings := ParseCodingsDoc(file, data)
	if err := findings.Err(); err != nil {
		return nil, err
	}
	return &Codings{Coder: coder, Transcript: id, File: file, Segments: doc.Segments, None: doc.None, NoneMemo: doc.NoneMemo}, nil
}

// WriteCodings replaces the codings file atomically, segments in canonical
// order, creating the coder's folder when needed. Codings with no
// segments are written as None when they say so; otherwise the file is
// removed (RemoveCodings), so that no file says neither.
func (s *Study) WriteCodings(c *Codings) error {
	file := CodingsFile(c.Coder, c.Transcript)
	switch {
	case len(c.Segments) > 0:
		return s.WriteStudyFile(file, MarshalCodings(c.Segments))
	case c.None:
		return s.WriteStudyFile(file, MarshalCodingsNone(c.NoneMemo))
	}
	return s.RemoveCodings(c.Coder, c.Transcript)
}

// RemoveCodings removes coder's file for transcript id, and the coder's
// folder when that was the last file in it: a coder with no codings is no
// coder of the study. A file that is not there is no error.
func (s *Study) RemoveCodings(coder, id string) error {
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	dir := CodingsDir + "/" + coder
	if err := s.noLinks(dir); err != nil {
		return err
	}
	if err := r.Remove(filepath.FromSlash(CodingsFile(coder, id))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return insideErr(CodingsFile(coder, id), err)
	}
	s.syncDir(dir)
	// Remove fails on a folder that still holds anything, which is as
	// it should be: only an empty folder goes.
	if r.Remove(filepath.FromSlash(dir)) == nil {
		s.syncDir(CodingsDir)
	}
	return nil
}

// WriteTable replaces the table's file atomically.
func (s *Study) WriteTable(t *Table) error {
	return s.WriteStudyFile(t.File, t.Marshal())
}
