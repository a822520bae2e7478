package codebook

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/qdatool/qda/internal/diag"
	"gopkg.in/yaml.v3"
)

// Rewrite is the result of one refactoring of codebook.yaml: the new bytes,
// and where every code whose path changed went, for rewriting the codings.
type Rewrite struct {
	Data []byte
	// Map takes the old canonical path of every code whose path changed
	// (the code itself and its descendants) to its new one; a deleted code
	// maps to "".
	Map map[string]string
	// Summary says what was done, a line each, for a person:
	// `renamed confidence/travel to confidence/journeys (alias "travel" kept)`.
	Summary []string
	// Unresolved are old paths in Map that no longer resolve in Data,
	// sorted: a former top-level path has no alias form (an alias without
	// "/" is a former name among siblings), nor has a name that is not a
	// slug, so neither can be kept. Codings that use them must be
	// rewritten with Map.
	Unresolved []string
}

// Fields are the descriptive fields of a code, for Add and Edit; nil leaves
// a field as it is, and "" (or an empty list) removes it.
type Fields struct {
	Label, Description, Include, Exclude, Color, Memo *string
	Examples, Patterns                                *[]string
}

// CheckError is a rewrite that qda made but refused to return, because the
// result did not parse back to what was asked: the codebook is left as it
// was. It means the file's layout defeated the rewrite, or a bug.
type CheckError struct {
	// Op is what was asked, as in `rename "confidence/travel"`.
	Op      string
	Problem string
}

func (e *CheckError) Error() string {
	return fmt.Sprintf("cannot %s: the rewritten codebook did not check out: %s", e.Op, e.Problem)
}

// rewriter carries one refactoring from the original text, through edits
// that are each re-parsed so that the next one works from true positions,
// to the check of the result.
type rewriter struct {
	file string
	op   string
	base *Codebook
	errs diag.List // the original's errors: the result may have no others
	d    *doc
	rw   *Rewrite
	// edited is the code whose fields are set, and fields which.
	edited string
	fields map[string]bool
}

func newRewriter(cb *Codebook, src []byte, op string) (*rewriter, error) {
	base, findings := Parse(cb.File, src)
	if base == nil {
		if err := findings.Err(); err != nil {
			return nil, err
		}
		return nil, diag.Errorf(cb.File, 0, "codebook cannot be read")
	}
	r := &rewriter{file: cb.File, op: op, base: base, d: newDoc(base, src), rw: &Rewrite{Map: map[string]string{}}}
	if n := r.d.endsInBlockText(); n != nil {
		// A line end added after it would become part of its text.
		return nil, diag.Errorf(cb.File, n.Line, "the file ends inside a block of text (\"|\" or \">\") with no line end after it").
			WithHint("add a line end at the end of the file, then try again")
	}
	for _, f := range findings {
		if f.Severity == diag.Error {
			r.errs = append(r.errs, f)
		}
	}
	return r, nil
}

// code is the code at path in the text as rewritten so far.
func (r *rewriter) code(path string) (*Code, error) {
	if path == "" {
		return nil, nil
	}
	if c := r.d.cb.Lookup(path); c != nil {
		return c, nil
	}
	return nil, &CheckError{Op: r.op, Problem: fmt.Sprintf("code %q was lost on the way", path)}
}

// commit applies edits and re-parses, so that the next edit sees where
// everything now is.
func (r *rewriter) commit(edits []edit) error {
	if len(edits) == 0 {
		return nil
	}
	data, err := r.d.apply(edits)
	if err != nil {
		return &CheckError{Op: r.op, Problem: err.Error()}
	}
	cb, findings := Parse(r.file, data)
	if cb == nil {
		return &CheckError{Op: r.op, Problem: findings.Error()}
	}
	r.d = newDoc(cb, data)
	return nil
}

func (r *rewriter) note(format string, args ...any) {
	r.rw.Summary = append(r.rw.Summary, fmt.Sprintf(format, args...))
}

// layout turns errLayout into a refusal a person can act on.
func (r *rewriter) layout(err error, c *Code) error {
	if !errors.Is(err, errLayout) {
		return err
	}
	if c == nil {
		return diag.Errorf(r.file, 0, "cannot %s in place: the codes are not written as a list of \"- name: ...\" entries", r.op).
			WithHint(`write "codes:" as a block list, one "- name: ..." entry per code`)
	}
	return diag.Errorf(r.file, c.Line, "cannot %s in place: code %q is written in a layout qda cannot edit", r.op, c.Path).
		WithHint(`write the code as a block mapping, "- name: %s" with one field per line`, c.Name)
}

// finish checks the result and returns it: it must parse with no new
// errors, every old path in Map must resolve to its new path, every other
// code must be where it was, and want must hold.
func (r *rewriter) finish(want func(nb *Codebook) string) (*Rewrite, error) {
	data := r.d.bytes()
	nb, findings := Parse(r.file, data)
	if nb == nil {
		return nil, &CheckError{Op: r.op, Problem: findings.Error()}
	}
	if added := newErrors(r.errs, findings); len(added) > 0 {
		return nil, &CheckError{Op: r.op, Problem: added.Error()}
	}
	lost := map[string]bool{}
	for _, p := range r.rw.Unresolved {
		lost[p] = true
	}
	for _, c := range r.base.All() {
		to, moved := r.rw.Map[c.Path]
		switch {
		case !moved:
			if nb.Lookup(c.Path) == nil {
				return nil, &CheckError{Op: r.op, Problem: fmt.Sprintf("code %q would be lost", c.Path)}
			}
		case to == "":
			if nb.Lookup(c.Path) != nil {
				return nil, &CheckError{Op: r.op, Problem: fmt.Sprintf("code %q would still be there", c.Path)}
			}
		case lost[c.Path]:
			if nb.Lookup(to) == nil {
				return nil, &CheckError{Op: r.op, Problem: fmt.Sprintf("code %q would not be at %q", c.Path, to)}
			}
		default:
			got, _, err := nb.Resolve(c.Path)
			if err != nil {
				return nil, &CheckError{Op: r.op, Problem: fmt.Sprintf("%q would no longer resolve: %v", c.Path, err)}
			}
			if got.Path != to {
				return nil, &CheckError{Op: r.op, Problem: fmt.Sprintf("%q would resolve to %q, not %q", c.Path, got.Path, to)}
			}
		}
	}
	if problem := r.unchanged(nb); problem != "" {
		return nil, &CheckError{Op: r.op, Problem: problem}
	}
	if want != nil {
		if problem := want(nb); problem != "" {
			return nil, &CheckError{Op: r.op, Problem: problem}
		}
	}
	r.rw.Data = data
	slices.Sort(r.rw.Unresolved)
	return r.rw, nil
}

// unchanged checks that what codes say about themselves came through the
// rewrite, but for the fields an edit set: a code that went into another
// (a merge) is the one exception, as its fields go.
func (r *rewriter) unchanged(nb *Codebook) string {
	into := map[string]int{}
	for _, c := range r.base.All() {
		to, moved := r.rw.Map[c.Path]
		if !moved {
			to = c.Path
		}
		into[to]++
	}
	for _, c := range r.base.All() {
		to, moved := r.rw.Map[c.Path]
		if !moved {
			to = c.Path
		}
		n := nb.Lookup(to)
		if to == "" || n == nil || moved && into[to] > 1 {
			continue
		}
		for _, v := range (Fields{}).values() {
			if r.edited == c.Path && r.fields[v.key] {
				continue
			}
			s, l := v.current(c)
			ns, nl := v.current(n)
			if s != ns || !slices.Equal(l, nl) {
				return fmt.Sprintf("the %s of %q would change", v.key, c.Path)
			}
		}
	}
	return ""
}

var (
	quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	digitsRE = regexp.MustCompile(`[0-9]+`)
)

// newErrors returns the errors of after that before did not have. Paths
// and line numbers change in a rewrite, so findings are compared by the
// kind of problem: their messages with quoted text and numbers left out.
func newErrors(before, after diag.List) diag.List {
	norm := func(f *diag.Finding) string {
		return digitsRE.ReplaceAllString(quotedRE.ReplaceAllString(f.Msg, `""`), "#")
	}
	had := map[string]int{}
	for _, f := range before {
		had[norm(f)]++
	}
	var out diag.List
	for _, f := range after {
		if f.Severity != diag.Error {
			continue
		}
		if k := norm(f); had[k] > 0 {
			had[k]--
		} else {
			out = append(out, f)
		}
	}
	return out
}

// resolveArg resolves a code given by the user, aliases allowed.
func resolveArg(cb *Codebook, ref string) (*Code, error) {
	c, _, err := cb.Resolve(ref)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// same finds in the rewriter's parse the code the caller resolved in cb.
func (r *rewriter) same(c *Code) (*Code, error) {
	if c == nil {
		return nil, nil
	}
	if b := r.base.Lookup(c.Path); b != nil {
		return b, nil
	}
	return nil, diag.Errorf(r.file, 0, "code %q is not in the codebook's text: it changed since it was read", c.Path).
		WithHint("run the command again")
}

func childPath(parent *Code, name string) string {
	if parent == nil {
		return name
	}
	return parent.Path + "/" + name
}

func siblings(cb *Codebook, parent *Code) []*Code {
	if parent == nil {
		return cb.Codes
	}
	return parent.Children
}

func invalidName(name string) error {
	f := diag.Errorf("", 0, "invalid code name %q", name)
	if s := Slugify(name); s != "" && s != name {
		return f.WithHint("use lowercase letters, digits and single hyphens, e.g. %q", s)
	}
	return f.WithHint("use lowercase letters, digits and single hyphens")
}

// unique refuses to change a code whose name a second entry of its list
// repeats: Parse drops the second, which the change would bring back.
func (r *rewriter) unique(c *Code) error {
	_, _, seq := r.d.list(c.Parent)
	if seq == nil {
		return nil
	}
	for _, item := range seq.Content {
		if _, v, _ := field(item, "name"); item != c.Node && v != nil && v.Kind == yaml.ScalarNode && v.Value == c.Name {
			return diag.Errorf(r.file, item.Line, "code %q is defined twice (first at line %d)", c.Path, c.Line).
				WithHint("rename or remove the second one first")
		}
	}
	return nil
}

// checkName refuses a name that a code other than self already answers to
// among parent's children: as its name, or as a former name, which would
// make references by that name ambiguous.
func (r *rewriter) checkName(parent *Code, name string, self *Code) error {
	for _, s := range siblings(r.base, parent) {
		if s == self || s.Name != name {
			continue
		}
		var f *diag.Finding
		if parent == nil {
			f = diag.Errorf(r.file, s.Line, "there is already a top-level code named %q", name)
		} else {
			f = diag.Errorf(r.file, s.Line, "code %q already has a child named %q", parent.Path, name)
		}
		return f.WithHint("choose another name, or merge the two with 'qda codebook merge'")
	}
	for _, s := range siblings(r.base, parent) {
		if s != self && slices.Contains(s.Aliases, name) {
			return diag.Errorf(r.file, s.Line, "%q is a former name of %q: references to it would become ambiguous", name, s.Path).
				WithHint("choose another name, or first remove the alias %q from %q", name, s.Path)
		}
	}
	return nil
}

// aliasFix is an alias to take off the code that ends up at path.
type aliasFix struct{ path, alias string }

// checkPaths refuses new paths that are another code's former path, which
// references would stop meaning, and lists the aliases that a code moved
// back to a former path of its own must lose.
func (r *rewriter) checkPaths(moves map[string]string) ([]aliasFix, error) {
	var fixes []aliasFix
	for _, old := range sortedKeys(moves) {
		to := moves[old]
		y := r.base.fullAlias[to]
		switch {
		case to == "" || y == nil:
		case y.Path == old:
			fixes = append(fixes, aliasFix{to, to})
		default:
			return nil, diag.Errorf(r.file, y.Line, "%q is a former path of %q: references to it would change meaning", to, y.Path).
				WithHint("remove the alias %q from %q first, if those references should mean the new code", to, y.Path)
		}
	}
	return fixes, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// subtree maps c and its descendants to their paths once c is at to.
func subtree(c *Code, to string) map[string]string {
	m := map[string]string{c.Path: to}
	for _, d := range c.Descendants() {
		m[d.Path] = ""
		if to != "" {
			m[d.Path] = to + strings.TrimPrefix(d.Path, c.Path)
		}
	}
	return m
}

// lose records paths that will not resolve after the rewrite.
func (r *rewriter) lose(m map[string]string) {
	for _, k := range sortedKeys(m) {
		if m[k] != "" {
			r.rw.Unresolved = append(r.rw.Unresolved, k)
		}
	}
}

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
	if err := r.sound(func() error { return r.unique(c) }, func() error { return r.once(c, "name", "aliases") }); err != nil {
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
	fixes, err := r.checkPaths(moves)
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

func (r *rewriter) fix(fixes []aliasFix) error {
	for _, f := range fixes {
		if err := r.removeAlias(f.path, f.alias); err != nil {
			return err
		}
	}
	return nil
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
	if err := r.sound(
		func() error { return r.unique(c) },
		func() error { return r.once(c, "aliases") },
		func() error { return r.once(c.Parent, "children", "codes") },
		func() error { return r.once(p, "children", "codes") },
	); err != nil {
		return nil, err
	}
	if err := r.checkName(p, c.Name, c); err != nil {
		return nil, err
	}
	to := childPath(p, c.Name)
	moves := subtree(c, to)
	fixes, err := r.checkPaths(moves)
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

// move cuts the code's lines and pastes them under p, in two steps so that
// each works from true positions; to is where the code lands.
func (r *rewriter) move(c, p *Code, to string) error {
	if err := r.cuttable(c.Path); err != nil {
		return r.layout(err, c)
	}
	if err := r.holdable(pathOf(p)); err != nil {
		return r.layout(err, p)
	}
	cur, err := r.code(c.Path)
	if err != nil {
		return err
	}
	edits, block, dash, err := r.d.cut(cur)
	if err != nil {
		return r.layout(err, c)
	}
	if err := r.commit(edits); err != nil {
		return err
	}
	if err := r.paste(pathOf(p), block, dash); err != nil {
		return r.layout(err, p)
	}
	if r.d.cb.Lookup(to) == nil {
		return &CheckError{Op: r.op, Problem: fmt.Sprintf("code %q is not at %q", c.Path, to)}
	}
	return nil
}

func pathOf(c *Code) string {
	if c == nil {
		return ""
	}
	return c.Path
}

// paste puts a block of lines under the code at parent ("" for the top).
func (r *rewriter) paste(parent string, block []string, dash int) error {
	p, err := r.code(parent)
	if err != nil {
		return err
	}
	edits, err := r.d.paste(p, block, dash)
	if err != nil {
		return err
	}
	return r.commit(edits)
}

// cuttable rewrites in block style the list that holds the code at path,
// when it is written [...], so that the code's lines can be cut. Such a
// rewrite changes more lines than a person would; the summary says so.
func (r *rewriter) cuttable(path string) error {
	for range 8 {
		c, err := r.code(path)
		if err != nil {
			return err
		}
		if _, _, seq := r.d.list(c.Parent); !isFlow(seq) {
			return nil
		}
		if err := r.toBlock(c.Parent); err != nil {
			return err
		}
	}
	return errLayout
}

// holdable rewrites in block style the code at path ("" for the top
// level), when it is written {...}, and its list of children, when that is
// written [...], so that a block of lines can be pasted under it.
func (r *rewriter) holdable(path string) error {
	for range 8 {
		c, err := r.code(path)
		if err != nil {
			return err
		}
		_, _, seq := r.d.list(c)
		if !(c != nil && isFlow(c.Node)) && !(isFlow(seq) && len(seq.Content) > 0) {
			return nil
		}
		if err := r.toBlock(c); err != nil {
			return err
		}
	}
	return errLayout
}

// toBlock rewrites a code in block style, or, when it sits in a flow list
// or is nil, the list of its children.
func (r *rewriter) toBlock(c *Code) error {
	d := r.d
	if c != nil && isFlow(c.Node) {
		if _, _, seq := d.list(c.Parent); isFlow(seq) {
			return r.toBlock(c.Parent)
		}
		sp, err := d.span(c.Node)
		if err != nil {
			return err
		}
		l1, e1, ok := d.flowEnd(c.Node)
		if !ok {
			return errLayout
		}
		enc := encode(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{blockCopy(c.Node, false)}})
		out := make([]string, len(enc))
		for i, l := range enc {
			if i == 0 {
				out[i] = d.lines[sp.first][:sp.dash] + l
			} else {
				out[i] = spaces(sp.dash) + l
			}
		}
		// what followed the closing brace (a comment) stays on the first line
		out[0] += trailingComment(d.lines[l1][e1:])
		r.note("rewrote %s in block style, to change its children", c.Path)
		return r.commit([]edit{{sp.first, l1 + 1, out}})
	}
	owner, key, seq := d.list(c)
	if key == nil || !isFlow(seq) {
		return errLayout
	}
	if isFlow(owner) {
		return errLayout
	}
	edits, err := d.setField(owner, key.Value, blockCopy(seq, true))
	if err != nil {
		return err
	}
	if c == nil {
		r.note("rewrote the list of codes in block style, to change it")
	} else {
		r.note("rewrote the children of %s in block style, to change them", c.Path)
	}
	return r.commit(edits)
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
	if err := r.sound(
		func() error { return r.unique(s) },
		func() error { return r.once(s, "children") },
		func() error { return r.once(s.Parent, "children", "codes") },
		func() error { return r.once(d, "aliases", "children") },
	); err != nil {
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
	// checkPaths works on the original parse: its codes are the same ones
	// unless an earlier src moved them, which leaves their aliases alone.
	fixes, err := r.checkPathsIn(r.d.cb, moves)
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

// checkPathsIn is checkPaths against cb rather than the original.
func (r *rewriter) checkPathsIn(cb *Codebook, moves map[string]string) ([]aliasFix, error) {
	base := r.base
	r.base = cb
	defer func() { r.base = base }()
	return r.checkPaths(moves)
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
	if err := r.sound(func() error { return r.unique(c) }, func() error { return r.once(c.Parent, "children", "codes") }); err != nil {
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

// once refuses to change a code (nil for the codebook's top level) that
// gives one of keys twice: Parse reads the first, and a change to it could
// bring back the second.
func (r *rewriter) once(c *Code, keys ...string) error {
	m, where := r.d.root(), "the codebook"
	if c != nil {
		m, where = c.Node, fmt.Sprintf("code %q", c.Path)
	}
	if m == nil {
		return nil
	}
	first := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode || !slices.Contains(keys, k.Value) {
			continue
		}
		if line, dup := first[k.Value]; dup {
			return diag.Errorf(r.file, k.Line, "field %q given twice in %s (first at line %d)", k.Value, where, line).
				WithHint("remove one of them first")
		}
		first[k.Value] = k.Line
	}
	return nil
}

// sound refuses codes whose structure a change could misread: see once.
func (r *rewriter) sound(checks ...func() error) error {
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// field of Fields, in the order of docs/format.md.
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
	if f.Color != nil && *f.Color != "" && !colorRE.MatchString(*f.Color) {
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
	r.edited, r.fields = c.Path, map[string]bool{}
	for _, v := range f.values() {
		if !v.set() || v.equal(c) {
			continue
		}
		r.fields[v.key] = true
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
	if _, err := r.checkPaths(map[string]string{"": to}); err != nil {
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

func (r *rewriter) setField(c *Code, key string, v *yaml.Node) error {
	edits, err := r.d.setField(c.Node, key, v)
	if err != nil {
		return err
	}
	return r.commit(edits)
}

// styled is text s in the quotes of old, when it was quoted.
func styled(old *yaml.Node, s string) *yaml.Node {
	n := str(s)
	if old != nil && old.Kind == yaml.ScalarNode {
		n.Style = old.Style & (yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle)
	}
	return n
}

// setName changes the name of the code at path by replacing the text of
// its name and nothing else on the line.
func (r *rewriter) setName(path, name string) error {
	c, err := r.code(path)
	if err != nil {
		return err
	}
	_, v, _ := field(c.Node, "name")
	if v != nil && !isFlow(c.Node) {
		if e, b := r.d.scalarEnd(v), r.d.col(v); e >= 0 && b >= 0 {
			if text, ok := inline(styled(v, name)); ok {
				l := v.Line - 1
				line := r.d.lines[l]
				return r.commit([]edit{{l, l + 1, []string{line[:b] + text + line[e:]}}})
			}
		}
	}
	return r.setField(c, "name", styled(v, name))
}

// addAlias adds alias a to the code at path: to the end of its aliases
// list, written as that list is, or as a new "aliases: [a]" field below
// its name.
func (r *rewriter) addAlias(path, a string) error {
	c, err := r.code(path)
	if err != nil {
		return err
	}
	if slices.Contains(c.Aliases, a) {
		return nil
	}
	_, v, _ := field(c.Node, "aliases")
	if v != nil && v.Kind == yaml.SequenceNode && !isFlow(c.Node) {
		if e, ok := r.d.appendItem(v, a); ok {
			return r.commit([]edit{e})
		}
	}
	nv := strList([]string{a}, true)
	if v != nil && v.Kind == yaml.SequenceNode {
		nv = deepCopy(v)
		nv.Content = append(nv.Content, str(a))
	}
	return r.setField(c, "aliases", nv)
}

// removeAlias takes alias a off the code at path, and the aliases field
// with it when it was the last.
func (r *rewriter) removeAlias(path, a string) error {
	c, err := r.code(path)
	if err != nil {
		return err
	}
	_, v, _ := field(c.Node, "aliases")
	if v == nil || v.Kind != yaml.SequenceNode {
		return nil
	}
	i := slices.IndexFunc(v.Content, func(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Value == a })
	switch {
	case i < 0:
		return nil
	case len(v.Content) == 1:
		return r.setField(c, "aliases", nil)
	}
	if !isFlow(c.Node) {
		if e, ok := r.d.dropItem(v, i); ok {
			return r.commit([]edit{e})
		}
	}
	nv := deepCopy(v)
	nv.Content = slices.Delete(nv.Content, i, i+1)
	return r.setField(c, "aliases", nv)
}
