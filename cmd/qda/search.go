package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
)

type searchOptions struct {
	code    string
	where   []string
	speaker string
	uncoded bool
	context int
	limit   int
	sort    string
}

func newSearchCmd(g *globals) *cobra.Command {
	var opt searchOptions
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Find transcript lines by their words, codes, speakers and attributes",
		Long: `Search every transcript line, printed as transcripts/ID.txt:LINE so an editor
opens it there, with the line's codes in a margin and the summary (hits,
transcripts, participants) on stderr. The index lives in .qda/index/ and is
brought up to date before every search: only files that changed are read.

QUERY is bleve's query-string syntax:
  taxi              a word; stemmed, so it finds taxi and taxis
  "cup of tea"      a phrase, word for word ("taxi" alone: the exact word)
  taxi*  /bus+/     wildcard (* ? ) and regular expression, on exact words
  lonely~1          fuzzy: up to 1 edit away (lonely, lovely)
  +taxi -bus        + must match, - must not; other terms any of them
  taxi OR bus       either (the same as 'taxi bus'); AND, NOT as + and -
  speaker:may       a field: speaker, role (participant, interviewer),
                    participant, transcript, line:>10, an attribute
                    (gender:female), code:confidence (with descendants),
                    code_jt:confidence (one coder's), exact:word, text:word
Words are case-insensitive. A query of "" or * matches every line, for
the filters alone.

--code C keeps lines coded C or a descendant (aliases resolve) by the
chosen coders (--coder, default all); --uncoded keeps lines none of them
coded. --speaker participant keeps the participants' own turns (their id
or pseudonym as speaker label), --speaker interviewer the interviewer's,
any other value that speaker label. --where attr=value as for stats.
Hits come in transcripts.csv and line order; --sort score puts the most
relevant first.`,
		Example: `  qda search taxi
  qda search '"cup of tea"' --speaker participant --context 1
  qda search 'lonel* -interviewer' --where location=rural --limit 20
  qda search bus --code sustainability --coder jt --json
  qda search '' --uncoded --coder jt --where transcript=may-1`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runSearch(g, args[0], opt) },
	}
	cmd.Flags().StringVar(&opt.code, "code", "", "keep lines coded `CODE` or a descendant")
	cmd.Flags().StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	cmd.Flags().StringVar(&opt.speaker, "speaker", "", "keep lines of `S`: participant, interviewer or a speaker label")
	cmd.Flags().BoolVar(&opt.uncoded, "uncoded", false, "keep lines no chosen coder has coded")
	cmd.Flags().IntVar(&opt.context, "context", 0, "show `N` lines around each hit")
	cmd.Flags().IntVar(&opt.limit, "limit", 0, "show at most `N` hits (0: all)")
	cmd.Flags().StringVar(&opt.sort, "sort", "line", "order hits by `line` (transcript and line) or score")
	cmd.RegisterFlagCompletionFunc("code", completeCodes(g))
	return cmd
}

func runSearch(g *globals, q string, opt searchOptions) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	req, err := s.searchRequest(g, q, opt)
	if err != nil {
		return err
	}
	ix, err := openSearch(g, s)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(req)
	if err != nil {
		return queryErr(err)
	}
	hits, err := s.readHits(res.Hits, req.Coders, opt.context)
	if err != nil {
		return err
	}
	if g.json {
		return printJSON(g.stdout, hits)
	}
	printHits(g, hits, opt.context)
	fmt.Fprintf(g.stderr, "qda: %s\n", hitSummary(hits, res.Total))
	return nil
}

// searchRequest checks the flags and turns them into a request.
func (s *session) searchRequest(g *globals, q string, opt searchOptions) (search.Request, error) {
	scan, err := s.scanOptions(g, opt.where)
	if err != nil {
		return search.Request{}, err
	}
	req := search.Request{Query: q, Coders: scan.Coders, Filters: scan.Filters, Speaker: opt.speaker, Uncoded: opt.uncoded, Limit: opt.limit}
	if opt.code != "" {
		if req.Code, err = s.resolveCode(opt.code); err != nil {
			return req, err
		}
		if opt.uncoded {
			return req, usageErr(fmt.Errorf("--code and --uncoded contradict each other: a line cannot be both coded %s and uncoded", req.Code.Path))
		}
	}
	switch {
	case opt.context < 0:
		return req, usageErr(fmt.Errorf("--context must be 0 or more"))
	case opt.limit < 0:
		return req, usageErr(fmt.Errorf("--limit must be 0 or more"))
	case opt.sort == "score":
		req.ByScore = true
	case opt.sort != "line":
		return req, usageErr(fmt.Errorf("--sort %q: choose line or score", opt.sort))
	}
	return req, nil
}

// hitJSON is a hit as --json prints it.
type hitJSON struct {
	Transcript  string            `json:"transcript"`
	File        string            `json:"file"`
	Participant string            `json:"participant"`
	Line        int               `json:"line"`
	Speaker     string            `json:"speaker"`
	Text        string            `json:"text"`
	Score       float64           `json:"score"`
	Matches     [][2]int          `json:"matches"`
	Codes       []corpus.LineCode `json:"codes"`
	Context     []excerptLine     `json:"context,omitempty"`
}

// readHits reads each hit's line, codes and context from the files.
func (s *session) readHits(hits []search.Hit, coders []string, context int) ([]hitJSON, error) {
	out := []hitJSON{}
	var t *corpus.Transcript
	var codes [][]corpus.LineCode
	res := corpus.NewResolver(s.cb)
	for _, h := range hits {
		if t == nil || t.ID != h.Transcript {
			var err error
			if t, err = s.study.ReadTranscript(h.Transcript); err != nil {
				return nil, err
			}
			codings, err := s.codingsOf(h.Transcript, coders)
			if err != nil {
				return nil, err
			}
			codes = corpus.LineCodes(t, codings, res)
		}
		if h.Line > t.Len() {
			continue // the file changed after the search; the next one reindexes
		}
		row, _ := s.ix.Transcripts.Lookup(h.Transcript)
		line := t.Line(h.Line)
		j := hitJSON{Transcript: h.Transcript, File: corpus.TranscriptFile(h.Transcript), Participant: s.ix.Transcripts.Get(row, "participant"),
			Line: h.Line, Speaker: line.Speaker, Text: line.Text, Score: h.Score, Matches: [][2]int{}, Codes: codes[h.Line-1]}
		if j.Codes == nil {
			j.Codes = []corpus.LineCode{}
		}
		for _, sp := range h.Spans {
			j.Matches = append(j.Matches, [2]int{sp.Start, sp.End})
		}
		for l := max(1, h.Line-context); l <= min(t.Len(), h.Line+context); l++ {
			if l != h.Line {
				j.Context = append(j.Context, excerptLine{Line: l, Text: t.Line(l).Text, Context: true})
			}
		}
		out = append(out, j)
	}
	return out, nil
}

// codingsOf reads the chosen coders' codings of transcript id.
func (s *session) codingsOf(id string, coders []string) ([]*corpus.Codings, error) {
	if coders == nil {
		coders = s.ix.Coders
	}
	var out []*corpus.Codings
	for _, c := range coders {
		if !s.ix.HasCoded(c, id) {
			continue
		}
		cs, err := s.study.ReadCodings(c, id)
		if err != nil {
			return nil, withHint(err, "fix the file first; 'qda check' lists its problems")
		}
		if cs != nil {
			out = append(out, cs)
		}
	}
	return out, nil
}

// printHits prints hits as grep -n does, context lines with '-' and
// groups apart with "--", the codes in a margin after the text.
func printHits(g *globals, hits []hitJSON, context int) {
	colour := isTerminal(g.stdout)
	var b strings.Builder
	for i, h := range hits {
		if context > 0 && i > 0 {
			b.WriteString("--\n")
		}
		for _, c := range h.Context {
			if c.Line < h.Line {
				fmt.Fprintf(&b, "%s-%d-%s\n", h.File, c.Line, c.Text)
			}
		}
		text := h.Text
		if colour {
			text = highlight(text, h.Matches)
		}
		fmt.Fprintf(&b, "%s:%d:%s", h.File, h.Line, text)
		if len(h.Codes) > 0 {
			var names []string
			for _, c := range h.Codes {
				names = append(names, c.Code)
			}
			margin := "  │ " + strings.Join(names, ", ")
			if colour {
				margin = "\x1b[36m" + margin + "\x1b[0m"
			}
			b.WriteString(margin)
		}
		b.WriteString("\n")
		for _, c := range h.Context {
			if c.Line > h.Line {
				fmt.Fprintf(&b, "%s-%d-%s\n", h.File, c.Line, c.Text)
			}
		}
		if b.Len() > 1<<16 {
			fmt.Fprint(g.stdout, b.String())
			b.Reset()
		}
	}
	fmt.Fprint(g.stdout, b.String())
}

// highlight marks the matched byte ranges of text in bold red, the words
// of a phrase as one run.
func highlight(text string, spans [][2]int) string {
	var runs [][2]int
	for _, sp := range spans {
		if n := len(runs); n > 0 && sp[0] >= runs[n-1][1] && sp[0] <= len(text) && strings.TrimSpace(text[runs[n-1][1]:sp[0]]) == "" {
			runs[n-1][1] = sp[1]
			continue
		}
		runs = append(runs, sp)
	}
	var b strings.Builder
	at := 0
	for _, sp := range runs {
		if sp[0] < at || sp[1] > len(text) {
			continue
		}
		b.WriteString(text[at:sp[0]] + "\x1b[1;31m" + text[sp[0]:sp[1]] + "\x1b[0m")
		at = sp[1]
	}
	return b.String() + text[at:]
}

func hitSummary(hits []hitJSON, total int) string {
	transcripts, participants := map[string]bool{}, map[string]bool{}
	for _, h := range hits {
		transcripts[h.Transcript] = true
		participants[h.Participant] = true
	}
	sum := fmt.Sprintf("%s in %s of %s", plural(len(hits), "hit"), plural(len(transcripts), "transcript"), plural(len(participants), "participant"))
	if total > len(hits) {
		sum += fmt.Sprintf(" (%d more beyond --limit)", total-len(hits))
	}
	return sum
}
