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
	// Conflicts are the differences left as they were, one line each: the
	// study's codebook wins, since nothing is deleted or overwritten.
	Conflicts []string
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
		if p, ok := m.byGUID[strings.ToLower(trimGUID(c.GUID))]; ok {
			have = m.cb.Lookup(p)
		}
		if have == nil && f.name != "" {
			have = m.cb.Lookup(join(parent, f.name))
		}
		if have != nil {
			m.rep.Matched++
			m.conflict(have, "label", have.Label, f.label)
			m.conflict(have, "description", have.Description, f.description)
			m.conflict(have, "color", strings.ToLower(have.Color), color)
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

// conflict notes a field the .qdc gives otherwise; a field the study
// leaves empty is not filled in either, so the merge only adds codes.
func (m *merger) conflict(c *codebook.Code, field, have, theirs string) {
	if theirs != "" && have != theirs {
		m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("code %s: the .qdc's %s %q differs from the study's %q; kept the study's", c.Path, field, clip(theirs), clip(have)))
	}
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 50 {
		return string(r[:47]) + "..."
	}
	return s
}
