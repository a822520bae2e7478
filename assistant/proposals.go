package assistant

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/corpus"
)

// ProposedCode is a code an assistant proposed, kept in
// proposals/CODER/codes.yaml until a person accepts it into the codebook.
type ProposedCode struct {
	Path        string   `yaml:"path"`
	Label       string   `yaml:"label,omitempty"`
	Description string   `yaml:"description,omitempty"`
	Include     string   `yaml:"include,omitempty"`
	Exclude     string   `yaml:"exclude,omitempty"`
	Examples    []string `yaml:"examples,omitempty"`
	Rationale   string   `yaml:"rationale"`
	Model       string   `yaml:"model,omitempty"`
	Date        string   `yaml:"date,omitempty"`
}

// Decision is one person's decision on one proposal, as recorded in
// proposals/CODER/review.yaml.
type Decision struct {
	Kind       string   `yaml:"kind" json:"kind"` // "coding" or "code"
	Transcript string   `yaml:"transcript,omitempty" json:"transcript,omitempty"`
	Lines      string   `yaml:"lines,omitempty" json:"lines,omitempty"`
	Codes      []string `yaml:"codes,omitempty,flow" json:"codes,omitempty"` // as proposed; for a code, its path
	Decision   string   `yaml:"decision" json:"decision"`                    // accepted, changed or rejected
	// Accepted are what went into the reviewer's codings: the lines and
	// codes as changed, for "changed".
	AcceptedLines string   `yaml:"accepted_lines,omitempty" json:"accepted_lines,omitempty"`
	AcceptedCodes []string `yaml:"accepted_codes,omitempty,flow" json:"accepted_codes,omitempty"`
	Reviewer      string   `yaml:"reviewer" json:"reviewer"`
	Date          string   `yaml:"date" json:"date"`
	Note          string   `yaml:"note,omitempty" json:"note,omitempty"`
}

// The decisions.
const (
	Accepted = "accepted"
	Changed  = "changed"
	Rejected = "rejected"
)

const (
	proposedCodesHeader = "# Codes proposed by an assistant: 'qda review' adds one to codebook.yaml when a person accepts it.\n"
	reviewLogHeader     = "# Decisions on an assistant's proposals, made with 'qda review'.\n"
)

// readList reads a YAML list of T from rel; a missing file is an empty list.
func readList[T any](st *corpus.Study, rel string) ([]T, error) {
	data, err := st.ReadFile(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []T
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&out); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %v (fix the file: it is a list of entries as docs/assistant.md shows)", rel, err)
	}
	return out, nil
}

// writeList writes a YAML list under the writer lock, atomically.
func writeList[T any](st *corpus.Study, rel, header string, items []T) error {
	var b bytes.Buffer
	b.WriteString(header)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(items); err != nil {
		return err
	}
	enc.Close()
	return st.WriteStudyFile(rel, b.Bytes())
}

// ReadProposedCodes reads the codes coder proposed.
func ReadProposedCodes(st *corpus.Study, coder string) ([]ProposedCode, error) {
	return readList[ProposedCode](st, corpus.ProposedCodesFile(coder))
}

// ReadReviewLog reads the decisions on coder's proposals.
func ReadReviewLog(st *corpus.Study, coder string) ([]Decision, error) {
	return readList[Decision](st, corpus.ReviewLogFile(coder))
}

// CheckProposals reads coder's proposal files, for 'qda check': each must
// parse, name codes by valid paths and record known decisions.
func CheckProposals(st *corpus.Study, coder string) []error {
	var errs []error
	codes, err := ReadProposedCodes(st, coder)
	if err != nil {
		errs = append(errs, err)
	}
	for i, c := range codes {
		if c.Path == "" || c.Rationale == "" {
			errs = append(errs, fmt.Errorf("%s: entry %d needs a path and a rationale", corpus.ProposedCodesFile(coder), i+1))
		}
	}
	log, err := ReadReviewLog(st, coder)
	if err != nil {
		errs = append(errs, err)
	}
	for i, d := range log {
		if d.Decision != Accepted && d.Decision != Changed && d.Decision != Rejected || d.Kind != "coding" && d.Kind != "code" {
			errs = append(errs, fmt.Errorf("%s: entry %d: kind must be coding or code, decision accepted, changed or rejected", corpus.ReviewLogFile(coder), i+1))
		}
	}
	return errs
}
