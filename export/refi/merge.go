package refi

import (
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
	// NotCarried lists what a codebook cannot hold: the .qdc's sets.
	NotCarried []string
}

// MergeCodebook adds the codes of f that the codebook (cb, parsed from
// src) lacks, as surgical edits of src so its comments and layout stay.
// A code matches an existing one by GUID (qda's GUIDs for the study
// called title) or by path. Nothing is deleted or overwritten.
func MergeCodebook(cb *codebook.Codebook, src []byte, f *CodebookFile, title string) ([]byte, *MergeReport, error) {
	m := &merger{cb: cb, src: src, ids: NewGUIDs(title), rep: &MergeReport{}, byGUID: map[string]string{}}
	for _, c := range cb.All() {
		m.byGUID[m.ids.Of("code", c.Path)] = c.Path
	}
	if err := m.codes(f.Codes.Codes, ""); err != nil {
		return nil, nil, err
	}
	if f.Sets != nil {
		for _, set := range f.Sets.Items {
			m.rep.NotCarried = append(m.rep.NotCarried, fmt.Sprintf("set %q: qda has no sets", set.Name))
		}
	}
	return m.src, m.rep, nil
}

type merger struct {
	cb     *codebook.Codebook
	src    []byte
	ids    GUIDs
	rep    *MergeReport
	byGUID map[string]string
}

func (m *merger) codes(codes []Code, parent string) error {
	for _, c := range codes {
		f := undescribe(c.Name, c.Description)
		color := normColor(c.Color)
		var have *codebook.Code
		if p, ok := m.byGUID[guidKey(c.GUID)]; ok {
			have = m.cb.Lookup(p)
		}
		if have == nil && f.name != "" {
			have = m.cb.Lookup(join(parent, f.name))
			if have == nil {
				// Renamed, moved or merged since the .qdc was written: the
				// alias the refactoring left still names the code, and
				// adding the old path again would clash with it.
				if c, _, err := m.cb.Resolve(join(parent, f.name)); err == nil {
					have = c
					m.rep.Former = append(m.rep.Former, fmt.Sprintf("%s is %s now", join(parent, f.name), c.Path))
				}
			}
		}
		if have != nil {
			m.rep.Matched++
			if err := m.fill(have, f, color); err != nil {
				return err
			}
			if err := m.codes(c.Codes, have.Path); err != nil {
				return err
			}
			continue
		}
		if f.name == "" {
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("code %q: its name has no letters or digits qda can use; left out with the codes below it", c.Name))
			continue
		}
		path := join(parent, f.name)
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
		rw, err := codebook.Add(m.cb, m.src, path, fs)
		if err != nil {
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("code %q: cannot add %s: %v; left out with the codes below it", c.Name, path, err))
			continue
		}
		nb, findings := codebook.Parse(m.cb.File, rw.Data)
		if err := findings.Err(); err != nil {
			return fmt.Errorf("adding %s: %w", path, err)
		}
		m.cb, m.src = nb, rw.Data
		m.rep.Added = append(m.rep.Added, path)
		if err := m.codes(c.Codes, path); err != nil {
			return err
		}
	}
	return nil
}

// fill gives a matched code the fields it lacks and the .qdc has; a
// field both give differently is a conflict, and the study's stays.
func (m *merger) fill(c *codebook.Code, f fields, color string) error {
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
	if len(filled) == 0 {
		return nil
	}
	rw, err := codebook.Edit(m.cb, m.src, c.Path, fs)
	if err != nil {
		m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("code %s: cannot add its %s: %v", c.Path, strings.Join(filled, ", "), err))
		return nil
	}
	nb, findings := codebook.Parse(m.cb.File, rw.Data)
	if err := findings.Err(); err != nil {
		return fmt.Errorf("filling in %s: %w", c.Path, err)
	}
	m.cb, m.src = nb, rw.Data
	m.rep.Filled = append(m.rep.Filled, c.Path+": "+strings.Join(filled, ", "))
	return nil
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 50 {
		return string(r[:47]) + "..."
	}
	return s
}
