package codebook

import (
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/lazyre"
	"gopkg.in/yaml.v3"
)

var (
	topFields  = []string{"title", "codes"}
	codeFields = []string{"name", "label", "description", "include", "exclude", "examples", "color", "aliases", "patterns", "memo", "codable", "children"}
)

// parser collects findings while it turns YAML nodes into codes.
type parser struct {
	file     string
	findings diag.List
	// lines of each code's aliases, for findings about them in validate.
	aliasLines map[*Code][]int
	colorLine  map[*Code]int
}

// Parse parses and validates a codebook; file names it in findings, which
// come sorted by line. The codebook is nil when data is not one YAML mapping
// (a syntax error, YAML aliases, an empty file); otherwise it holds every
// code that can be addressed, even when there are errors, so that a check
// can carry on.
func Parse(file string, data []byte) (*Codebook, diag.List) {
	p := &parser{
		file:       file,
		aliasLines: map[*Code][]int{},
		colorLine:  map[*Code]int{},
	}
	var cb *Codebook
	if doc := p.decode(data); doc != nil {
		cb = p.codebook(doc)
	}
	if cb != nil {
		p.validate(cb)
	}
	p.findings.Sort()
	if cb != nil {
		for _, f := range p.findings {
			if f.Severity == diag.Warning {
				cb.Warnings = append(cb.Warnings, f)
			}
		}
		cb.sum, cb.findings = sha256.Sum256(data), p.findings
	}
	return cb, p.findings
}

func (p *parser) errorf(line int, format string, args ...any) *diag.Finding {
	f := diag.Errorf(p.file, line, format, args...)
	p.findings = append(p.findings, f)
	return f
}

func (p *parser) warnf(line int, format string, args ...any) *diag.Finding {
	f := diag.Warnf(p.file, line, format, args...)
	p.findings = append(p.findings, f)
	return f
}

func (p *parser) codebook(doc *yaml.Node) *Codebook {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == 0 || isNull(root) && root.Value == "" {
		p.errorf(0, "codebook is empty").
			WithHint(`start it with "title:" and "codes:", as 'qda init' writes it`)
		return nil
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(root.Line, "the codebook must be a mapping with \"title\" and \"codes\"").
			WithHint(`start it with "title:" and "codes:", as 'qda init' writes it`)
		return nil
	}
	cb := &Codebook{File: p.file, Doc: doc}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key, ok := p.key(k, seen, "the codebook")
		if !ok {
			continue
		}
		switch key {
		case "title":
			cb.Title = p.text(k, v, "the codebook")
		case "codes":
			cb.Codes = p.codes(v, k, nil)
		default:
			p.unknownField(k, fmt.Sprintf("unknown top-level field %q", k.Value), topFields)
		}
	}
	return cb
}

// key returns the field name of a mapping key, after a finding when it
// cannot be used.
func (p *parser) key(k *yaml.Node, seen map[string]int, where string) (string, bool) {
	if k.Kind != yaml.ScalarNode {
		p.errorf(k.Line, "field names in %s must be plain text", where).
			WithHint(`write a plain field name such as "label" before the colon`)
		return "", false
	}
	if first, dup := seen[k.Value]; dup {
		p.errorf(k.Line, "field %q given twice in %s (first at line %d)", k.Value, where, first).
			WithHint("remove one of them")
		return "", false
	}
	seen[k.Value] = k.Line
	return k.Value, true
}

func (p *parser) unknownField(k *yaml.Node, msg string, known []string) {
	f := p.warnf(k.Line, "%s", msg)
	if near := closest(k.Value, known); near != "" {
		f.WithHint("did you mean %q?", near)
	} else {
		f.WithHint("known fields: %s", strings.Join(known, ", "))
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// text reads a scalar field; null reads as empty, as a template's blank
// field does.
func (p *parser) text(k, v *yaml.Node, where string) string {
	if v.Kind == yaml.ScalarNode {
		if isNull(v) {
			return ""
		}
		return v.Value
	}
	p.errorf(k.Line, "field %q of %s must be text", k.Value, where).
		WithHint("put the text in quotes")
	return ""
}

// texts reads a list-of-text field and the line of each entry.
func (p *parser) texts(k, v *yaml.Node, where string) ([]string, []int) {
	if isNull(v) {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		f := p.errorf(k.Line, "field %q of %s must be a list of text", k.Value, where)
		if v.Kind == yaml.ScalarNode {
			f.WithHint("write it as a list: %s: [%q]", k.Value, v.Value)
		}
		return nil, nil
	}
	var out []string
	var lines []int
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || isNull(item) {
			p.errorf(item.Line, "each entry of %q in %s must be text", k.Value, where).
				WithHint("put the text in quotes")
			continue
		}
		out = append(out, item.Value)
		lines = append(lines, item.Line)
	}
	return out, lines
}

// codes reads a list of codes under parent (nil for the top level), leaving
// out the codes that cannot be addressed and second codes of the same name.
func (p *parser) codes(v, k *yaml.Node, parent *Code) []*Code {
	if isNull(v) {
		return nil
	}
	where := "the codebook"
	if parent != nil {
		where = fmt.Sprintf("code %q", parent.Path)
	}
	if v.Kind != yaml.SequenceNode {
		p.errorf(k.Line, "field %q of %s must be a list of codes", k.Value, where).
			WithHint(`start each code with "- name: ..."`)
		return nil
	}
	var out []*Code
	first := map[string]*Code{}
	for _, item := range v.Content {
		c := p.code(item, parent)
		if c == nil {
			continue
		}
		if prev := first[c.Name]; prev != nil {
			p.errorf(c.Line, "duplicate code %q (first defined at line %d)", c.Path, prev.Line).
				WithHint("rename one of them, or move what is under the second into the first")
			continue
		}
		first[c.Name] = c
		out = append(out, c)
	}
	return out
}

// code reads one code mapping, or returns nil after a finding when the code
// has no usable name and so no path.
func (p *parser) code(n *yaml.Node, parent *Code) *Code {
	if n.Kind != yaml.MappingNode {
		p.errorf(n.Line, "each code must be a mapping with a \"name\" field").
			WithHint(`start each code with "- name: ..."`)
		return nil
	}
	c := &Code{Parent: parent, Line: n.Line, Node: n}
	if !p.name(c, n) {
		return nil
	}
	if parent != nil {
		c.Path = parent.Path + "/" + c.Name
	} else {
		c.Path = c.Name
	}
	where := fmt.Sprintf("code %q", c.Path)
	seen := map[string]int{}
	var children, childrenKey *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key, ok := p.key(k, seen, where)
		if !ok {
			continue
		}
		switch key {
		case "name":
			// read by p.name, so that findings about other fields can name the code
		case "label":
			c.Label = p.text(k, v, where)
		case "description":
			c.Description = p.text(k, v, where)
		case "include":
			c.Include = p.text(k, v, where)
		case "exclude":
			c.Exclude = p.text(k, v, where)
		case "memo":
			c.Memo = p.text(k, v, where)
		case "color":
			c.Color = p.text(k, v, where)
			p.colorLine[c] = k.Line
			p.unquotedColor(c, k, v)
		case "examples":
			c.Examples, _ = p.texts(k, v, where)
		case "patterns":
			c.Patterns, _ = p.texts(k, v, where)
		case "codable":
			switch t := p.text(k, v, where); t {
			case "true", "false":
				c.NotCodable = t == "false"
			default:
				p.errorf(v.Line, "codable in %s must be true or false, not %q", where, t)
			}
		case "aliases":
			c.Aliases, p.aliasLines[c] = p.texts(k, v, where)
		case "children":
			children, childrenKey = v, k
		default:
			p.unknownField(k, fmt.Sprintf("unknown field %q in %s", k.Value, where), codeFields)
		}
	}
	if children != nil {
		c.Children = p.codes(children, childrenKey, c)
	}
	return c
}

// name reads the code's name. A name that is merely not a slug is an error
// but the code is kept, so that references to it still resolve and one
// mistake does not cascade into many; a name that cannot be a path segment
// drops the code.
func (p *parser) name(c *Code, n *yaml.Node) bool {
	var k, v *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Kind == yaml.ScalarNode && n.Content[i].Value == "name" {
			k, v = n.Content[i], n.Content[i+1]
			break
		}
	}
	if v != nil && v.Kind != yaml.ScalarNode {
		p.errorf(k.Line, "the name of a code must be text").
			WithHint("write a short slug such as \"daily-tasks\"")
		return false
	}
	if v == nil || isNull(v) || v.Value == "" {
		line := n.Line
		if k != nil {
			line = k.Line
		}
		f := p.errorf(line, "code has no name")
		if s := Slugify(labelOf(n)); s != "" {
			f.WithHint("add \"name: %s\"", s)
		} else {
			f.WithHint("add a \"name:\" field with a short slug such as \"daily-tasks\"")
		}
		return false
	}
	c.Name = v.Value
	if IsSlug(c.Name) {
		return true
	}
	f := p.errorf(k.Line, "code name %q is not a slug", c.Name)
	if s := Slugify(c.Name); s != "" {
		f.WithHint("use lowercase letters, digits and single hyphens, e.g. %q", s)
	} else {
		f.WithHint("use lowercase letters, digits and single hyphens")
	}
	return !strings.Contains(c.Name, "/") && c.Name == strings.TrimSpace(c.Name)
}

func labelOf(n *yaml.Node) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == "label" && v.Kind == yaml.ScalarNode {
			return v.Value
		}
	}
	return ""
}

var hexColorRE = lazyre.New(`^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?\b`)

// unquotedColor catches `color: #4e79a7`, which YAML reads as an empty value
// followed by a comment.
func (p *parser) unquotedColor(c *Code, k, v *yaml.Node) {
	if !isNull(v) || v.Value != "" {
		return
	}
	for _, comment := range []string{v.LineComment, k.LineComment} {
		if m := hexColorRE().FindString(comment); m != "" {
			p.warnf(k.Line, "color of code %q is empty: an unquoted \"#\" starts a YAML comment", c.Path).
				WithHint("quote it: color: \"%s\"", m)
			return
		}
	}
}
