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
	var p *Code
	var err error
	if parent != "" {
		if p, err = resolveArg(cb, parent); err != nil {
			return nil, err
		}
	}
	r, err := newRewriter(cb, src, fmt.Sprintf("add %d codes under %q", len(codes), parent))
	if err != nil {
		return nil, err
	}
	if p, err = r.same(p); err != nil {
		return nil, err
	}
	if err := r.once(p, "children", "codes"); err != nil {
		return nil, err
	}
	added := map[string]Fields{}
	var block []string
	for _, c := range codes {
		m, err := r.newCode(p, pathOf(p), c, added, true)
		if err != nil {
			return nil, err
		}
		// One code at a time: one encoding of the whole list would hold
		// every event of it at once.
		block = append(block, encode(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{m}})...)
	}
	if len(block) == 0 {
		return &Rewrite{Data: src, Map: map[string]string{}}, nil
	}
	if err := r.holdable(pathOf(p)); err != nil {
		return nil, r.layout(err, p)
	}
	if err := r.paste(pathOf(p), block, 0); err != nil {
		return nil, r.layout(err, p)
	}
	r.note("added %d codes", len(added))
	return r.finish(func(nb *Codebook) string {
		for path, f := range added {
			n := nb.Lookup(path)
			if n == nil {
				return fmt.Sprintf("code %q is not there", path)
			}
			for _, v := range f.values() {
				if v.set() && !v.empty() && !v.equal(n) {
					return fmt.Sprintf("the %s of %q did not come out as given", v.key, path)
				}
			}
		}
		return ""
	})
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
