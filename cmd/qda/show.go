package main

import (
	"fmt"
	"strings"

	"github.com/rivo/uniseg"
	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
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
			return runShow(g, args[0], opt)
		},
	}
	cmd.Flags().StringVar(&opt.lines, "lines", "", "show only lines `A-B`")
	cmd.Flags().IntVar(&opt.width, "width", 100, "the width to fit the text and margin in")
	return cmd
}

type showLine struct {
	Line    int               `json:"line"`
	Speaker string            `json:"speaker"`
	Text    string            `json:"text"`
	Codes   []corpus.LineCode `json:"codes"`
}

func runShow(g *globals, id string, opt showOptions) error {
	s, err := openStudy(g)
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
	p := newMarginPrinter(opt.width, len(fmt.Sprint(t.Len())), isTerminal(g.stdout))
	var b strings.Builder
	for n := r.Start; n <= r.End; n++ {
		var notes []string
		for _, lc := range margin[n-1] {
			note := lc.Code + " " + strings.Join(lc.Coders, ",")
			if lc.Unknown {
				note += " (unknown code)"
			}
			notes = append(notes, note)
		}
		p.line(&b, n, t.Line(n).Text, notes)
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

// marginPrinter lays a transcript out in three columns: line number,
// text wrapped to fit, and the margin of codes.
type marginPrinter struct {
	numWidth, textWidth, marginWidth int
	colour                           bool
}

func newMarginPrinter(width, numWidth int, colour bool) *marginPrinter {
	numWidth = max(numWidth, 3)
	rest := max(width-numWidth-2-3, 40)
	text := rest * 3 / 5
	return &marginPrinter{numWidth: numWidth, textWidth: text, marginWidth: rest - text, colour: colour}
}

func (p *marginPrinter) line(b *strings.Builder, n int, text string, notes []string) {
	rows := wrap(text, p.textWidth)
	var margin []string
	for _, note := range notes {
		margin = append(margin, wrap(note, p.marginWidth)...)
	}
	for i := 0; i < max(len(rows), len(margin)); i++ {
		num := ""
		if i == 0 {
			num = fmt.Sprint(n)
		}
		row := ""
		if i < len(rows) {
			row = rows[i]
		}
		num = fmt.Sprintf("%*s", p.numWidth, num)
		if p.colour {
			num = "\x1b[2m" + num + "\x1b[0m"
		}
		if i >= len(margin) {
			b.WriteString(strings.TrimRight(num+"  "+row, " ") + "\n")
			continue
		}
		b.WriteString(num + "  ")
		b.WriteString(row + strings.Repeat(" ", max(0, p.textWidth-uniseg.StringWidth(row))))
		note := margin[i]
		if p.colour {
			note = "\x1b[36m" + note + "\x1b[0m"
		}
		b.WriteString(" │ " + note + "\n")
	}
}

// wrap breaks s into rows of at most width columns at spaces; a word
// longer than a row is cut.
func wrap(s string, width int) []string {
	if s == "" {
		return []string{""}
	}
	var rows []string
	row := ""
	for _, word := range strings.Fields(s) {
		for uniseg.StringWidth(word) > width {
			if row != "" {
				rows, row = append(rows, row), ""
			}
			cut := cutWidth(word, width)
			rows, word = append(rows, word[:cut]), word[cut:]
		}
		switch {
		case row == "":
			row = word
		case uniseg.StringWidth(row)+1+uniseg.StringWidth(word) <= width:
			row += " " + word
		default:
			rows, row = append(rows, row), word
		}
	}
	return append(rows, row)
}

// cutWidth returns the byte offset where s fills width columns, after
// the last '/' that fits if there is one, so a code path breaks between
// its names.
func cutWidth(s string, width int) int {
	w, i, slash := 0, 0, 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		if w+g.Width() > width {
			break
		}
		w += g.Width()
		_, i = g.Positions()
		if g.Str() == "/" {
			slash = i
		}
	}
	if slash > 0 {
		return slash
	}
	return max(i, 1)
}
