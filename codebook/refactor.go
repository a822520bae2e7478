package codebook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/qdatool/qda/internal/diag"
	"gopkg.in/yaml.v3"
)

// aliasNote says which aliases were kept, for a summary line.
func aliasNote(kept []string) string {
	switch len(kept) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(" (alias %q kept)", kept[0])
	}
	q := make([]string, len(kept))
	for i, a := range kept {
		q[i] = fmt.Sprintf("%q", a)
	}
	return fmt.Sprintf(" (aliases %s kept)", strings.Join(q, ", "))
}

// Rename gives the code at path a new name among its siblings and keeps
// the old name as an alias of it, so that references by the old name, and
// paths through it, still resolve.
func Rename(cb *Codebook, src []byte, path, newName string) (*Rewrite, error) {
	c, err := resolveArg(cb, path)
	if err != nil {
		return nil, err
	}
	if !IsSlug(newName) {
		return nil, invalidName(newName)
	}
	if newName == c.Name {
		return nil, diag.Errorf(cb.File, c.Line, "code %q is already named %q", c.Path, newName)
	}
	r, err := newRewriter(cb, src, fmt.Sprintf("rename %q", c.Path))
	if err != nil {
		return nil, err
	}
	if c, err = r.same(c); err != nil {
		return nil, err
	}
	if err := firstErr(r.unique(c), r.once(c, "name", "aliases")); err != nil {
		return nil, err
	}
	if err := r.checkName(c.Parent, newName, c); err != nil {
		return nil, err
	}
	for _, s := range siblings(r.base, c.Parent) {
		if s != c && slices.Contains(s.Aliases, c.Name) {
			return nil, diag.Errorf(r.file, s.Line, "cannot keep %q as a former name of %q: %q has that alias already", c.Name, c.Path, s.Path).
				WithHint("remove the alias %q from %q first", c.Name, s.Path)
		}
	}
	to := childPath(c.Parent, newName)
	moves := subtree(c, to)
	fixes, err := r.checkPaths(r.base, moves)
	if err != nil {
		return nil, err
	}
	if err := r.setName(c.Path, newName); err != nil {
		return nil, r.layout(err, c)
	}
	var kept []string
	switch {
	case !IsSlug(c.Name):
		// An alias must be a slug: the old name cannot be kept.
		r.lose(moves)
	case !slices.Contains(c.Aliases, c.Name):
		kept = append(kept, c.Name)
		if err := r.addAlias(to, c.Name); err != nil {
			return nil, r.layout(err, c)
		}
	}
	back := slices.Contains(c.Aliases, newName)
	if back {
		fixes = append(fixes, aliasFix{to, newName})
	}
	if err := r.fix(fixes); err != nil {
		return nil, r.layout(err, c)
	}
	r.rw.Map = moves
	line := fmt.Sprintf("renamed %s to %s%s", c.Path, to, aliasNote(kept))
	if back {
		line += fmt.Sprintf("; alias %q removed, as it is the name again", newName)
	}
	r.note("%s", line)
	if len(r.rw.Unresolved) > 0 {
		r.note("the old name %q is not a slug, so it cannot be kept as an alias: references to %s no longer resolve", c.Name, c.Path)
	}
	return r.finish(nil)
}

// Move puts the code at path, with its descendants, under newParent ("/"
// or "" for the top level) and keeps its old path as an alias. Its former
// names among its old siblings become former paths too.
func Move(cb *Codebook, src []byte, path, newParent string) (*Rewrite, error) {
	c, err := resolveArg(cb, path)
	if err != nil {
		return nil, err
	}
	var p *Code
	if newParent != "/" && newParent != "" {
		if p, err = resolveArg(cb, newParent); err != nil {
			return nil, err
		}
	}
	switch {
	case p == c:
		return nil, diag.Errorf(cb.File, c.Line, "cannot move %q under itself", c.Path)
	case p != nil && c.Contains(p):
		return nil, diag.Errorf(cb.File, p.Line, "cannot move %q under its own descendant %q", c.Path, p.Path)
	case c.Parent == p && p == nil:
		return nil, diag.Errorf(cb.File, c.Line, "%q is already a top-level code", c.Path)
	case c.Parent == p:
		return nil, diag.Errorf(cb.File, c.Line, "%q is already under %q", c.Path, p.Path)
	}
	r, err := newRewriter(cb, src, fmt.Sprintf("move %q", c.Path))
	if err != nil {
		return nil, err
	}
	if c, err = r.same(c); err != nil {
		return nil, err
	}
	if p, err = r.same(p); err != nil {
		return nil, err
	}
	if err := firstErr(r.unique(c), r.once(c, "aliases"), r.once(c.Parent, "children", "codes"), r.once(p, "children", "codes")); err != nil {
		return nil, err
	}
	if err := r.checkName(p, c.Name, c); err != nil {
		return nil, err
	}
	to := childPath(p, c.Name)
	moves := subtree(c, to)
	fixes, err := r.checkPaths(r.base, moves)
	if err != nil {
		return nil, err
	}
	// The aliases the code leaves with: its old path, and its former names
	// among the old siblings as former paths. A top-level path has no
	// alias form, nor has a path with a name that is not a slug: then the
	// old path is lost, and the former names stay as they are unless they
	// would be ambiguous in the new place.
	var add, drop, kept []string
	keepable := c.Parent != nil && slugPath(c.Path)
	if !keepable {
		r.lose(moves)
		for _, a := range c.Aliases {
			if !strings.Contains(a, "/") && answers(siblings(r.base, p), a) {
				drop = append(drop, a)
			}
		}
	} else {
		add = append(add, c.Path)
		for _, a := range c.Aliases {
			if strings.Contains(a, "/") {
				continue
			}
			drop = append(drop, a)
			if full := c.Parent.Path + "/" + a; slugPath(full) && r.base.fullAlias[full] == nil && r.base.Lookup(full) == nil {
				add = append(add, full)
			}
		}
	}
	if err := r.move(c, p, to); err != nil {
		return nil, err
	}
	for _, a := range drop {
		fixes = append(fixes, aliasFix{to, a})
	}
	if err := r.fix(fixes); err != nil {
		return nil, r.layout(err, c)
	}
	for _, a := range add {
		if err := r.addAlias(to, a); err != nil {
			return nil, r.layout(err, c)
		}
		kept = append(kept, a)
	}
	r.rw.Map = moves
	r.note("moved %s to %s%s", c.Path, to, aliasNote(kept))
	if !keepable {
		r.note("%s", lostNote(c))
	}
	return r.finish(nil)
}

// simpleNames are the name and former names a code answers to among its siblings.
func simpleNames(c *Code) []string {
	out := []string{c.Name}
	for _, a := range c.Aliases {
		if !strings.Contains(a, "/") {
			out = append(out, a)
		}
	}
	return out
}

// lostNote says why references to a code's old path will not resolve.
func lostNote(c *Code) string {
	if c.Parent == nil {
		return fmt.Sprintf("a former top-level path cannot be kept as an alias: references to %s (and below it) no longer resolve", c.Path)
	}
	return fmt.Sprintf("%q is not a path of slugs, so it cannot be kept as an alias: references to it (and below it) no longer resolve", c.Path)
}

// answers reports whether one of codes is named name or has it as a former name.
func answers(codes []*Code, name string) bool {
	for _, s := range codes {
		if s.Name == name || slices.Contains(s.Aliases, name) {
			return true
		}
	}
	return false
}

// Merge folds each code of srcs into dst: a src's children move under dst
// (a child whose name dst already has is refused), the src goes, and dst
// keeps what the src was called as aliases: its name when the two are
// siblings, else its full path, and the src's own aliases likewise. Dst
// keeps its own label, description and other fields; the summary says
// which of the src's were dropped.
func Merge(cb *Codebook, src []byte, srcs []string, dst string) (*Rewrite, error) {
	d, err := resolveArg(cb, dst)
	if err != nil {
		return nil, err
	}
	if len(srcs) == 0 {
		return nil, diag.Errorf("", 0, "nothing to merge into %q", d.Path).
			WithHint("name the codes to merge, then the code they merge into")
	}
	var from []*Code
	for _, ref := range srcs {
		s, err := resolveArg(cb, ref)
		if err != nil {
			return nil, err
		}
		switch {
		case s == d:
			return nil, diag.Errorf(cb.File, s.Line, "cannot merge %q into itself", s.Path)
		case s.Contains(d):
			return nil, diag.Errorf(cb.File, d.Line, "cannot merge %q into %q, which is inside it", s.Path, d.Path)
		case slices.Contains(from, s):
			return nil, diag.Errorf("", 0, "%q is given twice", s.Path)
		}
		from = append(from, s)
	}
	names := make([]string, len(from))
	for i, s := range from {
		names[i] = fmt.Sprintf("%q", s.Path)
	}
	r, err := newRewriter(cb, src, fmt.Sprintf("merge %s into %q", strings.Join(names, ", "), d.Path))
	if err != nil {
		return nil, err
	}
	total := map[string]string{}
	for _, s := range from {
		if s, err = r.same(s); err != nil {
			return nil, err
		}
		// An earlier merge may have moved this one (it was inside an
		// earlier src): follow it.
		at := s.Path
		if to, ok := total[s.Path]; ok {
			at = to
		}
		step, err := r.mergeOne(s, at, d.Path)
		if err != nil {
			return nil, err
		}
		// compose: total takes original paths to current ones
		next := map[string]string{}
		current := map[string]bool{}
		for k, v := range total {
			current[v] = true
			if nv, ok := step[v]; ok && v != "" {
				v = nv
			}
			next[k] = v
		}
		for k, v := range step {
			if _, ok := next[k]; !ok && !current[k] {
				next[k] = v
			}
		}
		total = next
	}
	r.rw.Map = total
	return r.finish(nil)
}

// mergeOne merges the code at path into the code at dst, in the text as
// rewritten so far, and returns the paths it changed. The aliases dst
// gains are what orig, the code as it was in the original, was called:
// references use those paths, and resolution does not chain aliases.
func (r *rewriter) mergeOne(orig *Code, path, dst string) (map[string]string, error) {
	s, err := r.code(path)
	if err != nil {
		return nil, err
	}
	d, err := r.code(dst)
	if err != nil {
		return nil, err
	}
	if err := firstErr(r.unique(s), r.once(s, "children"), r.once(s.Parent, "children", "codes"), r.once(d, "aliases", "children")); err != nil {
		return nil, err
	}
	file := r.file
	for _, ch := range s.Children {
		for _, dc := range d.Children {
			if dc == s {
				continue
			}
			if dc.Name == ch.Name {
				return nil, diag.Errorf(file, ch.Line, "cannot merge %q into %q: both have a child named %q (%q at line %d)", s.Path, d.Path, ch.Name, dc.Path, dc.Line).
					WithHint("rename or merge one of the two children first")
			}
			// Among siblings a name or former name must pick out one code.
			for _, a := range simpleNames(ch) {
				if slices.Contains(simpleNames(dc), a) {
					return nil, diag.Errorf(file, ch.Line, "cannot merge %q into %q: its child %q and %q both answer to %q (line %d)", s.Path, d.Path, ch.Path, dc.Path, a, dc.Line).
						WithHint("rename one of the two children, or remove the alias %q, first", a)
				}
			}
		}
	}
	moves := subtree(s, d.Path)
	for _, k := range sortedKeys(moves) {
		// Merged into an ancestor, a descendant can land on a path that
		// the merge gives another meaning: s's own, say.
		if v := moves[k]; k != s.Path {
			if w, ok := moves[v]; ok && w != v {
				return nil, diag.Errorf(file, s.Line, "cannot merge %q into %q: %q would take the path %q, which is to mean %q", s.Path, d.Path, k, v, w).
					WithHint("rename %q first", k)
			}
		}
	}
	// against the text as rewritten so far: the paths are its paths
	fixes, err := r.checkPaths(r.d.cb, moves)
	if err != nil {
		return nil, err
	}
	siblings := pathOf(orig.Parent) == pathOf(d.Parent)
	var add, lostAliases []string
	keep := func(a string) {
		if !slices.Contains(d.Aliases, a) && !slices.Contains(add, a) && a != d.Name {
			add = append(add, a)
		}
	}
	// former is how dst can keep a former name of the src: as it is among
	// siblings, else as a former path, when that can be written.
	former := func(name string) (string, bool) {
		if siblings {
			return name, IsSlug(name)
		}
		if orig.Parent == nil {
			return "", false
		}
		full := orig.Parent.Path + "/" + name
		return full, slugPath(full) && r.base.fullAlias[full] == nil && r.d.cb.fullAlias[full] == nil
	}
	ref, keepPath := former(orig.Name)
	if keepPath {
		keep(ref)
	}
	for _, a := range orig.Aliases {
		if strings.Contains(a, "/") {
			keep(a)
		} else if ref, ok := former(a); ok {
			keep(ref)
		} else {
			lostAliases = append(lostAliases, fmt.Sprintf("%q", a))
		}
	}
	var dropped []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"label", s.Label != ""}, {"description", s.Description != ""}, {"include", s.Include != ""},
		{"exclude", s.Exclude != ""}, {"examples", len(s.Examples) > 0}, {"color", s.Color != ""},
		{"patterns", len(s.Patterns) > 0}, {"memo", s.Memo != ""},
	} {
		if f.set {
			dropped = append(dropped, f.name)
		}
	}

	if len(s.Children) > 0 {
		if err := r.holdable(s.Path); err != nil {
			return nil, r.layout(err, s)
		}
		if err := r.holdable(d.Path); err != nil {
			return nil, r.layout(err, d)
		}
		if err := r.moveChildren(s.Path, d.Path); err != nil {
			return nil, err
		}
	}
	if err := r.cuttable(s.Path); err != nil {
		return nil, r.layout(err, s)
	}
	cur, err := r.code(s.Path)
	if err != nil {
		return nil, err
	}
	edits, _, _, err := r.d.cut(cur)
	if err != nil {
		return nil, r.layout(err, s)
	}
	if err := r.commit(edits); err != nil {
		return nil, err
	}
	if err := r.fix(fixes); err != nil {
		return nil, r.layout(err, d)
	}
	for _, a := range add {
		if err := r.addAlias(d.Path, a); err != nil {
			return nil, r.layout(err, d)
		}
	}
	r.note("merged %s into %s%s", orig.Path, d.Path, aliasNote(add))
	if n := len(s.Children); n == 1 {
		r.note("moved %s/%s to %s/%s", orig.Path, s.Children[0].Name, d.Path, s.Children[0].Name)
	} else if n > 1 {
		r.note("moved the %d children of %s to %s", n, orig.Path, d.Path)
	}
	if len(dropped) > 0 {
		r.note("dropped the %s of %s: %s keeps its own", joinAnd(dropped), orig.Path, d.Path)
	}
	if !keepPath {
		r.lose(subtree(orig, d.Path))
		r.note("%s", lostNote(orig))
	}
	if len(lostAliases) > 0 {
		r.note("the aliases %s of %s cannot be kept as aliases of %s", strings.Join(lostAliases, ", "), orig.Path, d.Path)
	}
	return moves, nil
}

// moveChildren cuts the lines of all of s's children at once, blank lines
// and comments between them included, and pastes them under d.
func (r *rewriter) moveChildren(s, d string) error {
	src, err := r.code(s)
	if err != nil {
		return err
	}
	_, _, seq := r.d.list(src)
	if seq == nil || seq.Kind != yaml.SequenceNode || len(seq.Content) == 0 {
		return errLayout
	}
	first, err := r.d.span(seq.Content[0])
	if err != nil {
		return r.layout(err, src)
	}
	last, err := r.d.span(seq.Content[len(seq.Content)-1])
	if err != nil {
		return r.layout(err, src)
	}
	block := slices.Clone(r.d.lines[first.lead : last.last+1])
	if err := r.commit([]edit{{first.lead, last.last + 1, nil}}); err != nil {
		return err
	}
	if err := r.paste(d, block, first.dash); err != nil {
		dst, _ := r.code(d)
		return r.layout(err, dst)
	}
	return nil
}

func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Delete removes the code at path and everything below it. Its comments go
// with it: those on its lines, and those directly above it at its indentation.
func Delete(cb *Codebook, src []byte, path string) (*Rewrite, error) {
	c, err := resolveArg(cb, path)
	if err != nil {
		return nil, err
	}
	r, err := newRewriter(cb, src, fmt.Sprintf("delete %q", c.Path))
	if err != nil {
		return nil, err
	}
	if c, err = r.same(c); err != nil {
		return nil, err
	}
	if err := firstErr(r.unique(c), r.once(c.Parent, "children", "codes")); err != nil {
		return nil, err
	}
	if err := r.cuttable(c.Path); err != nil {
		return nil, r.layout(err, c)
	}
	cur, err := r.code(c.Path)
	if err != nil {
		return nil, err
	}
	edits, _, _, err := r.d.cut(cur)
	if err != nil {
		return nil, r.layout(err, c)
	}
	if err := r.commit(edits); err != nil {
		return nil, err
	}
	r.rw.Map = subtree(c, "")
	switch n := len(c.Descendants()); n {
	case 0:
		r.note("deleted %s", c.Path)
	case 1:
		r.note("deleted %s and the code below it", c.Path)
	default:
		r.note("deleted %s and the %d codes below it", c.Path, n)
	}
	return r.finish(nil)
}

// fieldValue is one field of Fields; values gives them in the order of
// docs/format.md, in which new fields are written.
type fieldValue struct {
	key  string
	text *string
	list *[]string
}

func (f Fields) values() []fieldValue {
	return []fieldValue{
		{key: "label", text: f.Label}, {key: "description", text: f.Description},
		{key: "include", text: f.Include}, {key: "exclude", text: f.Exclude},
		{key: "examples", list: f.Examples}, {key: "color", text: f.Color},
		{key: "patterns", list: f.Patterns}, {key: "memo", text: f.Memo},
		{key: "codable", text: f.Codable},
	}
}

func (v fieldValue) set() bool { return v.text != nil || v.list != nil }

func (v fieldValue) empty() bool {
	return v.text != nil && *v.text == "" || v.list != nil && len(*v.list) == 0
}

// current is the value of the field on c, for comparing.
func (v fieldValue) current(c *Code) (string, []string) {
	switch v.key {
	case "label":
		return c.Label, nil
	case "description":
		return c.Description, nil
	case "include":
		return c.Include, nil
	case "exclude":
		return c.Exclude, nil
	case "color":
		return c.Color, nil
	case "memo":
		return c.Memo, nil
	case "examples":
		return "", c.Examples
	case "patterns":
		return "", c.Patterns
	case "codable":
		return strconv.FormatBool(!c.NotCodable), nil
	}
	return "", nil
}

func (v fieldValue) equal(c *Code) bool {
	s, l := v.current(c)
	if v.text != nil {
		return s == *v.text
	}
	return slices.Equal(l, *v.list)
}

func (f Fields) check() error {
	if f.Codable != nil && *f.Codable != "true" && *f.Codable != "false" {
		return diag.Errorf("", 0, "codable must be true or false, not %q", *f.Codable)
	}
	if f.Color != nil && *f.Color != "" && !validColour(*f.Color) {
		return diag.Errorf("", 0, "invalid color %q", *f.Color).
			WithHint(`write it as "#rgb" or "#rrggbb", e.g. "#4e79a7"`)
	}
	return nil
}

// node renders the new value of a field, in the style of old (the value it
// replaces, or nil): quotes kept where the text allows them, a block list
// kept a block list; new lists are written [a, b], as the docs show them.
func (v fieldValue) node(old *yaml.Node) *yaml.Node {
	if v.list != nil {
		return strList(*v.list, old == nil || old.Kind != yaml.SequenceNode || isFlow(old))
	}
	n := str(*v.text)
	if v.key == "codable" {
		n.Tag = "!!bool" // codable: false, not a quoted 'false'
	}
	if v.key == "color" {
		// as the docs write colors, and a reminder that "#" must be quoted
		n.Style = yaml.DoubleQuotedStyle
	}
	if old != nil && old.Kind == yaml.ScalarNode && !strings.Contains(*v.text, "\n") {
		n.Style = old.Style & (yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle)
	}
	return n
}

// Edit sets, replaces or removes the descriptive fields of the code at path.
func Edit(cb *Codebook, src []byte, path string, f Fields) (*Rewrite, error) {
	c, err := resolveArg(cb, path)
	if err != nil {
		return nil, err
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	r, err := newRewriter(cb, src, fmt.Sprintf("edit %q", c.Path))
	if err != nil {
		return nil, err
	}
	if c, err = r.same(c); err != nil {
		return nil, err
	}
	r.edited = map[[2]string]bool{}
	for _, v := range f.values() {
		if !v.set() || v.equal(c) {
			continue
		}
		r.edited[[2]string{c.Path, v.key}] = true
		if err := r.once(c, v.key); err != nil {
			return nil, err
		}
		cur, err := r.code(c.Path)
		if err != nil {
			return nil, err
		}
		_, old, _ := field(cur.Node, v.key)
		var n *yaml.Node
		if !v.empty() {
			n = v.node(old)
		}
		if err := r.setField(cur, v.key, n); err != nil {
			return nil, r.layout(err, c)
		}
		switch {
		case n == nil:
			r.note("removed the %s of %s", v.key, c.Path)
		case old == nil:
			r.note("added the %s of %s", v.key, c.Path)
		default:
			r.note("changed the %s of %s", v.key, c.Path)
		}
	}
	return r.finish(func(nb *Codebook) string {
		n := nb.Lookup(c.Path)
		for _, v := range f.values() {
			if v.set() && !v.equal(n) {
				return fmt.Sprintf("the %s of %q did not come out as given", v.key, c.Path)
			}
		}
		return ""
	})
}

// Add creates a code at path, "parent/name" or "name" for a theme, with
// fields f, as the last child of its parent.
func Add(cb *Codebook, src []byte, path string, f Fields) (*Rewrite, error) {
	path = strings.TrimSpace(path)
	parentRef, name := "", path
	if i := strings.LastIndex(path, "/"); i >= 0 {
		parentRef, name = path[:i], path[i+1:]
	}
	var p *Code
	var err error
	if parentRef != "" {
		if p, err = resolveArg(cb, parentRef); err != nil {
			return nil, err
		}
	}
	if !IsSlug(name) {
		return nil, invalidName(name)
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	to := childPath(p, name)
	r, err := newRewriter(cb, src, fmt.Sprintf("add %q", to))
	if err != nil {
		return nil, err
	}
	if p, err = r.same(p); err != nil {
		return nil, err
	}
	if err := r.once(p, "children", "codes"); err != nil {
		return nil, err
	}
	if err := r.checkName(p, name, nil); err != nil {
		return nil, err
	}
	if _, err := r.checkPaths(r.base, map[string]string{"": to}); err != nil {
		return nil, err
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("name"), str(name)}}
	for _, v := range f.values() {
		if v.set() && !v.empty() {
			m.Content = append(m.Content, str(v.key), v.node(nil))
		}
	}
	block := encode(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{m}})
	if err := r.holdable(pathOf(p)); err != nil {
		return nil, r.layout(err, p)
	}
	if err := r.paste(pathOf(p), block, 0); err != nil {
		return nil, r.layout(err, p)
	}
	r.note("added %s", to)
	return r.finish(func(nb *Codebook) string {
		n := nb.Lookup(to)
		if n == nil {
			return fmt.Sprintf("code %q is not there", to)
		}
		for _, v := range f.values() {
			if v.set() && !v.equal(n) {
				return fmt.Sprintf("the %s of %q did not come out as given", v.key, to)
			}
		}
		return ""
	})
}
