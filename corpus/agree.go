package corpus

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/internal/agreement"
)

// The units agreement is measured on.
const (
	UnitLine       = "line"
	UnitTurn       = "turn"
	UnitTranscript = "transcript"
)

// UnitNames lists the units, the default first.
var UnitNames = []string{UnitLine, UnitTurn, UnitTranscript}

// AgreeOptions choose what Agree compares.
type AgreeOptions struct {
	Coders []string // two or more
	// Codes are compared each rolled up from its descendants: a coder
	// says yes for a code on a unit when they coded it or any descendant.
	Codes           []*codebook.Code
	Unit            string // UnitLine when empty
	ParticipantOnly bool   // only the participant's speech (Line.ByParticipant)
	// AllSpeakers lists disagreements on the interviewer's lines too;
	// they count in the figures either way, but a meeting reconciles
	// what the participant said.
	AllSpeakers bool
	Filters     []Filter
	// OnDisagreement, when set, is called with every disagreement, in
	// transcript order, then by first line, then in the order of Codes.
	OnDisagreement func(*Disagreement) error
}

// AgreeResult holds the agreement of each code and of all pooled. Each
// table has one category per answer: 0 no, 1 yes; a coder without a
// codings file for a transcript gives its units no value (Missing).
type AgreeResult struct {
	Coders  []string
	Codes   []CodeAgreement
	Overall *agreement.Table
	// Transcripts were compared: two chosen coders or more have a codings
	// file for each. Complete of them have one of every chosen coder
	// (Fleiss' kappa rests on those). Skipped passed the filters but have
	// one chosen coder's file or none.
	Transcripts, Complete, Skipped int
	// PairTranscripts counts, for each pair of coders in the order of
	// agreement.Table's pairs ((0,1), (0,2), ..., (1,2), ...), the
	// transcripts both coded; CoderTranscripts, each coder's.
	PairTranscripts  []int
	CoderTranscripts []int
}

// CodeAgreement is one code's table.
type CodeAgreement struct {
	Code  *codebook.Code
	Table *agreement.Table
}

// Disagreement is a maximal run of units on which the coders disagree the
// same way about one code: the same coders coded it throughout.
type Disagreement struct {
	Transcript string
	Lines      Range
	Code       *codebook.Code
	Coded      []string // the coders who coded Code here
	NotCoded   []string
	// Codes holds, for each coder, the compared codes they put on any of
	// these lines, so a meeting sees what the others coded instead.
	Codes map[string][]string
	T     *Transcript
}

// unit is a range of lines judged as one; only its eligible lines count.
type unit struct{ start, end int }

// Agree measures how far the chosen coders agree on each code over every
// transcript that two of them or more have a codings file for: a coder
// who did not code a transcript gives its units no value, so each pair's
// figures rest on the transcripts that pair shares, alpha on every unit
// two coders rated, and Fleiss' kappa on the transcripts all coded. It
// streams the transcripts and keeps only each code's sufficient
// statistics.
func (s *Study) Agree(ix *Index, cb *codebook.Codebook, opt AgreeOptions) (*AgreeResult, error) {
	ac, err := NewAgreeCounter(ix, cb, opt)
	if err != nil {
		return nil, err
	}
	only := []string{}
	for _, r := range ix.Transcripts.Rows {
		if !Match(ix.Attrs(r), opt.Filters) {
			continue
		}
		if ac.compared(r.ID) {
			only = append(only, r.ID)
		} else {
			ac.out.Skipped++
		}
	}
	if ac.out.Skipped == 0 {
		// The filters alone choose the same transcripts, and Scan need
		// not look each one up in a long list.
		only = nil
	}
	scan := ScanOptions{Coders: opt.Coders, Filters: opt.Filters, Only: only}
	if err := s.Scan(ix, scan, ac.Add); err != nil {
		return nil, err
	}
	return ac.Result(), nil
}

// AgreeCounter measures what Agree measures one transcript at a time, so
// that a caller reading the study once for several counts (qda report)
// gets Agree's figures without another pass.
type AgreeCounter struct {
	ix  *Index
	opt AgreeOptions
	res *Resolver
	out *AgreeResult
}

// NewAgreeCounter checks opt and starts measuring. Its Add takes the
// transcripts a Scan with opt.Filters yields, in its order, with the
// codings of opt.Coders at least (others' are not looked at).
func NewAgreeCounter(ix *Index, cb *codebook.Codebook, opt AgreeOptions) (*AgreeCounter, error) {
	if len(opt.Coders) < 2 {
		return nil, fmt.Errorf("agreement needs two coders or more, got %d", len(opt.Coders))
	}
	if opt.Unit == "" {
		opt.Unit = UnitLine
	}
	if !slices.Contains(UnitNames, opt.Unit) {
		return nil, fmt.Errorf("unknown unit %q: use %s", opt.Unit, strings.Join(UnitNames, ", "))
	}
	for _, f := range opt.Filters {
		if err := ix.CheckAttribute(f.Key); err != nil {
			return nil, err
		}
	}
	m := len(opt.Coders)
	out := &AgreeResult{Coders: opt.Coders, Overall: agreement.NewTable(m, 2),
		PairTranscripts: make([]int, m*(m-1)/2), CoderTranscripts: make([]int, m)}
	for _, c := range opt.Codes {
		out.Codes = append(out.Codes, CodeAgreement{c, agreement.NewTable(m, 2)})
	}
	return &AgreeCounter{ix: ix, opt: opt, res: NewResolver(cb), out: out}, nil
}

// compared reports whether transcript id is compared: two of the coders
// or more have a codings file for it.
func (ac *AgreeCounter) compared(id string) bool {
	coded := 0
	for _, c := range ac.opt.Coders {
		if ac.ix.HasCoded(c, id) {
			coded++
		}
	}
	return coded >= 2
}

// Add compares the coders on one transcript, calling OnDisagreement with
// its disagreements; a transcript fewer than two of them coded is skipped.
func (ac *AgreeCounter) Add(it *Item) error {
	if !ac.compared(it.ID) {
		ac.out.Skipped++
		return nil
	}
	out, opt := ac.out, ac.opt
	out.Transcripts++
	a := newAgreeItem(it, opt, ac.res, ac.ix)
	out.count(a.present)
	var ds []*Disagreement
	for i := range out.Codes {
		ds = append(ds, a.add(out.Codes[i].Table, i)...)
	}
	if opt.OnDisagreement == nil {
		return nil
	}
	ds = dropAncestors(ds)
	a.fill(ds)
	slices.SortStableFunc(ds, func(x, y *Disagreement) int { return x.Lines.Start - y.Lines.Start })
	for _, d := range ds {
		if err := opt.OnDisagreement(d); err != nil {
			return err
		}
	}
	return nil
}

// Result is the figures of the transcripts added.
func (ac *AgreeCounter) Result() *AgreeResult {
	out := ac.out
	for _, ca := range out.Codes {
		out.Overall.Merge(ca.Table)
	}
	return out
}

// count adds a transcript with the coders present to the counts of
// transcripts each figure rests on.
func (out *AgreeResult) count(present []bool) {
	all, p := true, 0
	for a := range present {
		all = all && present[a]
		if present[a] {
			out.CoderTranscripts[a]++
		}
		for b := a + 1; b < len(present); b++ {
			if present[a] && present[b] {
				out.PairTranscripts[p]++
			}
			p++
		}
	}
	if all {
		out.Complete++
	}
}

// agreeItem is one transcript ready for comparison: its units and each
// coder's coverage.
type agreeItem struct {
	it       *Item
	opt      *AgreeOptions
	eligible []bool
	units    []unit
	cov      []*Coverage // per chosen coder
	present  []bool      // per chosen coder: has a codings file for it
	base     []int       // per chosen coder: 0, or Missing when not present
}

func newAgreeItem(it *Item, opt AgreeOptions, res *Resolver, ix *Index) *agreeItem {
	t := it.Transcript
	a := &agreeItem{it: it, opt: &opt, eligible: make([]bool, t.Len())}
	for _, c := range opt.Coders {
		ok := ix.HasCoded(c, it.ID)
		a.present = append(a.present, ok)
		if ok {
			a.base = append(a.base, 0)
		} else {
			a.base = append(a.base, agreement.Missing)
		}
	}
	pseudonym := it.Attrs["pseudonym"]
	for i, l := range t.Lines {
		a.eligible[i] = !l.Blank && (!opt.ParticipantOnly || l.ByParticipant(it.Participant, pseudonym))
	}
	for _, c := range opt.Coders {
		var mine []*Codings
		for _, cs := range it.Codings {
			if cs.Coder == c {
				mine = append(mine, cs)
			}
		}
		// One coder's codings at a time: the counting rules' roll-up,
		// kept apart per coder.
		a.cov = append(a.cov, Cover(t, mine, res))
	}
	switch opt.Unit {
	case UnitLine:
		for i, ok := range a.eligible {
			if ok {
				a.units = append(a.units, unit{i + 1, i + 1})
			}
		}
	case UnitTurn:
		for i, l := range t.Lines {
			switch {
			case l.Blank:
			case l.TurnStart || i == 0:
				a.units = append(a.units, unit{i + 1, i + 1})
			default:
				a.units[len(a.units)-1].end = i + 1
			}
		}
		a.units = slices.DeleteFunc(a.units, func(u unit) bool { return !a.eligible[u.start-1] })
	case UnitTranscript:
		if slices.Contains(a.eligible, true) {
			a.units = []unit{{1, t.Len()}}
		}
	}
	return a
}

// yes reports whether coder c coded code on an eligible line of u.
func (a *agreeItem) yes(c int, code *codebook.Code, u unit) bool {
	set := a.cov[c].Covered(code)
	if set == nil {
		return false
	}
	for l := u.start; l <= u.end; l++ {
		if set[l-1] && a.eligible[l-1] {
			return true
		}
	}
	return false
}

// add adds the transcript's units for the code numbered ci to tb and
// returns the disagreements when they are wanted.
func (a *agreeItem) add(tb *agreement.Table, ci int) []*Disagreement {
	code := a.opt.Codes[ci]
	m := len(a.cov)
	used := false
	for _, cov := range a.cov {
		used = used || cov.Covered(code) != nil
	}
	if !used {
		tb.AddN(a.base, len(a.units))
		return nil
	}
	values := make([]int, m)
	var runs []*Disagreement
	var last unit
	nobody := 0
	for _, u := range a.units {
		some, all := false, true
		for c := range m {
			values[c] = a.base[c]
			if values[c] == agreement.Missing {
				continue
			}
			if a.yes(c, code, u) {
				values[c] = 1
			}
			some = some || values[c] == 1
			all = all && values[c] == 1
		}
		if !some {
			nobody++
			continue
		}
		tb.Add(values)
		if all || a.opt.OnDisagreement == nil {
			continue
		}
		if a.opt.Unit == UnitTranscript {
			runs = a.lineRuns(code)
			continue
		}
		if !a.listed(u) {
			continue
		}
		runs = a.extend(runs, last, u, values, code)
		last = u
	}
	tb.AddN(a.base, nobody)
	return runs
}
