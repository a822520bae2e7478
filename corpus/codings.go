package corpus

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/yamldoc"
)

// Codings is one coder's file for one transcript: codings/CODER/ID.yaml.
// Its existence, even as an empty list, means the coder has coded the
// transcript, which agreement relies on.
type Codings struct {
	Coder      string
	Transcript string
	File       string // path relative to the study
	Segments   []Segment
}

// ParseCodings reads a codings file. Every problem is a finding with the
// file and line; a file with findings of error severity returns them all.
func ParseCodings(file string, data []byte) ([]Segment, diag.List) {
	root, f := yamldoc.Decode(file, data)
	if f != nil {
		return nil, diag.List{f}
	}
	if root == nil {
		return nil, nil // an empty file is read as an empty list
	}
	if root.Kind != yaml.SequenceNode {
		return nil, diag.List{diag.Errorf(file, root.Line, "a codings file is a list of segments, not a %s", kindName(root)).
			WithHint("start each segment with '- lines: N'")}
	}
	var segs []Segment
	var errs diag.List
	for _, item := range root.Content {
		seg, fs := parseSegment(file, item)
		errs = append(errs, fs...)
		if !fs.HasErrors() {
			segs = append(segs, seg)
		}
	}
	return segs, errs
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	default:
		return "single value"
	}
}

func parseSegment(file string, n *yaml.Node) (Segment, diag.List) {
	seg := Segment{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return seg, diag.List{diag.Errorf(file, n.Line, "a segment is a mapping with lines and codes, not a %s", kindName(n)).
			WithHint("write '- lines: 3-5' and 'codes: [code]'")}
	}
	var errs diag.List
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			errs = append(errs, diag.Errorf(file, k.Line, "segment has %q twice", k.Value))
		}
		seen[k.Value] = true
		switch k.Value {
		case "lines":
			if v.Kind != yaml.ScalarNode {
				errs = append(errs, diag.Errorf(file, v.Line, "lines must be N or A-B, e.g. 3-5"))
				continue
			}
			r, err := ParseRange(v.Value)
			if err != nil {
				errs = append(errs, diag.Errorf(file, v.Line, "%v", err))
				continue
			}
			seg.Lines = r
		case "codes":
			switch v.Kind {
			case yaml.SequenceNode:
				for _, c := range v.Content {
					if c.Kind != yaml.ScalarNode || strings.TrimSpace(c.Value) == "" {
						errs = append(errs, diag.Errorf(file, c.Line, "a code is a path such as confidence/daily-tasks"))
						continue
					}
					seg.Codes = append(seg.Codes, strings.TrimSpace(c.Value))
					seg.CodeLines = append(seg.CodeLines, c.Line)
				}
			case yaml.ScalarNode:
				// A single code written without brackets is what people type.
				if strings.TrimSpace(v.Value) != "" {
					seg.Codes = append(seg.Codes, strings.TrimSpace(v.Value))
					seg.CodeLines = append(seg.CodeLines, v.Line)
				}
			default:
				errs = append(errs, diag.Errorf(file, v.Line, "codes must be a list, e.g. [confidence, tea]"))
			}
		case "quote", "memo":
			if v.Kind != yaml.ScalarNode {
				errs = append(errs, diag.Errorf(file, v.Line, "%s must be text", k.Value))
				continue
			}
			if k.Value == "quote" {
				seg.Quote = v.Value
			} else {
				seg.Memo = v.Value
			}
		default:
			errs = append(errs, diag.Errorf(file, k.Line, "unknown segment field %q", k.Value).
				WithHint("a segment has lines, codes, quote and memo"))
		}
	}
	if !seen["lines"] {
		errs = append(errs, diag.Errorf(file, n.Line, "segment has no lines").WithHint("add 'lines: N' or 'lines: A-B'"))
	}
	if len(seg.Codes) == 0 && !errs.HasErrors() {
		errs = append(errs, diag.Errorf(file, n.Line, "segment on lines %s has no codes", seg.Lines).
			WithHint("add codes, or remove the segment with 'qda uncode'"))
	}
	return seg, errs
}

// SortSegments puts segments in the order qda writes them: by start line,
// then end line, then codes; codes within a segment sorted by path. A fixed
// order is what lets two coders' edits and a git merge diff cleanly.
func SortSegments(segs []Segment) {
	for i := range segs {
		slices.Sort(segs[i].Codes)
		segs[i].Codes = slices.Compact(segs[i].Codes)
	}
	slices.SortStableFunc(segs, func(a, b Segment) int {
		return cmp.Or(
			cmp.Compare(a.Lines.Start, b.Lines.Start),
			cmp.Compare(a.Lines.End, b.Lines.End),
			slices.Compare(a.Codes, b.Codes),
		)
	})
}

// MarshalCodings writes segments in qda's canonical form, sorted. Scalars
// go through yaml.v3 so quoting is always valid YAML.
func MarshalCodings(segs []Segment) []byte {
	segs = slices.Clone(segs)
	SortSegments(segs)
	if len(segs) == 0 {
		return []byte("[]\n")
	}
	var b bytes.Buffer
	for _, s := range segs {
		b.WriteString("- lines: ")
		b.WriteString(s.Lines.String())
		b.WriteString("\n  codes: [")
		for i, c := range s.Codes {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(flowScalar(c))
		}
		b.WriteString("]\n")
		if s.Quote != "" {
			b.WriteString("  quote: ")
			b.WriteString(blockScalar(s.Quote))
			b.WriteByte('\n')
		}
		if s.Memo != "" {
			b.WriteString("  memo: ")
			b.WriteString(blockScalar(s.Memo))
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// blockScalar renders a string value after "key: " as yaml.v3 would.
func blockScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	// A multi-line memo comes back as a literal block indented by four
	// spaces, which is deeper than the segment's keys, so it nests as is.
	return strings.TrimSuffix(string(out), "\n")
}

// flowScalar renders a code inside [ ... ]: a plain slug path needs no
// quotes; anything else is double-quoted, since ',' ']' and the like end a
// plain scalar in a flow list, and a JSON string is a valid YAML one.
func flowScalar(s string) string {
	if codePathRE.MatchString(s) {
		return s
	}
	out, err := json.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return string(out)
}

var codePathRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$`)

// yamlString renders s as a YAML scalar, quoted only when it must be.
func yamlString(s string) string { return blockScalar(s) }
