package codebook

import (
	"strings"
)

// validate checks what spans more than one field, colors and aliases, and
// builds the indexes that Lookup and Resolve use.
func (p *parser) validate(cb *Codebook) {
	cb.byPath = map[string]*Code{}
	p.checkSiblings(cb.Codes)
	cb.Walk(func(c *Code) bool {
		cb.byPath[c.Path] = c
		p.checkSiblings(c.Children)
		p.checkColor(c)
		return true
	})
	cb.fullAlias = p.fullAliases(cb)
}

func (p *parser) checkColor(c *Code) {
	if c.Color != "" && !validColour(c.Color) {
		p.warnf(p.colorLine[c], "color %q of code %q is not a hex color", c.Color, c.Path).
			WithHint(`write it as "#rgb" or "#rrggbb", e.g. "#4e79a7"`)
	}
}

type aliasAt struct {
	code *Code
	line int
}

// checkSiblings checks the simple aliases of one group of siblings: each
// must pick out one code among them, or resolution would have to guess.
func (p *parser) checkSiblings(group []*Code) {
	names := map[string]*Code{}
	for _, c := range group {
		names[c.Name] = c
	}
	seen := map[string]aliasAt{}
	for _, c := range group {
		for i, a := range c.Aliases {
			if strings.Contains(a, "/") {
				continue
			}
			line := p.aliasLines[c][i]
			switch {
			case !IsSlug(a):
				f := p.errorf(line, "alias %q of code %q is not a slug", a, c.Path)
				if s := Slugify(a); s != "" {
					f.WithHint("use lowercase letters, digits and single hyphens, e.g. %q", s)
				} else {
					f.WithHint("use lowercase letters, digits and single hyphens")
				}
				continue
			case a == c.Name:
				p.warnf(line, "alias %q of code %q repeats its name", a, c.Path).
					WithHint("remove the alias")
				continue
			case names[a] != nil:
				p.errorf(line, "alias %q of code %q is ambiguous: it is also the name of %q", a, c.Path, names[a].Path).
					WithHint("remove the alias, or rename one of the codes")
			}
			prev, dup := seen[a]
			switch {
			case !dup:
				seen[a] = aliasAt{c, line}
			case prev.code == c:
				p.warnf(line, "alias %q of code %q is listed twice", a, c.Path).
					WithHint("remove one of them")
			default:
				p.errorf(line, "alias %q of code %q is ambiguous: %q has the same alias (line %d)", a, c.Path, prev.code.Path, prev.line).
					WithHint("keep the alias on one code only")
			}
		}
	}
}

// fullAliases checks the full-path aliases and indexes the usable ones. A
// full-path alias is a former path, so it must not be a current one, and
// must lead to one code only.
func (p *parser) fullAliases(cb *Codebook) map[string]*Code {
	index := map[string]aliasAt{}
	cb.Walk(func(c *Code) bool {
		for i, a := range c.Aliases {
			if !strings.Contains(a, "/") {
				continue
			}
			line := p.aliasLines[c][i]
			prev, dup := index[a]
			switch {
			case !slugPath(a):
				f := p.errorf(line, "alias %q of code %q is not a path of slugs", a, c.Path)
				if s := slugifyPath(a); strings.Contains(s, "/") {
					f.WithHint("write it as %q", s)
				} else {
					f.WithHint(`write a former path as names joined by "/", e.g. "confidence/travel"`)
				}
			case cb.byPath[a] == c:
				p.errorf(line, "alias %q of code %q is its own path", a, c.Path).
					WithHint("remove the alias")
			case cb.byPath[a] != nil:
				p.errorf(line, "alias %q of code %q is the path of another code", a, c.Path).
					WithHint("remove the alias, or rename the code %q", a)
			case dup && prev.code == c:
				p.warnf(line, "alias %q of code %q is listed twice", a, c.Path).
					WithHint("remove one of them")
			case dup:
				p.errorf(line, "alias %q of code %q is ambiguous: %q has the same alias (line %d)", a, c.Path, prev.code.Path, prev.line).
					WithHint("keep the alias on one code only")
			default:
				index[a] = aliasAt{c, line}
			}
		}
		return true
	})
	out := make(map[string]*Code, len(index))
	for a, at := range index {
		out[a] = at.code
	}
	return out
}

func validColour(s string) bool {
	_, ok := ParseColour(s)
	return ok
}
