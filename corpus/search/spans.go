package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// spanQuery runs a query and turns each matching document's term
// locations into spans as the document is found, dropping bleve's own:
// its collector otherwise keeps every location of every hit until the
// search ends (two structs and a map entry a word), so a word found a
// million times in a long line held hundreds of megabytes. A phrase
// searcher fills in locations even when none are asked for, so they are
// dropped whether or not spans are kept.
type spanQuery struct {
	query.Query
	keep  bool              // record the spans, else only drop the locations
	spans map[string][]Span // by the document's internal id
}

func newSpanQuery(q query.Query, keep bool) *spanQuery {
	return &spanQuery{Query: q, keep: keep, spans: map[string][]Span{}}
}

// Searcher is the wrapped query's searcher, dropping locations.
func (q *spanQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	s, err := q.Query.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return &spanSearcher{Searcher: s, q: q}, nil
}

type spanSearcher struct {
	search.Searcher
	q *spanQuery
}

func (s *spanSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	s.take(dm)
	return dm, err
}

func (s *spanSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	s.take(dm)
	return dm, err
}

// take moves dm's locations in the line's text into the query's spans.
func (s *spanSearcher) take(dm *search.DocumentMatch) {
	if dm == nil {
		return
	}
	if s.q.keep {
		var spans []Span
		for _, ftl := range dm.FieldTermLocations {
			if ftl.Field == FieldText || ftl.Field == FieldExact {
				spans = append(spans, Span{int(ftl.Location.Start), int(ftl.Location.End)})
			}
		}
		for _, f := range []string{FieldText, FieldExact} {
			for _, locs := range dm.Locations[f] {
				for _, l := range locs {
					spans = append(spans, Span{int(l.Start), int(l.End)})
				}
			}
		}
		if len(spans) > 0 {
			id := string(dm.IndexInternalID)
			s.q.spans[id] = append(s.q.spans[id], spans...)
		}
	}
	dm.FieldTermLocations = nil
	dm.Locations = nil
}
