package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Attributes are indexed once per transcript, on its own document
// (transcriptDoc), not on each of its lines: copied onto every line,
// the demo's fourteen attributes were most of each line's fields and
// much of the build's work. A query on an attribute is first
// answered on the transcripts' documents, with the same field, analyzer
// and query, and becomes the lines of the transcripts it found: the lines
// a line carrying its transcript's attributes would have matched.

// isAttrField reports whether f is an attribute's field held by the
// transcripts' documents: every attribute's but the transcript id, which
// each line carries.
func (ix *Index) isAttrField(f string) bool {
	if f == FieldTranscript {
		return false
	}
	for _, a := range ix.cix.AttributeNames() {
		if attrField(a) == f {
			return true
		}
	}
	return false
}

// fielded checks q's field and turns a query on an attribute into the
// query of its transcripts' lines.
func (ix *Index) fielded(q query.Query, field string) (query.Query, error) {
	if err := ix.checkField(field); err != nil {
		return nil, err
	}
	if !ix.isAttrField(field) {
		return q, nil
	}
	return ix.attrQuery(q)
}

// attrQuery runs q, a query on attributes, on the transcripts' documents
// and returns the query of the lines of the transcripts it matched.
func (ix *Index) attrQuery(q query.Query) (query.Query, error) {
	size := ix.transcriptDocs() + 1
	for {
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
		req.Score = "none"
		res, err := ix.search(req)
		if err != nil {
			return nil, err
		}
		// Unscored, bleve stops at size hits and Total is then only a
		// lower bound (TotalRelationGte), never more than the hits: so
		// a full page is asked again, larger, until it is not full.
		if len(res.Hits) >= size || int(res.Total) > len(res.Hits) || res.TotalRelation == bleve.TotalRelationGte {
			size = max(2*size, int(res.Total)+1)
			continue
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		return transcriptsQuery(ids), nil
	}
}

// transcriptDocs is how many transcripts' documents the index holds:
// after a quick check (quick.go) the manifest's entries are not parsed,
// and its records count them.
func (ix *Index) transcriptDocs() int {
	if ix.man.Transcripts != nil {
		return len(ix.man.Transcripts)
	}
	if q := ix.man.records(); q != nil {
		return q.n
	}
	return 0
}

// transcriptsQuery finds the lines of the transcripts ids.
func transcriptsQuery(ids []string) query.Query {
	if len(ids) == 0 {
		return query.NewMatchNoneQuery()
	}
	any := make([]query.Query, len(ids))
	for i, id := range ids {
		any[i] = term(FieldTranscript, id)
	}
	return query.NewDisjunctionQuery(any)
}

// linesOnly leaves the transcripts' own documents out of q's matches: a
// query that matches every document (*, a - term alone, --uncoded)
// would find them too.
func linesOnly(q query.Query) query.Query {
	return query.NewBooleanQuery([]query.Query{q}, nil, []query.Query{term(fieldKind, kindTranscript)})
}
