package corpus

// asciiWords counts the words of s as Words does when s is all ASCII,
// and reports false otherwise. Hand-written because uniseg's general
// state machine was a tenth of the CPU of stats and the report at 10,000
// participants, and transcripts are mostly ASCII. Within ASCII, UAX #29
// reduces to a few rules (Unicode 15's WordBreakProperty for U+0000 to
// U+007F): letters, digits and '_' (ExtendNumLet) next to each other are
// one word (WB5, WB8-WB10, WB13a, WB13b); a colon (MidLetter), a full
// stop (MidNumLet) or an apostrophe (Single_Quote) joins a letter to a
// letter (WB6, WB7); a comma or semicolon (MidNum), a full stop or an
// apostrophe joins a digit to a digit (WB11, WB12); everything else
// breaks, and a segment counts when it holds a letter or a digit.
// FuzzASCIIWords checks it against uniseg.
func asciiWords(s string) (int, bool) {
	n := 0
	in, counted := false, false // inside a word; it holds a letter or digit
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return 0, false
		}
		switch {
		case isLetter(c) || isDigit(c):
			if !counted {
				n++
				counted = true
			}
			in = true
		case c == '_':
			in = true
		case in && i+1 < len(s) && joins(s[i-1], c, s[i+1]):
			// the word goes on past c
		default:
			in, counted = false, false
		}
	}
	return n, true
}

// joins reports whether mid, between prev and next, is inside a word.
func joins(prev, mid, next byte) bool {
	switch {
	case isLetter(prev) && isLetter(next):
		return mid == ':' || mid == '.' || mid == '\''
	case isDigit(prev) && isDigit(next):
		return mid == ',' || mid == ';' || mid == '.' || mid == '\''
	}
	return false
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
