package codebook

import (
	"fmt"
	"maps"
	"slices"

	"gopkg.in/yaml.v3"
)

// Group is codes for AddAndFill to add as the last children of the code
// at Parent ("" for the top level).
type Group struct {
	Parent string
	Codes  []NewCode
}

// Batch is the result of AddAndFill: the rewrite, and why each group or
// fill that was left out could not be made (nil for those made).
type Batch struct {
	*Rewrite
	GroupErrs []error          // by the group's index
	FillErrs  map[string]error // by the code's path
}

// AddAndFill adds groups of codes under codes of the codebook and sets
// fields of codes it has (fills, by path), all in one rewrite: every edit
// is worked out on the text as it is and made at once, and the result
// read once. A rewrite for each code filled, or each code new codes go
// under, reads the whole codebook again each time, which grows with the
// square of their number. A group or fill that cannot be made (a name
// taken, a layout qda cannot edit) is left out, the reason in the
// Batch; a result that does not check out is refused whole, as a
// *CheckError.
func AddAndFill(cb *Codebook, src []byte, groups []Group, fills map[string]Fields) (*Batch, error) {
	op := fmt.Sprintf("add codes under %d codes and fill in the fields of %d", len(groups), len(fills))
	if len(groups) == 1 && len(fills) == 0 {
		op = fmt.Sprintf("add %d codes under %q", len(groups[0].Codes), groups[0].Parent)
	}
	r, err := newRewriter(cb, src, op)
	if err != nil {
		return nil, err
	}
	b := &Batch{GroupErrs: make([]error, len(groups)), FillErrs: map[string]error{}}
	added := map[string]Fields{}
	blocks := make([][]string, len(groups))
	// Checked and rendered against the codebook as read; lists written
	// [...] rewritten in block style first, since that moves lines.
	for i, g := range groups {
		blocks[i], b.GroupErrs[i] = r.group(g, added)
	}
	var edits []edit
	for i, g := range groups {
		if b.GroupErrs[i] != nil || len(blocks[i]) == 0 {
			continue
		}
		p, err := r.code(g.Parent)
		if err != nil {
			return nil, err
		}
		es, err := r.d.paste(p, blocks[i], 0)
		if err != nil {
			b.GroupErrs[i] = r.layout(err, p)
			continue
		}
		edits = append(edits, es...)
	}
	r.edited = map[[2]string]bool{}
	for _, path := range slices.Sorted(maps.Keys(fills)) {
		es, err := r.fill(path, fills[path])
		if err != nil {
			b.FillErrs[path] = err
			continue
		}
		edits = append(edits, es...)
	}
	for i, err := range b.GroupErrs {
		if err != nil {
			for _, c := range groups[i].Codes {
				forget(added, pathJoin(groups[i].Parent, c.Name), c)
			}
		}
	}
	if err := r.commit(inOrder(edits)); err != nil {
		return nil, err
	}
	r.note("added %d codes", len(added))
	if n := len(fills) - len(b.FillErrs); n > 0 {
		r.note("filled in the fields of %d codes", n)
	}
	rw, err := r.finish(func(nb *Codebook) string {
		for path, f := range added {
			if p := check(nb, path, f); p != "" {
				return p
			}
		}
		for path, f := range fills {
			if b.FillErrs[path] == nil {
				if p := check(nb, path, f); p != "" {
					return p
				}
			}
		}
		return ""
	})
	if err != nil {
		return nil, err
	}
	if len(edits) == 0 {
		rw.Data = src
	}
	b.Rewrite = rw
	return b, nil
}

func pathJoin(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "/" + name
}

// forget takes the codes of a group left out off added.
func forget(added map[string]Fields, path string, c NewCode) {
	delete(added, path)
	for _, k := range c.Children {
		forget(added, path+"/"+k.Name, k)
	}
}

// check says what of fields f did not come out on the code at path.
func check(nb *Codebook, path string, f Fields) string {
	n := nb.Lookup(path)
	if n == nil {
		return fmt.Sprintf("code %q is not there", path)
	}
	for _, v := range f.values() {
		if v.set() && !v.empty() && !v.equal(n) {
			return fmt.Sprintf("the %s of %q did not come out as given", v.key, path)
		}
	}
	return ""
}

// group checks a group's codes and renders them, as AddTree does, and
// makes the code they go under able to hold them.
func (r *rewriter) group(g Group, added map[string]Fields) ([]string, error) {
	var p *Code
	if g.Parent != "" {
		if p = r.base.Lookup(g.Parent); p == nil {
			return nil, fmt.Errorf("code %q is not in the codebook", g.Parent)
		}
	}
	if err := r.once(p, "children", "codes"); err != nil {
		return nil, err
	}
	mine := map[string]Fields{}
	var block []string
	for _, c := range g.Codes {
		if _, dup := added[pathJoin(g.Parent, c.Name)]; dup {
			return nil, fmt.Errorf("code %q is given twice", pathJoin(g.Parent, c.Name))
		}
		m, err := r.newCode(p, g.Parent, c, mine, true)
		if err != nil {
			return nil, err
		}
		block = append(block, encode(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{m}})...)
	}
	if err := r.holdable(g.Parent); err != nil {
		return nil, r.layout(err, p)
	}
	for k, v := range mine {
		added[k] = v
	}
	return block, nil
}

// fill works out the edits that set fields f of the code at path, all
// from the text as it is: a code written {...} is written again once,
// with all of them.
func (r *rewriter) fill(path string, f Fields) ([]edit, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	c, err := r.code(path)
	if err != nil {
		return nil, err
	}
	var set []fieldValue
	for _, v := range f.values() {
		if v.set() && !v.equal(c) {
			if err := r.once(c, v.key); err != nil {
				return nil, err
			}
			set = append(set, v)
		}
	}
	if len(set) == 0 {
		return nil, nil
	}
	if isFlow(c.Node) {
		m := deepCopy(c.Node)
		for _, v := range set {
			_, old, _ := field(c.Node, v.key)
			var n *yaml.Node
			if !v.empty() {
				n = v.node(old)
			}
			setKey(m, v.key, n)
		}
		edits, err := r.d.replaceFlow(c.Node, m)
		if err != nil {
			return nil, r.layout(err, c)
		}
		r.filled(path, set)
		return edits, nil
	}
	var edits []edit
	for _, v := range set {
		_, old, _ := field(c.Node, v.key)
		var n *yaml.Node
		if !v.empty() {
			n = v.node(old)
		}
		es, err := r.d.setField(c.Node, v.key, n)
		if err != nil {
			return nil, r.layout(err, c)
		}
		edits = append(edits, es...)
	}
	r.filled(path, set)
	return edits, nil
}

func (r *rewriter) filled(path string, set []fieldValue) {
	for _, v := range set {
		r.edited[[2]string{path, v.key}] = true
	}
}

// inOrder makes edits that insert lines at one place into one, the more
// indented first: a code's new fields or children go before the new
// siblings after it, and the new children of its parent's parent after
// those; edits of equal indentation keep their order.
func inOrder(edits []edit) []edit {
	var out []edit
	at := map[int]int{} // insertions by line, as an index in out
	indentOf := func(lines []string) int {
		for _, l := range lines {
			if !blank(l) {
				return indent(l)
			}
		}
		return 0
	}
	var groups [][]edit
	for _, e := range edits {
		if e.from != e.to {
			out = append(out, e)
			continue
		}
		i, ok := at[e.from]
		if !ok {
			i = len(groups)
			at[e.from] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], e)
	}
	for _, g := range groups {
		slices.SortStableFunc(g, func(a, b edit) int { return indentOf(b.lines) - indentOf(a.lines) })
		one := edit{from: g[0].from, to: g[0].from}
		for _, e := range g {
			one.lines = append(one.lines, e.lines...)
		}
		out = append(out, one)
	}
	return out
}
