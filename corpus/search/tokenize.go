package search

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// wordsTokenizer splits a line into the exact field's tokens, exactly
// as bleve's regexp tokenizer does with the pattern exactTokens:
// the same terms, offsets, positions and types. Hand-written because
// the regexp engine was a tenth of a cold build's CPU (backtracking
// through four alternatives at every byte, then a second regexp and a
// float parse to type every token); FuzzWordsTokenizer holds it to the
// regexp's answer.
type wordsTokenizer struct{}

// wordsTokenizerType is the tokenizer's name in bleve's registry, which
// the index's stored mapping names. An index built before it keeps the
// regexp tokenizer its mapping names, on purpose (Version was not
// raised): both give the same tokens, so it need not be rebuilt.
const wordsTokenizerType = "qda_words_v1"

func init() {
	// The registry is how a stored mapping finds its tokenizer again
	// when the index is opened.
	if err := registry.RegisterTokenizer(wordsTokenizerType, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return wordsTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// Tokenize yields the runs of word characters, each other character but
// a space, each run of two or more spaces, and each single space that is
// not a plain space (a tab, a newline): the alternatives of exactTokens,
// tried leftmost first as the regexp engine does. Spaces are RE2's \s.
func (wordsTokenizer) Tokenize(input []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)/4+1)
	toks := make([]analysis.Token, 0, len(input)/4+1)
	add := func(start, end int) {
		toks = append(toks, analysis.Token{
			Term: input[start:end], Start: start, End: end,
			Position: len(toks) + 1, Type: tokenType(input[start:end]),
		})
	}
	for i := 0; i < len(input); {
		r, n := rune(input[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(input[i:])
		}
		switch {
		case isWordRune(r):
			j := i + n
			for j < len(input) {
				r, n := rune(input[j]), 1
				if r >= utf8.RuneSelf {
					r, n = utf8.DecodeRune(input[j:])
				}
				if !isWordRune(r) {
					break
				}
				j += n
			}
			add(i, j)
			i = j
		case isRE2Space(r):
			j := i + 1
			for j < len(input) && isRE2Space(rune(input[j])) {
				j++
			}
			if j-i >= 2 || r != ' ' {
				add(i, j)
			}
			i = j
		default:
			add(i, i+n)
			i += n
		}
	}
	// One allocation for the tokens, as pointers are what bleve takes.
	for i := range toks {
		out = append(out, &toks[i])
	}
	return out
}

// isWordRune is wordChars: a letter, mark, digit or underscore.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.N)
}

// isRE2Space is RE2's \s: no vertical tab, nothing beyond ASCII.
func isRE2Space(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// tokenType is bleve's regexp tokenizer's type of a token: ideographic
// when it holds a Han, Hangul, Hiragana or Katakana character, numeric
// when it parses as a float, else alphanumeric. The float parse is only
// tried for a token that could be one.
func tokenType(term []byte) analysis.TokenType {
	ascii := true
	for _, b := range term {
		if b >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		for _, r := range string(term) {
			if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
				return analysis.Ideographic
			}
		}
	}
	switch c := term[0]; {
	case '0' <= c && c <= '9', c == '+', c == '-', c == '.', c == 'i', c == 'I', c == 'n', c == 'N':
		if _, err := strconv.ParseFloat(string(term), 64); err == nil {
			return analysis.Numeric
		}
	}
	return analysis.AlphaNumeric
}
