package search

import (
	"math"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
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

// readStored sets each hit's references and text, as setStored does from
// a map of fields, but from the stored fields of its document, found, the
// search's internal id, read straight
// in the segment that holds it: bleve's own way (the request's Fields)
// looks each document up again by its id and builds a whole document
// of it, a quarter of the CPU of a common word's search. scorch numbers
// documents across its segments in order, each from the sum of the
// sizes of those before; the id stored with the fields is checked, and a
// hit whose document is not where it should be (the segments changed
// since the search) is left for fillRefs, which looks it up by id.
func (ix *Index) readStored(found search.DocumentMatchCollection, hits []Hit) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return
	}
	r, err := s.Reader()
	if err != nil {
		return
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return
	}
	segs := snap.Segments()
	offsets := make([]uint64, len(segs))
	var running uint64
	for i, seg := range segs {
		offsets[i] = running
		running += seg.Segment().Count()
	}
	// Each hit is read on its own (zap's readers take their buffers from
	// a pool), so on every core: a common word prints most lines. The
	// references, a few codes over and over, are made strings once per
	// core (interned), not once per hit.
	interned := make([]map[string]string, workers())
	eachOnCores(len(found), func(w, i int) bool {
		dm := found[i]
		num := dm.IndexInternalID.Value()
		k := sort.Search(len(offsets), func(x int) bool { return offsets[x] > num }) - 1
		if k < 0 {
			return true
		}
		local := num - offsets[k]
		if del := segs[k].Deleted(); del != nil && local <= math.MaxUint32 && del.Contains(uint32(local)) {
			return true
		}
		// The fields straight into the hit, not into a map of them
		// first (setStored): two maps per hit were most of what this
		// allocated.
		var refs map[string][]string
		var text string
		texts := 0
		same := false
		err := segs[k].VisitDocument(local, func(name string, _ byte, val []byte, _ []uint64) bool {
			if name == "_id" {
				// The first field visited: is it the hit's document?
				same = string(val) == dm.ID
				return same
			}
			if name == FieldText {
				text = string(val)
				texts++
			} else if coder, ok := strings.CutPrefix(name, FieldRef+"_"); ok {
				if refs == nil {
					refs = map[string][]string{}
				}
				if interned[w] == nil {
					interned[w] = map[string]string{}
				}
				ref, ok := interned[w][string(val)]
				if !ok {
					ref = string(val)
					interned[w][ref] = ref
				}
				refs[coder] = append(refs[coder], ref)
			}
			return true
		})
		if err == nil && same {
			if refs == nil {
				refs = map[string][]string{}
			}
			h := &hits[i]
			h.Refs = refs
			if texts == 1 {
				h.Text, h.Stored = text, true
			}
		}
		return true
	})
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
