package sentence

import (
	"unicode"
	"unicode/utf8"
)

// abbr is what a word before a full stop says about the stop.
type abbr int

const (
	abbrNone       abbr = iota
	abbrNever           // e.g., i.e., vs.: cannot end a sentence
	abbrTitle           // Mr., Dr., St.: stands before a name
	abbrInitial         // J., A.
	abbrInitialism      // U.K., N.H.S.: often before a name ("N.H.S. Trust")
	abbrFlexible        // etc., a.m., Ltd., Jan.: ends sentences as often as not
	abbrNumber          // No., before a digit
	abbrListNumber      // 1., 12.: a list marker in the right place
)

// maxListed is the length of the longest word in neverFinal, titles and
// flexible.
const maxListed = 6

// Lists are matched in lower case, without the final stop.
var (
	neverFinal = set(
		"e.g", "i.e", "eg", "ie", "vs", "v", "approx", "cf", "viz", "ca", "incl",
	)
	titles = set(
		"mr", "mrs", "ms", "mx", "dr", "st", "prof", "rev", "revd", "fr", "sr", "jr",
		"cllr", "sgt", "capt", "col", "gen", "lt", "supt", "insp", "det", "hon",
		"messrs", "mt",
	)
	flexible = set(
		"etc", "o.k", "ltd", "co", "inc", "corp", "bros", "plc", "dept", "univ", "est",
		"rd", "ave", "sq", "tel", "ext", "mins", "hrs", "yrs", "wks",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"mon", "tue", "tues", "thu", "thur", "thurs", "fri",
	)
	// sentenceStarters are capitalised words that are hardly ever a name
	// and so, after a title, an initial or an ellipsis, begin a sentence.
	// Words that are also names (Will, May, Grace, Mark, Rose) are left out,
	// and so are fillers: "Er... Um..." is not two sentences.
	sentenceStarters = set(
		"i", "i'm", "i'd", "i'll", "i've",
		"we", "we're", "we'd", "we'll", "we've",
		"he", "he's", "he'd", "he'll", "she", "she's", "she'd", "she'll",
		"it", "it's", "it'd", "it'll", "they", "they're", "they'd", "they'll", "they've",
		"you", "you're", "you'd", "you'll", "you've", "let's",
		"the", "this", "that", "that's", "these", "those", "there", "there's",
		"my", "our", "his", "her", "their", "your",
		"some", "any", "all", "every", "each", "both", "many",
		"then", "so", "and", "but", "or", "because", "cos", "though", "although",
		"if", "when", "while", "after", "before", "since", "until", "once",
		"what", "what's", "where", "why", "how", "who",
		"well", "yes", "yeah", "yep", "no", "nope", "oh", "okay", "ok",
		"sorry", "thanks",
		"anyway", "actually", "now", "also", "not", "maybe", "perhaps", "probably",
		"obviously", "basically", "honestly", "apparently", "unfortunately",
		"luckily", "hopefully",
		"nobody", "nothing", "everyone", "everybody", "everything",
		"someone", "somebody", "something",
		"don't", "didn't", "can't", "couldn't", "wasn't", "isn't",
	)
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// classify says what kind of abbreviation, if any, a stem is.
func classify(stem string) abbr {
	if stem == "" {
		return abbrNone
	}
	if isDigits(stem) {
		if len(stem) <= 2 {
			return abbrListNumber
		}
		return abbrNone
	}
	// Ordinary words are longer than any listed one and skip the look-ups.
	if len(stem) <= maxListed {
		var buf [maxListed]byte
		lower := lowerASCII(buf[:0], stem)
		switch {
		case neverFinal[string(lower)]:
			return abbrNever
		case string(lower) == "no" || string(lower) == "nos":
			return abbrNumber
		case titles[string(lower)]:
			return abbrTitle
		case flexible[string(lower)]:
			return abbrFlexible
		}
	}
	if r, n := utf8.DecodeRuneInString(stem); n == len(stem) && unicode.IsUpper(r) {
		return abbrInitial
	}
	if upper, ok := dotted(stem); ok {
		if upper {
			return abbrInitialism
		}
		return abbrFlexible // a.m., p.m.
	}
	return abbrNone
}

// dotted reports whether s is single letters joined by stops, "U.K",
// "N.H.S", "a.m", and whether any of them is a capital.
func dotted(s string) (upper, ok bool) {
	parts := 0
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if !unicode.IsLetter(r) {
			return false, false
		}
		upper = upper || unicode.IsUpper(r)
		parts++
		s = s[n:]
		if s == "" {
			break
		}
		if s[0] != '.' {
			return false, false
		}
		s = s[1:]
		if s == "" {
			return false, false
		}
	}
	return upper, parts >= 2
}

// lowerASCII appends s in lower case to buf, for map look-ups that do not
// allocate; the lists are ASCII, so other letters need not match.
func lowerASCII(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
