package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/layout"
)

type showOptions struct {
	lines  string
	coders []string
	width  int
}

func newShowCmd(g *globals) *cobra.Command {
	var opt showOptions
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print a transcript with line numbers and its codes in the margin",
		Long: `Print transcript ID with its line numbers, and in a right-hand margin the
codes on each line with the coders who put them there. Line numbers are file
line numbers: transcripts/ID.txt:14 is line 14 here, in an editor and in grep -n.`,
		Example: `  qda show may-1
  qda show may-1 --lines 10-24 --coder jt
  qda show may-1 --json | jq '.lines[] | select(.codes != [])'`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeTranscripts(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.coders = g.coders()
			return runShow(cmd, g, args[0], opt)
		},
	}
	cmd.Flags().StringVar(&opt.lines, "lines", "", "show only lines `A-B`")
	cmd.Flags().IntVar(&opt.width, "width", 100, "the width to fit the text and margin in (default $COLUMNS, the terminal's, or 100)")
	return cmd
}

type showLine struct {
	Line    int               `json:"line"`
	Speaker string            `json:"speaker"`
	Text    string            `json:"text"`
	Codes   []corpus.LineCode `json:"codes"`
}

func runShow(cmd *cobra.Command, g *globals, id string, opt showOptions) error {
	s, err := openStudyFor(g, id)
	if err != nil {
		return err
	}
	t, err := s.transcript(id)
	if err != nil {
		return err
	}
	r := corpus.Range{Start: 1, End: t.Len()}
	if opt.lines != "" {
		if r, err = corpus.ParseRange(opt.lines); err != nil {
			return usageErr(err)
		}
		if r.End > t.Len() {
			return withHint(usageErr(fmt.Errorf("--lines %s: %s has %d lines", r, corpus.TranscriptFile(id), t.Len())), "give a range within 1-%d", t.Len())
		}
	}
	coders, err := s.chosenCoders(opt.coders)
	if err != nil {
		return err
	}
	var codings []*corpus.Codings
	for _, c := range orAll(coders, s.ix.Coders) {
		cs, err := s.study.ReadCodings(c, id)
		if err != nil {
			return err
		}
		if cs != nil {
			codings = append(codings, cs)
		}
	}
	margin := corpus.LineCodes(t, codings, corpus.NewResolver(s.cb))
	if g.json {
		out := struct {
			Transcript string     `json:"transcript"`
			File       string     `json:"file"`
			Lines      []showLine `json:"lines"`
		}{id, corpus.TranscriptFile(id), []showLine{}}
		for n := r.Start; n <= r.End; n++ {
			l := t.Line(n)
			codes := margin[n-1]
			if codes == nil {
				codes = []corpus.LineCode{}
			}
			out.Lines = append(out.Lines, showLine{n, l.Speaker, l.Text, codes})
		}
		return printJSON(g.stdout, out)
	}
	var notes [][]layout.Note
	noteWidth := 0
	for n := r.Start; n <= r.End; n++ {
		var ns []layout.Note
		for _, lc := range margin[n-1] {
			note := layout.Note{Code: lc.Code, Suffix: strings.Join(lc.Coders, ",")}
			if lc.Unknown {
				note.Suffix += " (unknown code)"
			}
			ns = append(ns, note)
			noteWidth = max(noteWidth, layout.NoteWidth(note))
		}
		notes = append(notes, ns)
	}
	numWidth := len(fmt.Sprint(t.Len()))
	var m layout.Margin
	switch width := termWidth(g.stdout); {
	case cmd.Flags().Changed("width"):
		m = layout.FitMargin(opt.width, numWidth, noteWidth)
	case width > 0:
		m = layout.FitMargin(width, numWidth, noteWidth)
	default:
		m = layout.FixedMargin(opt.width, numWidth)
	}
	st := marginStyle(g.stdout, s.cb)
	var b strings.Builder
	for n := r.Start; n <= r.End; n++ {
		for _, l := range m.Lines(n, t.Line(n).Text, notes[n-r.Start], st) {
			b.WriteString(l + "\n")
		}
	}
	_, err = fmt.Fprint(g.stdout, b.String())
	return err
}

func orAll(chosen, all []string) []string {
	if chosen == nil {
		return all
	}
	return chosen
}
