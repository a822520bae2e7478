package search

import (
	"reflect"
	"regexp"
	"testing"

	bleveregexp "github.com/blevesearch/bleve/v2/analysis/tokenizer/regexp"
)

var regexpWords = bleveregexp.NewRegexpTokenizer(regexp.MustCompile(exactTokens))

func TestWordsTokenizer(t *testing.T) {
	for _, in := range []string{
		"", " ", "  ", "a", "Cup of tea.", "cup  of\ttea", "self-help 24/7 taxi's",
		"\t", "\n\n", "a \v b", "naïve café", "日本語 テキスト", "1.5e3 inf NaN +3 -x .5",
		"x\xffy", "__init__", "a\u00a0b", "tab\there", " lead", "trail ", "a\r\nb",
		"İstanbul ǅemal", "e\u0301", "١٢٣", "😀 ok",
	} {
		got, want := (wordsTokenizer{}).Tokenize([]byte(in)), regexpWords.Tokenize([]byte(in))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %v\nwant %v", in, got, want)
		}
	}
}

// FuzzWordsTokenizer holds the hand-written tokenizer to bleve's regexp
// tokenizer with the pattern it replaces.
func FuzzWordsTokenizer(f *testing.F) {
	for _, s := range []string{"Cup of tea.", "cup  of\ttea", "naïve 日本 1e5", "x\xffy\v z"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, want := (wordsTokenizer{}).Tokenize(in), regexpWords.Tokenize(in)
		if len(got) == 0 && len(want) == 0 {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %v\nwant %v", in, got, want)
		}
	})
}
