package assistant

import (
	"bytes"
	"errors"
	"io/fs"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
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
	out, _, findings := parseList[T](rel, data)
	if err := findings.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// parseList reads a YAML list of mappings into T, each entry's keys
// checked against T's fields, and returns each entry's line for findings.
func parseList[T any](file string, data []byte) ([]T, []int, diag.List) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, diag.List{diag.As(file, err).WithHint("fix the file: it is a list of entries as docs/assistant.md shows")}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil, nil // empty file
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil, nil
	}
	if root.Kind != yaml.SequenceNode {
		return nil, nil, diag.List{diag.Errorf(file, root.Line, "must be a list of entries ('- ...')").WithHint("see docs/assistant.md")}
	}
	known := yamlKeys(reflect.TypeFor[T]())
	var out []T
	var lines []int
	var fs diag.List
	for _, item := range root.Content {
		if item.Kind != yaml.MappingNode {
			fs = append(fs, diag.Errorf(file, item.Line, "an entry must be a mapping of fields"))
			continue
		}
		bad := false
		for i := 0; i+1 < len(item.Content); i += 2 {
			if k := item.Content[i]; !slices.Contains(known, k.Value) {
				fs = append(fs, diag.Errorf(file, k.Line, "unknown field %q", k.Value).WithHint("an entry has %s", strings.Join(known, ", ")))
				bad = true
			}
		}
		var v T
		if err := item.Decode(&v); err != nil {
			fs = append(fs, diag.Errorf(file, item.Line, "%v", err))
			bad = true
		}
		if !bad {
			out = append(out, v)
			lines = append(lines, item.Line)
		}
	}
	return out, lines, fs
}

// yamlKeys lists the YAML keys of struct type t.
func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
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

// Check reads every machine coder's proposal files, for 'qda check':
// each must parse, its entries be complete, and its folder be a declared
// machine coder's.
func Check(st *corpus.Study) diag.List {
	entries, err := st.ReadDir(corpus.ProposalsDir)
	if err != nil {
		return nil // none yet
	}
	var out diag.List
	for _, e := range entries {
		dir := corpus.ProposalsDir + "/" + e.Name()
		if !e.IsDir() || !corpus.ValidName(e.Name()) {
			out = append(out, diag.Warnf(dir, 0, "not a machine coder's folder of proposals").WithHint("%s/ holds a folder per machine coder", corpus.ProposalsDir))
			continue
		}
		if !st.Config.Machine(e.Name()) {
			out = append(out, diag.Warnf(dir, 0, "%s is not declared as a machine coder in %s", e.Name(), corpus.ConfigFile).
				WithHint("'qda coder add %s --machine' declares it", e.Name()))
		}
		out = append(out, checkFile(st, corpus.ProposedCodesFile(e.Name()), func(file string, data []byte) diag.List {
			codes, lines, fs := parseList[ProposedCode](file, data)
			for i, c := range codes {
				if c.Path == "" || strings.TrimSpace(c.Rationale) == "" {
					fs = append(fs, diag.Errorf(file, lines[i], "a proposed code needs a path and a rationale"))
				}
			}
			return fs
		})...)
		out = append(out, checkFile(st, corpus.ReviewLogFile(e.Name()), func(file string, data []byte) diag.List {
			log, lines, fs := parseList[Decision](file, data)
			for i, d := range log {
				if !slices.Contains([]string{Accepted, Changed, Rejected}, d.Decision) || d.Kind != "coding" && d.Kind != "code" || len(d.Codes) == 0 {
					fs = append(fs, diag.Errorf(file, lines[i], "a decision has kind coding or code, codes, and decision accepted, changed or rejected"))
				}
			}
			return fs
		})...)
	}
	return out
}

func checkFile(st *corpus.Study, file string, check func(string, []byte) diag.List) diag.List {
	data, err := st.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return diag.List{diag.As(file, err)}
	}
	return check(file, data)
}
