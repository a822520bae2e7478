package codebook

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// NewCode is a code for AddTree to add: its name, its fields and the
// codes to add under it.
type NewCode struct {
	Name     string
	Fields   Fields
	Children []NewCode
}

// AddTree adds codes, each with the codes under it, as the last children
// of the code at parent ("" for the top level), in one rewrite: adding
// them one Add at a time reads and checks the whole codebook again for
// each, which grows with the square of their number.
func AddTree(cb *Codebook, src []byte, parent string, codes []NewCode) (*Rewrite, error) {
	if parent != "" {
		p, err := resolveArg(cb, parent)
		if err != nil {
			return nil, err
		}
		parent = p.Path
	}
	b, err := AddAndFill(cb, src, []Group{{Parent: parent, Codes: codes}}, nil)
	if err != nil {
		return nil, err
	}
	if err := b.GroupErrs[0]; err != nil {
		return nil, err
	}
	return b.Rewrite, nil
}

// newCode checks c, to go under the code at path (p, when it is in the
// codebook already), and renders it with its children.
func (r *rewriter) newCode(p *Code, path string, c NewCode, added map[string]Fields, top bool) (*yaml.Node, error) {
	if !IsSlug(c.Name) {
		return nil, invalidName(c.Name)
	}
	if err := c.Fields.check(); err != nil {
		return nil, err
	}
	to := c.Name
	if path != "" {
		to = path + "/" + c.Name
	}
	if _, dup := added[to]; dup {
		return nil, fmt.Errorf("code %q is given twice", to)
	}
	if top {
		if err := r.checkName(p, c.Name, nil); err != nil {
			return nil, err
		}
	}
	if _, err := r.checkPaths(r.base, map[string]string{"": to}); err != nil {
		return nil, err
	}
	added[to] = c.Fields
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("name"), str(c.Name)}}
	for _, v := range c.Fields.values() {
		if v.set() && !v.empty() {
			m.Content = append(m.Content, str(v.key), v.node(nil))
		}
	}
	if len(c.Children) > 0 {
		kids := &yaml.Node{Kind: yaml.SequenceNode}
		for _, k := range c.Children {
			n, err := r.newCode(nil, to, k, added, false)
			if err != nil {
				return nil, err
			}
			kids.Content = append(kids.Content, n)
		}
		m.Content = append(m.Content, str("children"), kids)
	}
	return m, nil
}
