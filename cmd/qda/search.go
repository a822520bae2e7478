package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
	"github.com/qdatool/qda/internal/diag"
)

type searchOptions struct {
	code    string
	where   []string
	speaker string
	uncoded bool
	context int
	limit   int
	sort    string
	within  string
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
  "cup of tea"      a phrase, word for word; quoted, "taxi" finds just the
                    lines 'grep -n -i -w taxi' finds, and punctuation
                    counts: "cup of tea" does not find cup-of-tea
  self-help  24/7   punctuation inside a term: word for word, as if quoted
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
relevant first. --context N prints lines around as grep -C does.

Transcripts hold a sentence per line, so '+fatigue +stairs' misses the two
words in consecutive sentences of one answer. --within turn matches whole
speaker turns instead (every + term somewhere in the turn, no - term in
it) and prints each turn, its matching lines with ':' and the others with
'-', turns apart with "--"; --limit counts turns. "a b"~N finds the words
within N other words of each other, in any order, across the lines of a
turn (without --within turn, the lines that hold them are the hits). See
docs/search.md for the fields and how the index stays current.`,
		Example: `  qda search taxi
  qda search '"cup of tea"' --speaker participant --context 1
  qda search 'lonel* -interviewer' --where location=rural --limit 20
  qda search bus --code sustainability --coder jt --json
  qda search '' --uncoded --coder jt --where transcript=may-1
  qda search '+fatigue +stairs' --within turn
  qda search '"bus lonely"~5' --speaker participant`,
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
	addWithinFlag(cmd, &opt.within, "match a `line` or a whole speaker turn")
	cmd.RegisterFlagCompletionFunc("code", completeCodes(g))
	cmd.RegisterFlagCompletionFunc("speaker", cobra.FixedCompletions([]string{"participant", "interviewer"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("sort", cobra.FixedCompletions([]string{"line", "score"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runSearch(g *globals, q string, opt searchOptions) error {
	defer search.TuneQueryGC()()
	// The tables' headers only: their rows are read whole only if the
	// index finds something changed (corpus/search/quick.go), and else
	// only the rows of the transcripts printed. At 10,000 participants
	// parsing them whole cost more than the query.
	st, err := corpus.Open(g.dir)
	if err != nil {
		return openError(err)
	}
	s, err := loadSession(g, st, st.LoadHeads)
	if err != nil {
		return err
	}
	partial := true
	var tablesErr error
	tables := func() (*corpus.Index, error) {
		ix, err := s.loadTables()
		if err == nil {
			partial = false
		}
		tablesErr = err
		return ix, err
	}
	req, err := s.searchRequest(g, q, opt)
	if err != nil {
		return err
	}
	// The codes printed come from the index: it checks the codings files
	// of the transcripts printed, and all of them for a query on codes.
	ix, err := openSearchWith(g, s, search.Options{LazyCodings: true, Tables: tables})
	if tablesErr != nil {
		return tablesErr // a problem in a table, not in the index
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	// The matched byte ranges are printed only in colour or --json, and
	// a hit clipped to a width is clipped around its first match.
	req.NoSpans = !g.json && !isTerminal(g.stdout) && termWidth(g.stdout) == 0
	req.WithRefs, req.NoScores = true, !g.json
	res, err := ix.Search(req)
	if tablesErr != nil {
		return tablesErr // read when a search found codings moved (lazy)
	}
	if err != nil {
		return queryErr(err)
	}
	// The rows of the transcripts printed, read beside the formatting
	// of a common word's hits (printHitsOnCores), else first.
	rows := func() error { return nil }
	if partial {
		rows = func() error { return s.loadRowsOf(res) }
	}
	if req.Within != search.WithinTurn && !g.json && opt.context == 0 && canPrintOnCores(res.Hits) {
		done := make(chan error, 1)
		go func() { done <- rows() }()
		n, transcripts, participants, err := printHitsOnCores(g, s, res.Hits, req.Coders, func() error { return <-done })
		if err != nil {
			return err
		}
		g.sayf("qda: ", "%s", hitCounts(n, transcripts, participants, res.Total, opt.limit > 0))
		return nil
	}
	if err := rows(); err != nil {
		return err
	}
	if req.Within == search.WithinTurn {
		return printSearchTurns(g, s, res, req.Coders, opt.limit > 0)
	}
	hits, err := s.readHits(res.Hits, req.Coders, opt.context, g.json)
	if err != nil {
		return err
	}
	if g.json {
		return printHitsJSON(g.stdout, hits)
	}
	if err := printHits(g, s.cb, hits, opt.context); err != nil {
		return err
	}
	g.sayf("qda: ", "%s", hitSummary(hits, res.Total, opt.limit > 0))
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
	within, err := parseWithin(opt.within)
	if err != nil {
		return req, err
	}
	if within == search.WithinTurn {
		req.Within = search.WithinTurn
		if opt.context != 0 || req.ByScore {
			return req, usageErr(fmt.Errorf("--within turn prints whole turns in line order: leave out --context and --sort"))
		}
	}
	return req, nil
}

// loadTables reads the tables whole, as openStudy does.
func (s *session) loadTables() (*corpus.Index, error) {
	ix, err := loadTables(s.study.LoadIndex)
	if err != nil {
		return nil, err
	}
	s.ix = ix
	return ix, nil
}

// loadRowsOf reads the rows of the transcripts res prints, and of their
// participants, into a session opened with the tables' headers alone.
func (s *session) loadRowsOf(res *search.Result) error {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.Transcript)
	}
	for _, th := range res.Turns {
		ids = append(ids, th.Transcript)
	}
	if len(ids) == 0 {
		return nil // the headers LoadHeads read are the rows of none
	}
	ix, err := loadTables(func() (*corpus.Index, diag.List, error) { return s.study.LoadIndexOf(ids) })
	if err != nil {
		return err
	}
	s.ix = ix
	return nil
}
