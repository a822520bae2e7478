package corpus

import (
	"math/bits"

	"github.com/qdatool/qda/codebook"
)

// This file holds the counting rules of DESIGN.md, in one place: stats,
// excerpts, the codebook views and the exports all count through it.

// Measure names, in the order tables show them.
var MeasureNames = []string{"references", "transcripts", "participants", "lines", "words", "presence"}

// Resolver resolves the code references of codings files to codes,
// remembering each answer: a study uses a few dozen codes many thousand times.
type Resolver struct {
	cb    *codebook.Codebook
	cache map[string]*codebook.Code
}

// NewResolver resolves against cb.
func NewResolver(cb *codebook.Codebook) *Resolver {
	return &Resolver{cb: cb, cache: map[string]*codebook.Code{}}
}

// Code returns the code ref names, or nil when it names none or is
// ambiguous (check reports those; counting leaves them out).
func (r *Resolver) Code(ref string) *codebook.Code {
	if c, ok := r.cache[ref]; ok {
		return c
	}
	c, _, err := r.cb.Resolve(ref)
	if err != nil {
		c = nil
	}
	r.cache[ref] = c
	return c
}

// Canon returns ref's canonical path, or ref as it is when it names no
// code: the form AddCoding and RemoveCoding compare codes in.
func (r *Resolver) Canon(ref string) string {
	if c := r.Code(ref); c != nil {
		return c.Path
	}
	return ref
}

// Coverage is, for one transcript, the set of lines each code covers: the
// lines that any of the given coders coded with that code or one of its
// descendants. Blank lines and lines outside the transcript are never
// covered. Since a code's set is the union over coders, segments and
// descendants, overlaps, two coders on one passage and parent roll-ups
// never count twice.
type Coverage struct {
	T     *Transcript
	lines map[*codebook.Code][]bool
}

// Cover computes the coverage of every code in t from the codings given.
func Cover(t *Transcript, codings []*Codings, r *Resolver) *Coverage {
	cov := &Coverage{T: t, lines: map[*codebook.Code][]bool{}}
	n := t.Len()
	for _, c := range codings {
		for i := range c.Segments {
			s := &c.Segments[i]
			start, end := max(s.Lines.Start, 1), min(s.Lines.End, n)
			if start > end {
				continue
			}
			for _, ref := range s.Codes {
				for code := r.Code(ref); code != nil; code = code.Parent {
					set := cov.lines[code]
					if set == nil {
						set = make([]bool, n)
						cov.lines[code] = set
					}
					for l := start; l <= end; l++ {
						if !t.Lines[l-1].Blank {
							set[l-1] = true
						}
					}
				}
			}
		}
	}
	return cov
}

// Covered returns the lines code covers, indexed from line 1 at [0]; nil
// when it covers none.
func (c *Coverage) Covered(code *codebook.Code) []bool { return c.lines[code] }

// References returns code's references: maximal runs of covered lines with
// no uncovered non-blank line between them. A blank line neither counts
// as covered nor breaks a run, so a question and its answer coded as one
// segment are one reference. Each range runs from the first covered line
// to the last.
func (c *Coverage) References(code *codebook.Code) []Range {
	set := c.lines[code]
	var refs []Range
	open := false
	for i, covered := range set {
		switch {
		case covered && open:
			refs[len(refs)-1].End = i + 1
		case covered:
			refs = append(refs, Range{i + 1, i + 1})
			open = true
		case !c.T.Lines[i].Blank:
			open = false
		}
	}
	return refs
}

// Measures are the counts of one cell: a code in a group of transcripts.
type Measures struct {
	References   int `json:"references"`
	Transcripts  int `json:"transcripts"`
	Participants int `json:"participants"`
	Lines        int `json:"lines"`
	Words        int `json:"words"`
	Presence     int `json:"presence"`
}

// Get returns the measure called name (see MeasureNames).
func (m Measures) Get(name string) (int, bool) {
	switch name {
	case "references":
		return m.References, true
	case "transcripts":
		return m.Transcripts, true
	case "participants":
		return m.Participants, true
	case "lines":
		return m.Lines, true
	case "words":
		return m.Words, true
	case "presence":
		return m.Presence, true
	}
	return 0, false
}

// Measure counts code in this one transcript. Participants is left to
// the Tally, which knows whose transcripts it has seen.
func (c *Coverage) Measure(code *codebook.Code) Measures {
	set := c.lines[code]
	var m Measures
	for i, covered := range set {
		if covered {
			m.Lines++
			m.Words += c.T.Words(i + 1)
		}
	}
	if m.Lines == 0 {
		return Measures{}
	}
	m.References = len(c.References(code))
	m.Transcripts, m.Presence = 1, 1
	return m
}

// Codes returns the codes that cover any line, in no particular order.
func (c *Coverage) Codes() []*codebook.Code {
	codes := make([]*codebook.Code, 0, len(c.lines))
	for code := range c.lines {
		codes = append(codes, code)
	}
	return codes
}

// Tally adds up Measures per code and group (a participant, a transcript,
// an attribute value, a coder, or "" for everything) over many transcripts.
type Tally struct {
	cells map[tallyKey]*tallyCell
	// participant numbers each participant once for the whole tally, so a
	// cell holds a bitset rather than a set of names: memory stays at one
	// bit per participant per cell however large the study.
	participant map[string]int
}

type tallyKey struct {
	code  *codebook.Code
	group string
}

type tallyCell struct {
	m Measures
	// participants is a bitset over Tally.participant numbers, its
	// first word standing for numbers from 64*base: a cell of one
	// participant, as a matrix by participant has thousands of, then
	// takes one word rather than one bit for every participant before.
	participants []uint64
	base         int
}

// NewTally returns an empty tally.
func NewTally() *Tally {
	return &Tally{cells: map[tallyKey]*tallyCell{}, participant: map[string]int{}}
}

// Add counts one transcript's measures m for code in group; participant is
// the transcript's participant, so participants are counted distinct.
func (t *Tally) Add(code *codebook.Code, group, participant string, m Measures) {
	if m.Lines == 0 {
		return
	}
	k := tallyKey{code, group}
	cell := t.cells[k]
	if cell == nil {
		cell = &tallyCell{}
		t.cells[k] = cell
	}
	cell.m.References += m.References
	cell.m.Transcripts += m.Transcripts
	cell.m.Lines += m.Lines
	cell.m.Words += m.Words
	if participant != "" {
		n, ok := t.participant[participant]
		if !ok {
			n = len(t.participant)
			t.participant[participant] = n
		}
		w := n / 64
		if len(cell.participants) == 0 {
			cell.base = w
		}
		if w < cell.base {
			cell.participants = append(make([]uint64, cell.base-w), cell.participants...)
			cell.base = w
		}
		for len(cell.participants) <= w-cell.base {
			cell.participants = append(cell.participants, 0)
		}
		cell.participants[w-cell.base] |= 1 << (n % 64)
	}
}

// AddCoverage adds every code of cov to group.
func (t *Tally) AddCoverage(cov *Coverage, group, participant string) {
	for code := range cov.lines {
		t.Add(code, group, participant, cov.Measure(code))
	}
}

// Get returns the measures of code in group. Presence is 1 when the code
// covers any line of the group's transcripts.
func (t *Tally) Get(code *codebook.Code, group string) Measures {
	cell := t.cells[tallyKey{code, group}]
	if cell == nil {
		return Measures{}
	}
	m := cell.m
	for _, w := range cell.participants {
		m.Participants += bits.OnesCount64(w)
	}
	if m.Lines > 0 {
		m.Presence = 1
	}
	return m
}
