package refi

import (
	"errors"
	"fmt"
	"strings"

	"github.com/qdatool/qda/codebook"
)

// MergeReport says what merging a .qdc changed.
type MergeReport struct {
	Added   []string // paths of the codes added
	Matched int      // codes the study has already
	// Former lists the matched codes found by a former path (an alias),
	// as "confidence/travel is mobility/travel now".
	Former []string
	// Filled lists the fields of matched codes that the study left empty
	// and the .qdc gave: "referral: description, color".
	Filled []string
	// Conflicts are the differences left as they were, one line each: the
	// study's codebook wins, since nothing is deleted or overwritten.
	Conflicts []string
	// Duplicates lists the codes the .qdc gives more than once (siblings
	// of one name, or two that match one code of the study): each is
	// taken as the first, one line each.
	Duplicates []string
	// NotCarried lists what a codebook cannot hold: the .qdc's sets.
	NotCarried []string
}

// MergeCodebook adds the codes of f that the codebook (cb, parsed from
// src) lacks, as surgical edits of src so its comments and layout stay.
// A code matches an existing one by GUID (qda's GUIDs for the study
// called title) or by path. Nothing is deleted or overwritten. The codes
// are matched first and added after, all those under one code of the
// study in one rewrite, so the time grows with the codebooks' size, not
// its square.
func MergeCodebook(cb *codebook.Codebook, src []byte, f *CodebookFile, title string) ([]byte, *MergeReport, error) {
	m := &merger{cb: cb, src: src, ids: NewGUIDs(title), rep: &MergeReport{}, byGUID: map[string]string{},
		seen: map[string]bool{}, groups: map[string]*newCode{}, byPath: map[string]*newCode{},
		first: map[string]given{}, fills: map[string]codebook.Fields{}}
	m.aliases = map[string]bool{}
	for _, c := range cb.All() {
		m.byGUID[m.ids.Of("code", c.Path)] = c.Path
		for _, a := range c.Aliases {
			m.aliases[a] = true
		}
	}
	if err := m.codes(f.Codes.Codes, "", nil); err != nil {
		return nil, nil, err
	}
	if f.Sets != nil {
		for _, set := range f.Sets.Items {
			m.rep.NotCarried = append(m.rep.NotCarried, fmt.Sprintf("set %q: qda has no sets", set.Name))
		}
	}
	// f is not used from here on, so the file's codes can go while the
	// codebook is rewritten and read back.
	if err := m.add(); err != nil {
		return nil, nil, err
	}
	return m.src, m.rep, nil
}

type merger struct {
	cb     *codebook.Codebook
	src    []byte
	ids    GUIDs
	rep    *MergeReport
	byGUID map[string]string
	// seen holds the paths the .qdc's codes have matched or will add, to
	// tell a code the file gives twice from one the study has.
	seen map[string]bool
	// groups are the codes to add under each code of the study ("" for
	// the top level), in order of first appearance.
	groups map[string]*newCode
	order  []string
	added  []*newCode // in the order the file gives them, for the report
	byPath map[string]*newCode
	// first holds what the .qdc gives first for each path it matched or
	// adds, to tell what a later copy gives differently.
	first map[string]given
	// fills are the fields to give matched codes, by path, and filled
	// their names in the order found, for the report.
	fills  map[string]codebook.Fields
	filled []fillNote
	// aliases are the study's aliases, for telling a path no alias can
	// lead to without resolving it: a failed resolve looks for the
	// nearest names among every code, which for a code at a time grew
	// with the square of their number.
	aliases map[string]bool
}

// former resolves a path the study's codebook does not have through its
// aliases, or returns nil.
func (m *merger) former(path string) *codebook.Code {
	segs := strings.Split(path, "/")
	for k := range segs {
		if m.aliases[segs[k]] || m.aliases[strings.Join(segs[:k+1], "/")] {
			c, _, err := m.cb.Resolve(path)
			if err != nil {
				return nil
			}
			return c
		}
	}
	return nil
}

// given is what the .qdc gives of a code's fields.
type given struct {
	f     fields
	color string
}

type fillNote struct{ path, names string }

// again reports the fields a code the .qdc gives again gives otherwise
// than the first time, as conflicts: the first is taken.
func (m *merger) again(name, path string, g given) {
	first, ok := m.first[path]
	if !ok {
		return
	}
	for _, v := range []struct{ field, first, again string }{
		{"label", first.f.label, g.f.label}, {"description", first.f.description, g.f.description},
		{"include", first.f.include, g.f.include}, {"exclude", first.f.exclude, g.f.exclude},
		{"color", first.color, g.color}, {"memo", first.f.memo, g.f.memo},
		{"examples", strings.Join(first.f.examples, "; "), strings.Join(g.f.examples, "; ")},
		{"patterns", strings.Join(first.f.patterns, "; "), strings.Join(g.f.patterns, "; ")},
	} {
		if v.again != "" && v.again != v.first {
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("code %s: the .qdc gives it again (%q) with the %s %q, where it first gave %q; kept the first", path, name, v.field, clip(v.again), clip(v.first)))
		}
	}
}

// newCode is a code to add, with the codes to add under it.
type newCode struct {
	path     string
	code     codebook.NewCode
	children []*newCode
	err      error // why it could not be added, once tried
}

func (n *newCode) tree() codebook.NewCode {
	c := n.code
	c.Children = nil
	for _, k := range n.children {
		c.Children = append(c.Children, k.tree())
	}
	return c
}

// codes matches codes, under the study's code at parent, or under a code
// to be added (under, when not nil).
func (m *merger) codes(codes []Code, parent string, under *newCode) error {
	for _, c := range codes {
		f := undescribe(c.Name, c.Description)
		color := normColor(c.Color)
		path := join(parent, f.name)
		if f.name != "" && m.seen[path] {
			m.rep.Duplicates = append(m.rep.Duplicates, fmt.Sprintf("code %q is %s, which the .qdc gives before; taken as one code", c.Name, path))
			m.again(c.Name, path, given{f, color})
			if err := m.codes(c.Codes, path, m.pending(path)); err != nil {
				return err
			}
			continue
		}
		var have *codebook.Code
		if under == nil {
			if p, ok := m.byGUID[guidKey(c.GUID)]; ok {
				have = m.cb.Lookup(p)
			}
			if have == nil && f.name != "" {
				have = m.cb.Lookup(path)
				if have == nil {
					// Renamed, moved or merged since the .qdc was written: the
					// alias the refactoring left still names the code, and
					// adding the old path again would clash with it.
					if c := m.former(path); c != nil {
						have = c
						m.rep.Former = append(m.rep.Former, fmt.Sprintf("%s is %s now", path, c.Path))
					}
				}
			}
		}
		if have != nil {
			if m.seen[have.Path] {
				m.rep.Duplicates = append(m.rep.Duplicates, fmt.Sprintf("code %q is %s, which the .qdc gives before; taken as one code", c.Name, have.Path))
				m.again(c.Name, have.Path, given{f, color})
			} else {
				m.rep.Matched++
				m.first[have.Path] = given{f, color}
				m.fill(have, f, color)
			}
			m.seen[have.Path] = true
			if err := m.codes(c.Codes, have.Path, nil); err != nil {
				return err
			}
			continue
		}
		if f.name == "" {
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("code %q: its name has no letters or digits qda can use; left out with the codes below it", c.Name))
			continue
		}
		fs := codebook.Fields{}
		set := func(p **string, v string) {
			if v != "" {
				*p = &v
			}
		}
		set(&fs.Label, f.label)
		set(&fs.Description, f.description)
		set(&fs.Include, f.include)
		set(&fs.Exclude, f.exclude)
		set(&fs.Color, color)
		set(&fs.Memo, f.memo)
		if len(f.examples) > 0 {
			fs.Examples = &f.examples
		}
		if len(f.patterns) > 0 {
			fs.Patterns = &f.patterns
		}
		if strings.TrimSpace(c.IsCodable) == "false" {
			category := "false" // a category of the tool that wrote it
			fs.Codable = &category
		}
		n := &newCode{path: path, code: codebook.NewCode{Name: f.name, Fields: fs}}
		m.seen[path] = true
		m.first[path] = given{f, color}
		m.added = append(m.added, n)
		m.byPath[path] = n
		if under != nil {
			under.children = append(under.children, n)
		} else {
			g := m.groups[parent]
			if g == nil {
				g = &newCode{path: parent}
				m.groups[parent] = g
				m.order = append(m.order, parent)
			}
			g.children = append(g.children, n)
		}
		if err := m.codes(c.Codes, path, n); err != nil {
			return err
		}
	}
	return nil
}

// pending is the code to be added at path, or nil for one the study has.
func (m *merger) pending(path string) *newCode { return m.byPath[path] }

// add adds the new codes and fills in the matched ones in one rewrite. A
// group that cannot be added is a conflict for each of its codes, a fill
// that cannot be made one for its code.
func (m *merger) add() error {
	var groups []codebook.Group
	for _, parent := range m.order {
		g := codebook.Group{Parent: parent}
		for _, k := range m.groups[parent].children {
			g.Codes = append(g.Codes, k.tree())
		}
		groups = append(groups, g)
	}
	if len(groups) == 0 && len(m.fills) == 0 {
		return nil
	}
	b, err := codebook.AddAndFill(m.cb, m.src, groups, m.fills)
	if err != nil {
		var ce *codebook.CheckError
		if errors.As(err, &ce) {
			return fmt.Errorf("merging the .qdc's codes: %w", err)
		}
		return err
	}
	m.src = b.Data
	for i, err := range b.GroupErrs {
		if err != nil {
			for _, k := range m.groups[m.order[i]].children {
				k.fail(err)
			}
		}
	}
	for _, n := range m.added {
		switch {
		case n.err == nil:
			m.rep.Added = append(m.rep.Added, n.path)
		case n.err != errParentLeftOut:
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("code %s: cannot add it: %v; left out with the codes below it", n.path, n.err))
		}
	}
	for _, f := range m.filled {
		if err := b.FillErrs[f.path]; err != nil {
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("code %s: cannot add its %s: %v", f.path, f.names, err))
			continue
		}
		m.rep.Filled = append(m.rep.Filled, f.path+": "+f.names)
	}
	return nil
}

var errParentLeftOut = errors.New("the code above it is left out")

func (n *newCode) fail(err error) {
	n.err = err
	for _, k := range n.children {
		k.fail(errParentLeftOut)
	}
}

// fill notes the fields a matched code lacks and the .qdc has, for add
// to give it; a field both give differently is a conflict, and the
// study's stays.
func (m *merger) fill(c *codebook.Code, f fields, color string) {
	var fs codebook.Fields
	var filled []string
	for _, v := range []struct {
		name         string
		have, theirs string
		set          **string
	}{
		{"label", c.Label, f.label, &fs.Label}, {"description", c.Description, f.description, &fs.Description},
		{"include", c.Include, f.include, &fs.Include}, {"exclude", c.Exclude, f.exclude, &fs.Exclude},
		{"color", strings.ToLower(c.Color), color, &fs.Color},
	} {
		switch {
		case v.theirs == "" || v.have == v.theirs:
		case v.have == "":
			*v.set = &v.theirs
			filled = append(filled, v.name)
		default:
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("code %s: the .qdc's %s %q differs from the study's %q; kept the study's", c.Path, v.name, clip(v.theirs), clip(v.have)))
		}
	}
	if len(filled) > 0 {
		m.fills[c.Path] = fs
		m.filled = append(m.filled, fillNote{c.Path, strings.Join(filled, ", ")})
	}
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 50 {
		return string(r[:47]) + "..."
	}
	return s
}
