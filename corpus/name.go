package corpus

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// nameRE is what ids of transcripts and participants and coder names may
// be: they become file names, so nothing in them can climb out of the
// study or hide a file.
var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$`)

// ValidName reports whether s can be a transcript id, participant id or coder name.
func ValidName(s string) bool { return len(s) <= 100 && nameRE.MatchString(s) }

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
