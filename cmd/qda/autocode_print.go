package main

import (
	"fmt"
	"strings"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
)

func countSegments(props []search.Proposal) int {
	n := 0
	for _, p := range props {
		n += len(p.Segments)
	}
	return n
}

func autocodeResults(props []search.Proposal) []autocodeJSON {
	out := []autocodeJSON{}
	for _, p := range props {
		j := autocodeJSON{Code: p.Code.Path, Patterns: p.Code.Patterns, Lines: p.Lines, Segments: []segmentJSON{}, Agreement: []agreementJSON{}}
		for _, seg := range p.Segments {
			j.Segments = append(j.Segments, segmentJSON{seg.Transcript, corpus.TranscriptFile(seg.Transcript), seg.Lines.String()})
		}
		for _, a := range p.Agreement {
			aj := agreementJSON{Coder: a.Coder, Transcripts: a.Transcripts, Proposed: a.Proposed, Coded: a.Coded, Both: a.Both}
			if v, ok := a.Precision(); ok {
				aj.Precision = &v
			}
			if v, ok := a.Recall(); ok {
				aj.Recall = &v
			}
			j.Agreement = append(j.Agreement, aj)
		}
		out = append(out, j)
	}
	return out
}

// printAutocode lists the proposed segments, then one table row per code
// and coder.
func printAutocode(g *globals, out []autocodeJSON) error {
	var b strings.Builder
	for _, p := range out {
		for _, seg := range p.Segments {
			fmt.Fprintf(&b, "%s:%s  %s\n", seg.File, seg.Lines, p.Code)
		}
	}
	fmt.Fprint(g.stdout, b.String())
	if b.Len() > 0 {
		fmt.Fprintln(g.stdout)
	}
	t := newTable(g.stdout, "code", "patterns", "segments", "lines", "coder", "precision", "recall").paths(0)
	for _, p := range out {
		row := []string{p.Code, strings.Join(p.Patterns, " | "), fmt.Sprint(len(p.Segments)), fmt.Sprint(p.Lines)}
		if len(p.Agreement) == 0 {
			t.row(append(row, "-", "-", "-")...)
		}
		for i, a := range p.Agreement {
			if i > 0 {
				row = []string{"", "", "", ""}
			}
			t.row(append(row, a.Coder, ratioCell(a.Precision, a.Both, a.Proposed), ratioCell(a.Recall, a.Both, a.Coded))...)
		}
	}
	return t.flush()
}

func ratioCell(v *float64, n, of int) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f (%d/%d)", *v, n, of)
}
