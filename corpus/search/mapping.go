package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
)

// The fields of a line's document. Attributes of the participant and the
// transcript are fields under their own names too (see attrField).
const (
	FieldText        = "text"        // the line, English analyzer: stemmed, stop words dropped
	FieldExact       = "exact"       // the line, lowercased words: phrases, wildcards, fuzzy
	FieldTranscript  = "transcript"  // transcript id
	FieldParticipant = "participant" // participant id
	FieldLine        = "line"        // line number (numeric)
	FieldSpeaker     = "speaker"     // the turn's speaker label, lowercased
	FieldRole        = "role"        // participant, interviewer or other
	FieldCoder       = "coder"       // coders whose segments cover the line
	FieldRef         = "ref"         // code references as written in the codings files, any coder
	FieldCode        = "code"        // query-only: a code and its descendants, by any coder
	// fieldKind marks a transcript's own document (transcriptDoc), which
	// holds its attributes; line searches leave these documents out.
	fieldKind      = "_kind"
	kindTranscript = "transcript"
)

// reserved are the field names an attribute may not take.
var reserved = map[string]bool{
	FieldText: true, FieldExact: true, FieldLine: true, FieldSpeaker: true, FieldRole: true,
	FieldCoder: true, FieldRef: true, FieldCode: true, "_all": true, "_id": true, fieldKind: true,
}

// refField is the field of one coder's code references.
func refField(coder string) string { return FieldRef + "_" + coder }

// codeField is the query-only field of one coder's codes.
func codeField(coder string) string { return FieldCode + "_" + coder }

// attrField is the field an attribute is indexed under: its own name,
// unless that is one of the line's own fields.
func attrField(name string) string {
	if reserved[name] || len(name) > len(FieldRef)+1 && (name[:len(FieldRef)+1] == FieldRef+"_" || name[:len(FieldCode)+1] == FieldCode+"_") {
		return "attr_" + name
	}
	return name
}

// exactTokens splits a line as grep -w sees it (wordsTokenizer does
// this by hand). Words are runs of letters,
// digits and underscore, so "taxi" finds taxi's as grep -n -i -w does
// (Unicode word segmentation would keep taxi's whole). What lies between
// words is kept too, or a phrase would match across it: each punctuation
// mark is a token, and so is any space but a single one, so "cup of tea"
// does not find cup-of-tea, "cup, of tea" or "cup  of tea", as grep does
// not, and "self-help" finds self-help but not "self help".
const exactTokens = wordChars + `+|[^\p{L}\p{M}\p{N}_\s]|\s{2,}|[^\S ]`

// wordChars are the characters of a word, as grep -w counts them.
const wordChars = `[\p{L}\p{M}\p{N}_]`

const (
	analyzerExact   = "qda_exact"
	analyzerKeyword = "qda_keyword"
	tokenizerWords  = "qda_words"
)

// newMapping describes the documents. Fields not named here (the
// attributes) are lowercased keywords, so gender:Female finds "female".
func newMapping() (mapping.IndexMapping, error) {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomTokenizer(tokenizerWords, map[string]any{
		"type": wordsTokenizerType,
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerExact, map[string]any{
		"type": custom.Name, "tokenizer": tokenizerWords, "token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(analyzerKeyword, map[string]any{
		"type": custom.Name, "tokenizer": single.Name, "token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	text := func(analyzer string, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = vectors
		f.DocValues = false
		return f
	}
	doc := bleve.NewDocumentMapping()
	doc.AddFieldMappingsAt(FieldText, text(en.AnalyzerName, true))
	doc.AddFieldMappingsAt(FieldExact, text(analyzerExact, true))
	for _, f := range []string{FieldTranscript, FieldParticipant, FieldSpeaker, FieldRole, FieldCoder, FieldRef} {
		k := text(analyzerKeyword, false)
		k.DocValues = f == FieldTranscript
		doc.AddFieldMappingsAt(f, k)
	}
	line := bleve.NewNumericFieldMapping()
	line.Store = false
	line.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldLine, line)
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerKeyword
	m.DefaultField = FieldText
	m.StoreDynamic = false
	m.IndexDynamic = true
	m.DocValuesDynamic = false
	return m, nil
}
