package export

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/qdatool/qda/internal/agreement"
)

// agreementSheet is one table of the agreement report, in the shape every
// writer prints: a cell is a string, an int, or an agreement.Value.
type agreementSheet struct {
	name   string // the xlsx sheet, the markdown heading, the csv file suffix
	header []string
	rows   [][]any
	// more, when set, makes the rows after rows one at a time, n of
	// them: the disagreements, thousands in a large study, are made as
	// they are written rather than all first.
	more func(yield func(row []any) error) error
	n    int
	// percent marks the columns of percent agreement and specific
	// agreement, which markdown prints as percentages and xlsx formats
	// as such.
	percent []int
}

// each calls fn with every row of the sheet.
func (sh agreementSheet) each(fn func(row []any) error) error {
	for _, row := range sh.rows {
		if err := fn(row); err != nil {
			return err
		}
	}
	if sh.more == nil {
		return nil
	}
	return sh.more(fn)
}

// len is how many rows the sheet has.
func (sh agreementSheet) len() int { return len(sh.rows) + sh.n }

// isPercent reports whether column j is printed as a percentage.
func (sh agreementSheet) isPercent(j int) bool { return slices.Contains(sh.percent, j) }

// The sheets of the agreement report, by name.
const (
	AgreementSheetCodes         = "Agreement"
	AgreementSheetPairs         = "Pairs"
	AgreementSheetDisagreements = "Disagreements"
	AgreementSheetAbout         = "About"
)

// agreementSheets lays out the report: the per-code table with the pooled
// row last, the pairwise kappas for three coders or more, the
// disagreements, and what was compared.
func agreementSheets(r *Agreement, about [][2]string) []agreementSheet {
	codes := agreementSheet{name: AgreementSheetCodes, header: []string{"code", "label", "depth", "units"}}
	for _, c := range r.Coders {
		codes.header = append(codes.header, "marked by "+c)
	}
	codes.percent = []int{len(codes.header), len(codes.header) + 1}
	codes.header = append(codes.header, "agreement", "specific agreement", r.Kappa+" kappa", "kappa units", "alpha", "n/a")
	for _, row := range append(append([]AgreementRow{}, r.Codes...), r.Overall) {
		path, label, depth := row.Path, row.Label, any(row.Depth)
		if path == "" {
			path, label, depth = "overall", "all codes pooled", ""
		}
		cells := []any{path, label, depth, row.Units}
		for _, c := range r.Coders {
			cells = append(cells, row.Marked[c])
		}
		cells = append(cells, row.Agreement.Value, row.Specific.Value, row.Kappa.Value, row.KappaUnits, row.Alpha.Value, agreementNA(row, r.Kappa+" kappa"))
		codes.rows = append(codes.rows, cells)
	}
	sheets := []agreementSheet{codes}
	if len(r.Coders) > 2 {
		// One row per code and pair: each pair's figures rest on the
		// transcripts that pair coded, which differ from pair to pair.
		pairs := agreementSheet{name: AgreementSheetPairs, header: []string{"code", "coders", "transcripts", "units", "agreement", "specific agreement", "cohen kappa", "n/a"}, percent: []int{4, 5}}
		for _, row := range append(append([]AgreementRow{}, r.Codes...), r.Overall) {
			path := row.Path
			if path == "" {
				path = "overall"
			}
			for _, p := range row.Pairs {
				pairs.rows = append(pairs.rows, []any{path, p.Coders[0] + "/" + p.Coders[1], p.Transcripts, p.Units, p.Agreement.Value, p.Specific.Value, p.Kappa.Value, p.NA})
			}
		}
		sheets = append(sheets, pairs)
	}
	dis := agreementSheet{name: AgreementSheetDisagreements, header: []string{"transcript", "lines", "code", "coded by", "not coded by"}}
	for _, c := range r.Coders {
		dis.header = append(dis.header, "codes of "+c)
	}
	dis.header = append(dis.header, "text")
	dis.n = r.DisagreementCount()
	dis.more = func(yield func([]any) error) error {
		for _, d := range r.Disagreements {
			if err := yield(disagreementRow(r, d)); err != nil {
				return err
			}
		}
		return r.spill.Each(func(d AgreementDisagreement) error { return yield(disagreementRow(r, d)) })
	}
	sheets = append(sheets, dis)
	ab := agreementSheet{name: AgreementSheetAbout, header: []string{"field", "value"}}
	for _, kv := range about {
		ab.rows = append(ab.rows, []any{kv[0], kv[1]})
	}
	return append(sheets, ab)
}

// disagreementRow is a row of the Disagreements sheet.
func disagreementRow(r *Agreement, d AgreementDisagreement) []any {
	lines := fmt.Sprint(d.Start)
	if d.End != d.Start {
		lines += "-" + fmt.Sprint(d.End)
	}
	cells := []any{d.Transcript, lines, d.Code, strings.Join(d.Coded, ", "), strings.Join(d.NotCoded, ", ")}
	for _, c := range r.Coders {
		cells = append(cells, strings.Join(d.Codes[c], ", "))
	}
	var text []string
	for _, l := range d.Lines {
		text = append(text, l.Text)
	}
	return append(cells, strings.Join(text, "\n"))
}

// agreementNA joins the reasons for a row's undefined statistics.
func agreementNA(row AgreementRow, kappa string) string {
	var out []string
	for _, s := range []struct {
		name string
		v    agreement.Value
	}{{"agreement", row.Agreement.Value}, {"specific agreement", row.Specific.Value}, {kappa, row.Kappa.Value}, {"alpha", row.Alpha.Value}} {
		if !s.v.Defined {
			out = append(out, s.name+": "+s.v.Reason)
		}
	}
	return strings.Join(out, "; ")
}

// PairsNA joins the reasons for a row's undefined pairwise kappas, the
// pairs with the same reason named together.
func PairsNA(row AgreementRow) string {
	var reasons []string
	pairs := map[string][]string{}
	for _, p := range row.Pairs {
		if p.Kappa.Defined {
			continue
		}
		if pairs[p.NA] == nil {
			reasons = append(reasons, p.NA)
		}
		pairs[p.NA] = append(pairs[p.NA], p.Coders[0]+"/"+p.Coders[1])
	}
	var out []string
	for _, r := range reasons {
		out = append(out, strings.Join(pairs[r], ", ")+": "+r)
	}
	return strings.Join(out, "; ")
}

// AgreementAbout lists what a report compared, for its About sheet.
func AgreementAbout(r *Agreement, title, command string) [][2]string {
	where := []string{}
	for _, k := range slices.Sorted(maps.Keys(r.Filters)) {
		where = append(where, k+"="+strings.Join(r.Filters[k], "|"))
	}
	return [][2]string{
		{"study", title},
		{"command", command},
		{"coders", strings.Join(r.Coders, ", ")},
		{"unit", r.Unit},
		{"speaker", r.Speaker},
		{"kappa", map[string]string{"cohen": "Cohen's kappa (two coders), over the transcripts both coded",
			"fleiss": fmt.Sprintf("Fleiss' kappa (three coders or more), over the %d transcripts every coder coded", r.Complete)}[r.Kappa]},
		{"transcripts compared", fmt.Sprintf("%d (coded by two chosen coders or more)", r.Transcripts)},
		{"transcripts coded by every chosen coder", fmt.Sprint(r.Complete)},
		{"transcripts of each coder", CoderCounts(r)},
		{"transcripts skipped", fmt.Sprintf("%d (coded by one chosen coder or none)", r.Skipped)},
		{"where", strings.Join(where, ", ")},
		{"overall row", "every listed code pooled: each unit and code one yes/no decision"},
	}
}

// CoderCounts says how many of the compared transcripts each coder coded:
// "jt 38, eh 26, ah 21".
func CoderCounts(r *Agreement) string {
	var out []string
	for _, c := range r.Coders {
		out = append(out, fmt.Sprintf("%s %d", c, r.CoderTranscripts[c]))
	}
	return strings.Join(out, ", ")
}
