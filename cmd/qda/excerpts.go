package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
	"github.com/qdatool/qda/internal/layout"
)

type excerptsOptions struct {
	where       []string
	context     int
	search      string
	within      string
	lineNumbers bool
}

func newExcerptsCmd(g *globals) *cobra.Command {
	var opt excerptsOptions
	cmd := &cobra.Command{
		Use:   "excerpts CODE",
		Short: "Print every passage coded CODE or one of its descendants",
		Long: `Print every passage coded CODE or one of its descendants, by any of the chosen
coders (--coder, default all), one reference per block: a maximal run of
coded lines, where blank lines between turns do not break a run. Each block
is headed transcript:A-B (participant, attributes), with the codes and
coders behind it (with the lines each coded, "jt 9-10, eh 7-9", when they
differ), then its speaker turns, one paragraph each with the speaker's
label, also for a turn begun before the passage; the lines of --context
are marked ':'. In a terminal the paragraphs wrap to its width.

--line-numbers shows the passage line by line instead, each line with its
number, the first line of each turn with its speaker's label.

--where attr=value keeps transcripts whose participant or transcript
attribute has that value; repeat it for other values (OR) or other
attributes (AND).

--search QUERY keeps the passages with a line that matches QUERY, in the
syntax of 'qda search' (see 'qda search --help'). With --within turn the
query matches whole speaker turns, every line of the turn (coded or not),
as 'qda search --within turn' does, and keeps the passages that share a
line with a matching turn: '+fatigue +stairs' then finds an answer that
says the two words in different sentences.`,
		Example: `  qda excerpts confidence
  qda excerpts sustainability/infrastructure --where location=rural --context 2
  qda excerpts tea-and-company --coder jt --json
  qda excerpts confidence --line-numbers
  qda excerpts sustainability --search 'taxi* OR "bus pass"'
  qda excerpts sustainability --search '+taxi +bus' --within turn`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeCodes(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExcerpts(g, args[0], opt)
		},
	}
	cmd.Flags().StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	cmd.Flags().IntVar(&opt.context, "context", 0, "show `N` lines around each passage")
	cmd.Flags().StringVar(&opt.search, "search", "", "keep passages with a line matching `QUERY` (see 'qda search --help')")
	addWithinFlag(cmd, &opt.within, "--search matches a `line` of the passage, or a whole speaker turn it shares a line with")
	cmd.Flags().BoolVar(&opt.lineNumbers, "line-numbers", false, "show each line with its number")
	return cmd
}

type excerptJSON struct {
	Transcript  string            `json:"transcript"`
	File        string            `json:"file"`
	Participant string            `json:"participant"`
	Start       int               `json:"start"`
	End         int               `json:"end"`
	Codes       []string          `json:"codes"`
	Coders      []string          `json:"coders"`
	Attributes  map[string]string `json:"attributes"`
	// CoderLines says which lines each coder coded.
	CoderLines []coderLinesJSON `json:"coder_lines"`
	// Turns are the passage's speaker turns, context left out.
	Turns []turnJSON    `json:"turns"`
	Lines []excerptLine `json:"lines"`
}

type coderLinesJSON struct {
	Coder string   `json:"coder"`
	Lines []string `json:"lines"`
}

type turnJSON struct {
	Speaker     string `json:"speaker"`
	Interviewer bool   `json:"interviewer,omitempty"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Text        string `json:"text"`
}

type excerptLine struct {
	Line    int    `json:"line"`
	Text    string `json:"text"`
	Context bool   `json:"context,omitempty"`
}

func runExcerpts(g *globals, ref string, opt excerptsOptions) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	code, err := s.resolveCode(ref)
	if err != nil {
		return err
	}
	scan, err := s.scanOptions(g, opt.where)
	if err != nil {
		return err
	}
	if opt.context < 0 {
		return usageErr(fmt.Errorf("--context must be 0 or more"))
	}
	within, err := parseWithin(opt.within)
	if err != nil {
		return err
	}
	if within == search.WithinTurn && opt.search == "" {
		return usageErr(errors.New("--within turn says how --search matches: give --search QUERY"))
	}
	var matched map[string]map[int]bool
	if opt.search != "" {
		if matched, err = s.searchLines(g, code, scan, opt.search, within); err != nil {
			return err
		}
		scan.Only = sortedKeys(matched)
	}
	attrNames := s.ix.AttributeNames()[2:]
	var all []excerptJSON
	n := 0
	var b strings.Builder
	termW := termWidth(g.stdout)
	colour, codeColour := isTerminal(g.stdout), codeColours(s.cb)
	err = s.study.Excerpts(s.ix, s.cb, code, scan, opt.context, func(ex *corpus.Excerpt) error {
		if matched != nil && !anyLine(matched[ex.Transcript], ex.Lines) {
			return nil
		}
		n++
		if g.json {
			j := excerptJSON{ex.Transcript, corpus.TranscriptFile(ex.Transcript), ex.Participant, ex.Lines.Start, ex.Lines.End, ex.Codes, ex.Coders, attrsWithout(ex.Attrs), []coderLinesJSON{}, []turnJSON{}, nil}
			for _, cl := range ex.CoderLines {
				c := coderLinesJSON{cl.Coder, nil}
				for _, r := range cl.Lines {
					c.Lines = append(c.Lines, r.String())
				}
				j.CoderLines = append(j.CoderLines, c)
			}
			for _, tu := range corpus.Turns(ex.T, ex.Lines) {
				j.Turns = append(j.Turns, turnJSON{tu.Speaker, tu.Interviewer, tu.Lines.Start, tu.Lines.End, tu.Format(false)})
			}
			for l := ex.Context.Start; l <= ex.Context.End; l++ {
				j.Lines = append(j.Lines, excerptLine{l, ex.T.Line(l).Text, l < ex.Lines.Start || l > ex.Lines.End})
			}
			all = append(all, j)
			return nil
		}
		head := []string{ex.Participant}
		for _, a := range attrNames {
			if v := ex.Attrs[a]; v != "" && a != "source" {
				head = append(head, a+"="+v)
			}
		}
		// Each header on one line in a terminal: the attributes clipped,
		// the codes shortened in the middle.
		fmt.Fprintln(&b, layout.Clip(fmt.Sprintf("%s:%s (%s)", ex.Transcript, ex.Lines, strings.Join(head, ", ")), termW))
		coders := "  [" + corpus.CodersNote(ex.Lines, ex.CoderLines) + "]"
		codes := layout.ElidePaths(ex.Codes, ", ", termW-2-layout.Width(coders))
		if colour {
			for i := range codes {
				codes[i] = layout.Colour(codeColour(ex.Codes[i]), codes[i])
			}
		}
		fmt.Fprintf(&b, "  %s%s\n", strings.Join(codes, ", "), coders)
		if opt.lineNumbers {
			writeExcerptLines(&b, ex)
		} else {
			writeExcerptTurns(&b, ex, termW, colour)
		}
		b.WriteString("\n")
		if b.Len() > 1<<16 {
			fmt.Fprint(g.stdout, b.String())
			b.Reset()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if g.json {
		if all == nil {
			all = []excerptJSON{}
		}
		return printJSON(g.stdout, all)
	}
	fmt.Fprint(g.stdout, b.String())
	g.sayf("qda: ", "%s of %s", plural(n, "passage"), code.Path)
	return nil
}

// attrsWithout drops the id attributes that JSON carries as fields already.
func attrsWithout(attrs map[string]string) map[string]string {
	out := make(map[string]string, len(attrs))
	for k, v := range attrs {
		if k != "participant" && k != "transcript" {
			out[k] = v
		}
	}
	return out
}

// scanOptions turns --coder and --where into the scan's options.
func (s *session) scanOptions(g *globals, where []string) (corpus.ScanOptions, error) {
	coders, err := s.chosenCoders(g.coders())
	if err != nil {
		return corpus.ScanOptions{}, err
	}
	filters, err := corpus.ParseFilters(where)
	if err != nil {
		return corpus.ScanOptions{}, usageErr(err)
	}
	for _, f := range filters {
		if err := s.ix.CheckAttribute(f.Key); err != nil {
			return corpus.ScanOptions{}, usageErr(err)
		}
	}
	return corpus.ScanOptions{Coders: coders, Filters: filters}, nil
}

// searchLines returns the lines by transcript that query matches: the
// lines coded code by the chosen coders that match it, or, within
// turns, every line of each turn it matches, coded or not. A turn is
// where a participant's answer is, and the passage coded is often only
// part of it: the turn's other sentences are what --within turn is for.
func (s *session) searchLines(g *globals, code *codebook.Code, scan corpus.ScanOptions, q, within string) (map[string]map[int]bool, error) {
	ix, err := openSearch(g, s)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	r := search.Request{Query: q, Code: code, Coders: scan.Coders, Filters: scan.Filters}
	if within == search.WithinTurn {
		r = search.Request{Query: q, Filters: scan.Filters, Within: search.WithinTurn}
	}
	out, err := ix.MatchingLines(r)
	if err != nil {
		return nil, queryErr(err)
	}
	return out, nil
}

func anyLine(lines map[int]bool, r corpus.Range) bool {
	for l := r.Start; l <= r.End; l++ {
		if lines[l] {
			return true
		}
	}
	return false
}

// writeExcerptTurns writes a passage as its speaker turns, one paragraph
// each, wrapped to width (0: unwrapped), the turns of its context marked
// ':'. In colour the interviewer's turns are dimmed, so the participant's
// words stand out.
func writeExcerptTurns(b *strings.Builder, ex *corpus.Excerpt, width int, colour bool) {
	write := func(r corpus.Range, mark string) {
		if r.Start > r.End {
			return
		}
		for _, tu := range corpus.Turns(ex.T, r) {
			for _, row := range layout.Hanging(mark, tu.String(), width) {
				if colour && tu.Interviewer {
					row = layout.Dim(row)
				}
				fmt.Fprintln(b, row)
			}
		}
	}
	write(corpus.Range{Start: ex.Context.Start, End: ex.Lines.Start - 1}, "  : ")
	write(ex.Lines, "  ")
	write(corpus.Range{Start: ex.Lines.End + 1, End: ex.Context.End}, "  : ")
}

// writeExcerptLines writes a passage line by line with the lines'
// numbers, context lines marked ':', the first line of each turn shown
// with its speaker's label, also when it began before what is shown.
func writeExcerptLines(b *strings.Builder, ex *corpus.Excerpt) {
	width := len(fmt.Sprint(ex.Context.End))
	first := true
	for l := ex.Context.Start; l <= ex.Context.End; l++ {
		mark := "|"
		if l < ex.Lines.Start || l > ex.Lines.End {
			mark = ":"
		}
		line := ex.T.Line(l)
		text := line.Text
		if !line.Blank {
			if first && !line.TurnStart && line.Speaker != "" {
				text = line.Speaker + ": " + strings.TrimSpace(line.Body)
			}
			first = false
		}
		fmt.Fprintln(b, strings.TrimRight(fmt.Sprintf("  %*d %s %s", width, l, mark, text), " "))
	}
}
