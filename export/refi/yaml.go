package refi

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/codebook"
)

// codebook writes the project's codes as codebook.yaml, recording which
// path each code GUID became.
func (pl *planner) codebook() ([]byte, error) {
	var codes []Code
	if pl.p.CodeBook != nil {
		codes = pl.p.CodeBook.Codes.Codes
	}
	list := pl.codeNodes(codes, "")
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		str("title"), str(pl.plan.CodebookTitle), str("codes"), list,
	}}
	var b bytes.Buffer
	b.WriteString("# The coding framework, imported from a REFI-QDA project.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if _, fs := codebook.Parse("codebook.yaml", b.Bytes()); fs.HasErrors() {
		return nil, fmt.Errorf("the imported codebook does not check out: %v", fs.Err())
	}
	return b.Bytes(), nil
}

func (pl *planner) codeNodes(codes []Code, parent string) *yaml.Node {
	list := &yaml.Node{Kind: yaml.SequenceNode}
	taken := map[string]bool{}
	for _, c := range codes {
		f := undescribe(c.Name, c.Description)
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
		if len(c.Codes) > 0 {
			m.Content = append(m.Content, str("children"), pl.codeNodes(c.Codes, path))
		}
		list.Content = append(list.Content, m)
	}
	if len(list.Content) == 0 {
		list.Style = yaml.FlowStyle
	}
	return list
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
