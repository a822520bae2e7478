package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// fillRefs reads the code references of the hits res will print, those
// the search did not bring (under --limit, in turns), from
// the index's stored ref_CODER fields: one lookup of the printed lines
// by id, where reading every coder's codings file of every transcript
// with a hit took most of a common word's search. The index was brought
// up to date before the search, so they are the files' references.
func (ix *Index) fillRefs(res *Result) error {
	hits := make([]*Hit, 0, len(res.Hits))
	for i := range res.Hits {
		hits = append(hits, &res.Hits[i])
	}
	for i := range res.Turns {
		for j := range res.Turns[i].Hits {
			hits = append(hits, &res.Turns[i].Hits[j])
		}
	}
	at := make(map[string][]*Hit, len(hits))
	ids := make([]string, 0, len(hits))
	for _, h := range hits {
		if h.Refs != nil {
			continue // came with the search
		}
		// A long line's first piece carries the line's references.
		id := docID(h.Transcript, h.Line)
		if at[id] == nil {
			ids = append(ids, id)
		}
		at[id] = append(at[id], h)
	}
	if len(ids) == 0 {
		return nil
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{"*"}
	found, err := ix.search(req)
	if err != nil {
		return err
	}
	for _, dm := range found.Hits {
		for _, h := range at[dm.ID] {
			h.setStored(dm.Fields)
		}
	}
	for _, h := range hits {
		if h.Refs == nil {
			h.Refs = map[string][]string{}
		}
	}
	return nil
}

// setStored sets h's references, and its text when the index stored
// it, from its document's stored fields.
func (h *Hit) setStored(fields map[string]any) {
	h.Refs = storedRefs(fields)
	h.Text, h.Stored = fields[FieldText].(string)
}

// storedRefs are the references of a hit's stored fields, by coder.
func storedRefs(fields map[string]any) map[string][]string {
	refs := map[string][]string{}
	for f, v := range fields {
		coder, ok := strings.CutPrefix(f, FieldRef+"_")
		if !ok {
			continue
		}
		switch v := v.(type) {
		case string:
			refs[coder] = []string{v}
		case []any:
			for _, r := range v {
				if s, ok := r.(string); ok {
					refs[coder] = append(refs[coder], s)
				}
			}
		}
	}
	return refs
}
