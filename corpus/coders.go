package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/internal/diag"
)

// A study declares its coders in qda.yaml, as it declares its codes in
// codebook.yaml:
//
//	coders:
//	  jt: {name: Jill Thompson, email: jill@example.org}
//	  eh: Emma Hughes
//	  auto: {name: qda autocode, machine: true}
//
// Who writes is then one of them: --coder and $QDA_CODER must name one,
// and a git identity is mapped through the list (by email, then name), so
// that forgetting --coder never makes one person two coders ("jt" and
// "jill-thompson"), which would change every agreement figure. A study
// without the list works as before: any valid name codes, and a new coder
// is said once, when their folder is made.

// Coder is one declared coder.
type Coder struct {
	ID    string
	Name  string
	Email string
	// Git is another name or email git may give for this coder.
	Git string
	// Machine marks a coder that is a program (autocode, an assistant):
	// left out of agreement between people unless named.
	Machine bool
	Line    int
}

// Matches reports whether a git identity (user.name, user.email) is c.
func (c Coder) Matches(name, email string) bool {
	eq := func(a, b string) bool {
		return a != "" && b != "" && strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
	}
	return eq(c.Email, email) || eq(c.Git, email) || eq(c.Name, name) || eq(c.Git, name)
}

// parseCoders reads the coders mapping of qda.yaml.
func parseCoders(file string, v *yaml.Node) ([]Coder, diag.List) {
	if v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "") {
		return nil, nil // 'coders:' with none yet
	}
	if v.Kind != yaml.MappingNode {
		return nil, diag.List{diag.Errorf(file, v.Line, "coders must be a mapping of coder id to name, e.g. 'jt: Jill Thompson'")}
	}
	var out []Coder
	var fs diag.List
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		c := Coder{ID: k.Value, Line: k.Line}
		if !ValidName(c.ID) {
			fs = append(fs, diag.Errorf(file, k.Line, "coder id %q is not a name: lowercase letters, digits, '-' and '_'", c.ID).
				WithHint("use %q", Slug(c.ID)))
			continue
		}
		if slices.ContainsFunc(out, func(o Coder) bool { return o.ID == c.ID }) {
			fs = append(fs, diag.Errorf(file, k.Line, "coder %q is declared twice", c.ID))
			continue
		}
		switch val.Kind {
		case yaml.ScalarNode:
			c.Name = val.Value
		case yaml.MappingNode:
			for j := 0; j+1 < len(val.Content); j += 2 {
				fk, fv := val.Content[j], val.Content[j+1]
				if fv.Kind != yaml.ScalarNode {
					fs = append(fs, diag.Errorf(file, fv.Line, "coder %s: %s must be a single value", c.ID, fk.Value))
					continue
				}
				switch fk.Value {
				case "name":
					c.Name = fv.Value
				case "email":
					c.Email = fv.Value
				case "git":
					c.Git = fv.Value
				case "machine":
					c.Machine = fv.Value == "true"
				default:
					fs = append(fs, diag.Warnf(file, fk.Line, "coder %s: unknown field %q", c.ID, fk.Value).
						WithHint("a coder has name, email, git and machine"))
				}
			}
		default:
			fs = append(fs, diag.Errorf(file, val.Line, "coder %s: give a name, or {name: ..., email: ...}", c.ID))
			continue
		}
		out = append(out, c)
	}
	return out, fs
}

// Coder returns the declared coder id.
//
// The list is held to once it names a person; HasCoders alone (coders:
// with only machine coders, or none) keeps a study working as before.
func (c Config) Coder(id string) (Coder, bool) {
	i := slices.IndexFunc(c.Coders, func(k Coder) bool { return k.ID == id })
	if i < 0 {
		return Coder{}, false
	}
	return c.Coders[i], true
}

// CoderIDs lists the declared coders' ids in the order of qda.yaml.
func (c Config) CoderIDs() []string {
	ids := make([]string, len(c.Coders))
	for i, k := range c.Coders {
		ids[i] = k.ID
	}
	return ids
}

// Declares reports whether the study declares its people: a list that
// names only machine coders (autocode's, written before anyone declared
// the team) does not yet hold anyone to it.
func (c Config) Declares() bool {
	return slices.ContainsFunc(c.Coders, func(k Coder) bool { return !k.Machine })
}

// Machine reports whether coder id is declared a machine coder.
func (c Config) Machine(id string) bool {
	k, ok := c.Coder(id)
	return ok && k.Machine
}

// People are the coders of coders that are not declared machine coders,
// in their order: whom agreement compares when no coder is named ('qda
// agree', the report, the assistant's agreement tool), as a machine
// coder is compared with people only when named.
func (c Config) People(coders []string) []string {
	var out []string
	for _, id := range coders {
		if !c.Machine(id) {
			out = append(out, id)
		}
	}
	return out
}

// Identity is who is writing, as the command line, the environment and
// git say it.
type Identity struct {
	Explicit string // --coder or $QDA_CODER
	From     string // which of them, for messages
	GitName  string
	GitEmail string
}

// ErrUndeclared is wrapped by the error of a writer who is not one of the
// study's declared coders.
var ErrUndeclared = errors.New("not one of the study's coders")

// ResolveCoder says which coder id writes. With declared coders, an
// explicit id must be one of them and a git identity is mapped through
// them; without, an explicit id is taken as it is and a git user name
// made a slug, as before coders were declared.
func (c Config) ResolveCoder(who Identity) (string, error) {
	if who.Explicit != "" {
		if !ValidName(who.Explicit) {
			return "", fmt.Errorf("coder %q from %s is not a valid coder name: use lowercase letters, digits and '-', e.g. %q", who.Explicit, who.From, Slug(who.Explicit))
		}
		if c.Declares() && !slices.Contains(c.CoderIDs(), who.Explicit) {
			return "", fmt.Errorf("coder %q from %s is %w (%s)", who.Explicit, who.From, ErrUndeclared, strings.Join(c.CoderIDs(), ", "))
		}
		return who.Explicit, nil
	}
	if who.GitName == "" && who.GitEmail == "" {
		return "", errors.New("no coder: qda does not know whose codings to write")
	}
	if !c.Declares() {
		id := Slug(who.GitName)
		if !ValidName(id) {
			return "", fmt.Errorf("git user.name %q makes no coder name", who.GitName)
		}
		return id, nil
	}
	var found []string
	for _, k := range c.Coders {
		if k.Matches(who.GitName, who.GitEmail) {
			found = append(found, k.ID)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("git identity %q <%s> is %w (%s)", who.GitName, who.GitEmail, ErrUndeclared, strings.Join(c.CoderIDs(), ", "))
	}
	return "", fmt.Errorf("git identity %q <%s> matches coders %s: give --coder", who.GitName, who.GitEmail, strings.Join(found, ", "))
}

// AddCoderText adds coder k to qda.yaml's text as one line under coders:
// (made at the end when there is none), leaving every other line as it
// is, so the change is one line in a diff.
func AddCoderText(file string, data []byte, k Coder) ([]byte, error) {
	cfg, fs := ParseConfig(file, data)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	if _, ok := cfg.Coder(k.ID); ok {
		return nil, fmt.Errorf("coder %q is already declared", k.ID)
	}
	entry := "  " + k.ID + ": " + coderValue(k) + "\n"
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines[n-1] += "\n"
	}
	if cfg.codersLine == 0 {
		return []byte(strings.Join(lines, "") + "coders:\n" + entry), nil
	}
	if cfg.codersFlow {
		return nil, fmt.Errorf("%s:%d: coders is written on one line; write one coder a line under 'coders:' for qda to add to it", file, cfg.codersLine)
	}
	// After the coders block: its last line is the one before the next
	// top-level key (or the end), less blank lines and comments.
	end := len(lines)
	if cfg.codersNext > 0 {
		end = cfg.codersNext - 1
	}
	for end > cfg.codersLine && isBlankOrComment(lines[end-1]) {
		end--
	}
	out := append(append(slices.Clone(lines[:end]), entry), lines[end:]...)
	return []byte(strings.Join(out, "")), nil
}

func isBlankOrComment(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(t, "#")
}

// coderValue renders a coder's fields as YAML on one line.
func coderValue(k Coder) string {
	n := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	add := func(key, v string) {
		if v != "" {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v})
		}
	}
	add("name", k.Name)
	add("email", k.Email)
	add("git", k.Git)
	if k.Machine {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "machine"}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	if len(n.Content) == 0 {
		return "{}"
	}
	var b bytes.Buffer
	e := yaml.NewEncoder(&b)
	e.SetIndent(2)
	if err := e.Encode(n); err != nil {
		return "{}"
	}
	e.Close()
	return strings.TrimSpace(b.String())
}

// DeclareCoder adds k to qda.yaml's coders and returns who was declared
// ("auto (machine)" for a machine). When the study declares no person yet
// and k is one, the coders that already have folders are declared first,
// by their ids, so that holding the study to its list refuses no one.
func (s *Study) DeclareCoder(k Coder) ([]string, error) {
	data, err := s.ReadFile(ConfigFile)
	if err != nil {
		return nil, err
	}
	var add []Coder
	if !s.Config.Declares() && !k.Machine {
		folders, err := s.Coders()
		if err != nil {
			return nil, err
		}
		for _, c := range folders {
			if _, ok := s.Config.Coder(c); !ok && c != k.ID {
				add = append(add, Coder{ID: c})
			}
		}
	}
	add = append(add, k)
	var names []string
	for _, c := range add {
		if data, err = AddCoderText(ConfigFile, data, c); err != nil {
			return nil, err
		}
		name := c.ID
		if c.Machine {
			name += " (machine)"
		}
		names = append(names, name)
	}
	if err := s.WriteStudyFile(ConfigFile, data); err != nil {
		return nil, err
	}
	cfg, fs := ParseConfig(ConfigFile, data)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	s.Config = cfg
	return names, nil
}
