package corpus

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/qdatool/qda/internal/ahead"
)

// ValidName reports whether s can be a transcript id, participant id or
// coder name: they become file names, so nothing in them can climb out of
// the study or hide a file. The grammar is ^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$,
// checked by hand because every row of the tables is checked each time a
// study is opened, and the regexp was a sixth of opening a large one.
func ValidName(s string) bool {
	return ahead.ValidName(s) // there for the quick file's records, checked as qda starts
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
