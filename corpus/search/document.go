package search

import (
	"iter"

	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/qdatool/qda/corpus"
)

// analyzers are the mapping's, resolved once: documents are built field by
// field rather than from maps, which spares bleve's reflection and its
// attempt to parse every string as a date.
type analyzers struct{ en, exact, keyword analysis.Analyzer }

func newAnalyzers(m mapping.IndexMapping) analyzers {
	return analyzers{en: m.AnalyzerNamed(en.AnalyzerName), exact: m.AnalyzerNamed(analyzerExact), keyword: m.AnalyzerNamed(analyzerKeyword)}
}

const (
	textOptions    = index.IndexField | index.IncludeTermVectors
	keywordOptions = index.IndexField
)

// documents yields each line's document by line number; nil for a blank
// line, which is never a hit. Code references are stored as written in
// the codings files and resolved when a query names a code, so a codebook
// rename, move or merge changes no document.
func documents(t *corpus.Transcript, codings []*corpus.Codings, attrs map[string]string, an analyzers) iter.Seq2[int, *document.Document] {
	return func(yield func(int, *document.Document) bool) {
		refs := make([]map[string][]string, t.Len()) // line -> coder -> refs
		for _, c := range codings {
			for _, seg := range c.Segments {
				for l := max(seg.Lines.Start, 1); l <= min(seg.Lines.End, t.Len()); l++ {
					if refs[l-1] == nil {
						refs[l-1] = map[string][]string{}
					}
					for _, r := range seg.Codes {
						if !slices.Contains(refs[l-1][c.Coder], r) {
							refs[l-1][c.Coder] = append(refs[l-1][c.Coder], r)
						}
					}
				}
			}
		}
		participant := strings.ToLower(attrs["participant"])
		pseudonym := strings.ToLower(attrs["pseudonym"])
		keys := sortedKeys(attrs)
		for i, line := range t.Lines {
			if line.Blank {
				if !yield(i+1, nil) {
					return
				}
				continue
			}
			doc := document.NewDocument(docID(t.ID, i+1))
			keyword := func(field string, pos int, value string) {
				var ap []uint64
				if pos > 0 {
					ap = []uint64{uint64(pos)}
				}
				doc.AddField(document.NewTextFieldCustom(field, ap, []byte(value), keywordOptions, an.keyword))
			}
			for _, k := range keys {
				keyword(attrField(k), 0, attrs[k])
			}
			doc.AddField(document.NewTextFieldCustom(FieldText, nil, []byte(line.Text), textOptions, an.en))
			doc.AddField(document.NewTextFieldCustom(FieldExact, nil, []byte(line.Text), textOptions, an.exact))
			doc.AddField(document.NewNumericFieldWithIndexingOptions(FieldLine, nil, float64(i+1), index.IndexField|index.DocValues))
			keyword(FieldSpeaker, 0, line.Speaker)
			keyword(FieldRole, 0, role(line.Speaker, participant, pseudonym))
			if rs := refs[i]; rs != nil {
				var coders, all []string
				for c := range rs {
					coders = append(coders, c)
				}
				slices.Sort(coders)
				for j, c := range coders {
					keyword(FieldCoder, j, c)
					for k, r := range rs[c] {
						keyword(refField(c), k, r)
						if !slices.Contains(all, r) {
							all = append(all, r)
						}
					}
				}
				for k, r := range all {
					keyword(FieldRef, k, r)
				}
			}
			if !yield(i+1, doc) {
				return
			}
		}
	}
}

// role tells the participant's own turns from the interviewer's by the
// rules the rest of qda uses (corpus.IsInterviewer, corpus.IsParticipant),
// so --speaker participant keeps the lines agree compares.
func role(speaker, participant, pseudonym string) string {
	switch {
	case corpus.IsInterviewer(speaker):
		return "interviewer"
	case corpus.IsParticipant(speaker, participant, pseudonym):
		return "participant"
	}
	return "other"
}
