package search

import (
	"iter"

	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/qdatool/qda/corpus"
)

// analyzers are the mapping's, resolved once: documents are built field by
// field rather than from maps, which spares bleve's reflection and its
// attempt to parse every string as a date. The English field's
// remembers its filters' work per distinct word (memoAnalyzer) for one
// update; the exact field's one filter, lowercase, costs less than
// looking a word up (measured: 44% more CPU remembered, where the
// English chain's took 28% less).
type analyzers struct{ en, exact, keyword analysis.Analyzer }

func newAnalyzers(m mapping.IndexMapping) analyzers {
	return analyzers{
		en:      newMemoAnalyzer(m.AnalyzerNamed(en.AnalyzerName)),
		exact:   m.AnalyzerNamed(analyzerExact),
		keyword: m.AnalyzerNamed(analyzerKeyword),
	}
}

const (
	textOptions    = index.IndexField | index.IncludeTermVectors
	keywordOptions = index.IndexField
)

// A line longer than pieceBytes is indexed as several documents, its
// pieces, so that indexing holds one piece's analysis at a time and not
// a whole line's: an accepted transcript may be one 60 MB line, whose
// tokens and term vectors took gigabytes as one document. Each piece
// ends overlapBytes past the next one's start, so any phrase, word or
// pattern match of up to overlapBytes-cutSlack bytes lies whole inside
// one piece (docs/search.md says what this means for queries).
const (
	pieceBytes   = 64 << 10
	overlapBytes = 2 << 10
	// cutSlack is how far a cut may move to fall between words.
	cutSlack = 256
)

// piece is the part of a line one document holds, at byte offset off.
type piece struct {
	off  int
	text string
}

// pieces splits a line for indexing. A short line is one piece. A long
// one is cut between words (after a single space that follows a
// non-space), where no token of either analyzer spans the cut, so every
// piece has the tokens the whole line has there; a run of more than
// cutSlack bytes with no such place is cut at a character boundary.
func pieces(text string) []piece {
	if len(text) <= pieceBytes {
		return []piece{{0, text}}
	}
	var out []piece
	start := 0
	for {
		if len(text)-start <= pieceBytes {
			return append(out, piece{start, text[start:]})
		}
		next := cutNear(text, start+pieceBytes-overlapBytes)
		end := cutNear(text, next+overlapBytes)
		out = append(out, piece{start, text[start:end]})
		if end == len(text) {
			return out
		}
		start = next
	}
}

// cutNear is the place to cut text nearest after (else before) i, within
// cutSlack bytes; else the character boundary at or before i.
func cutNear(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for c := i; c < min(len(text), i+cutSlack); c++ {
		if cleanCut(text, c) {
			return c
		}
	}
	for c := i - 1; c > max(0, i-cutSlack); c-- {
		if cleanCut(text, c) {
			return c
		}
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// cleanCut reports whether text can be cut before byte c without
// changing a token: a single space between two non-spaces.
func cleanCut(text string, c int) bool {
	return c >= 2 && text[c-1] == ' ' && !isSpace(text[c-2]) && !isSpace(text[c])
}

// isSpace is the regexp \s of exactTokens, and a vertical tab.
func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == '\v'
}

// lineDoc is one document of a line: the whole line, or one of its pieces.
type lineDoc struct {
	line  int
	doc   *document.Document // nil for a blank line
	piece bool               // a piece after the first
	size  int                // bytes of text analyzed
}

// documents yields each line's documents in line order: one for a line
// short enough, one per piece for a long one, and a nil one for a blank
// line, which is never a hit. Code references are stored as written in
// the codings files and resolved when a query names a code, so a codebook
// rename, move or merge changes no document.
func documents(t *corpus.Transcript, codings []*corpus.Codings, attrs map[string]string, an analyzers) iter.Seq[lineDoc] {
	return func(yield func(lineDoc) bool) {
		refs := lineRefs(t, codings)
		participant := strings.ToLower(attrs["participant"])
		pseudonym := strings.ToLower(attrs["pseudonym"])
		for i, line := range t.Lines {
			if line.Blank {
				if !yield(lineDoc{line: i + 1}) {
					return
				}
				continue
			}
			for _, p := range pieces(line.Text) {
				doc := document.NewDocument(pieceID(t.ID, i+1, p.off))
				keywordAs := func(opts index.FieldIndexingOptions, field string, pos int, value string) {
					var ap []uint64
					if pos > 0 {
						ap = []uint64{uint64(pos)}
					}
					doc.AddField(document.NewTextFieldCustom(field, ap, []byte(value), opts, an.keyword))
				}
				keyword := func(field string, pos int, value string) { keywordAs(keywordOptions, field, pos, value) }
				// The other attributes are the transcript's document's
				// (transcriptDoc): copied onto every line they were most
				// of its fields and much of a build's work.
				keyword(FieldTranscript, 0, t.ID)
				// A whole line's text is stored too: a search prints its
				// hits from the index rather than reading every transcript
				// with a hit (a long line's are read from the file).
				opts := textOptions
				if len(p.text) == len(line.Text) {
					opts |= index.StoreField
				}
				doc.AddField(document.NewTextFieldCustom(FieldText, nil, []byte(p.text), opts, an.en))
				doc.AddField(document.NewTextFieldCustom(FieldExact, nil, []byte(p.text), textOptions, an.exact))
				doc.AddField(lineField(i + 1))
				keyword(FieldSpeaker, 0, line.Speaker)
				keyword(FieldRole, 0, role(line.Speaker, participant, pseudonym))
				if rs := refs[i]; rs != nil {
					coders, all := codersAndRefs(rs)
					for j, c := range coders {
						keyword(FieldCoder, j, c)
						for k, r := range rs[c] {
							// Stored too: the margin of a printed hit is
							// read from here, not from the codings files.
							keywordAs(keywordOptions|index.StoreField, refField(c), k, r)
						}
					}
					for k, r := range all {
						keyword(FieldRef, k, r)
					}
				}
				if !yield(lineDoc{line: i + 1, doc: doc, piece: p.off > 0, size: len(p.text)}) {
					return
				}
			}
		}
	}
}

// lineRefs is each line's code references by coder (line -> coder ->
// refs), each reference once, in the order the codings files give them.
func lineRefs(t *corpus.Transcript, codings []*corpus.Codings) []map[string][]string {
	refs := make([]map[string][]string, t.Len())
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
	return refs
}

// codersAndRefs are a line's coders, sorted, and its references by
// any coder, each once, in the order of the coders and their references.
func codersAndRefs(rs map[string][]string) (coders, all []string) {
	for c := range rs {
		coders = append(coders, c)
	}
	slices.Sort(coders)
	for _, c := range coders {
		for _, r := range rs[c] {
			if !slices.Contains(all, r) {
				all = append(all, r)
			}
		}
	}
	return coders, all
}

// transcriptDoc is a transcript's own document, id the transcript's id:
// its attributes (participants.csv's and transcripts.csv's, but the
// transcript id, which every line carries) and fieldKind. A query on an
// attribute is answered on these documents and becomes the transcripts
// it found (attrQuery); lines never carry attributes.
func transcriptDoc(id string, attrs map[string]string, an analyzers) *document.Document {
	doc := document.NewDocument(id)
	keyword := func(field, value string) {
		doc.AddField(document.NewTextFieldCustom(field, nil, []byte(value), keywordOptions, an.keyword))
	}
	keyword(fieldKind, kindTranscript)
	for _, k := range sortedKeys(attrs) {
		if k != FieldTranscript {
			keyword(attrField(k), attrs[k])
		}
	}
	return doc
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
