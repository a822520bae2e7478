package export

import (
	"fmt"
	"slices"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// CrosstabOptions choose a crosstab: codes down, the values of By across.
type CrosstabOptions struct {
	Scan corpus.ScanOptions
	By   string
	// Measure is "participants" (how many of the group's participants a
	// code covers) or "references".
	Measure string
	Depth   int
	Codes   []*codebook.Code
}

// CrosstabMeasures are the measures a crosstab offers.
var CrosstabMeasures = []string{"participants", "references"}

// Crosstab counts codes by the values of an attribute, with column
// percentages: of the group's participants (participants), or of the
// group's references to the themes (references). Its first row is the
// base of each percentage.
func Crosstab(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt CrosstabOptions, progress func()) (*Table, error) {
	if err := ix.CheckAttribute(opt.By); err != nil {
		return nil, err
	}
	if opt.Measure != "participants" && opt.Measure != "references" {
		return nil, fmt.Errorf("unknown crosstab measure %q: use participants or references", opt.Measure)
	}
	res := corpus.NewResolver(cb)
	tally := corpus.NewTally()
	members := map[string]map[string]bool{}
	var groups []string
	const all = "\x00all"
	err := s.Scan(ix, opt.Scan, func(it *corpus.Item) error {
		g := corpus.GroupValue(it.Attrs, opt.By)
		if members[g] == nil {
			members[g] = map[string]bool{}
			groups = append(groups, g)
		}
		if members[all] == nil {
			members[all] = map[string]bool{}
		}
		members[g][it.Participant] = true
		members[all][it.Participant] = true
		cov := corpus.Cover(it.Transcript, it.Codings, res)
		tally.AddCoverage(cov, g, it.Participant)
		tally.AddCoverage(cov, all, it.Participant)
		if progress != nil {
			progress()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(groups) // as qda stats orders its groups
	cols := append(groups, all)
	// The column of every transcript is "all", unless a group has that
	// value: two columns of one name would be one key in JSON, and a
	// reader could not tell them apart.
	allName := "all"
	for slices.Contains(groups, allName) {
		allName = "(" + allName + ")"
	}
	name := func(g string) string {
		if g == all {
			return allName
		}
		return g
	}
	t := &Table{Title: fmt.Sprintf("%s by %s", opt.Measure, opt.By), Header: []string{"code", "label"}}
	for _, g := range cols {
		t.Header = append(t.Header, name(g), name(g)+" %")
	}
	base := make([]int, len(cols))
	baseRow := []Cell{Text("n"), Text("participants in the group")}
	if opt.Measure == "references" {
		baseRow[1] = Text("references to the themes in the group")
	}
	for i, g := range cols {
		if opt.Measure == "participants" {
			base[i] = len(members[g])
		} else {
			for _, theme := range cb.Codes {
				base[i] += tally.Get(theme, g).References
			}
		}
		baseRow = append(baseRow, Int(base[i]), NoNumber())
	}
	t.Row(baseRow...)
	for _, code := range Columns(cb, opt.Depth, opt.Codes) {
		row := []Cell{Text(code.Path), Text(code.DisplayLabel())}
		for i, g := range cols {
			v, _ := tally.Get(code, g).Get(opt.Measure)
			row = append(row, Int(v), Percent(v, base[i]))
		}
		t.Row(row...)
	}
	return t, nil
}
