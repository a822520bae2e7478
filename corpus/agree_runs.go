package corpus

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/internal/agreement"
)

// extend adds unit u, on which the coders disagree as values says, to the
// last run when it follows it with no other text line between and the
// same coders coded; otherwise it starts a new run.
func (a *agreeItem) extend(runs []*Disagreement, last, u unit, values []int, code *codebook.Code) []*Disagreement {
	var coded, not []string
	for c, v := range values {
		switch v {
		case 1:
			coded = append(coded, a.opt.Coders[c])
		case 0:
			not = append(not, a.opt.Coders[c])
		}
	}
	if n := len(runs); n > 0 && runs[n-1].Lines.End == last.end && slices.Equal(runs[n-1].Coded, coded) && a.onlyBlank(last.end+1, u.start-1) {
		runs[n-1].Lines.End = u.end
		return runs
	}
	return append(runs, &Disagreement{Transcript: a.it.ID, Lines: Range{u.start, u.end}, Code: code, Coded: coded, NotCoded: not, T: a.it.Transcript})
}

// listed reports whether a disagreement on u is listed: not when all of
// u is the interviewer's speech, unless every speaker's is wanted.
func (a *agreeItem) listed(u unit) bool {
	if a.opt.AllSpeakers {
		return true
	}
	for l := u.start; l <= u.end; l++ {
		if line := a.it.Transcript.Lines[l-1]; !line.Blank && !IsInterviewer(line.Speaker) {
			return true
		}
	}
	return false
}

// dropAncestors keeps one disagreement per passage: a code's run is left
// out when one of its descendants has the same run (the same lines, the
// same coders on each side), as the roll-up makes every ancestor of a
// code that differs differ too.
func dropAncestors(ds []*Disagreement) []*Disagreement {
	key := func(d *Disagreement) string {
		return fmt.Sprint(d.Lines, d.Coded, d.NotCoded)
	}
	byRun := map[string][]*Disagreement{}
	for _, d := range ds {
		byRun[key(d)] = append(byRun[key(d)], d)
	}
	return slices.DeleteFunc(ds, func(d *Disagreement) bool {
		for _, e := range byRun[key(d)] {
			if strings.HasPrefix(e.Code.Path, d.Code.Path+"/") {
				return true
			}
		}
		return false
	})
}

// onlyBlank reports whether lines from..to hold no text.
func (a *agreeItem) onlyBlank(from, to int) bool {
	for l := from; l <= to; l++ {
		if !a.it.Transcript.Lines[l-1].Blank {
			return false
		}
	}
	return true
}

// lineRuns cuts the transcript's disagreement about code into runs of
// lines, for the transcript unit: the unit is the whole text, the runs
// are where to look.
func (a *agreeItem) lineRuns(code *codebook.Code) []*Disagreement {
	var runs []*Disagreement
	var last unit
	values := make([]int, len(a.cov))
	for i, ok := range a.eligible {
		if !ok {
			continue
		}
		u := unit{i + 1, i + 1}
		yes, no := false, false
		for c := range values {
			values[c] = a.base[c]
			if values[c] == agreement.Missing {
				continue
			}
			if a.yes(c, code, u) {
				values[c] = 1
			}
			yes = yes || values[c] == 1
			no = no || values[c] == 0
		}
		differ := yes && no
		if differ && a.listed(u) {
			runs = a.extend(runs, last, u, values, code)
			last = u
		}
	}
	return runs
}

// fill sets each disagreement's Codes: what every coder coded on its lines.
func (a *agreeItem) fill(ds []*Disagreement) {
	for _, d := range ds {
		d.Codes = map[string][]string{}
		for c, coder := range a.opt.Coders {
			if !a.present[c] {
				continue // did not code the transcript: not part of it
			}
			for _, code := range a.opt.Codes {
				if a.yes(c, code, unit{d.Lines.Start, d.Lines.End}) {
					d.Codes[coder] = append(d.Codes[coder], code.Path)
				}
			}
		}
	}
}
