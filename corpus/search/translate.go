package search

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/lazyre"
)

// codeQuery finds lines coded with code or a descendant by the coders
// (nil: any coder). The index holds references as the codings files
// write them; every reference in the index that resolves, under today's
// codebook, to code's subtree is asked for.
func (ix *Index) codeQuery(code *codebook.Code, coders []string) query.Query {
	refs := ix.refsUnder(code)
	fields := []string{FieldRef}
	if coders != nil {
		fields = nil
		for _, c := range coders {
			fields = append(fields, refField(c))
		}
	}
	var any []query.Query
	for _, f := range fields {
		for _, ref := range refs {
			any = append(any, term(f, ref))
		}
	}
	if len(any) == 0 {
		return query.NewMatchNoneQuery()
	}
	return query.NewDisjunctionQuery(any)
}

// refsUnder lists the references in the index that resolve to code or
// one of its descendants.
func (ix *Index) refsUnder(code *codebook.Code) []string {
	if ix.refs == nil {
		ix.refs = []string{}
		if dict, err := ix.idx.FieldDict(FieldRef); err == nil {
			for e, err := dict.Next(); err == nil && e != nil; e, err = dict.Next() {
				ix.refs = append(ix.refs, e.Term)
			}
			dict.Close()
		}
	}
	res := corpus.NewResolver(ix.cb)
	var out []string
	for _, ref := range ix.refs {
		if c := res.Code(ref); c != nil && code.Contains(c) {
			out = append(out, ref)
		}
	}
	return out
}

// translate sends the query's unfielded parts to the right field: terms
// to the stemmed text, phrases, wildcards, regexps and fuzzy terms to the
// exact words (stemming would make "cup of tea" match "cups of tea" and
// taxi* miss nothing but find stems), and a term made only of stop words
// to the exact words too, so "the" is not silently nothing, and so is a
// term with punctuation inside (self-help), word for word. code: and
// code_CODER: become the references that resolve to the code.
func (ix *Index) translate(q query.Query) (query.Query, error) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []*query.Query{&q.Must, &q.Should, &q.MustNot, &q.Filter} {
			if *sub == nil {
				continue
			}
			t, err := ix.translate(*sub)
			if err != nil {
				return nil, err
			}
			*sub = t
		}
	case *query.ConjunctionQuery:
		for i, sub := range q.Conjuncts {
			t, err := ix.translate(sub)
			if err != nil {
				return nil, err
			}
			q.Conjuncts[i] = t
		}
	case *query.DisjunctionQuery:
		for i, sub := range q.Disjuncts {
			t, err := ix.translate(sub)
			if err != nil {
				return nil, err
			}
			q.Disjuncts[i] = t
		}
	case *query.MatchQuery:
		if q.Fuzziness > 2 {
			return nil, &QueryError{Near: "~" + strconv.Itoa(q.Fuzziness), Msg: "fuzziness goes up to 2 edits"}
		}
		if q.FieldVal == "" {
			q.FieldVal = FieldText
			if q.Fuzziness > 0 || ix.onlyStopWords(q.Match) || ix.exactWords(q.Match) > 1 {
				q.FieldVal = FieldExact
			}
		}
		if q.FieldVal == FieldExact && q.Fuzziness == 0 && ix.exactTokens(q.Match) > 1 {
			// bleve would look for any of the pieces: self-help would
			// find every line with "self", "-" or "help" in it.
			p := query.NewMatchPhraseQuery(q.Match)
			p.SetField(FieldExact)
			p.SetBoost(q.Boost())
			return p, nil
		}
		if q.FieldVal == FieldExact && q.Fuzziness > 0 && ix.exactTokens(q.Match) > 1 {
			// A punctuation mark is a token of its own, and one edit
			// away from any one-letter word: fuzzy looks for the words.
			var any []query.Query
			for _, w := range wordRE().FindAllString(q.Match, -1) {
				f := query.NewFuzzyQuery(strings.ToLower(w))
				f.SetField(FieldExact)
				f.SetFuzziness(q.Fuzziness)
				f.SetPrefix(q.Prefix)
				any = append(any, f)
			}
			d := query.NewDisjunctionQuery(any)
			d.SetBoost(q.Boost())
			return d, nil
		}
		if q.FieldVal == FieldText {
			return q, nil
		}
		if coders, ok := ix.codeFieldOf(q.FieldVal); ok {
			c, _, err := ix.cb.ResolveArg(q.Match)
			if err != nil {
				return nil, &QueryError{Near: q.FieldVal + ":" + q.Match, Msg: err.Error()}
			}
			return ix.codeQuery(c, coders), nil
		}
		return ix.fielded(q, q.FieldVal)
	case *query.MatchPhraseQuery:
		if q.FieldVal == "" {
			q.FieldVal = FieldExact
		}
		return ix.fielded(q, q.FieldVal)
	case *query.WildcardQuery:
		if q.FieldVal == "" {
			q.FieldVal = FieldExact
		}
		q.Wildcard = strings.ToLower(q.Wildcard)
		return ix.fielded(q, q.FieldVal)
	case *query.RegexpQuery:
		if q.FieldVal == "" {
			q.FieldVal = FieldExact
		}
		if _, err := regexp.Compile(q.Regexp); err != nil {
			return nil, &QueryError{Near: "/" + q.Regexp + "/", Msg: "not a regular expression: " + strings.TrimPrefix(err.Error(), "error parsing regexp: ")}
		}
		return ix.fielded(q, q.FieldVal)
	case *query.NumericRangeQuery:
		if q.FieldVal == "" {
			// A bare number is a word, searched as text beside this.
			return query.NewMatchNoneQuery(), nil
		}
		if q.FieldVal == FieldLine {
			return lineRange(q), nil
		}
		return ix.fielded(q, q.FieldVal)
	case query.FieldableQuery:
		return ix.fielded(q, q.Field())
	}
	return q, nil
}

// codeFieldOf tells code: and code_CODER: apart from other fields.
func (ix *Index) codeFieldOf(field string) ([]string, bool) {
	if field == FieldCode {
		return nil, true
	}
	if c, ok := strings.CutPrefix(field, FieldCode+"_"); ok && slices.Contains(ix.cix.Coders, c) {
		return []string{c}, true
	}
	return nil, false
}

// Fields lists the fields a query may name.
func (ix *Index) Fields() []string {
	fields := []string{FieldText, FieldExact, FieldSpeaker, FieldRole, FieldLine, FieldCoder, FieldCode}
	for _, c := range ix.cix.Coders {
		fields = append(fields, codeField(c))
	}
	for _, a := range ix.cix.AttributeNames() {
		fields = append(fields, attrField(a))
	}
	return fields
}

func (ix *Index) checkField(f string) error {
	if slices.Contains(ix.Fields(), f) || f == FieldRef || strings.HasPrefix(f, FieldRef+"_") {
		return nil
	}
	return &QueryError{Near: f + ":", Msg: fmt.Sprintf("unknown field %q; the fields are %s", f, strings.Join(ix.Fields(), ", "))}
}

// exactTokens counts the tokens of s in the exact field: words and the
// punctuation between them.
func (ix *Index) exactTokens(s string) int {
	a := ix.idx.Mapping().AnalyzerNamed(analyzerExact)
	if a == nil {
		return 0
	}
	return len(a.Analyze([]byte(s)))
}

// exactWords counts the words of s in the exact field, punctuation left
// out: a term written with punctuation inside (self-help, 24/7, taxi's)
// is more than one.
func (ix *Index) exactWords(s string) int {
	return len(wordRE().FindAllString(s, -1))
}

var wordRE = lazyre.New(wordChars + "+")

// onlyStopWords reports whether the English analyzer leaves nothing of s.
func (ix *Index) onlyStopWords(s string) bool {
	a := ix.idx.Mapping().AnalyzerNamed(en.AnalyzerName)
	return a != nil && len(a.Analyze([]byte(s))) == 0
}
