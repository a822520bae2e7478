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
	sc, err := NewStatsCounter(ix, cb, opt)
	if err != nil {
		return nil, err
	}
	scan := opt.Scan
	scan.Attrs = []string{}
	if opt.By != "" {
		scan.Attrs = []string{opt.By}
	}
	if err := s.Scan(ix, scan, func(it *Item) error { sc.Add(it, nil); return nil }); err != nil {
		return nil, err
	}
	return sc.Result(), nil
}

// StatsCounter counts what Stats counts one transcript at a time, so that
// a caller reading the study once for several counts (qda report: the
// matrix, these, the agreement) gets Stats' numbers without another pass.
type StatsCounter struct {
	cb           *codebook.Codebook
	opt          StatsOptions
	res          *Resolver
	tally        *Tally
	coders       []string
	coderStats   map[string]*CoderStats
	groups       map[string]bool
	participants map[string]bool
	out          *StatsResult
}

// NewStatsCounter starts counting Stats with opt. Its Add takes the
// transcripts a Scan with opt.Scan yields, in its order.
func NewStatsCounter(ix *Index, cb *codebook.Codebook, opt StatsOptions) (*StatsCounter, error) {
	if opt.By != "" {
		if err := ix.CheckAttribute(opt.By); err != nil {
			return nil, err
		}
	}
	sc := &StatsCounter{cb: cb, opt: opt, res: NewResolver(cb), tally: NewTally(), coders: opt.Scan.Coders,
		groups: map[string]bool{}, participants: map[string]bool{}, out: &StatsResult{}}
	if sc.coders == nil {
		sc.coders = ix.Coders
	}
	sc.coderStats = make(map[string]*CoderStats, len(sc.coders))
	for _, c := range sc.coders {
		sc.coderStats[c] = &CoderStats{Coder: c}
	}
	return sc, nil
}

// Add counts one transcript. cov, when not nil, is its coverage by all
// of its codings (Cover(it.Transcript, it.Codings, ...) with the same
// codebook), which a caller that has it need not have counted twice.
func (sc *StatsCounter) Add(it *Item, cov *Coverage) {
	sc.out.Transcripts++
	sc.participants[it.Participant] = true
	if cov == nil {
		cov = Cover(it.Transcript, it.Codings, sc.res)
	}
	sc.tally.AddCoverage(cov, "", it.Participant)
	if sc.opt.By != "" {
		g := GroupValue(it.Attrs, sc.opt.By)
		sc.groups[g] = true
		sc.tally.AddCoverage(cov, "by\x00"+g, it.Participant)
	}
	for _, c := range it.Codings {
		cs := sc.coderStats[c.Coder]
		if cs == nil {
			continue // a coder Stats was not asked about
		}
		one := Cover(it.Transcript, []*Codings{c}, sc.res)
		sc.tally.AddCoverage(one, "coder\x00"+c.Coder, it.Participant)
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
}

// Result is what the transcripts added count.
func (sc *StatsCounter) Result() *StatsResult {
	out, opt := sc.out, sc.opt
	out.Participants = len(sc.participants)
	for g := range sc.groups {
		out.Groups = append(out.Groups, g)
	}
	slices.Sort(out.Groups)
	for _, c := range sc.coders {
		out.Coders = append(out.Coders, *sc.coderStats[c])
	}
	sc.cb.Walk(func(code *codebook.Code) bool {
		if opt.Depth > 0 && code.Depth() > opt.Depth {
			return false
		}
		cs := CodeStats{Code: code, Total: sc.tally.Get(code, ""), ByCoder: map[string]Measures{}}
		if opt.By != "" {
			cs.By = map[string]Measures{}
			for _, g := range out.Groups {
				cs.By[g] = sc.tally.Get(code, "by\x00"+g)
			}
		}
		for _, c := range sc.coders {
			cs.ByCoder[c] = sc.tally.Get(code, "coder\x00"+c)
		}
		out.Codes = append(out.Codes, cs)
		return true
	})
	return out
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
