package main

import (
	"fmt"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
)

// turnHitJSON is a turn as --json prints it: its lines, and the matching
// ones as hits are printed.
type turnHitJSON struct {
	Transcript  string        `json:"transcript"`
	File        string        `json:"file"`
	Participant string        `json:"participant"`
	Speaker     string        `json:"speaker"`
	Lines       [2]int        `json:"lines"`
	Text        []excerptLine `json:"text"`
	Hits        []hitJSON     `json:"hits"`
}

// printSearchTurns prints the turns a search within turns found: each
// turn's matching lines as hits (codes in the margin) and its other lines
// as context, turns apart with "--".
func printSearchTurns(g *globals, s *session, res *search.Result, coders []string, limited bool) error {
	turns := []turnHitJSON{}
	hr := s.newHitReader(coders)
	for _, th := range res.Turns {
		row, ok := s.ix.Transcripts.Lookup(th.Transcript)
		if !ok {
			continue
		}
		t, err := hr.load(th.Transcript)
		if err != nil {
			return err
		}
		if th.Lines.End > t.Len() {
			continue // the file changed after the search
		}
		tj := turnHitJSON{Transcript: th.Transcript, File: corpus.TranscriptFile(th.Transcript), Participant: s.ix.Transcripts.Get(row, "participant"),
			Speaker: th.Speaker, Lines: [2]int{th.Lines.Start, th.Lines.End}, Text: []excerptLine{}, Hits: []hitJSON{}}
		marked := map[int]bool{}
		for _, h := range th.Hits {
			marked[h.Line] = true
			tj.Hits = append(tj.Hits, hr.hit(h, row, 0))
		}
		for l := th.Lines.Start; l <= th.Lines.End; l++ {
			tj.Text = append(tj.Text, excerptLine{Line: l, Text: t.Line(l).Text, Context: !marked[l]})
		}
		// The unmatched lines print as context around the matched ones.
		for i := range tj.Hits {
			for _, ln := range tj.Text {
				before := i == 0 && ln.Line < tj.Hits[i].Line
				after := ln.Line > tj.Hits[i].Line && (i+1 == len(tj.Hits) || ln.Line < tj.Hits[i+1].Line)
				if ln.Context && (before || after) {
					tj.Hits[i].Context = append(tj.Hits[i].Context, ln)
				}
			}
		}
		turns = append(turns, tj)
	}
	if g.json {
		for i := range turns {
			for j := range turns[i].Hits {
				turns[i].Hits[j].Context = nil
			}
		}
		return printJSON(g.stdout, turns)
	}
	var hits []hitJSON
	for i, tj := range turns {
		if i > 0 {
			fmt.Fprintln(g.stdout, "--")
		}
		if err := printHits(g, s.cb, tj.Hits, 0); err != nil {
			return err
		}
		hits = append(hits, tj.Hits...)
	}
	sum := hitSummary(hits, 0, false)
	sum = plural(len(turns), "turn") + ", " + sum
	if limited && res.Total > len(turns) {
		sum += fmt.Sprintf(" (%d more turns beyond --limit)", res.Total-len(turns))
	}
	g.sayf("qda: ", "%s", sum)
	return nil
}
