package search

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
)

// memoAnalyzer is a DefaultAnalyzer whose token filters are remembered
// per distinct token: each filter of the English chain (possessive,
// lowercase, stop words, porter) is a pure function of one token's
// text, and interviews reuse a small vocabulary, so a build stems each
// word once instead of at every occurrence. It is used to index only;
// queries analyze with the mapping's analyzers, which give the same
// tokens (FuzzMemoAnalyzer holds it to them), so the stored mapping and
// the index version are unchanged and older indexes need no rebuild.
type memoAnalyzer struct {
	tokenizer analysis.Tokenizer
	filters   []analysis.TokenFilter
	mu        sync.RWMutex
	memo      map[string]memoTerm
}

// memoTerm is what the filters make of one token: its new text, or
// dropped (a stop word).
type memoTerm struct {
	term    []byte
	dropped bool
}

// memoLimit bounds the memo, and so its memory, whatever the text: a
// study's distinct words are tens of thousands; tokens past the limit
// are filtered as they come.
const memoLimit = 1 << 17

// newMemoAnalyzer remembers a's filters, or is a itself when a is not a
// tokenizer and filters (nothing to remember).
func newMemoAnalyzer(a analysis.Analyzer) analysis.Analyzer {
	d, ok := a.(*analysis.DefaultAnalyzer)
	if !ok || d.CharFilters != nil || len(d.TokenFilters) == 0 {
		return a
	}
	return &memoAnalyzer{tokenizer: d.Tokenizer, filters: d.TokenFilters, memo: map[string]memoTerm{}}
}

// Analyze tokenizes input and replaces each token's text by the memo's,
// filtering those the memo does not hold yet one by one. The memo's
// bytes are shared by every token of that text: bleve reads a token's
// term after analysis but never writes it.
func (m *memoAnalyzer) Analyze(input []byte) analysis.TokenStream {
	tokens := m.tokenizer.Tokenize(input)
	var missed []int
	m.mu.RLock()
	j := 0
	for i, t := range tokens {
		r, ok := m.memo[string(t.Term)]
		switch {
		case !ok:
			missed = append(missed, i)
		case r.dropped:
			tokens[i] = nil
			continue
		default:
			t.Term = r.term
		}
		j++
	}
	m.mu.RUnlock()
	if missed != nil {
		m.mu.Lock()
		for _, i := range missed {
			t := tokens[i]
			key := string(t.Term)
			r, ok := m.memo[key]
			if !ok {
				r = m.filter(t)
				if len(m.memo) < memoLimit {
					m.memo[key] = r
				}
			}
			if r.dropped {
				tokens[i] = nil
				j--
			} else {
				t.Term = r.term
			}
		}
		m.mu.Unlock()
	}
	if j == len(tokens) {
		return tokens
	}
	out := tokens[:0]
	for _, t := range tokens {
		if t != nil {
			out = append(out, t)
		}
	}
	return out
}

// filter runs the filters on a copy of one token, as the analyzer does
// (the filters may rewrite the term's bytes in place, which here are
// the input's).
func (m *memoAnalyzer) filter(t *analysis.Token) memoTerm {
	c := *t
	c.Term = append([]byte(nil), t.Term...)
	stream := analysis.TokenStream{&c}
	for _, f := range m.filters {
		stream = f.Filter(stream)
	}
	if len(stream) == 0 {
		return memoTerm{dropped: true}
	}
	return memoTerm{term: stream[0].Term}
}
