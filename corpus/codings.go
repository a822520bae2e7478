package corpus

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/yamldoc"
)

// Codings is one coder's file for one transcript: codings/CODER/ID.yaml.
// Its existence means the coder has coded the transcript, which agreement
// relies on: either it holds segments, or it says None, that the coder
// read the transcript and nothing in it applies (written '- none: true').
// Removing a coder's last segment removes the file instead (uncode), so a
// file is never left behind that says neither.
type Codings struct {
	Coder      string
	Transcript string
	File       string // path relative to the study
	Segments   []Segment
	None       bool
	NoneMemo   string // why nothing applies, when the coder said
}

// CodingsDoc is a codings file as parsed: its segments, or None; a file
// with neither (an empty list, an empty file) is Empty.
type CodingsDoc struct {
	Segments []Segment
	None     bool
	NoneMemo string
	Empty    bool
}

// ParseCodings reads a codings file's segments. Every problem is a
// finding with the file and line; a file with findings of error severity
// returns them all.
func ParseCodings(file string, data []byte) ([]Segment, diag.List) {
	doc, fs := ParseCodingsDoc(file, data)
	return doc.Segments, fs
}

// ParseCodingsDoc reads a codings file: its segments, or the entry that
// says nothing applies.
func ParseCodingsDoc(file string, data []byte) (CodingsDoc, diag.List) {
	if segs, ok := parseCanonicalCodings(data); ok {
		return CodingsDoc{Segments: segs}, nil
	}
	return parseCodingsYAML(file, data)
}

// parseCodingsYAML reads any codings file through yaml.v3's nodes: what
// the fast path (codingsfast.go) leaves, and the reference it is tested
// against.
func parseCodingsYAML(file string, data []byte) (CodingsDoc, diag.List) {
	var doc CodingsDoc
	root, f := yamldoc.Decode(file, data)
	if f != nil {
		return doc, diag.List{f}
	}
	if root == nil {
		doc.Empty = true // an empty file is read as an empty list
		return doc, nil
	}
	if root.Kind != yaml.SequenceNode {
		return doc, diag.List{diag.Errorf(file, root.Line, "a codings file is a list of segments, not a %s", kindName(root)).
			WithHint("start each segment with '- lines: N'")}
	}
	var errs diag.List
	noneLine := 0
	for _, item := range root.Content {
		if isNoneEntry(item) {
			fs := parseNone(file, item, &doc)
			errs = append(errs, fs...)
			noneLine = item.Line
			continue
		}
		seg, fs := parseSegment(file, item)
		errs = append(errs, fs...)
		if !fs.HasErrors() {
			doc.Segments = append(doc.Segments, seg)
		}
	}
	if doc.None && len(doc.Segments) > 0 {
		errs = append(errs, diag.Errorf(file, noneLine, "says nothing applies, but holds %d segments", len(doc.Segments)).
			WithHint("remove the '- none: true' entry, or the segments"))
	}
	doc.Empty = !doc.None && len(doc.Segments) == 0 && !errs.HasErrors()
	return doc, errs
}

// isNoneEntry reports whether n is the entry '- none: ...'.
func isNoneEntry(n *yaml.Node) bool {
	return n.Kind == yaml.MappingNode && len(n.Content) >= 2 && n.Content[0].Value == "none"
}

// parseNone reads '- none: true' with an optional memo.
func parseNone(file string, n *yaml.Node, doc *CodingsDoc) diag.List {
	var errs diag.List
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Value == "none" && v.Kind == yaml.ScalarNode && v.Value == "true":
			doc.None = true
		case k.Value == "none":
			errs = append(errs, diag.Errorf(file, v.Line, "none must be true: the coder read the transcript and nothing applies").
				WithHint("write '- none: true', or remove the entry"))
		case k.Value == "memo" && v.Kind == yaml.ScalarNode:
			doc.NoneMemo = v.Value
		default:
			errs = append(errs, diag.Errorf(file, k.Line, "unknown field %q beside none", k.Value).
				WithHint("'- none: true' takes only a memo"))
		}
	}
	return errs
}

// MarshalCodingsNone is the file of a coder who read the transcript and
// found nothing to code.
func MarshalCodingsNone(memo string) []byte {
	b := []byte("# read in full; nothing in this transcript applies\n- none: true\n")
	if memo != "" {
		b = append(b, "  memo: "+blockScalar(memo)+"\n"...)
	}
	return b
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
		// A coder's file whose last segment a refactoring removed (the
		// code deleted): the coder coded the transcript, and now nothing
		// of theirs applies. A person removing their last segment removes
		// the file (WriteCodings).
		return MarshalCodingsNone("")
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
	if q, ok := quickScalar(s); ok {
		return q
	}
	return marshalScalar(s)
}

// marshalScalar is blockScalar by yaml.v3 itself.
func marshalScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	// A multi-line memo comes back as a literal block indented by four
	// spaces, which is deeper than the segment's keys, so it nests as is;
	// but a block with an explicit indentation indicator ("|4-", given
	// when the text starts with a blank line or spaces) counts from where
	// it is nested, so it would not read back the same: such a text is
	// written double-quoted, which reads back the same anywhere.
	r := strings.TrimSuffix(string(out), "\n")
	if len(r) > 1 && (r[0] == '|' || r[0] == '>') && r[1] >= '1' && r[1] <= '9' {
		q, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: s})
		if err == nil {
			return strings.TrimSuffix(string(q), "\n")
		}
	}
	return r
}

// flowScalar renders a code inside [ ... ]: a plain slug path needs no
// quotes; anything else is double-quoted, since ',' ']' and the like end a
// plain scalar in a flow list, and a JSON string is a valid YAML one.
func flowScalar(s string) string {
	if isCodePath(s) {
		return s
	}
	out, err := json.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return string(out)
}

// yamlString renders s as a YAML scalar, quoted only when it must be.
func yamlString(s string) string { return blockScalar(s) }
