package corpus

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ValidName reports whether s can be a transcript id, participant id or
// coder name: they become file names, so nothing in them can climb out of
// the study or hide a file. The grammar is ^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$,
// checked by hand because every row of the tables is checked each time a
// study is opened, and the regexp was a sixth of opening a large one.
func ValidName(s string) bool {
	if s == "" || len(s) > 100 || !isNameByte(s[0]) || s[0] == '_' || s[0] == '-' {
		return false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			if i+1 == len(s) || !isNameByte(s[i+1]) {
				return false
			}
		case !isNameByte(c):
			return false
		}
	}
	return true
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// Slug makes s into a name: lowercase ASCII letters and digits joined by
// '-', accents dropped ("Jill Thompson" → "jill-thompson", "Siân" → "sian").
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}
