package codebook

import (
	"bytes"
	"errors"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// doc is codebook.yaml as lines together with its parse. Refactorings edit
// the lines at the positions yaml.v3 reports, rather than re-encode the
// document, because the encoder drops blank lines, re-indents and re-quotes:
// a rename would become a diff of the whole file.
type doc struct {
	cb *Codebook
	// lines are the file's lines without their line ends, which are in
	// ends: YAML breaks lines at "\n", "\r\n", a lone "\r" and a few
	// Unicode breaks, and the lines a rewrite does not touch must stay byte
	// for byte what they were, even in a file that mixes them.
	lines, ends []string
	eol         string // for new lines: the first line's end
	// links holds, for each node, the first node after its subtree in
	// document order (nil at the end): where a block node's text stops,
	// since yaml.v3 records only where nodes start; and its parent, which
	// tells a list entry, whose "-" may stand on a line above it.
	links map[*yaml.Node]links
	// seqIndent is how far this file indents a block list from its key (0
	// for "indentless" lists), so that a new list looks like the others;
	// -1 until listIndent reads it.
	seqIndent int
}

// errLayout is an edit that the text's layout does not allow in place; the
// caller rewrites the code in block style and tries again, or refuses.
var errLayout = errors.New("layout not editable in place")

func newDoc(cb *Codebook, src []byte) *doc {
	d := &doc{cb: cb, seqIndent: -1}
	d.lines, d.ends = splitLines(string(src))
	d.eol = "\n"
	if len(d.ends) > 0 && d.ends[0] != "" {
		d.eol = d.ends[0]
	}
	return d
}

// links is where a node's text stops, and what holds it.
type links struct{ next, parent *yaml.Node }

// link fills links, the first time they are needed: a rewrite
// whose last edit is made needs only the lines, and the maps cost more
// than the parse of a long codebook's text.
func (d *doc) link() {
	if d.links != nil {
		return
	}
	d.links = map[*yaml.Node]links{}
	// A node's text stops where the node after it starts: its next
	// sibling's, or else its parent's next sibling's.
	var fill func(n *yaml.Node, after *yaml.Node)
	fill = func(n *yaml.Node, after *yaml.Node) {
		l := d.links[n]
		l.next = after
		d.links[n] = l
		for i, c := range n.Content {
			d.links[c] = links{parent: n}
			a := after
			if i+1 < len(n.Content) {
				a = n.Content[i+1]
			}
			fill(c, a)
		}
	}
	if d.cb != nil && d.cb.Doc != nil {
		fill(d.cb.Doc, nil)
	}
}

// listIndent is how far this file indents a block list from its key.
func (d *doc) listIndent() int {
	if d.seqIndent < 0 {
		d.seqIndent = d.detectSeqIndent()
	}
	return d.seqIndent
}

// splitLines splits text where yaml.v3 counts a new line.
func splitLines(s string) (lines, ends []string) {
	start := 0
	for i := 0; i < len(s); {
		n := 0
		switch {
		case s[i] == '\n':
			n = 1
		case s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n':
			n = 2
		case s[i] == '\r':
			n = 1
		case strings.HasPrefix(s[i:], "\u0085"):
			n = len("\u0085")
		case strings.HasPrefix(s[i:], "\u2028"), strings.HasPrefix(s[i:], "\u2029"):
			n = len("\u2028")
		default:
			i++
			continue
		}
		lines = append(lines, s[start:i])
		ends = append(ends, s[i:i+n])
		i += n
		start = i
	}
	if start < len(s) {
		lines = append(lines, s[start:])
		ends = append(ends, "")
	}
	return lines, ends
}

func (d *doc) bytes() []byte {
	var b bytes.Buffer
	for i, l := range d.lines {
		b.WriteString(l)
		b.WriteString(d.ends[i])
	}
	return b.Bytes()
}

func (d *doc) root() *yaml.Node {
	if d.cb == nil || d.cb.Doc == nil {
		return nil
	}
	if n := d.cb.Doc; n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0]
	}
	return nil
}

// col turns a node's column, which yaml.v3 counts in characters from 1,
// into a byte offset in its line, or -1.
func (d *doc) col(n *yaml.Node) int {
	if n.Line < 1 || n.Line > len(d.lines) {
		return -1
	}
	line := d.lines[n.Line-1]
	c := n.Column
	for i := range line {
		if c == 1 {
			return i
		}
		c--
	}
	if c == 1 {
		return len(line)
	}
	return -1
}

// boundary is the 0-based line where the text after n's subtree starts,
// len(lines) at the end of the file.
func (d *doc) boundary(n *yaml.Node) int {
	d.link()
	nx := d.links[n].next
	if nx == nil || nx.Line < 1 {
		return len(d.lines)
	}
	// A list entry may start with a "-" alone on a line above its node.
	l := nx.Line - 1
	if p := d.links[nx].parent; p != nil && p.Kind == yaml.SequenceNode && !isFlow(p) {
		dash := d.col(p)
		for {
			j := l
			for j-1 > n.Line-1 && j-1 < len(d.lines) && (blank(d.lines[j-1]) || isComment(d.lines[j-1])) {
				j--
			}
			if j-1 <= n.Line-1 || j-1 >= len(d.lines) || !isDashOnly(d.lines[j-1]) || indent(d.lines[j-1]) != dash {
				break
			}
			l = j - 1
		}
	}
	return l
}

func isDashOnly(line string) bool {
	t := strings.TrimSpace(line)
	if i := strings.Index(t, " #"); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	return strings.Trim(t, "- \t") == "" && strings.Contains(t, "-")
}

// trailingComment is the comment in what follows a value on its line,
// with the space before it that YAML needs, or "".
func trailingComment(rest string) string {
	t := strings.TrimLeft(rest, " \t")
	if !strings.HasPrefix(t, "#") {
		return ""
	}
	if t = strings.TrimRight(rest, " \t"); t[0] == '#' {
		return " " + t
	}
	return t
}

// endsInBlockText returns the literal or folded scalar ("|", ">") that
// the file ends in without a line end, or nil.
func (d *doc) endsInBlockText() *yaml.Node {
	if n := len(d.ends); n == 0 || d.ends[n-1] != "" {
		return nil
	}
	if d.cb == nil || d.cb.Doc == nil {
		return nil
	}
	// The last node in the text ends the last of every collection.
	last := d.cb.Doc
	for len(last.Content) > 0 {
		last = last.Content[len(last.Content)-1]
	}
	if last.Kind == yaml.ScalarNode && last.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return last
	}
	return nil
}

func blank(line string) bool { return strings.TrimSpace(line) == "" }

func isComment(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), "#")
}

func indent(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

// lastLine is the last of the lines from first to before end that belongs
// to a node whose text starts on line first at column col: trailing blank
// lines, and comments no deeper than col, belong to what follows.
func (d *doc) lastLine(first, end, col int) int {
	for i := end - 1; i > first; i-- {
		l := d.lines[i]
		if blank(l) || isComment(l) && indent(l) <= col {
			continue
		}
		return i
	}
	return first
}

// span is the text of one item of a block list.
type span struct {
	// lead..last are the item's own lines: the comments directly above it
	// at its indentation, its "- " line, and what follows up to its last
	// line of text or deeper comment.
	lead, first, last int
	dash, key         int // byte offsets on line first of "-" and of the item
}

// span finds the text of an item of a block list, or reports errLayout when
// the item does not start on its "- " line.
func (d *doc) span(n *yaml.Node) (span, error) {
	first := n.Line - 1
	key := d.col(n)
	if key < 0 {
		return span{}, errLayout
	}
	prefix := d.lines[first][:key]
	t := strings.TrimLeft(prefix, " ")
	if !strings.HasPrefix(t, "-") || strings.TrimLeft(t[1:], " \t") != "" || len(t) < 2 {
		return span{}, errLayout
	}
	sp := span{first: first, dash: len(prefix) - len(t), key: key}
	end := d.boundary(n)
	if end <= first {
		return span{}, errLayout
	}
	sp.last = d.lastLine(first, end, sp.dash)
	sp.lead = first
	for sp.lead > 0 && isComment(d.lines[sp.lead-1]) && indent(d.lines[sp.lead-1]) == sp.dash {
		sp.lead--
	}
	return sp, nil
}

// field returns the key and value of a mapping's field, and the key's index
// in Content, or -1.
func field(m *yaml.Node, name string) (k, v *yaml.Node, i int) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil, -1
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Kind == yaml.ScalarNode && m.Content[i].Value == name {
			return m.Content[i], m.Content[i+1], i
		}
	}
	return nil, nil, -1
}

// list returns where parent's codes are written: its mapping, and the key
// and value of its children, or of the codebook's codes for nil; key and
// value are nil when there is no such field.
func (d *doc) list(parent *Code) (owner, key, val *yaml.Node) {
	if parent == nil {
		owner = d.root()
		key, val, _ = field(owner, "codes")
		return owner, key, val
	}
	key, val, _ = field(parent.Node, "children")
	return parent.Node, key, val
}

// tagged reports a node written with a tag or an anchor before it.
func tagged(n *yaml.Node) bool { return n.Style&yaml.TaggedStyle != 0 || n.Anchor != "" }

func isFlow(n *yaml.Node) bool { return n != nil && n.Style&yaml.FlowStyle != 0 }

// detectSeqIndent reads how the file indents a list of codes under its key.
func (d *doc) detectSeqIndent() int {
	var lists [][2]*yaml.Node
	if k, v, _ := field(d.root(), "codes"); k != nil {
		lists = append(lists, [2]*yaml.Node{k, v})
	}
	if d.cb != nil {
		d.cb.Walk(func(c *Code) bool {
			if k, v, _ := field(c.Node, "children"); k != nil {
				lists = append(lists, [2]*yaml.Node{k, v})
			}
			return true
		})
	}
	for _, kv := range lists {
		k, v := kv[0], kv[1]
		if v.Kind == yaml.SequenceNode && !isFlow(v) && len(v.Content) > 0 && v.Line > k.Line {
			if sp, err := d.span(v.Content[0]); err == nil {
				if in := sp.dash - d.col(k); in >= 0 {
					return in
				}
			}
		}
	}
	return 2
}

// scalarEnd is the byte offset just past the scalar n when its text is on
// one line, else -1.
func (d *doc) scalarEnd(n *yaml.Node) int {
	start := d.col(n)
	if n.Kind != yaml.ScalarNode || start < 0 || tagged(n) {
		// where a tag or anchor leaves the position is not worth guessing
		return -1
	}
	line := d.lines[n.Line-1]
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		if start >= len(line) || line[start] != '"' {
			return -1
		}
		for i := start + 1; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		if start >= len(line) || line[start] != '\'' {
			return -1
		}
		for i := start + 1; i < len(line); i++ {
			if line[i] == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
	default:
		end := start + len(n.Value)
		if end > len(line) || line[start:end] != n.Value {
			return -1
		}
		// A plain scalar folded over several lines matches only its first
		// line's start; what follows on the line tells.
		rest := strings.TrimLeft(line[end:], " \t")
		if rest == "" || rest[0] == '#' || strings.ContainsRune(",]}:", rune(rest[0])) {
			return end
		}
	}
	return -1
}

// flowEnd finds the end of the flow collection n: the line, and the byte
// offset just past its closing bracket.
func (d *doc) flowEnd(n *yaml.Node) (line, end int, ok bool) {
	start := d.col(n)
	if start < 0 || !isFlow(n) || tagged(n) {
		return 0, 0, false
	}
	l := n.Line - 1
	if start >= len(d.lines[l]) || d.lines[l][start] != '[' && d.lines[l][start] != '{' {
		return 0, 0, false
	}
	depth := 0
	var quote byte
	for ; l < len(d.lines); l, start = l+1, 0 {
		s := d.lines[l]
		for i := start; i < len(s); i++ {
			b := s[i]
			switch {
			case quote == '"' && b == '\\':
				i++
			case quote != 0:
				if b == quote {
					if quote == '\'' && i+1 < len(s) && s[i+1] == '\'' {
						i++
					} else {
						quote = 0
					}
				}
			case b == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
				i = len(s)
			case (b == '"' || b == '\'') && (i == 0 || strings.IndexByte(" \t[{,:", s[i-1]) >= 0):
				quote = b
			case b == '[' || b == '{':
				depth++
			case b == ']' || b == '}':
				depth--
				if depth == 0 {
					return l, i + 1, true
				}
			}
		}
	}
	return 0, 0, false
}

// valueEnd is the byte offset just past a value written on the one line
// where it starts, else -1.
func (d *doc) valueEnd(n *yaml.Node) int {
	if isFlow(n) && n.Kind != yaml.ScalarNode {
		if l, e, ok := d.flowEnd(n); ok && l == n.Line-1 {
			return e
		}
		return -1
	}
	return d.scalarEnd(n)
}

// region is the lines of a mapping's field at index i: from its key's line
// to its value's last line, leaving out what belongs to the next field.
func (d *doc) region(m *yaml.Node, i int) (first, last int) {
	k, v := m.Content[i], m.Content[i+1]
	first = k.Line - 1
	return first, d.lastLine(first, d.boundary(v), d.col(k))
}

// edit replaces lines from..to-1 with lines.
type edit struct {
	from, to int
	lines    []string
}

// apply makes the edits, which must not overlap, all at once, so that the
// positions of each are those of the text before any of them. The text is
// copied once, whatever the number of edits: a copy for each made a
// batch of many edits grow with the square of the file.
func (d *doc) apply(edits []edit) ([]byte, error) {
	edits = slices.Clone(edits)
	// In order; lines inserted where others are replaced go before them.
	slices.SortStableFunc(edits, func(a, b edit) int {
		if a.from != b.from {
			return a.from - b.from
		}
		return a.to - b.to
	})
	out := make([]string, 0, len(d.lines))
	ends := make([]string, 0, len(d.ends))
	at := 0
	for _, e := range edits {
		if e.from < at || e.to > len(d.lines) || e.from > e.to {
			return nil, errors.New("overlapping edits")
		}
		out = append(out, d.lines[at:e.from]...)
		ends = append(ends, d.ends[at:e.from]...)
		// A line put in the place of one keeps its line end; others get
		// the file's.
		for i, l := range e.lines {
			out = append(out, l)
			if e.from+i < e.to && d.ends[e.from+i] != "" {
				ends = append(ends, d.ends[e.from+i])
			} else {
				ends = append(ends, d.eol)
			}
		}
		at = e.to
	}
	out = append(out, d.lines[at:]...)
	ends = append(ends, d.ends[at:]...)
	// Every line but the last ends; the last does as the file's did.
	for i := range ends {
		if ends[i] == "" {
			ends[i] = d.eol
		}
	}
	if n := len(d.ends); n > 0 && d.ends[n-1] == "" && len(ends) > 0 {
		ends[len(ends)-1] = ""
	}
	return (&doc{lines: out, ends: ends}).bytes(), nil
}

// spaces is n spaces.
func spaces(n int) string { return strings.Repeat(" ", max(n, 0)) }

// reindent shifts a block of lines from column from to column to. A line
// not indented enough to shift left cannot be moved faithfully.
func (d *doc) reindent(block []string, from, to int) ([]string, error) {
	out := make([]string, len(block))
	for i, l := range block {
		switch {
		case blank(l):
			out[i] = l
		case to >= from:
			out[i] = spaces(to-from) + l
		case indent(l) >= from-to:
			out[i] = l[from-to:]
		default:
			return nil, errLayout
		}
	}
	return out, nil
}

// encode renders a node with yaml.v3, as lines without line ends.
func encode(n *yaml.Node) []string {
	var b bytes.Buffer
	e := yaml.NewEncoder(&b)
	e.SetIndent(2)
	if err := e.Encode(n); err != nil {
		return nil
	}
	e.Close()
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// encodeField renders "key: value" as lines.
func encodeField(key string, v *yaml.Node) []string {
	return encode(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str(key), v}})
}

// str is a text node; the tag makes yaml.v3 quote text that would
// otherwise read back as something else ("null", "#4e79a7").
func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func strList(items []string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

// inline renders a value on one line, or returns false.
func inline(v *yaml.Node) (string, bool) {
	if v.Kind == yaml.ScalarNode && v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 ||
		v.Kind != yaml.ScalarNode && !isFlow(v) && len(v.Content) > 0 {
		return "", false
	}
	lines := encode(v)
	if len(lines) != 1 {
		return "", false
	}
	return lines[0], true
}

// deepCopy copies a node tree, so that a rewrite can re-encode part of it
// without touching the parse the caller holds.
func deepCopy(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		c.Content[i] = deepCopy(x)
	}
	return &c
}

// blockCopy copies a code (or a list of codes) in block style, for a code
// that must be given children or lose some; other values keep their style.
func blockCopy(n *yaml.Node, isList bool) *yaml.Node {
	c := deepCopy(n)
	var fix func(n *yaml.Node, isList bool)
	fix = func(n *yaml.Node, isList bool) {
		n.Style &^= yaml.FlowStyle
		if isList {
			for _, item := range n.Content {
				if item.Kind == yaml.MappingNode {
					fix(item, false)
				}
			}
			return
		}
		if _, v, _ := field(n, "children"); v != nil && v.Kind == yaml.SequenceNode {
			fix(v, true)
		}
	}
	fix(c, isList)
	return c
}

// keyAfter is the index in m.Content of the key after whose field a new
// field key goes: after the last field that comes before it in the order
// of docs/format.md, so that added fields land where a person would put
// them; aliases go right after the name, beside the name they replace.
func keyAfter(m *yaml.Node, key string) int {
	rank := slices.Index(codeFields, key)
	best, bestRank := -1, -1
	for i := 0; i+1 < len(m.Content); i += 2 {
		r := slices.Index(codeFields, m.Content[i].Value)
		if r < 0 {
			continue
		}
		if r == 0 && best < 0 {
			best = i
		}
		if key != "aliases" && r < rank && r > bestRank {
			best, bestRank = i, r
		}
	}
	return best
}

// setKey sets a field of a mapping node, or removes it for nil, placing a
// new field where keyAfter says.
func setKey(m *yaml.Node, key string, v *yaml.Node) {
	_, _, i := field(m, key)
	switch {
	case i >= 0 && v == nil:
		m.Content = slices.Delete(m.Content, i, i+2)
	case i >= 0:
		m.Content[i+1] = v
	case v != nil:
		at := len(m.Content)
		if a := keyAfter(m, key); a >= 0 {
			at = a + 2
		}
		m.Content = slices.Insert(m.Content, at, str(key), v)
	}
}

// replaceFlow replaces the text of the flow collection n with the flow
// encoding of with: a code written {...} stays so, re-quoted by yaml.v3.
func (d *doc) replaceFlow(n, with *yaml.Node) ([]edit, error) {
	l0, b0 := n.Line-1, d.col(n)
	l1, e1, ok := d.flowEnd(n)
	if !ok || b0 < 0 {
		return nil, errLayout
	}
	with.Style |= yaml.FlowStyle
	for _, c := range with.Content {
		if c.Kind != yaml.ScalarNode {
			c.Style |= yaml.FlowStyle
		}
	}
	text, ok := inline(with)
	if !ok {
		return nil, errLayout
	}
	return []edit{{l0, l1 + 1, []string{d.lines[l0][:b0] + text + d.lines[l1][e1:]}}}, nil
}

// setField returns the edits that set the field key of mapping m to v, or
// remove it for nil. A value written on one line that stays on one line is
// replaced in place, keeping what surrounds it (a comment); otherwise the
// field's lines are replaced, and a new field gets a line of its own.
func (d *doc) setField(m *yaml.Node, key string, v *yaml.Node) ([]edit, error) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, errLayout
	}
	if isFlow(m) {
		c := deepCopy(m)
		setKey(c, key, v)
		return d.replaceFlow(m, c)
	}
	k, old, i := field(m, key)
	switch {
	case k == nil && v == nil:
		return nil, nil
	case k == nil:
		a := keyAfter(m, key)
		if a < 0 {
			return nil, errLayout
		}
		_, last := d.region(m, a)
		kc := d.col(m.Content[a])
		var lines []string
		for _, l := range encodeField(key, v) {
			lines = append(lines, spaces(kc)+l)
		}
		return []edit{{last + 1, last + 1, lines}}, nil
	case v == nil:
		first, last := d.region(m, i)
		kb := d.col(k)
		if kb < 0 {
			return nil, errLayout
		}
		if prefix := d.lines[first][:kb]; strings.TrimSpace(prefix) != "" {
			// The field opens its code's "- " line: the next field's line
			// moves up to take its place.
			if i+2 >= len(m.Content) || m.Content[i+2].Line-1 != last+1 || indent(d.lines[last+1]) != kb {
				return nil, errLayout
			}
			return []edit{{first, last + 2, []string{prefix + d.lines[last+1][kb:]}}}, nil
		}
		lead := first
		for lead > 0 && isComment(d.lines[lead-1]) && indent(d.lines[lead-1]) == kb {
			lead--
		}
		return []edit{{lead, last + 1, nil}}, nil
	}
	if old.Line == k.Line {
		if text, ok := inline(v); ok {
			l := old.Line - 1
			line := d.lines[l]
			if isNull(old) && old.Value == "" && !tagged(old) {
				// "key:" with nothing after it: the value goes after the colon
				if at, ok := d.afterColon(k); ok && old.Line == k.Line {
					return []edit{{l, l + 1, []string{line[:at] + " " + text + line[at:]}}}, nil
				}
			} else if ve := d.valueEnd(old); ve >= 0 {
				return []edit{{l, l + 1, []string{line[:d.col(old)] + text + line[ve:]}}}, nil
			}
		}
	}
	first, last := d.region(m, i)
	kb := d.col(k)
	if kb < 0 {
		return nil, errLayout
	}
	enc := encodeField(key, v)
	out := make([]string, len(enc))
	for j, l := range enc {
		if j == 0 {
			out[j] = d.lines[first][:kb] + l
		} else {
			out[j] = spaces(kb) + l
		}
	}
	// a comment after a value that was on the key's line stays there
	if ve := d.valueEnd(old); old.Line == k.Line && ve >= 0 {
		out[0] += trailingComment(d.lines[old.Line-1][ve:])
	}
	return []edit{{first, last + 1, out}}, nil
}

// dashItem reports whether the text before byte b of line l is a block
// list's "- ", and nothing but a comment follows byte e.
func (d *doc) dashItem(l, b, e int) bool {
	line := d.lines[l]
	t := strings.TrimLeft(line[:b], " ")
	if len(t) < 2 || t[0] != '-' || strings.TrimLeft(t[1:], " \t") != "" {
		return false
	}
	rest := strings.TrimSpace(line[e:])
	return rest == "" || rest[0] == '#'
}

// appendItem returns the edit that adds text a to the list seq in place:
// after the last entry of a [...] list, or as a new "- " line below the
// last entry of a block list, like it.
func (d *doc) appendItem(seq *yaml.Node, a string) (edit, bool) {
	text, ok := inline(str(a))
	if !ok {
		return edit{}, false
	}
	if isFlow(seq) {
		if len(seq.Content) == 0 {
			l, b := seq.Line-1, d.col(seq)
			if b < 0 || b >= len(d.lines[l]) || d.lines[l][b] != '[' {
				return edit{}, false
			}
			line := d.lines[l]
			return edit{l, l + 1, []string{line[:b+1] + text + line[b+1:]}}, true
		}
		last := seq.Content[len(seq.Content)-1]
		e := d.scalarEnd(last)
		if e < 0 || isNull(last) {
			return edit{}, false
		}
		l := last.Line - 1
		line := d.lines[l]
		return edit{l, l + 1, []string{line[:e] + ", " + text + line[e:]}}, true
	}
	if len(seq.Content) == 0 {
		return edit{}, false
	}
	last := seq.Content[len(seq.Content)-1]
	e, b, l := d.scalarEnd(last), d.col(last), last.Line-1
	if e < 0 || b < 0 || isNull(last) || !d.dashItem(l, b, e) || d.boundary(last) <= l {
		return edit{}, false
	}
	return edit{l + 1, l + 1, []string{d.lines[l][:b] + text}}, true
}

// dropItem returns the edit that deletes entry i of a block list in place:
// its line, when the entry has the line to itself.
func (d *doc) dropItem(seq *yaml.Node, i int) (edit, bool) {
	if isFlow(seq) {
		return edit{}, false
	}
	item := seq.Content[i]
	e, b, l := d.scalarEnd(item), d.col(item), item.Line-1
	if e < 0 || b < 0 || !d.dashItem(l, b, e) || d.boundary(item) <= l {
		return edit{}, false
	}
	return edit{l, l + 1, nil}, true
}

// afterColon is the byte offset just past the ":" after key, when nothing
// but a comment follows it on the line.
func (d *doc) afterColon(key *yaml.Node) (int, bool) {
	e := d.scalarEnd(key)
	if e < 0 {
		return 0, false
	}
	line := d.lines[key.Line-1]
	rest := strings.TrimLeft(line[e:], " \t")
	if !strings.HasPrefix(rest, ":") {
		return 0, false
	}
	at := len(line) - len(rest) + 1
	if after := strings.TrimSpace(line[at:]); after != "" && after[0] != '#' {
		return 0, false
	}
	return at, true
}

// keyOnly reports whether key is alone on its line: "children:" with at
// most a comment after it.
func (d *doc) keyOnly(key *yaml.Node) bool {
	b := d.col(key)
	_, ok := d.afterColon(key)
	return ok && b >= 0 && strings.TrimSpace(d.lines[key.Line-1][:b]) == ""
}

// cut returns the edits that take code c out of its block list, and its
// lines, to paste elsewhere. With it go the comments directly above it at
// its indentation, and one run of blank lines next to it, so that a list
// with its entries apart stays so; a parent left with no children loses
// its "children:" line.
func (d *doc) cut(c *Code) (edits []edit, block []string, dash int, err error) {
	_, key, seq := d.list(c.Parent)
	if seq == nil || seq.Kind != yaml.SequenceNode || isFlow(seq) {
		return nil, nil, 0, errLayout
	}
	idx := slices.Index(seq.Content, c.Node)
	if idx < 0 {
		return nil, nil, 0, errLayout
	}
	sp, err := d.span(c.Node)
	if err != nil {
		return nil, nil, 0, err
	}
	first, last := idx == 0, idx == len(seq.Content)-1
	from, to := sp.lead, sp.last+1
	before := from
	for before > 0 && blank(d.lines[before-1]) {
		before--
	}
	after := to
	for after < len(d.lines) && blank(d.lines[after]) {
		after++
	}
	switch {
	case last && before < from:
		from = before
	case !last && after > to && (before < from || first):
		to = after
	}
	edits = []edit{{from, to, nil}}
	if first && last {
		// The list goes: its key must be alone on its line (no tag), to
		// be left as an empty "codes:" or taken out with the list.
		if key.Line-1 >= from || !d.keyOnly(key) {
			return nil, nil, 0, errLayout
		}
		if c.Parent != nil {
			edits = append(edits, edit{key.Line - 1, key.Line, nil})
		}
	}
	return edits, slices.Clone(d.lines[sp.lead : sp.last+1]), sp.dash, nil
}

// paste returns the edits that append a block of lines, an entry of a
// block list whose "-" is at column dash, to the codes under parent (nil
// for the top level): after its last child, at its children's indentation,
// with a blank line before it when its children are set apart by blank
// lines; under a new "children:" line when it has none.
func (d *doc) paste(parent *Code, block []string, dash int) ([]edit, error) {
	owner, key, seq := d.list(parent)
	if owner == nil || isFlow(owner) {
		return nil, errLayout
	}
	switch {
	case seq == nil:
		kc := d.col(owner)
		at := len(d.lines)
		name := "codes"
		if parent != nil {
			sp, err := d.span(parent.Node)
			if err != nil {
				return nil, err
			}
			at, name = sp.last+1, "children"
		} else {
			for at > 0 && blank(d.lines[at-1]) {
				at--
			}
		}
		moved, err := d.reindent(block, dash, kc+d.listIndent())
		if err != nil {
			return nil, err
		}
		return []edit{{at, at, append([]string{spaces(kc) + name + ":"}, moved...)}}, nil
	case seq.Kind == yaml.SequenceNode && !isFlow(seq) && len(seq.Content) > 0:
		firstSp, err := d.span(seq.Content[0])
		if err != nil {
			return nil, err
		}
		lastSp, err := d.span(seq.Content[len(seq.Content)-1])
		if err != nil {
			return nil, err
		}
		moved, err := d.reindent(block, dash, firstSp.dash)
		if err != nil {
			return nil, err
		}
		var lines []string
		if n := len(seq.Content); n >= 2 {
			if prev, err := d.span(seq.Content[n-2]); err == nil {
				for l := prev.last + 1; l < lastSp.lead; l++ {
					if blank(d.lines[l]) {
						lines = append(lines, "")
						break
					}
				}
			}
		}
		at := lastSp.last + 1
		return []edit{{at, at, append(lines, moved...)}}, nil
	case isNull(seq) || seq.Kind == yaml.SequenceNode && len(seq.Content) == 0:
		// "children:", "children: ~" or "children: []": the list starts
		// on the next line
		kl := key.Line - 1
		if seq.Line-1 != kl {
			return nil, errLayout
		}
		line := d.lines[kl]
		if !(isNull(seq) && seq.Value == "" && d.keyOnly(key)) {
			vb, ve := d.col(seq), d.valueEnd(seq)
			if vb < 0 || ve < 0 {
				return nil, errLayout
			}
			rest := strings.TrimSpace(line[ve:])
			if rest != "" && rest[0] != '#' {
				return nil, errLayout
			}
			line = strings.TrimRight(line[:vb], " \t") + trailingComment(line[ve:])
		}
		moved, err := d.reindent(block, dash, d.col(key)+d.listIndent())
		if err != nil {
			return nil, err
		}
		return []edit{{kl, kl + 1, append([]string{line}, moved...)}}, nil
	}
	return nil, errLayout
}
