package anon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

func isDigit(b byte) bool  { return '0' <= b && b <= '9' }
func isLetter(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }
func isAlnum(b byte) bool  { return isDigit(b) || isLetter(b) }

// isWordRune reports whether r belongs to a word, for whole-word matching:
// letters, digits, and combining marks, so that "Zoë" spelt with a
// combining diaeresis is still one word. Punctuation, including
// apostrophes and hyphens, ends a word: "Ann" is found in "Ann's" and in
// "Mary-Ann".
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlnum(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// wordBefore reports whether the rune ending at s[i] belongs to a word.
func wordBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	if b := s[i-1]; b < utf8.RuneSelf {
		return isAlnum(b)
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

// wordAt reports whether the rune starting at s[i] belongs to a word.
func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if b := s[i]; b < utf8.RuneSelf {
		return isAlnum(b)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// fold maps r to one representative of its case: "A", "a" → 'a', and
// also the Kelvin sign and long s to 'k' and 's', as strings.EqualFold
// would treat them.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(unicode.ToUpper(r))
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; prefix is lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if isLetter(c) {
			c |= 0x20
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// The pre-filters: each is one quick pass over the line that rules out a
// group of detectors for the many lines that cannot hold their kind.

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

func hasAt(s string) bool { return strings.IndexByte(s, '@') >= 0 }

// mayHaveURL reports whether s has "://" or "www." in any case.
func mayHaveURL(s string) bool {
	if strings.Contains(s, "://") {
		return true
	}
	for i := 3; i < len(s); i++ {
		j := strings.IndexByte(s[i:], '.')
		if j < 0 {
			return false
		}
		i += j
		if i >= 3 && hasPrefixFold(s[i-3:], "www.") {
			return true
		}
	}
	return false
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
