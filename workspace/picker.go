package workspace

import (
	"slices"
	"strings"

	"github.com/qdatool/qda/codebook"
)

// Entry is a code the picker offers.
type Entry struct {
	Path        string // "" is the top level, in a parent picker
	Label       string
	Description string
	Include     string
	Exclude     string
	Aliases     []string
	Depth       int
	name, text  string // lower-cased: the leaf and path, and everything the filter reads
}

// Picker filters the codebook as the user types and holds the codes
// chosen so far, to apply several at once.
type Picker struct {
	Entries []Entry
	Query   string
	Shown   []int // indexes into Entries, best match first
	Cursor  int   // index into Shown
	Chosen  []string
}

// NewPicker offers the codes that can be applied: every code but the
// categories ('codable: false').
func NewPicker(cb *codebook.Codebook) *Picker {
	return newPicker(cb, false)
}

// NewParentPicker offers where a new code may go: the top level, then
// every code, categories included.
func NewParentPicker(cb *codebook.Codebook) *Picker {
	return newPicker(cb, true)
}

func newPicker(cb *codebook.Codebook, parents bool) *Picker {
	p := &Picker{}
	if parents {
		p.Entries = append(p.Entries, Entry{Label: "(top level)", name: "top level", text: "top level"})
	}
	cb.Walk(func(c *codebook.Code) bool {
		if c.NotCodable && !parents {
			return true
		}
		e := Entry{Path: c.Path, Label: c.Label, Description: c.Description, Include: c.Include,
			Exclude: c.Exclude, Aliases: c.Aliases, Depth: c.Depth()}
		e.name = strings.ToLower(c.Name)
		e.text = strings.ToLower(strings.Join(append([]string{c.Path, c.Label, c.Description}, c.Aliases...), "\n"))
		p.Entries = append(p.Entries, e)
		return true
	})
	p.SetQuery("")
	return p
}

// SetQuery filters the entries: an entry matches when every word of q is
// in its path, label, description or aliases, in any case. Entries whose
// name or path starts with q come first, then those whose path or label
// holds it, then the rest, each group in codebook order.
func (p *Picker) SetQuery(q string) {
	p.Query = q
	lq := strings.ToLower(strings.TrimSpace(q))
	words := strings.Fields(lq)
	type ranked struct{ i, rank int }
	var rs []ranked
	for i := range p.Entries {
		e := &p.Entries[i]
		if !matchAll(e.text, words) {
			continue
		}
		rank := 2
		path := strings.ToLower(e.Path)
		switch {
		case lq == "":
			rank = 0
		case strings.HasPrefix(e.name, lq) || strings.HasPrefix(path, lq):
			rank = 0
		case strings.Contains(path, lq) || strings.Contains(strings.ToLower(e.Label), lq):
			rank = 1
		}
		rs = append(rs, ranked{i, rank})
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return a.rank - b.rank })
	p.Shown = p.Shown[:0]
	for _, r := range rs {
		p.Shown = append(p.Shown, r.i)
	}
	p.Cursor = 0
}

// Current is the entry under the cursor.
func (p *Picker) Current() (*Entry, bool) {
	if p.Cursor < 0 || p.Cursor >= len(p.Shown) {
		return nil, false
	}
	return &p.Entries[p.Shown[p.Cursor]], true
}

// Move moves the cursor by delta rows.
func (p *Picker) Move(delta int) {
	p.Cursor = max(0, min(p.Cursor+delta, len(p.Shown)-1))
}

// Toggle adds the entry under the cursor to the codes chosen, or takes it
// off.
func (p *Picker) Toggle() {
	e, ok := p.Current()
	if !ok {
		return
	}
	if i := slices.Index(p.Chosen, e.Path); i >= 0 {
		p.Chosen = slices.Delete(p.Chosen, i, i+1)
		return
	}
	p.Chosen = append(p.Chosen, e.Path)
}

// IsChosen reports whether path is among the codes chosen.
func (p *Picker) IsChosen(path string) bool { return slices.Contains(p.Chosen, path) }

// Picked is what Enter applies: the codes chosen, or else the one under
// the cursor.
func (p *Picker) Picked() []string {
	if len(p.Chosen) > 0 {
		return slices.Clone(p.Chosen)
	}
	if e, ok := p.Current(); ok {
		return []string{e.Path}
	}
	return nil
}

// Reset clears the query and the codes chosen, for the next pick.
func (p *Picker) Reset() {
	p.Chosen = nil
	p.SetQuery("")
}

// IsNew reports whether the query names no code, so the picker offers to
// make one: no entry's path, name, label or alias is the query.
func (p *Picker) IsNew() bool {
	q := strings.ToLower(strings.TrimSpace(p.Query))
	if q == "" {
		return false
	}
	for _, e := range p.Entries {
		if strings.ToLower(e.Path) == q || e.name == q || strings.ToLower(e.Label) == q {
			return false
		}
		for _, a := range e.Aliases {
			if strings.ToLower(a) == q {
				return false
			}
		}
	}
	return true
}
