package main

import (
	"fmt"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/export"
	"github.com/qdatool/qda/internal/agreement"
	"github.com/qdatool/qda/internal/layout"
)

// printAgreement prints the per-code table, the reasons for each n/a, the
// pairwise kappas for three coders or more, and the disagreements.
func printAgreement(g *globals, cb *codebook.Codebook, rep *export.Agreement, opt agreeOptions) error {
	header := append(append([]string{"code", "units"}, rep.Coders...), "agreement", "specific", rep.Kappa, "alpha")
	t := newTable(g.stdout, header...).paths(0).colourCodes(cb)
	var notes []string
	for _, row := range append(rep.Codes, rep.Overall) {
		name := "overall"
		if row.Path != "" {
			name = strings.Repeat("  ", row.Depth-1) + row.Path[strings.LastIndex(row.Path, "/")+1:]
		}
		cells := []string{name, fmt.Sprint(row.Units)}
		for _, c := range rep.Coders {
			cells = append(cells, fmt.Sprint(row.Marked[c]))
		}
		cells = append(cells, percentOf(row.Agreement.Value), percentOf(row.Specific.Value), row.Kappa.String(), row.Alpha.String())
		t.codeRow(row.Path, cells...)
		notes = append(notes, naNotes(row, rep.Kappa)...)
	}
	if err := t.flush(); err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(g.stdout, n)
	}
	if len(rep.Coders) > 2 {
		fmt.Fprintln(g.stdout)
		fmt.Fprintf(g.stdout, "fleiss: over the units of the %s every coder coded (%d units in the overall row).\n", plural(rep.Complete, "transcript"), rep.Overall.KappaUnits)
		fmt.Fprintln(g.stdout)
		fmt.Fprintln(g.stdout, "Cohen's kappa for each pair of coders, over the transcripts the pair shares:")
		header := []string{"code"}
		for _, p := range rep.Pairs {
			header = append(header, p[0]+"/"+p[1])
		}
		pt := newTable(g.stdout, header...).paths(0).colourCodes(cb).colourCodes(cb)
		var pairNotes []string
		for _, row := range append(rep.Codes, rep.Overall) {
			cells := []string{row.Path}
			if row.Path == "" {
				cells[0] = "overall"
			}
			for _, p := range row.Pairs {
				cells = append(cells, p.Kappa.String())
			}
			pt.row(cells...)
			if na := export.PairsNA(row); na != "" {
				pairNotes = append(pairNotes, fmt.Sprintf("n/a: %s %s", cells[0], na))
			}
		}
		if err := pt.flush(); err != nil {
			return err
		}
		for _, p := range rep.Overall.Pairs {
			fmt.Fprintf(g.stdout, "%s/%s: %s, %d units; agreement %s, specific %s\n", p.Coders[0], p.Coders[1],
				plural(p.Transcripts, "transcript"), p.Units, percentOf(p.Agreement.Value), percentOf(p.Specific.Value))
		}
		for _, n := range pairNotes {
			fmt.Fprintln(g.stdout, n)
		}
	}
	if opt.show {
		printDisagreements(g, rep)
	}
	return nil
}

// naNotes says why each undefined statistic of row is undefined, one line
// per reason.
func naNotes(row export.AgreementRow, kappa string) []string {
	name := row.Path
	if name == "" {
		name = "overall"
	}
	var reasons []string
	stats := map[string][]string{}
	for _, s := range []struct {
		name string
		v    agreement.Value
	}{{"agreement", row.Agreement.Value}, {"specific", row.Specific.Value}, {kappa, row.Kappa.Value}, {"alpha", row.Alpha.Value}} {
		if s.v.Defined {
			continue
		}
		if stats[s.v.Reason] == nil {
			reasons = append(reasons, s.v.Reason)
		}
		stats[s.v.Reason] = append(stats[s.v.Reason], s.name)
	}
	var out []string
	for _, r := range reasons {
		out = append(out, fmt.Sprintf("n/a: %s %s: %s", name, strings.Join(stats[r], ", "), r))
	}
	return out
}

func percentOf(v agreement.Value) string {
	if !v.Defined {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*v.V)
}

func printDisagreements(g *globals, rep *export.Agreement) {
	w := g.stdout
	termW := termWidth(w)
	fmt.Fprintln(w)
	switch {
	case rep.Found == 0:
		fmt.Fprintln(w, "No disagreements.")
		return
	case len(rep.Disagreements) < rep.Found:
		fmt.Fprintf(w, "Disagreements: %d, the first %d shown (--max-disagreements 0 or --json for all):\n", rep.Found, len(rep.Disagreements))
	default:
		fmt.Fprintf(w, "Disagreements: %d:\n", rep.Found)
	}
	for _, d := range rep.Disagreements {
		// The heading keeps the reference and who coded it whole; the code
		// path gives way in its middle when the line is too wide.
		who := fmt.Sprintf("coded by %s, not by %s", strings.Join(d.Coded, ", "), strings.Join(d.NotCoded, ", "))
		code := d.Code
		if termW > 0 {
			code = layout.ElidePath(code, max(termW-layout.Width(d.Ref)-layout.Width(who)-4, 12))
		}
		fmt.Fprintf(w, "\n%s  %s  %s\n", d.Ref, code, who)
		for _, c := range rep.Coders {
			if _, coded := d.Codes[c]; !coded {
				continue // did not code this transcript
			}
			codes := strings.Join(d.Codes[c], ", ")
			if codes == "" {
				codes = "-"
			}
			// In a terminal, the list wraps between codes, under itself.
			for _, l := range layout.Hanging("  "+c+": ", codes, termW) {
				fmt.Fprintln(w, l)
			}
		}
		width := len(fmt.Sprint(d.End))
		for _, l := range d.Lines {
			for _, row := range layout.Hanging(fmt.Sprintf("  %*d | ", width, l.Line), l.Text, termW) {
				fmt.Fprintln(w, row)
			}
		}
	}
}
