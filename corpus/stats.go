package corpus

import (
	"slices"

	"github.com/qdatool/qda/codebook"
)

// StatsOptions choose what Stats counts.
type StatsOptions struct {
	Scan  ScanOptions
	By    string // an attribute to split by, or ""
	Depth int    // list codes down to this depth; 0 lists all
}

// CodeStats are one code's measures, in total, per group of By, and per coder.
type CodeStats struct {
	Code    *codebook.Code
	Total   Measures
	By      map[string]Measures
	ByCoder map[string]Measures
}

// CoderStats is how much of the transcripts a coder has coded.
type CoderStats struct {
	Coder       string `json:"coder"`
	Transcripts int    `json:"transcripts"`
	Segments    int    `json:"segments"`
	// CodedLines of TextLines: text lines of the transcripts the coder
	// has a file for that carry any code of theirs.
	CodedLines int `json:"coded_lines"`
	TextLines  int `json:"text_lines"`
}

// StatsResult is what qda stats prints.
type StatsResult struct {
	Codes        []CodeStats
	Groups       []string // the values of By, sorted
	Coders       []CoderStats
	Transcripts  int
	Participants int
}

// NoValue is the group of transcripts without a value for the attribute
// they are grouped by.
const NoValue = "(none)"

// GroupValue is the group a transcript with attrs falls in when grouped by
// attribute by: its value, or NoValue. Stats and the exports group by it,
// so their columns and rows always agree.
func GroupValue(attrs map[string]string, by string) string {
	if v := attrs[by]; v != "" {
		return v
	}
	return NoValue
}

// Stats counts every code over the transcripts opt chooses, streaming them.
func (s *Study) Stats(ix *Index, cb *codebook.Codebook, opt StatsOptions) (*StatsResult, error) {
	if opt.By != "" {
		if err := ix.CheckAttribute(opt.By); err != nil {
			return nil, err
		}
	}
	res := NewResolver(cb)
	tally := NewTally()
	coders := opt.Scan.Coders
	if coders == nil {
		coders = ix.Coders
	}
	coderStats := make(map[string]*CoderStats, len(coders))
	for _, c := range coders {
		coderStats[c] = &CoderStats{Coder: c}
	}
	groups := map[string]bool{}
	participants := map[string]bool{}
	out := &StatsResult{}
	scan := opt.Scan
	scan.Attrs = []string{}
	if opt.By != "" {
		scan.Attrs = []string{opt.By}
	}
	err := s.Scan(ix, scan, func(it *Item) error {
		out.Transcripts++
		participants[it.Participant] = true
		cov := Cover(it.Transcript, it.Codings, res)
		tally.AddCoverage(cov, "", it.Participant)
		if opt.By != "" {
			g := GroupValue(it.Attrs, opt.By)
			groups[g] = true
			tally.AddCoverage(cov, "by\x00"+g, it.Participant)
		}
		for _, c := range it.Codings {
			one := Cover(it.Transcript, []*Codings{c}, res)
			tally.AddCoverage(one, "coder\x00"+c.Coder, it.Participant)
			cs := coderStats[c.Coder]
			cs.Transcripts++
			cs.Segments += len(c.Segments)
			coded := codedLines(it.Transcript, c)
			for i, l := range it.Transcript.Lines {
				if !l.Blank {
					cs.TextLines++
					if coded[i] {
						cs.CodedLines++
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out.Participants = len(participants)
	for g := range groups {
		out.Groups = append(out.Groups, g)
	}
	slices.Sort(out.Groups)
	for _, c := range coders {
		out.Coders = append(out.Coders, *coderStats[c])
	}
	cb.Walk(func(code *codebook.Code) bool {
		if opt.Depth > 0 && code.Depth() > opt.Depth {
			return false
		}
		cs := CodeStats{Code: code, Total: tally.Get(code, ""), ByCoder: map[string]Measures{}}
		if opt.By != "" {
			cs.By = map[string]Measures{}
			for _, g := range out.Groups {
				cs.By[g] = tally.Get(code, "by\x00"+g)
			}
		}
		for _, c := range coders {
			cs.ByCoder[c] = tally.Get(code, "coder\x00"+c)
		}
		out.Codes = append(out.Codes, cs)
		return true
	})
	return out, nil
}

// codedLines marks the text lines any segment of c covers, whatever its codes.
func codedLines(t *Transcript, c *Codings) []bool {
	set := make([]bool, t.Len())
	for _, s := range c.Segments {
		for l := max(s.Lines.Start, 1); l <= min(s.Lines.End, t.Len()); l++ {
			set[l-1] = !t.Lines[l-1].Blank
		}
	}
	return set
}
