package refi

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// codebook writes the project's codes as codebook.yaml, recording which
// path each code GUID became. Each code is encoded on its own and
// indented into place: one encoder for the whole tree holds every event
// of it, many times the size of the file.
func (pl *planner) codebook() ([]byte, error) {
	var codes []Code
	if pl.p.CodeBook != nil {
		codes = pl.p.CodeBook.Codes.Codes
	}
	var b bytes.Buffer
	b.WriteString("# The coding framework, imported from a REFI-QDA project.\n")
	head := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("title"), str(pl.plan.CodebookTitle)}}
	if err := encodeYAML(&b, head, 0); err != nil {
		return nil, err
	}
	if len(codes) == 0 {
		b.WriteString("codes: []\n")
	} else {
		b.WriteString("codes:\n")
		if err := pl.writeCodes(&b, codes, "", 2); err != nil {
			return nil, err
		}
	}
	if int64(b.Len()) > corpus.MaxFileSize {
		return nil, fmt.Errorf("the codebook would be %s, more than the %s qda reads from one file; is it the right project?", mb(int64(b.Len())), mb(corpus.MaxFileSize))
	}
	if _, fs := codebook.Parse("codebook.yaml", b.Bytes()); fs.HasErrors() {
		return nil, fmt.Errorf("the imported codebook does not check out: %v", fs.Err())
	}
	return b.Bytes(), nil
}

// encodeYAML writes n as YAML, each line but blank ones indented by
// indent spaces (a blank line inside a block of text stays blank).
func encodeYAML(b *bytes.Buffer, n *yaml.Node, indent int) error {
	var one bytes.Buffer
	enc := yaml.NewEncoder(&one)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	pad := strings.Repeat(" ", indent)
	for line := range strings.Lines(one.String()) {
		if line != "\n" {
			b.WriteString(pad)
		}
		b.WriteString(line)
	}
	return nil
}

// writeCodes writes codes as a block list at indent, each with its
// children under it.
func (pl *planner) writeCodes(b *bytes.Buffer, codes []Code, parent string, indent int) error {
	taken := map[string]bool{}
	for _, c := range codes {
		path, m := pl.codeNode(c, parent, taken)
		if err := encodeYAML(b, &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{m}}, indent); err != nil {
			return err
		}
		if len(c.Codes) > 0 {
			b.WriteString(strings.Repeat(" ", indent+2) + "children:\n")
			if err := pl.writeCodes(b, c.Codes, path, indent+4); err != nil {
				return err
			}
		}
	}
	return nil
}

// notCodable is the memo of a code the project marks isCodable="false".
const notCodable = `A category in the project this was imported from (isCodable="false"): code its children, not it.`

// codeNode is one code's fields, its children left out, as a mapping.
func (pl *planner) codeNode(c Code, parent string, taken map[string]bool) (string, *yaml.Node) {
	f := undescribe(c.Name, c.Description)
	if strings.TrimSpace(c.IsCodable) == "false" && !strings.Contains(f.memo, notCodable) {
		// A category in the tool that wrote it: qda has no such thing, so
		// it is a code, and its memo says so.
		f.memo = strings.TrimSpace(f.memo + "\n" + notCodable)
	}
	name := uniqueName(f.name, "code", taken)
	// The label keeps the code's name as the other tool shows it, so
	// only a name that is not what its label (or its "qda name:")
	// gives is a rename worth telling: siblings that slug alike, a
	// name cut short, a label with nothing to slug.
	if name != c.Name && name != f.name {
		pl.plan.Report.Renamed = append(pl.plan.Report.Renamed, fmt.Sprintf("code %q is %s", c.Name, join(parent, name)))
	}
	if name != f.name && f.label == "" {
		f.label = strings.TrimSpace(c.Name) // two codes of one name: the label tells them apart
	}
	path := join(parent, name)
	pl.codes[guidKey(c.GUID)] = path
	pl.plan.Report.Codes++
	m := &yaml.Node{Kind: yaml.MappingNode}
	field := func(k, v string) {
		if v != "" {
			m.Content = append(m.Content, str(k), str(v))
		}
	}
	field("name", name)
	field("label", f.label)
	field("description", f.description)
	field("include", f.include)
	field("exclude", f.exclude)
	seq := func(k string, items []string) {
		if len(items) > 0 {
			n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, e := range items {
				n.Content = append(n.Content, str(e))
			}
			m.Content = append(m.Content, str(k), n)
		}
	}
	seq("examples", f.examples)
	field("color", normColor(c.Color))
	seq("aliases", f.aliases)
	seq("patterns", f.patterns)
	field("memo", f.memo)
	if strings.TrimSpace(c.IsCodable) == "false" {
		m.Content = append(m.Content, str("codable"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "false"})
	}
	return path, m
}

func join(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "/" + name
}

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}
