package codebook

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/lazyre"
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
	// Codable is "false" for a category, "true" to make one a code again.
	Codable *string
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
	// edited holds the fields set: the code's path and the field's key.
	edited map[[2]string]bool
	// parsed is the parse of the text as committed last, with its
	// findings, for finish to check rather than parse it again.
	parsed   *Codebook
	findings diag.List
}

func newRewriter(cb *Codebook, src []byte, op string) (*rewriter, error) {
	// cb is most often the parse of src: a long codebook's parse costs
	// several times its text, and one is enough.
	base, findings := cb, cb.findings
	if cb.Doc == nil || cb.sum != sha256.Sum256(src) {
		base, findings = Parse(cb.File, src)
	}
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
	r.parsed, r.findings = cb, findings
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
	nb, findings := r.parsed, r.findings
	if nb == nil || nb != r.d.cb { // not committed since it was read
		nb, findings = Parse(r.file, data)
	}
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
			if r.edited[[2]string{c.Path, v.key}] {
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
	quotedRE = lazyre.New(`"(?:[^"\\]|\\.)*"`)
	digitsRE = lazyre.New(`[0-9]+`)
)

// newErrors returns the errors of after that before did not have. Paths
// and line numbers change in a rewrite, so findings are compared by the
// kind of problem: their messages with quoted text and numbers left out.
func newErrors(before, after diag.List) diag.List {
	norm := func(f *diag.Finding) string {
		return digitsRE().ReplaceAllString(quotedRE().ReplaceAllString(f.Msg, `""`), "#")
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

// resolveArg resolves a code given by the user: by any name ResolveArg
// accepts.
func resolveArg(cb *Codebook, ref string) (*Code, error) {
	c, _, err := cb.ResolveArg(ref)
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
func (r *rewriter) checkPaths(cb *Codebook, moves map[string]string) ([]aliasFix, error) {
	var fixes []aliasFix
	for _, old := range sortedKeys(moves) {
		to := moves[old]
		y := cb.fullAlias[to]
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

func (r *rewriter) fix(fixes []aliasFix) error {
	for _, f := range fixes {
		if err := r.removeAlias(f.path, f.alias); err != nil {
			return err
		}
	}
	return nil
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

// firstErr is the first of checks that failed.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
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
