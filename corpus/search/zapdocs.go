package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
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
func segmentLines(w *zapwrite.Writer, t *corpus.Transcript, codings []*corpus.Codings, attrs map[string]string, an analyzers) (pieced int) {
	refs := lineRefs(t, codings)
	participant := strings.ToLower(attrs["participant"])
	pseudonym := strings.ToLower(attrs["pseudonym"])
	var lineBuf []byte
	for i, line := range t.Lines {
		if line.Blank {
			continue
		}
		for _, p := range pieces(line.Text) {
			if p.off > 0 {
				pieced++
			}
			w.StartDoc(pieceID(t.ID, i+1, p.off))
			segmentKeyword(w, an, FieldTranscript, t.ID)
			text := w.Field(FieldText, true)
			segmentTokens(w, text, an.en.Analyze([]byte(p.text)))
			if len(p.text) == len(line.Text) {
				w.Store(text, []byte(p.text), nil)
			}
			segmentTokens(w, w.Field(FieldExact, true), an.exact.Analyze([]byte(p.text)))
			// lineField's one term, the number's full-precision encoding.
			lineBuf = numeric.MustNewPrefixCodedInt64(numeric.Float64ToInt64(float64(i+1)), 0)
			w.Token(w.Field(FieldLine, false), lineBuf, 1, 0, len(lineBuf))
			segmentKeyword(w, an, FieldSpeaker, line.Speaker)
			segmentKeyword(w, an, FieldRole, role(line.Speaker, participant, pseudonym))
			if rs := refs[i]; rs != nil {
				coders, all := codersAndRefs(rs)
				for _, c := range coders {
					segmentKeyword(w, an, FieldCoder, c)
					for k, r := range rs[c] {
						f := segmentKeyword(w, an, refField(c), r)
						var ap []uint64
						if k > 0 {
							ap = []uint64{uint64(k)}
						}
						w.Store(f, []byte(r), ap)
					}
				}
				for _, r := range all {
					segmentKeyword(w, an, FieldRef, r)
				}
			}
		}
	}
	return pieced
}

// segmentTranscript adds a transcript's own document (transcriptDoc)
// to a segment written by qda.
func segmentTranscript(w *zapwrite.Writer, id string, attrs map[string]string, an analyzers) {
	w.StartDoc(id)
	segmentKeyword(w, an, fieldKind, kindTranscript)
	for _, k := range sortedKeys(attrs) {
		if k != FieldTranscript {
			segmentKeyword(w, an, attrField(k), attrs[k])
		}
	}
}

// segmentKeyword adds value to field as the keyword analyzer makes it:
// one lowercased term, no locations.
func segmentKeyword(w *zapwrite.Writer, an analyzers, field, value string) zapwrite.Field {
	f := w.Field(field, false)
	segmentTokens(w, f, an.keyword.Analyze([]byte(value)))
	return f
}

func segmentTokens(w *zapwrite.Writer, f zapwrite.Field, toks analysis.TokenStream) {
	for _, t := range toks {
		w.Token(f, t.Term, t.Position, t.Start, t.End)
	}
}
