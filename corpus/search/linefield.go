package search

import (
	"math"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// A line's number is indexed as one term, bleve's full-precision
// encoding of the number, not as a numeric field: bleve indexes a number
// as 16 terms (one per 4 bits of precision, for fast ranges over wide
// values), which were a third of every line's terms. Line numbers are
// few and small, so a range (line:>10) walks the dictionary's terms in
// order instead (lineRange): the encoding sorts as the numbers do.

// lineField is line l's field.
func lineField(l int) *document.TextField {
	return document.NewTextFieldWithIndexingOptions(FieldLine, nil, numeric.MustNewPrefixCodedInt64(numeric.Float64ToInt64(float64(l)), 0), index.IndexField)
}

// lineRange is q, a numeric range on the line field, as a range of its
// terms, with the bounds bleve's numeric range takes: the minimum
// inclusive and the maximum exclusive unless said otherwise.
func lineRange(q *query.NumericRangeQuery) query.Query {
	lo, hi := math.Inf(-1), math.Inf(1)
	if q.Min != nil {
		lo = *q.Min
	}
	if q.Max != nil {
		hi = *q.Max
	}
	min, max := numeric.Float64ToInt64(lo), numeric.Float64ToInt64(hi)
	if q.InclusiveMin != nil && !*q.InclusiveMin && min != math.MaxInt64 {
		min++
	}
	if (q.InclusiveMax == nil || !*q.InclusiveMax) && max != math.MinInt64 {
		max--
	}
	if min > max {
		return query.NewMatchNoneQuery()
	}
	yes := true
	r := query.NewTermRangeInclusiveQuery(string(numeric.MustNewPrefixCodedInt64(min, 0)), string(numeric.MustNewPrefixCodedInt64(max, 0)), &yes, &yes)
	r.SetField(FieldLine)
	r.SetBoost(q.Boost())
	return r
}
