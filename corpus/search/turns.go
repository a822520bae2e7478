package search

import (
	"cmp"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/qdatool/qda/corpus"
)

// Transcripts are a sentence per line, so an answer is several lines and
// "+fatigue +stairs" finds nothing when the two words are in consecutive
// sentences. A search within turns answers for whole speaker turns
// instead: each top-level term of the query is searched line by line
// (the index's documents), the lines are grouped into the turns of their
// transcript (read from the file, as the hits are printed from it), and
// a turn matches when every + term has a line in it, no - term has one,
// and, without + terms, some other term has one. Proximity terms are
// matched on the turn's words. Only transcripts every + term reaches
// are read.

// TurnHit is one matching turn: its lines, and the lines in it that
// matched, with the matched byte ranges.
type TurnHit struct {
	Transcript string
	Speaker    string
	Lines      corpus.Range
	Hits       []Hit
}

// clause is a top-level term of the query and the lines it matches.
type clause struct {
	occur occur
	q     query.Query // nil for a proximity term
	prox  *proximity
	// lines are the matching lines by transcript, with their spans; for
	// a proximity term, the lines that hold any of its words.
	lines map[string]map[int][]Span
	// byWord are a proximity term's lines by word.
	byWord map[string]map[string]map[int]bool
}

// clauses splits a translated query into its top-level terms.
func clauses(q query.Query, prox []proximity) []*clause {
	var out []*clause
	add := func(o occur, qs ...query.Query) {
		for _, q := range qs {
			out = append(out, &clause{occur: o, q: q})
		}
	}
	switch b := q.(type) {
	case nil:
	case *query.BooleanQuery:
		add(must, subqueries(b.Must)...)
		add(should, subqueries(b.Should)...)
		add(mustNot, subqueries(b.MustNot)...)
	default:
		add(should, q)
	}
	for i := range prox {
		out = append(out, &clause{occur: prox[i].occur, prox: &prox[i]})
	}
	return out
}

// subqueries are the parts of a conjunction or disjunction.
func subqueries(q query.Query) []query.Query {
	switch q := q.(type) {
	case nil:
		return nil
	case *query.ConjunctionQuery:
		return q.Conjuncts
	case *query.DisjunctionQuery:
		return q.Disjuncts
	}
	return []query.Query{q}
}

// searchTurns answers r turn by turn. Hits are the matching lines of
// the matching turns; with r.Within set to turns, Turns are the turns,
// and Limit and Total count turns.
func (ix *Index) searchTurns(r Request, text query.Query, prox []proximity) (*Result, error) {
	cls := clauses(text, prox)
	filters, err := ix.filters(r)
	if err != nil {
		return nil, err
	}
	positive := false
	for _, c := range cls {
		positive = positive || c.occur != mustNot
	}
	if !positive {
		// Only - terms (or none): every line the filters keep counts.
		cls = append(cls, &clause{occur: should, q: query.NewMatchAllQuery()})
	}
	lineReq := Request{ByScore: true, NoSpans: r.NoSpans}
	for _, c := range cls {
		var err error
		switch {
		case c.prox != nil:
			c.lines, c.byWord = map[string]map[int][]Span{}, map[string]map[string]map[int]bool{}
			for _, w := range c.prox.words {
				if c.byWord[w] != nil {
					continue
				}
				res, err := ix.searchLines(and(append([]query.Query{term(FieldExact, w)}, filters...)), Request{ByScore: true, NoSpans: true})
				if err != nil {
					return nil, err
				}
				c.byWord[w] = map[string]map[int]bool{}
				for _, h := range res.Hits {
					setLine(c.byWord[w], h.Transcript, h.Line)
					addLine(c.lines, h)
				}
			}
		case c.occur == mustNot:
			err = ix.linesOf(c, c.q, Request{ByScore: true, NoSpans: true})
		default:
			err = ix.linesOf(c, and(append([]query.Query{c.q}, filters...)), lineReq)
		}
		if err != nil {
			return nil, err
		}
	}
	out := &Result{}
	exact := ix.idx.Mapping().AnalyzerNamed(analyzerExact)
	for _, id := range ix.candidates(cls) {
		t, err := ix.study.ReadTranscript(id)
		if err != nil {
			continue // unreadable now: its lines left the index with a notice
		}
		for _, tu := range corpus.Turns(t, corpus.Range{Start: 1, End: t.Len()}) {
			if th, ok := matchTurn(t, tu, cls, exact); ok {
				out.Total++
				out.Turns = append(out.Turns, th)
			}
		}
	}
	if r.Limit > 0 && len(out.Turns) > r.Limit {
		out.Turns = out.Turns[:r.Limit]
	}
	for _, th := range out.Turns {
		out.Hits = append(out.Hits, th.Hits...)
	}
	if r.Within != WithinTurn {
		// A proximity term in a search of lines: the lines that hold a
		// match are the hits.
		out.Turns, out.Total = nil, len(out.Hits)
		if r.Limit > 0 && len(out.Hits) > r.Limit {
			out.Hits = out.Hits[:r.Limit]
		}
	}
	return out, nil
}

func (ix *Index) linesOf(c *clause, q query.Query, r Request) error {
	res, err := ix.searchLines(q, r)
	if err != nil {
		return err
	}
	c.lines = map[string]map[int][]Span{}
	for _, h := range res.Hits {
		addLine(c.lines, h)
	}
	return nil
}

func addLine(m map[string]map[int][]Span, h Hit) {
	if m[h.Transcript] == nil {
		m[h.Transcript] = map[int][]Span{}
	}
	m[h.Transcript][h.Line] = append(m[h.Transcript][h.Line], h.Spans...)
}

func setLine(m map[string]map[int]bool, id string, line int) {
	if m[id] == nil {
		m[id] = map[int]bool{}
	}
	m[id][line] = true
}

// candidates are the transcripts that may hold a matching turn, in
// transcripts.csv order: those every + term reaches (every word of a
// proximity term), else those any other positive term reaches.
func (ix *Index) candidates(cls []*clause) []string {
	var set map[string]bool
	reach := func(c *clause) map[string]bool {
		m := map[string]bool{}
		if c.prox == nil {
			for id := range c.lines {
				m[id] = true
			}
			return m
		}
		first := true
		for _, lines := range c.byWord {
			for id := range m {
				if lines[id] == nil {
					delete(m, id)
				}
			}
			if first {
				for id := range lines {
					m[id] = true
				}
				first = false
			}
		}
		return m
	}
	for _, c := range cls {
		if c.occur != must {
			continue
		}
		r := reach(c)
		if set == nil {
			set = r
			continue
		}
		for id := range set {
			if !r[id] {
				delete(set, id)
			}
		}
	}
	if set == nil {
		set = map[string]bool{}
		for _, c := range cls {
			if c.occur == should {
				for id := range reach(c) {
					set[id] = true
				}
			}
		}
	}
	order := ix.order()
	ids := make([]string, 0, len(set))
	for id := range set {
		if _, ok := order[id]; ok {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(order[a], order[b]) })
	return ids
}

// matchTurn decides turn tu of t against the clauses, and gathers the
// lines that matched.
func matchTurn(t *corpus.Transcript, tu corpus.Turn, cls []*clause, exact analysis.Analyzer) (TurnHit, bool) {
	th := TurnHit{Transcript: t.ID, Speaker: tu.Speaker, Lines: tu.Lines}
	spans := map[int][]Span{}
	marked := map[int]bool{}
	anyMust, anyShould := false, false
	var words []wordPos
	for _, c := range cls {
		in := c.lines[t.ID]
		found := map[int][]Span{}
		for l := tu.Lines.Start; l <= tu.Lines.End; l++ {
			if sp, ok := in[l]; ok && c.prox == nil {
				found[l] = sp
			}
		}
		if c.prox != nil && hasLine(in, tu.Lines) {
			if words == nil {
				words = turnWords(t, tu.Lines, exact)
			}
			for _, w := range c.prox.window(words, func(w wordPos) bool { return c.byWord[w.word][t.ID][w.line] }) {
				found[w.line] = append(found[w.line], Span{w.start, w.end})
			}
		}
		switch {
		case c.occur == mustNot && len(found) > 0:
			return th, false
		case c.occur == mustNot:
			continue
		case c.occur == must && len(found) == 0:
			return th, false
		case c.occur == must:
			anyMust = true
		case len(found) > 0:
			anyShould = true
		}
		for l, sp := range found {
			marked[l] = true
			spans[l] = append(spans[l], sp...)
		}
	}
	if !anyMust && !anyShould {
		return th, false
	}
	for l := tu.Lines.Start; l <= tu.Lines.End; l++ {
		if marked[l] {
			th.Hits = append(th.Hits, Hit{Transcript: t.ID, Line: l, Spans: mergeSpans(spans[l])})
		}
	}
	return th, true
}

func hasLine(lines map[int][]Span, r corpus.Range) bool {
	for l := r.Start; l <= r.End; l++ {
		if _, ok := lines[l]; ok {
			return true
		}
	}
	return false
}

// turnWords are the words of lines r of t as the exact field holds them
// (lowercased, grep -w's words; the punctuation between them left out),
// numbered across the lines.
func turnWords(t *corpus.Transcript, r corpus.Range, exact analysis.Analyzer) []wordPos {
	out := []wordPos{}
	for l := r.Start; l <= r.End; l++ {
		line := t.Line(l)
		if line.Blank {
			continue
		}
		for _, tok := range exact.Analyze([]byte(line.Text)) {
			if !wordRE().Match(tok.Term) {
				continue
			}
			out = append(out, wordPos{pos: len(out), line: l, start: tok.Start, end: tok.End, word: string(tok.Term)})
		}
	}
	return out
}
