package search

import (
	"os"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/qdatool/qda/corpus"
)

// Most searches are for words, and the codings files matter to them only
// for the codes printed beside the hits. With Options.LazyCodings, an
// update stats the transcripts (and the tables) but not the codings
// files of transcripts whose text did not move: a third of the files. A
// search whose query or flags name codes, coders or references checks
// them all first (a full update), as without laziness; any other search
// checks the codings files of the transcripts it prints, and if one
// moved, updates fully and searches again. So every printed code and
// every match on codes is as fresh as the files, and an edit made in
// place is seen by the search that shows it.

// ensureCodings ends laziness: every codings file is checked, and what
// moved is indexed again.
func (ix *Index) ensureCodings() error {
	if !ix.lazy {
		return nil
	}
	ix.lazy = false
	if ix.idx != nil {
		// Opened read-only, perhaps: update opens it again as it needs.
		ix.idx.Close()
		ix.idx = nil
	}
	ix.refs = nil
	return safely(func() error { return ix.update(nil) })
}

// needsCodings reports whether r depends on the codings files beyond
// the codes printed: --code, --uncoded, or a field of codes in the query.
func needsCodings(r Request, q query.Query) bool {
	return r.Code != nil || r.Uncoded || namesCodings(q)
}

func namesCodings(q query.Query) bool {
	switch q := q.(type) {
	case nil:
		return false
	case *query.BooleanQuery:
		return namesCodings(q.Must) || namesCodings(q.Should) || namesCodings(q.MustNot) || namesCodings(q.Filter)
	case *query.ConjunctionQuery:
		for _, sub := range q.Conjuncts {
			if namesCodings(sub) {
				return true
			}
		}
		return false
	case *query.DisjunctionQuery:
		for _, sub := range q.Disjuncts {
			if namesCodings(sub) {
				return true
			}
		}
		return false
	case *query.MatchNoneQuery:
		// What a code: term becomes when no reference resolves to the
		// code: the index's references were read to decide it.
		return true
	case query.FieldableQuery:
		f := q.Field()
		return f == FieldCoder || f == FieldRef || strings.HasPrefix(f, FieldRef+"_")
	}
	return false
}

// codingsMoved reports whether a codings file of any of the transcripts
// differs from what the index holds: by the coders' folders (a file
// added or removed) and each file's stat.
func (ix *Index) codingsMoved(ids map[string]bool) bool {
	moved := map[string]bool{} // coders whose folder moved
	dirs := map[string]*os.File{}
	for _, c := range ix.cix.Coders {
		f, err := ix.study.OpenFolder(corpus.CodingsDir + "/" + c)
		if err != nil {
			return true
		}
		defer f.Close()
		dirs[c] = f
		old, ok := ix.man.Dirs[c]
		if st, err := openState(f); err != nil || !ok || old.MTime == 0 || !st.sameStat(old) {
			moved[c] = true
		}
	}
	if len(ix.man.Dirs) != len(ix.cix.Coders) {
		return true
	}
	entries := ix.man.entries(ids)
	list := make([]string, 0, len(ids))
	for id := range ids {
		if entries[id] == nil {
			return true
		}
		list = append(list, id)
	}
	// A common word prints most transcripts: their codings files (30,000
	// at 10,000 participants) are stat'ed on every core.
	stats := newFolderStats(dirs)
	return !eachOnCores(len(list), func(w, i int) bool {
		id := list[i]
		old := entries[id]
		n := 0
		for _, c := range ix.cix.Coders {
			if !ix.hasCoded(c, id, old, moved) {
				continue
			}
			n++
			o, ok := old.codings(c)
			if s := stats.stat(w, c, id, ".yaml"); !ok || o.MTime == 0 || !s.sameStat(o) {
				return false
			}
		}
		return n == len(old.Codings)
	})
}

// printed are the transcripts of a result's hits.
func printed(res *Result) map[string]bool {
	ids := map[string]bool{}
	for _, h := range res.Hits {
		ids[h.Transcript] = true
	}
	for _, th := range res.Turns {
		ids[th.Transcript] = true
	}
	return ids
}
