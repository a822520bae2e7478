package assistant

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// Review is a person deciding on a machine coder's proposals: a coding
// accepted goes into the person's own codings, a code accepted into the
// codebook; every decision is recorded in proposals/MACHINE/review.yaml,
// so a proposal is decided once and acceptance can be counted.
type Review struct {
	Dir      string
	Machine  string // the coder whose proposals are reviewed
	Reviewer string // the person deciding, whose codings accepted ones join
	Wait     func(corpus.Holder)
	Now      func() time.Time
}

// Proposal is one proposal waiting for a decision.
type Proposal struct {
	Kind       string // "coding" or "code"
	Transcript string
	Lines      corpus.Range
	Codes      []string // a coding's codes; a code's path
	Memo       string   // a coding's rationale and model
	Text       []Line   // a coding's lines
	Code       *ProposedCode
}

// Key identifies p in the review log.
func (p Proposal) key() string {
	lines := ""
	if p.Kind == "coding" {
		lines = p.Lines.String()
	}
	return decisionKey(p.Kind, p.Transcript, lines, p.Codes)
}

func decisionKey(kind, transcript, lines string, codes []string) string {
	cs := slices.Clone(codes)
	slices.Sort(cs)
	return kind + "\x00" + transcript + "\x00" + lines + "\x00" + strings.Join(cs, "\x00")
}

func (r *Review) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// ReviewedCoder is the machine coder whose proposals are reviewed when
// none is named: DefaultCoder when the study declares it, else the study's
// only machine coder. When there is no one answer it is "", with the
// machine coders the study declares.
func ReviewedCoder(cfg corpus.Config) (string, []string) {
	if cfg.Machine(DefaultCoder) {
		return DefaultCoder, nil
	}
	var machines []string
	for _, k := range cfg.Coders {
		if k.Machine {
			machines = append(machines, k.ID)
		}
	}
	if len(machines) == 1 {
		return machines[0], nil
	}
	return "", machines
}

// CheckCoders refuses a review that is not a person deciding on a
// machine coder's proposals.
func CheckCoders(cfg corpus.Config, machine, reviewer string) error {
	switch {
	case !corpus.ValidName(machine):
		return fmt.Errorf("coder %q is not a name", machine)
	case !cfg.Machine(machine):
		return fmt.Errorf("%s is not declared as a machine coder in %s: only an assistant's proposals are reviewed ('qda coder add %s --machine')", machine, corpus.ConfigFile, machine)
	case machine == reviewer:
		return fmt.Errorf("%s cannot review its own proposals: review as yourself ($QDA_CODER or --reviewer)", machine)
	case cfg.Machine(reviewer):
		return fmt.Errorf("%s is a machine coder: a person reviews proposals", reviewer)
	}
	return nil
}

// Pending lists the proposals not yet decided: the machine coder's
// segments (of transcript id alone, when given), then its proposed codes.
func (r *Review) Pending(id string) ([]Proposal, error) {
	st, err := corpus.Open(r.Dir)
	if err != nil {
		return nil, err
	}
	v, err := load(st)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	log, err := ReadReviewLog(v.st, r.Machine)
	if err != nil {
		return nil, err
	}
	decided := map[string]bool{}
	for _, d := range log {
		decided[decisionKey(d.Kind, d.Transcript, d.Lines, d.Codes)] = true
	}
	var ids []string
	if id != "" {
		if _, err := v.transcript(id); err != nil {
			return nil, err
		}
		ids = []string{id}
	} else if ids, err = v.st.CodedBy(r.Machine); err != nil {
		return nil, err
	}
	var out []Proposal
	for _, tid := range ids {
		if _, ok := v.ix.Transcripts.Lookup(tid); !ok {
			continue // check reports codings of a transcript the study lacks
		}
		cs, err := v.st.ReadCodings(r.Machine, tid)
		if err != nil {
			return nil, err
		}
		if cs == nil {
			continue
		}
		t, err := v.st.ReadTranscript(tid)
		if err != nil {
			return nil, err
		}
		for _, seg := range cs.Segments {
			p := Proposal{Kind: "coding", Transcript: tid, Lines: seg.Lines, Codes: seg.Codes, Memo: seg.Memo}
			if decided[p.key()] {
				continue
			}
			p.Text = excerptLines(t, seg.Lines, clip)
			out = append(out, p)
		}
	}
	if id != "" {
		return out, nil
	}
	codes, err := ReadProposedCodes(v.st, r.Machine)
	if err != nil {
		return nil, err
	}
	for i := range codes {
		p := Proposal{Kind: "code", Codes: []string{codes[i].Path}, Code: &codes[i]}
		if !decided[p.key()] {
			out = append(out, p)
		}
	}
	return out, nil
}

// Accept takes p into the reviewer's work: a coding into their codings
// file (on lines and codes when given, changed from the proposal's), a
// code into the codebook (at path codes[0] when given). The decision is
// recorded with note.
func (r *Review) Accept(p Proposal, lines string, codes []string, note string) (*Decision, error) {
	v, err := r.openWrite()
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	d := r.decision(p, Accepted, note)
	if p.Kind == "coding" {
		if err := r.acceptCoding(v, p, lines, codes, &d); err != nil {
			return nil, err
		}
	} else {
		if err := r.acceptCode(v, p, codes, &d); err != nil {
			return nil, err
		}
	}
	return &d, r.record(v, d)
}

func (r *Review) acceptCoding(v *view, p Proposal, lines string, codes []string, d *Decision) error {
	t, err := v.transcript(p.Transcript)
	if err != nil {
		return err
	}
	rg := p.Lines
	if lines != "" {
		if rg, err = corpus.ParseRange(lines); err != nil {
			return err
		}
	}
	if rg.End > t.Len() {
		return fmt.Errorf("lines %s are outside %s, which has %d lines", rg, corpus.TranscriptFile(t.ID), t.Len())
	}
	if rg, err = trim(t, rg); err != nil {
		return err
	}
	if len(codes) == 0 {
		codes = p.Codes
	}
	resolved, err := v.codes(codes)
	if err != nil {
		return err
	}
	var paths []string
	for _, c := range resolved {
		if !slices.Contains(paths, c.Path) {
			paths = append(paths, c.Path)
		}
	}
	proposed, _ := v.codes(p.Codes)
	var was []string
	for _, c := range proposed {
		was = append(was, c.Path)
	}
	if rg != p.Lines || !sameSet(paths, was) {
		d.Decision, d.AcceptedLines, d.AcceptedCodes = Changed, rg.String(), paths
	}
	cs, err := v.st.ReadCodings(r.Reviewer, t.ID)
	if err != nil {
		return err
	}
	if cs == nil || cs.None {
		cs = &corpus.Codings{Coder: r.Reviewer, Transcript: t.ID, File: corpus.CodingsFile(r.Reviewer, t.ID)}
	}
	segs, changed := corpus.AddCoding(cs.Segments, t, rg, paths, "", corpus.NewResolver(v.cb).Canon)
	if !changed {
		return nil // the reviewer had coded it already: only the decision is new
	}
	cs.Segments = segs
	return v.st.WriteCodings(cs)
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func (r *Review) acceptCode(v *view, p Proposal, codes []string, d *Decision) error {
	if p.Code == nil {
		return errors.New("not a proposed code")
	}
	path := p.Code.Path
	if len(codes) > 0 && codes[0] != path {
		path = codes[0]
		d.Decision, d.AcceptedCodes = Changed, []string{path}
	}
	src, err := v.st.ReadFile(corpus.CodebookFile)
	if err != nil {
		return err
	}
	rw, err := codebook.Add(v.cb, src, path, p.Code.fields())
	if err != nil {
		return err
	}
	return v.st.WriteStudyFile(corpus.CodebookFile, rw.Data)
}

// Reject records that the reviewer rejected p; nothing else changes.
func (r *Review) Reject(p Proposal, note string) (*Decision, error) {
	v, err := r.openWrite()
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	d := r.decision(p, Rejected, note)
	return &d, r.record(v, d)
}

// decision is the reviewer's decision on p, dated today, before an
// acceptance's changes are filled in.
func (r *Review) decision(p Proposal, decision, note string) Decision {
	d := Decision{Kind: p.Kind, Transcript: p.Transcript, Codes: p.Codes, Decision: decision, Reviewer: r.Reviewer,
		Date: r.now().Format("2006-01-02"), Note: oneLine(note)}
	if p.Kind == "coding" {
		d.Lines = p.Lines.String()
	}
	return d
}

func (r *Review) openWrite() (*view, error) {
	st, err := corpus.OpenWrite(r.Dir, r.Wait)
	if err != nil {
		return nil, err
	}
	v, err := load(st)
	if err != nil {
		return nil, err
	}
	if err := CheckCoders(v.st.Config, r.Machine, r.Reviewer); err != nil {
		v.st.Close()
		return nil, err
	}
	return v, nil
}

// record appends d to the review log, unless the same proposal was
// decided meanwhile (a second reviewer): the first decision stands.
func (r *Review) record(v *view, d Decision) error {
	log, err := ReadReviewLog(v.st, r.Machine)
	if err != nil {
		return err
	}
	k := decisionKey(d.Kind, d.Transcript, d.Lines, d.Codes)
	if slices.ContainsFunc(log, func(o Decision) bool { return decisionKey(o.Kind, o.Transcript, o.Lines, o.Codes) == k }) {
		return fmt.Errorf("this proposal was decided meanwhile; see %s", corpus.ReviewLogFile(r.Machine))
	}
	return writeList(v.st, corpus.ReviewLogFile(r.Machine), reviewLogHeader, append(log, d))
}

// CodeAcceptance is how a machine coder's proposals of one code fared.
type CodeAcceptance struct {
	Code     string  `json:"code"`
	Proposed int     `json:"proposed"`
	Accepted int     `json:"accepted" jsonschema:"accepted as proposed"`
	Changed  int     `json:"changed" jsonschema:"accepted with other lines, or kept among changed codes"`
	Rejected int     `json:"rejected" jsonschema:"rejected, or dropped when the codes were changed"`
	Rate     float64 `json:"acceptance_rate" jsonschema:"(accepted + changed) / proposed"`
}

// ReviewStats are acceptance rates per code, and how many proposals wait.
type ReviewStats struct {
	Coder         string           `json:"coder"`
	Codes         []CodeAcceptance `json:"codes"`
	Total         CodeAcceptance   `json:"total"`
	CodesProposed int              `json:"codes_proposed"`
	CodesAccepted int              `json:"codes_accepted"`
	Pending       int              `json:"pending"`
}

// Stats counts the review log: for each code a coding proposed, how
// often it was accepted, accepted with changes, or rejected.
func (r *Review) Stats() (*ReviewStats, error) {
	pending, err := r.Pending("")
	if err != nil {
		return nil, err
	}
	st, err := corpus.Open(r.Dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	log, err := ReadReviewLog(st, r.Machine)
	if err != nil {
		return nil, err
	}
	out := &ReviewStats{Coder: r.Machine, Codes: []CodeAcceptance{}, Total: CodeAcceptance{Code: "(all codes)"}, Pending: len(pending)}
	by := map[string]*CodeAcceptance{}
	for _, d := range log {
		if d.Kind == "code" {
			out.CodesProposed++
			if d.Decision != Rejected {
				out.CodesAccepted++
			}
			continue
		}
		for _, c := range d.Codes {
			ca := by[c]
			if ca == nil {
				ca = &CodeAcceptance{Code: c}
				by[c] = ca
			}
			for _, x := range []*CodeAcceptance{ca, &out.Total} {
				x.Proposed++
				switch {
				case d.Decision == Accepted:
					x.Accepted++
				case d.Decision == Changed && slices.Contains(d.AcceptedCodes, c):
					x.Changed++
				default:
					x.Rejected++
				}
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(by)) {
		out.Codes = append(out.Codes, *by[k])
	}
	for i := range out.Codes {
		out.Codes[i].Rate = rate(out.Codes[i])
	}
	out.Total.Rate = rate(out.Total)
	return out, nil
}

func rate(c CodeAcceptance) float64 {
	if c.Proposed == 0 {
		return 0
	}
	return float64(c.Accepted+c.Changed) / float64(c.Proposed)
}
