package codebook

import "strings"

// IsSlug reports whether s is a valid code name: lowercase ASCII letters and
// digits in words joined by single hyphens, e.g. "daily-tasks".
func IsSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case 'a' <= b && b <= 'z', '0' <= b && b <= '9':
		case b == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// latin folds the accented letters of Western European labels to ASCII, so
// that "Café" suggests "cafe" rather than "caf".
var latin = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a", "æ", "ae",
	"ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ñ", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ø", "o", "œ", "oe",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ý", "y", "ÿ", "y", "ß", "ss",
)

// Slugify turns a label such as "Day-to-day tasks" into a name such as
// "day-to-day-tasks"; it returns "" when nothing of s is usable.
func Slugify(s string) string {
	var b strings.Builder
	pendingDash := false
	for _, r := range latin.Replace(strings.ToLower(s)) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if pendingDash && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingDash = false
			b.WriteRune(r)
			continue
		}
		pendingDash = true
	}
	return b.String()
}

// slugPath reports whether s is slugs joined by "/", as a full-path alias must be.
func slugPath(s string) bool {
	for seg := range strings.SplitSeq(s, "/") {
		if !IsSlug(seg) {
			return false
		}
	}
	return true
}

// slugifyPath slugifies each segment of s and drops the empty ones.
func slugifyPath(s string) string {
	var segs []string
	for seg := range strings.SplitSeq(s, "/") {
		if seg = Slugify(seg); seg != "" {
			segs = append(segs, seg)
		}
	}
	return strings.Join(segs, "/")
}

// editDistance is the optimal string alignment distance between a and b, in
// runes: the Levenshtein distance with a swap of two neighbours counted as
// one edit, since "lable" for "label" is the commonest slip.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows: the one before the previous is needed for swaps.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// closest returns the candidate nearest to s, or "" when none is close
// enough to be the likely intent: within a third of s's length, at least 1.
func closest(s string, candidates []string) string {
	n := len([]rune(s))
	limit := max(1, n/3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		// The length difference bounds the distance from below: skip the
		// quadratic work for candidates that cannot be close.
		if diff := n - len([]rune(c)); diff >= bestDist || -diff >= bestDist {
			continue
		}
		if d := editDistance(s, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
