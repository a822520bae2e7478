package search

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// Request is a search: a query string and the filters the command's
// flags add to it.
type Request struct {
	Query   string
	Code    *codebook.Code // lines coded with it or a descendant; nil for any
	Coders  []string       // whose codings --code and Uncoded consider; nil for all
	Filters []corpus.Filter
	// Speaker is "participant", "interviewer" or a speaker label.
	Speaker string
	Uncoded bool // lines no chosen coder has coded
	Limit   int  // 0 for every hit
	ByScore bool // most relevant first, instead of transcript and line order
	// Within is WithinLine (or "") for line hits, WithinTurn for whole
	// speaker turns (Result.Turns).
	Within string
	// NoScores spares computing relevance in line order, for a caller
	// that does not print it.
	NoScores bool
	// WithRefs asks for each hit's code references (Hit.Refs).
	WithRefs bool
	// NoSpans asks only which lines match, without the byte ranges that
	// matched: bleve then keeps no term locations for the hits, which on
	// a word repeated a million times is most of a search's memory.
	NoSpans bool
}

// Hit is one matching line.
type Hit struct {
	Transcript string
	Line       int
	Score      float64
	// Spans are the byte ranges of the line's text that matched, for
	// highlighting; a hit by a filter alone has none.
	Spans []Span
	// Refs are the code references on the line by coder, as written in
	// the codings files, when the request asked for them.
	Refs map[string][]string
	// Stored is set when the index gave the line's Text (with Refs; not
	// for a line indexed in pieces): it is the file's, as the index is
	// brought up to date before the search.
	Stored bool
	Text   string
}

// Span is a byte range [Start, End) of a line.
type Span struct{ Start, End int }

// Result is the hits of a search, in the order asked for.
type Result struct {
	Hits []Hit
	// Turns are the matching turns of a search within turns; Hits then
	// hold their matching lines.
	Turns []TurnHit
	Total int // hits (turns within turns) before Limit
}

// What a hit is.
const (
	WithinLine = "line"
	WithinTurn = "turn"
)

// ParseWithin checks what a hit is to be, as a user gives it: "" is a
// line.
func ParseWithin(v string) (string, error) {
	switch v {
	case "", WithinLine:
		return WithinLine, nil
	case WithinTurn:
		return WithinTurn, nil
	}
	return "", fmt.Errorf("within %q: choose %s or %s", v, WithinLine, WithinTurn)
}

// Search runs r on the index. A query with a proximity term, or asked
// for --within turn, is answered turn by turn (turns.go).
func (ix *Index) Search(r Request) (*Result, error) {
	if len(r.Filters) > 0 {
		// An empty value is matched by naming the transcripts (filters).
		if err := ix.needTables(); err != nil {
			return nil, err
		}
	}
	text, prox, err := ix.textQuery(r.Query)
	if err != nil {
		return nil, err
	}
	if ix.lazy && (needsCodings(r, text) || !r.WithRefs) {
		if err := ix.ensureCodings(); err != nil {
			return nil, err
		}
		// Translated again: code: terms depend on the index's references.
		if text, prox, err = ix.textQuery(r.Query); err != nil {
			return nil, err
		}
	}
	res, err := ix.searchOnce(r, text, prox)
	if err == nil && ix.lazy && ix.codingsMoved(printed(res)) {
		// A codings file of a printed transcript moved: check them all.
		if err := ix.ensureCodings(); err != nil {
			return nil, err
		}
		res, err = ix.searchOnce(r, text, prox)
	}
	return res, err
}

func (ix *Index) searchOnce(r Request, text query.Query, prox []proximity) (*Result, error) {
	var res *Result
	var err error
	if r.Within == WithinTurn || len(prox) > 0 {
		res, err = ix.searchTurns(r, text, prox)
	} else {
		var filters []query.Query
		if filters, err = ix.filters(r); err == nil {
			res, err = ix.searchLines(and(append([]query.Query{text}, filters...)), r)
		}
	}
	if err == nil && r.WithRefs {
		err = ix.fillRefs(res)
	}
	return res, err
}

// searchLines runs q, the whole of a line-level search, with r's order,
// limit and spans.
func (ix *Index) searchLines(q query.Query, r Request) (*Result, error) {
	// A long line's pieces are documents of their own: with any in the
	// index, every matching document is fetched, so that a line's hits
	// are gathered into one and counted once.
	pieced := ix.man.pieced()
	// In line order every hit is needed to find the first ones, so all
	// are asked for at once (asking for 10,000 and then again for more
	// ran a common word's search twice); by score, only those printed.
	size := max(1, int(min(ix.man.docs(), 1<<30)))
	if r.Limit > 0 && r.ByScore && !pieced {
		size = r.Limit
	}
	// Under --limit in line order, the matched ranges are found only for
	// the hits printed: a second search of just those lines by id.
	spansLater := r.Limit > 0 && !r.ByScore && !r.NoSpans && !pieced
	// Every hit printed, each line's references and text are read with
	// it, from the segments of the hits found (readStored), where looking
	// the lines up again by id costs a dictionary lookup per line and
	// segment.
	withRefs := r.WithRefs && r.Limit == 0 && !pieced
	res, sq, err := ix.run(q, size, !r.NoSpans && !spansLater, r.NoScores && !r.ByScore, false)
	if err != nil {
		return nil, err
	}
	out := &Result{Total: int(res.Total), Hits: make([]Hit, 0, len(res.Hits))}
	type lineKey struct {
		transcript string
		line       int
	}
	at := map[lineKey]int{} // a line's hit in out.Hits
	for _, h := range res.Hits {
		id, line, off := splitID(h.ID)
		hit := Hit{Transcript: id, Line: line, Score: h.Score}
		i, seen := len(out.Hits), false
		if pieced {
			key := lineKey{id, line}
			if i, seen = at[key]; !seen {
				i = len(out.Hits)
				at[key] = i
			}
		}
		if !seen {
			out.Hits = append(out.Hits, hit)
		}
		into := &out.Hits[i]
		into.Score = max(into.Score, h.Score)
		for _, sp := range sq.spans[string(h.IndexInternalID)] {
			into.Spans = append(into.Spans, Span{off + sp.Start, off + sp.End})
		}
	}
	for i := range out.Hits {
		out.Hits[i].Spans = mergeSpans(out.Hits[i].Spans)
	}
	if withRefs {
		// Not pieced: out.Hits[i] is res.Hits[i]'s line.
		ix.readStored(res.Hits, out.Hits)
	}
	if pieced {
		out.Total = len(out.Hits)
	}
	if !r.ByScore && len(out.Hits) > 1 {
		ix.sortByLine(out.Hits)
	}
	if r.Limit > 0 && len(out.Hits) > r.Limit {
		out.Hits = out.Hits[:r.Limit]
	}
	if spansLater && len(out.Hits) > 0 {
		if err := ix.spansOf(q, out.Hits, r.NoScores); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// run runs q for up to size hits, with the matched ranges (spans) or
// without, with scores or without.
func (ix *Index) run(q query.Query, size int, spans, noScores, refs bool) (*bleve.SearchResult, *spanQuery, error) {
	sq := newSpanQuery(linesOnly(q), spans)
	req := bleve.NewSearchRequestOptions(sq, size, 0, false)
	req.IncludeLocations = spans
	if refs {
		req.Fields = []string{"*"}
	}
	if noScores {
		req.Score = "none"
	}
	res, err := ix.search(req)
	return res, sq, err
}

// spansOf fills in the matched ranges of hits, lines of whole documents
// (no pieces), by running q again on just their documents.
func (ix *Index) spansOf(q query.Query, hits []Hit, noScores bool) error {
	ids := make([]string, len(hits))
	at := make(map[string]int, len(hits))
	for i, h := range hits {
		ids[i] = docID(h.Transcript, h.Line)
		at[ids[i]] = i
	}
	res, sq, err := ix.run(query.NewConjunctionQuery([]query.Query{q, query.NewDocIDQuery(ids)}), len(ids), true, noScores, false)
	if err != nil {
		return err
	}
	for _, dm := range res.Hits {
		if i, ok := at[dm.ID]; ok {
			hits[i].Spans = mergeSpans(sq.spans[string(dm.IndexInternalID)])
		}
	}
	return nil
}

// sortByLine sorts hits in transcripts.csv order, then by line. Each
// hit's place is looked up once, not at every comparison: a common
// word's 13,000 hits cost 200,000 map lookups that way.
func (ix *Index) sortByLine(hits []Hit) {
	order := ix.order()
	type key struct{ rank, line, at int }
	keys := make([]key, len(hits))
	for i, h := range hits {
		keys[i] = key{order[h.Transcript], h.Line, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.line, b.line), cmp.Compare(a.at, b.at))
	})
	sorted := make([]Hit, len(hits))
	for i, k := range keys {
		sorted[i] = hits[k.at]
	}
	copy(hits, sorted)
}

// order is each transcript's place in transcripts.csv, the order hits
// are printed in.
func (ix *Index) order() map[string]int {
	if ix.rank == nil && ix.man.Transcripts == nil {
		ix.rank = ix.man.quickOrder() // the quick check read no table
	}
	if ix.rank == nil {
		ix.rank = make(map[string]int, len(ix.cix.Transcripts.Rows))
		for i, row := range ix.cix.Transcripts.Rows {
			ix.rank[row.ID] = i
		}
	}
	return ix.rank
}

// search runs req. On damaged segment files bleve fails or panics; then
// the index is rebuilt, with a notice, and asked again.
func (ix *Index) search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, broken := ix.trySearch(req)
	if broken == nil {
		return res, nil
	}
	// The query was checked before it got here (syntax, fields, regexps,
	// fuzziness), so an error now is the index's, as a panic is.
	ix.notice(fmt.Sprintf("rebuilding the search index in %s: it is damaged (%v)", Dir, broken))
	ix.idx.Close()
	ix.idx = nil
	if err := ix.create(); err != nil {
		return nil, err
	}
	ix.refs = nil
	if err := ix.update(nil); err != nil {
		return nil, err
	}
	res, broken = ix.trySearch(req)
	if broken != nil {
		return nil, fmt.Errorf("search index: %v", broken)
	}
	return res, nil
}

type panicError struct{ v any }

func (p panicError) Error() string { return fmt.Sprint(p.v) }

func isPanic(err error) bool {
	_, ok := err.(panicError)
	return ok
}

// trySearch returns bleve's error, or its panic as a panicError.
func (ix *Index) trySearch(req *bleve.SearchRequest) (res *bleve.SearchResult, broken error) {
	broken = safely(func() (err error) {
		res, err = ix.idx.Search(req)
		return err
	})
	return res, broken
}

func mergeSpans(spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
		} else {
			out = append(out, s)
		}
	}
	return out
}

// Query builds the bleve query for r: the query string with its fields
// translated, and the filters as required clauses. A proximity term has
// no bleve query of its own: Search answers it turn by turn.
func (ix *Index) Query(r Request) (query.Query, error) {
	text, prox, err := ix.textQuery(r.Query)
	if err != nil {
		return nil, err
	}
	if len(prox) > 0 {
		return nil, &QueryError{Query: r.Query, Column: 1, Near: prox[0].text, Msg: "a proximity term is matched turn by turn, not by one query"}
	}
	filters, err := ix.filters(r)
	if err != nil {
		return nil, err
	}
	return linesOnly(and(append([]query.Query{text}, filters...))), nil
}

// textQuery parses and translates the query string; nil for "" or *,
// and for a query of proximity terms only.
func (ix *Index) textQuery(s string) (query.Query, []proximity, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "*" {
		return nil, nil, nil
	}
	q, prox, err := parse(s)
	if err == nil && q != nil {
		q, err = ix.translate(q)
	}
	if err == nil {
		err = ix.checkProximity(prox)
	}
	if err != nil {
		var qe *QueryError
		if errors.As(err, &qe) && qe.Query == "" {
			qe.Query = s
			qe.Column = 1
			if i := strings.Index(s, qe.Near); i >= 0 {
				qe.Column = column(s, i)
			}
		}
		return nil, nil, err
	}
	return q, prox, nil
}

// and is the conjunction of the queries that are not nil; every line
// when there are none.
func and(qs []query.Query) query.Query {
	var parts []query.Query
	for _, q := range qs {
		if q != nil {
			parts = append(parts, q)
		}
	}
	switch len(parts) {
	case 0:
		return query.NewMatchAllQuery()
	case 1:
		return parts[0]
	}
	return query.NewConjunctionQuery(parts)
}

// filters are the request's flags as required clauses.
func (ix *Index) filters(r Request) ([]query.Query, error) {
	var parts []query.Query
	coders := r.Coders
	if coders == nil {
		coders = ix.cix.Coders
	}
	if r.Code != nil {
		parts = append(parts, ix.codeQuery(r.Code, r.Coders))
	}
	if r.Uncoded {
		var coded []query.Query
		for _, c := range coders {
			coded = append(coded, term(FieldCoder, c))
		}
		parts = append(parts, query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{query.NewDisjunctionQuery(coded)}))
	}
	for _, f := range r.Filters {
		var any []query.Query
		for _, v := range f.Values {
			if v != "" {
				q := term(attrField(f.Key), strings.ToLower(v))
				if ix.isAttrField(attrField(f.Key)) {
					var err error
					if q, err = ix.attrQuery(q); err != nil {
						return nil, err
					}
				}
				any = append(any, q)
				continue
			}
			// An empty value indexes no term: name the transcripts
			// whose attribute is empty instead.
			for _, row := range ix.cix.Transcripts.Rows {
				if ix.cix.Attrs(row)[f.Key] == "" {
					any = append(any, term(FieldTranscript, row.ID))
				}
			}
		}
		if len(any) == 0 {
			any = append(any, query.NewMatchNoneQuery())
		}
		parts = append(parts, query.NewDisjunctionQuery(any))
	}
	switch strings.ToLower(r.Speaker) {
	case "":
	case "participant", "interviewer":
		parts = append(parts, term(FieldRole, strings.ToLower(r.Speaker)))
	default:
		parts = append(parts, term(FieldSpeaker, strings.ToLower(r.Speaker)))
	}
	return parts, nil
}

func term(field, value string) query.Query {
	t := query.NewTermQuery(value)
	t.SetField(field)
	return t
}
