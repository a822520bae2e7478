package search

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/numeric"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search/zapwrite"
)

// segmentLines adds a transcript's line documents to a segment written
// by qda (zapwrite): the documents documents gives bleve, field for
// field, term for term, but as tokens appended to the segment rather
// than bleve documents analysed into maps. TestSegmentLikeZapx holds
// the two to the same segment, byte for byte. A build from nothing
// uses it (build_segment.go). It returns the number
// of pieces after a line's first (the manifest's entry.Pieces).
func segmentLines(w docSink, t *corpus.Transcript, codings []*corpus.Codings, attrs map[string]string, an analyzers) (pieced int) {
	kw := newKeywords()
	refs := lineRefs(t, codings)
	participant := strings.ToLower(attrs["participant"])
	pseudonym := strings.ToLower(attrs["pseudonym"])
	var lineBuf, textBuf, enBuf []byte
	// The English analyzer is given textBuf itself only when it is a
	// memoAnalyzer, which filters copies; bleve's own (newMemoAnalyzer
	// keeps it when there is nothing to remember) would lowercase and
	// stem textBuf in place before it is stored.
	_, enCopies := an.en.(*memoAnalyzer)
	for i, line := range t.Lines {
		if line.Blank {
			continue
		}
		for _, p := range pieces(line.Text) {
			if p.off > 0 {
				pieced++
			}
			w.StartDoc(pieceID(t.ID, i+1, p.off))
			segmentKeyword(w, kw, FieldTranscript, t.ID)
			text := w.Field(FieldText, true)
			// One copy of the text for both analyzers and the stored
			// value: each token is given to w, which copies it, before
			// the next analyzer runs; the English one (memoAnalyzer)
			// filters copies, and the exact analyzer, whose
			// lowercase filter rewrites the copy in place, runs last.
			textBuf = append(textBuf[:0], p.text...)
			enIn := textBuf
			if !enCopies {
				enBuf = append(enBuf[:0], p.text...)
				enIn = enBuf
			}
			segmentTokens(w, text, an.en.Analyze(enIn))
			if len(p.text) == len(line.Text) {
				w.Store(text, textBuf, nil)
			}
			segmentTokens(w, w.Field(FieldExact, true), an.exact.Analyze(textBuf))
			// lineField's one term, the number's full-precision encoding.
			lineBuf = numeric.MustNewPrefixCodedInt64(numeric.Float64ToInt64(float64(i+1)), 0)
			w.Token(w.Field(FieldLine, false), lineBuf, 1, 0, len(lineBuf))
			segmentKeyword(w, kw, FieldSpeaker, line.Speaker)
			segmentKeyword(w, kw, FieldRole, role(line.Speaker, participant, pseudonym))
			if rs := refs[i]; rs != nil {
				coders, all := codersAndRefs(rs)
				for _, c := range coders {
					segmentKeyword(w, kw, FieldCoder, c)
					for k, r := range rs[c] {
						f := segmentKeyword(w, kw, refField(c), r)
						var ap []uint64
						if k > 0 {
							ap = []uint64{uint64(k)}
						}
						w.Store(f, []byte(r), ap)
					}
				}
				for _, r := range all {
					segmentKeyword(w, kw, FieldRef, r)
				}
			}
		}
	}
	return pieced
}

// segmentTranscript adds a transcript's own document (transcriptDoc)
// to a segment written by qda.
func segmentTranscript(w docSink, id string, attrs map[string]string) {
	kw := newKeywords()
	w.StartDoc(id)
	segmentKeyword(w, kw, fieldKind, kindTranscript)
	for _, k := range sortedKeys(attrs) {
		if k != FieldTranscript {
			segmentKeyword(w, kw, attrField(k), attrs[k])
		}
	}
}

// segmentKeyword adds value to field as the keyword analyzer makes it:
// one lowercased term, no locations.
func segmentKeyword(w docSink, kw *keywords, field, value string) zapwrite.Field {
	f := w.Field(field, false)
	// The single tokenizer's one token: the whole value, even empty.
	w.Token(f, kw.term(value), 1, 0, len(value))
	return f
}

// docSink is what segmentLines and segmentTranscript write to: a
// zapwrite.Writer, or a docRecord that a build's workers fill for the
// writer's goroutine to replay (build_ahead.go).
type docSink interface {
	StartDoc(id string)
	Field(name string, vectors bool) zapwrite.Field
	Token(f zapwrite.Field, term []byte, pos, start, end int)
	Store(f zapwrite.Field, value []byte, arrayPositions []uint64)
}

// keywords lowercases keyword values as the keyword analyzer (the
// single tokenizer, then bleve's lowercase filter) does: a profile of a
// build found that analyzer's token stream, one slice and token and
// copy per value, among its larger costs for a term that is the value
// lowercased. The lowercasing is bleve's filter itself, run on one
// token reused, so its Unicode rules (a final sigma, a rune whose lower
// case is longer) are the analyzer's; ASCII, almost every value, is
// lowered here. TestKeywordsLikeAnalyzer and FuzzKeywordsLikeAnalyzer
// hold it to the mapping's analyzer.
type keywords struct {
	lower analysis.TokenFilter
	tok   analysis.Token
	one   analysis.TokenStream
	buf   []byte
}

func newKeywords() *keywords {
	k := &keywords{lower: lowercase.NewLowerCaseFilter()}
	k.one = analysis.TokenStream{&k.tok}
	return k
}

// term is value's one term, valid until the next call.
func (k *keywords) term(value string) []byte {
	k.buf = append(k.buf[:0], value...)
	for i, c := range k.buf {
		if c >= utf8.RuneSelf {
			k.tok.Term = k.buf
			k.lower.Filter(k.one)
			return k.tok.Term
		}
		if 'A' <= c && c <= 'Z' {
			k.buf[i] = c + 'a' - 'A'
		}
	}
	return k.buf
}

func segmentTokens(w docSink, f zapwrite.Field, toks analysis.TokenStream) {
	for _, t := range toks {
		w.Token(f, t.Term, t.Position, t.Start, t.End)
	}
}
