package corpus

import (
	"slices"

	"github.com/qdatool/qda/codebook"
)

// extend adds unit u, on which the coders disagree as values says, to the
// last run when it follows it with no other text line between and the
// same coders coded; otherwise it starts a new run.
func (a *agreeItem) extend(runs []*Disagreement, last, u unit, values []int, code *codebook.Code) []*Disagreement {
	var coded, not []string
	for c, v := range values {
		if v == 1 {
			coded = append(coded, a.opt.Coders[c])
		} else {
			not = append(not, a.opt.Coders[c])
		}
	}
	if n := len(runs); n > 0 && runs[n-1].Lines.End == last.end && slices.Equal(runs[n-1].Coded, coded) && a.onlyBlank(last.end+1, u.start-1) {
		runs[n-1].Lines.End = u.end
		return runs
	}
	return append(runs, &Disagreement{Transcript: a.it.ID, Lines: Range{u.start, u.end}, Code: code, Coded: coded, NotCoded: not, T: a.it.Transcript})
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
		differ := false
		for c := range values {
			values[c] = 0
			if a.yes(c, code, u) {
				values[c] = 1
			}
			differ = differ || values[c] != values[0]
		}
		if differ {
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
			for _, code := range a.opt.Codes {
				if a.yes(c, code, unit{d.Lines.Start, d.Lines.End}) {
					d.Codes[coder] = append(d.Codes[coder], code.Path)
				}
			}
		}
	}
}
