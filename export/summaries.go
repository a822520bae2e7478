package export

import (
	"errors"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
)

// SummariesDir holds the framework summaries: one YAML file a participant,
// mapping a code path to the researcher's summary of that cell.
const SummariesDir = corpus.MemosDir + "/summaries"

// SummaryFile is the summaries file of participant, relative to the study.
func SummaryFile(participant string) string { return SummariesDir + "/" + participant + ".yaml" }

// Summaries are every participant's summaries: participant → code path → text.
type Summaries map[string]map[string]string

// Get returns the summary of participant's cell for code path.
func (s Summaries) Get(participant, path string) string { return s[participant][path] }

// ParseSummaries reads one summaries file: a mapping of code paths to
// text, trimmed. file names it in errors.
func ParseSummaries(file string, data []byte) (map[string]string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, diag.Errorf(file, 0, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	out := map[string]string{}
	if len(doc.Content) == 0 {
		return out, nil
	}
	m := doc.Content[0]
	if m.Kind == yaml.ScalarNode && m.Tag == "!!null" {
		return out, nil
	}
	if m.Kind != yaml.MappingNode {
		return nil, diag.Errorf(file, m.Line, "write a mapping of code paths to summaries, e.g. confidence: text")
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode {
			return nil, diag.Errorf(file, k.Line, "a summary is a code path and a text, e.g. confidence: text")
		}
		if _, dup := out[k.Value]; dup {
			return nil, diag.Errorf(file, k.Line, "%s has two summaries: keep one", k.Value)
		}
		// Space at the edges of prose means nothing, and YAML cannot
		// always write it back as it was.
		out[k.Value] = strings.TrimSpace(v.Value)
	}
	return out, nil
}

// MarshalSummaries writes one participant's summaries, sorted by code
// path, long or multi-line text as literal blocks, so each edit is a
// small diff.
func MarshalSummaries(m map[string]string) []byte {
	if len(m) == 0 {
		return []byte("{}\n")
	}
	out, err := yaml.Marshal(m)
	if err != nil {
		panic(err) // a map of strings always marshals
	}
	return out
}

// ReadSummaries reads every file of memos/summaries/.
func ReadSummaries(s *corpus.Study) (Summaries, error) {
	entries, err := s.ReadDir(SummariesDir)
	if errors.Is(err, fs.ErrNotExist) {
		return Summaries{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := Summaries{}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok || e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		file := SummariesDir + "/" + e.Name()
		data, err := s.ReadFile(file)
		if err != nil {
			return nil, err
		}
		m, err := ParseSummaries(file, data)
		if err != nil {
			return nil, err
		}
		out[name] = m
	}
	return out, nil
}

// CheckSummaries parses every file of memos/summaries/, for qda check:
// a file export would stop at is a finding here.
func CheckSummaries(s *corpus.Study) diag.List {
	entries, err := s.ReadDir(SummariesDir)
	if err != nil {
		return nil // none yet; a folder qda cannot list, check reports where it reads memos
	}
	var out diag.List
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		file := SummariesDir + "/" + e.Name()
		data, err := s.ReadFile(file)
		if err == nil {
			_, err = ParseSummaries(file, data)
		}
		if err != nil {
			out = append(out, diag.As(file, err).WithHint("fix the file; it holds the summaries 'qda summarize' writes"))
		}
	}
	return out
}

// SetSummary sets participant's summary of code path to text ("" removes
// it) and rewrites the participant's file atomically. It returns the
// previous text.
func SetSummary(s *corpus.Study, participant, path, text string) (string, error) {
	file := SummaryFile(participant)
	m := map[string]string{}
	data, err := s.ReadFile(file)
	switch {
	case err == nil:
		if m, err = ParseSummaries(file, data); err != nil {
			return "", err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	old := m[path]
	text = strings.TrimSpace(text)
	if text == "" {
		delete(m, path)
	} else {
		m[path] = text
	}
	return old, s.WriteStudyFile(file, MarshalSummaries(m))
}
