package export

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/agreement"
)

// Agreement is the report of qda agree: one row per code, the pooled row,
// and the disagreements, in the shape both the terminal and the export
// files print. Its JSON field names are stable.
type Agreement struct {
	Coders  []string `json:"coders"`
	Unit    string   `json:"unit"`
	Speaker string   `json:"speaker"`
	Kappa   string   `json:"kappa"` // "cohen" for two coders, "fleiss" for more
	// Transcripts were compared (coded by two chosen coders or more);
	// Complete of them were coded by every chosen coder, the ones Fleiss'
	// kappa rests on; Skipped passed the filters but were coded by one
	// chosen coder or none. CoderTranscripts gives each coder's count.
	Transcripts      int            `json:"transcripts"`
	Complete         int            `json:"complete_transcripts"`
	Skipped          int            `json:"skipped"`
	CoderTranscripts map[string]int `json:"coder_transcripts"`
	// Pairs lists the coder pairs of each row's Pairs, in order.
	Pairs         [][2]string             `json:"pairs"`
	Codes         []AgreementRow          `json:"codes"`
	Overall       AgreementRow            `json:"overall"`
	Disagreements []AgreementDisagreement `json:"disagreements"`
	Filters       map[string][]string     `json:"where,omitempty"`
	// Found counts every disagreement, when Disagreements holds only the
	// first few.
	Found int `json:"-"`

	pairTranscripts []int // per pair, in the order of Pairs
	// spill holds further disagreements, listed after Disagreements by
	// the export writers (see Spill).
	spill *DisagreementSpill
}

// AgreementRow is one code's agreement (or, with Path "", the pool of all).
type AgreementRow struct {
	Path      string         `json:"path,omitempty"`
	Label     string         `json:"label,omitempty"`
	Depth     int            `json:"depth,omitempty"`
	Units     int            `json:"units"`
	Marked    map[string]int `json:"marked"`
	Agreement Stat           `json:"agreement"`
	// Specific is positive specific agreement: of the pairs of answers on
	// a unit with one of them yes, the share with both yes.
	Specific Stat `json:"specific"`
	Kappa    Stat `json:"kappa"`
	// KappaUnits is the units Kappa rests on: for Fleiss' kappa, those
	// every coder rated; for Cohen's, those both rated (Units).
	KappaUnits int  `json:"kappa_units"`
	Alpha      Stat `json:"alpha"`
	// MeanPairAgreement and MeanPairKappa (Light's kappa) average over
	// the pairs of coders, as NLTK's avg_Ao and kappa do.
	MeanPairAgreement Stat            `json:"mean_pair_agreement"`
	MeanPairKappa     Stat            `json:"mean_pair_kappa"`
	Pairs             []AgreementPair `json:"pair_kappas"`
	// NA gives, for each undefined statistic, why it is undefined.
	NA map[string]string `json:"na,omitempty"`
}

// AgreementPair is Cohen's kappa and agreement between two coders, over
// the units of the transcripts both coded.
type AgreementPair struct {
	Coders      [2]string `json:"coders"`
	Transcripts int       `json:"transcripts"`
	Units       int       `json:"units"`
	Agreement   Stat      `json:"agreement"`
	Specific    Stat      `json:"specific"`
	Kappa       Stat      `json:"kappa"`
	NA          string    `json:"na,omitempty"` // why Kappa is undefined
}

// Stat is a statistic as JSON: a number, or null when undefined (its
// reason is in the row's NA).
type Stat struct{ agreement.Value }

// MarshalJSON writes the value, or null.
func (s Stat) MarshalJSON() ([]byte, error) {
	if !s.Defined || math.IsNaN(s.V) || math.IsInf(s.V, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(s.V)
}

// AgreementDisagreement is one run of lines where the coders differ about a code.
type AgreementDisagreement struct {
	Ref        string              `json:"ref"` // transcript:A-B
	Transcript string              `json:"transcript"`
	Start      int                 `json:"start"`
	End        int                 `json:"end"`
	Code       string              `json:"code"`
	Coded      []string            `json:"coded_by"`
	NotCoded   []string            `json:"not_coded_by"`
	Codes      map[string][]string `json:"codes"`
	Lines      []AgreementLine     `json:"lines"`
}

// AgreementLine is a line of a disagreement's text.
type AgreementLine struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

// NewAgreement builds the report from the result of corpus.Agree;
// disagreements are added with AddDisagreement.
func NewAgreement(res *corpus.AgreeResult, unit string, participantOnly bool) *Agreement {
	r := &Agreement{Coders: res.Coders, Unit: unit, Speaker: "all", Kappa: "cohen",
		Transcripts: res.Transcripts, Complete: res.Complete, Skipped: res.Skipped, CoderTranscripts: map[string]int{},
		Pairs: [][2]string{}, Codes: []AgreementRow{}, Disagreements: []AgreementDisagreement{}}
	m := len(res.Coders)
	r.pairTranscripts = make([]int, m*(m-1)/2)
	copy(r.pairTranscripts, res.PairTranscripts)
	for i, c := range res.Coders {
		if i < len(res.CoderTranscripts) {
			r.CoderTranscripts[c] = res.CoderTranscripts[i]
		}
	}
	if participantOnly {
		r.Speaker = "participant"
	}
	if len(res.Coders) > 2 {
		r.Kappa = "fleiss"
	}
	for a := range res.Coders {
		for b := a + 1; b < len(res.Coders); b++ {
			r.Pairs = append(r.Pairs, [2]string{res.Coders[a], res.Coders[b]})
		}
	}
	for _, ca := range res.Codes {
		row := r.row(ca.Table)
		row.Path, row.Label, row.Depth = ca.Code.Path, ca.Code.DisplayLabel(), ca.Code.Depth()
		r.Codes = append(r.Codes, row)
	}
	r.Overall = r.row(res.Overall)
	return r
}

func (r *Agreement) row(t *agreement.Table) AgreementRow {
	row := AgreementRow{Units: t.Units(), Marked: map[string]int{}, Agreement: Stat{t.Agreement()}, Alpha: Stat{t.Alpha()},
		Specific: Stat{t.Specific(1)}, MeanPairAgreement: Stat{t.MeanPairAgreement()}, MeanPairKappa: Stat{t.LightKappa()}}
	if r.Kappa == "cohen" {
		row.Kappa, row.KappaUnits = Stat{t.Cohen(0, 1)}, t.PairUnits(0, 1)
	} else {
		row.Kappa, row.KappaUnits = Stat{t.Fleiss()}, t.CompleteUnits()
	}
	for i, c := range r.Coders {
		row.Marked[c] = t.Marked(i, 1)
	}
	p := 0
	for a := range r.Coders {
		for b := a + 1; b < len(r.Coders); b++ {
			k := t.Cohen(a, b)
			row.Pairs = append(row.Pairs, AgreementPair{Coders: [2]string{r.Coders[a], r.Coders[b]}, Transcripts: r.pairTranscripts[p],
				Units: t.PairUnits(a, b), Agreement: Stat{t.PairAgreement(a, b)}, Specific: Stat{t.PairSpecific(a, b, 1)}, Kappa: Stat{k}, NA: k.Reason})
			p++
		}
	}
	row.Agreement.Reason = agreementReason(row, row.Agreement.Reason)
	row.Kappa.Reason = agreementReason(row, row.Kappa.Reason)
	row.Alpha.Reason = agreementReason(row, row.Alpha.Reason)
	row.Specific.Reason = agreementReason(row, row.Specific.Reason)
	for i, p := range row.Pairs {
		row.Pairs[i].NA = pairReason(row, p.Coders, p.NA)
	}
	row.MeanPairAgreement.Reason = agreementReason(row, row.MeanPairAgreement.Reason)
	row.MeanPairKappa.Reason = meanPairReason(row, row.MeanPairKappa.Reason)
	for name, v := range map[string]agreement.Value{"agreement": row.Agreement.Value, "specific": row.Specific.Value, "kappa": row.Kappa.Value, "alpha": row.Alpha.Value,
		"mean_pair_agreement": row.MeanPairAgreement.Value, "mean_pair_kappa": row.MeanPairKappa.Value} {
		if !v.Defined {
			if row.NA == nil {
				row.NA = map[string]string{}
			}
			row.NA[name] = v.Reason
		}
	}
	return row
}

// NewAgreementDisagreement copies what a report shows of d, its text
// included, so the transcript need not be kept.
func NewAgreementDisagreement(d *corpus.Disagreement) AgreementDisagreement {
	out := AgreementDisagreement{Ref: fmt.Sprintf("%s:%s", d.Transcript, d.Lines), Transcript: d.Transcript,
		Start: d.Lines.Start, End: d.Lines.End, Code: d.Code.Path, Coded: d.Coded, NotCoded: d.NotCoded,
		Codes: map[string][]string{}}
	for c, codes := range d.Codes {
		out.Codes[c] = codes
	}
	for _, c := range append(append([]string{}, d.Coded...), d.NotCoded...) {
		if out.Codes[c] == nil {
			out.Codes[c] = []string{}
		}
	}
	for l := d.Lines.Start; l <= d.Lines.End; l++ {
		if line := d.T.Line(l); !line.Blank {
			out.Lines = append(out.Lines, AgreementLine{l, line.Text})
		}
	}
	return out
}

// agreementReason names the usual case of no variation in terms of the
// code: nobody used it, or everybody used it everywhere.
func agreementReason(row AgreementRow, reason string) string {
	if reason != agreement.ReasonNoVariation && reason != agreement.ReasonNoneMarked {
		return reason
	}
	none, all := true, true
	for _, n := range row.Marked {
		none = none && n == 0
		all = all && n == row.Units
	}
	switch {
	case reason == agreement.ReasonNoneMarked:
		if none {
			return "no coder used the code on any unit"
		}
		return reason
	case none:
		return "no coder used the code on any unit, so chance agreement is 1"
	case all:
		return "every coder used the code on every unit, so chance agreement is 1"
	}
	return reason
}

// pairReason names a pair's lack of variation in terms of the pair when
// the code's row has some: with three coders, only the third may have
// used the code, and "every coder" would mislead.
func pairReason(row AgreementRow, pair [2]string, reason string) string {
	if r := agreementReason(row, reason); r != reason || reason != agreement.ReasonNoVariation {
		return r
	}
	a, b := row.Marked[pair[0]], row.Marked[pair[1]]
	switch {
	case a == 0 && b == 0:
		return fmt.Sprintf("neither %s nor %s used the code on any unit, so chance agreement is 1", pair[0], pair[1])
	case a == row.Units && b == row.Units:
		return fmt.Sprintf("both %s and %s used the code on every unit, so chance agreement is 1", pair[0], pair[1])
	}
	return reason
}

// meanPairReason says which pair's kappa leaves Light's kappa undefined,
// unless the whole row has no variation.
func meanPairReason(row AgreementRow, reason string) string {
	if r := agreementReason(row, reason); r != reason || reason != agreement.ReasonNoVariation {
		return r
	}
	for _, p := range row.Pairs {
		if !p.Kappa.Defined {
			return fmt.Sprintf("the kappa of %s/%s is n/a: %s", p.Coders[0], p.Coders[1], p.NA)
		}
	}
	return reason
}
