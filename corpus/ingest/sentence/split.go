package sentence

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one whitespace-separated word of the input, as byte offsets;
// 32 bits halve the memory Split takes and a turn is never 2 GiB long.
type word struct{ start, end int32 }

// token is a run of words first..last (inclusive) that no sentence break
// may fall inside: a word with the stray punctuation that a transcriber
// spaced off from it ("home ." or "— No").
type token struct {
	first, last int32 // word indexes
	content     bool  // holds a letter or digit
	brk         bool  // a sentence ends after it
}

// Split splits the speech of one turn (one speaker, already without the
// speaker label and timestamps, whitespace possibly irregular) into
// sentences, in order. Joining the sentences with single spaces gives back
// the input with its whitespace collapsed: no text is ever lost, added or
// reordered.
//
// Whitespace is what strings.Fields takes it to be. Sentences only ever
// break at whitespace, so "well.So" stays one word; each sentence is a
// substring of text where text was already collapsed there.
func Split(text string) []string {
	if len(text) > math.MaxInt32 {
		if f := strings.Fields(text); len(f) > 0 {
			return []string{strings.Join(f, " ")}
		}
		return nil
	}
	words := fields(text)
	if len(words) == 0 {
		return nil
	}
	toks := group(text, words)
	protect := markerSpans(text, words)
	// A sentence of punctuation alone ("..." before "And then") is no line
	// a researcher can code, so it joins its neighbour instead.
	lastContent := -1
	for t := range toks {
		if toks[t].content {
			lastContent = t
		}
	}
	n, content, from := 1, false, 0
	for t := 0; t < lastContent; t++ {
		content = content || toks[t].content
		if !content || (protect != nil && protect[toks[t].last]) || !breakAfter(text, words, toks, from, t) {
			continue
		}
		toks[t].brk = true
		n, content, from = n+1, false, t+1
	}
	out := make([]string, 0, n)
	from = 0
	for t := range toks {
		if toks[t].brk {
			out = append(out, join(text, words, toks[from].first, toks[t].last))
			from = t + 1
		}
	}
	return append(out, join(text, words, toks[from].first, int32(len(words)-1)))
}

// fields finds the words of text as strings.Fields does, so that the join
// invariant holds for any input, invalid UTF-8 included.
func fields(text string) []word {
	// Spoken words are short ("I", "a", "it's"): a third of the length
	// rarely has to grow.
	words := make([]word, 0, len(text)/3+1)
	start := -1
	for i := 0; i < len(text); {
		c := text[i]
		space, n := false, 1
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(text[i:])
			space = unicode.IsSpace(r)
		}
		if space {
			if start >= 0 {
				words = append(words, word{int32(start), int32(i)})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += n
	}
	if start >= 0 {
		words = append(words, word{int32(start), int32(len(text))})
	}
	return words
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// join returns words a..b joined by single spaces, without copying when
// the input already has them that way.
func join(text string, words []word, a, b int32) string {
	collapsed := true
	for i := a; i < b; i++ {
		if words[i+1].start != words[i].end+1 || text[words[i].end] != ' ' {
			collapsed = false
			break
		}
	}
	if collapsed {
		return text[words[a].start:words[b].end]
	}
	n := int(b - a)
	for i := a; i <= b; i++ {
		n += int(words[i].end - words[i].start)
	}
	var sb strings.Builder
	sb.Grow(n)
	for i := a; i <= b; i++ {
		if i > a {
			sb.WriteByte(' ')
		}
		sb.WriteString(text[words[i].start:words[i].end])
	}
	return sb.String()
}

// group gathers words into tokens: punctuation spaced off after a word
// ("home .", "was . . .", "know …") belongs to it, and openers and dashes
// spaced off before one ("— No", "( laughs") belong to the word after.
func group(text string, words []word) []token {
	toks := make([]token, 0, len(words))
	quotes := 0 // straight double quotes so far, to tell a lone one's side
	pendingRight := false
	for j, w := range words {
		i := int32(j)
		s := text[w.start:w.end]
		// Most words start with a letter: they neither lean nor need
		// looking at again to know they hold one.
		if c := s[0]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			if pendingRight {
				toks[len(toks)-1].last = i
				toks[len(toks)-1].content = true
			} else {
				toks = append(toks, token{first: i, last: i, content: true})
			}
			pendingRight = false
			quotes += strings.Count(s, `"`)
			continue
		}
		left, right := attachment(s, quotes, j, text, words)
		quotes += strings.Count(s, `"`)
		content := hasContent(s)
		switch {
		case len(toks) > 0 && (pendingRight || left):
			toks[len(toks)-1].last = i
			toks[len(toks)-1].content = toks[len(toks)-1].content || content
			pendingRight = pendingRight && right
		default:
			toks = append(toks, token{first: i, last: i, content: content})
			pendingRight = right
		}
	}
	return toks
}

// attachment says whether a word of punctuation only leans on the word
// before it (closers, stops, commas) or the word after it (openers,
// dashes). A lone straight quote leans by the count of quotes before it:
// after an odd number it closes.
func attachment(s string, quotes, i int, text string, words []word) (left, right bool) {
	left, right = true, true
	for _, r := range s {
		switch {
		case r == '"':
			if quotes%2 == 1 {
				right = false
			} else {
				left = false
			}
			quotes++
		case r == '\'':
			if i > 0 && endsTerminalOrComma(text[words[i-1].start:words[i-1].end]) {
				right = false
			} else {
				left = false
			}
		case isTerminal(r) || isCloser(r) || r == ',' || r == ';' || r == ':':
			right = false
		case isOpener(r) || isDash(r):
			left = false
		default:
			return false, false
		}
	}
	return left, right
}

func endsTerminalOrComma(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isTerminal(r) || r == ','
}

// hasContent reports whether s holds a letter or digit.
func hasContent(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// maxMarkerWords is the most words a redaction marker may have:
// "[name of local community centre removed]" has six.
const maxMarkerWords = 12

// markerSpans marks the word boundaries inside redaction markers such as
// "[name removed]": protect[i] means no break after word i. A "[" that
// does not close within a few words is a stray bracket, not a marker, so
// it cannot hold the rest of the turn together.
func markerSpans(text string, words []word) []bool {
	if strings.IndexByte(text, '[') < 0 {
		return nil
	}
	var protect []bool
	for i := 0; i < len(words); i++ {
		s := text[words[i].start:words[i].end]
		open := strings.LastIndexByte(s, '[')
		if open < 0 || strings.IndexByte(s[open:], ']') >= 0 {
			continue
		}
		for j := i + 1; j < len(words) && j <= i+maxMarkerWords; j++ {
			sj := text[words[j].start:words[j].end]
			c := strings.IndexByte(sj, ']')
			if o := strings.IndexByte(sj, '['); o >= 0 && (c < 0 || o < c) {
				break
			}
			if c < 0 {
				continue
			}
			if protect == nil {
				protect = make([]bool, len(words))
			}
			for k := i; k < j; k++ {
				protect[k] = true
			}
			i = j - 1
			break
		}
	}
	return protect
}

// isMarker reports whether s is one redaction or transcriber's marker and
// nothing else: "[inaudible]", "[name removed]".
func isMarker(s string) bool {
	return len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' &&
		strings.IndexByte(s[1:], '[') < 0 && strings.IndexByte(s, ']') == len(s)-1
}

// ending is how a token ends.
type ending int

const (
	noStop   ending = iota
	fullStop        // one "."
	ellipsis        // "..", "...", "…", ". . ."
	strong          // "?", "!", "?!", "!!", "…?"
)

// endingOf reads the stops at the end of a token, looking through closing
// quotes and brackets after them ("come along.”", "free.)") and through
// the spaces of a spaced ellipsis.
func endingOf(s string) ending {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isCloser(r) && r != '"' && r != '\'' {
			break
		}
		i -= n
	}
	dots, other := 0, false
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		switch {
		case r == '.':
			dots++
		case r == '…':
			dots += 3
		case r == '?' || r == '!' || r == '‽' || r == '‼' || r == '⁉':
			other = true
		case unicode.IsSpace(r):
		default:
			i = 0
			continue
		}
		i -= n
	}
	switch {
	case other:
		return strong
	case dots >= 2:
		return ellipsis
	case dots == 1:
		return fullStop
	}
	return noStop
}

// start is how a token begins, which is what decides most breaks.
type start int

const (
	startOther  start = iota
	startLower        // continues the sentence
	startUpper        // may begin one
	startDigit        // begins one unless the stop was "No." or the like
	startMarker       // "[name removed] came later."
)

func startOf(s string) start {
	for i, r := range s {
		switch {
		case r == '[':
			return startMarker
		case unicode.IsDigit(r):
			return startDigit
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			return startUpper
		case unicode.IsLetter(r):
			if r == 'i' && isPronounI(s[i+1:]) {
				return startUpper
			}
			return startLower
		}
	}
	return startOther
}

// isPronounI reports whether what follows an "i" makes it the pronoun,
// which lowercase transcripts (speech recognition output) do not
// capitalise: "i", "i'm", "i’ve", but not "i.e." or "if".
func isPronounI(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || r == '\'' || r == '’' || r == ',' || r == '?' || r == '!'
}

// breakAfter decides whether a sentence that began with token from ends
// after token t.
func breakAfter(text string, words []word, toks []token, from, t int) bool {
	tk, next := toks[t], toks[t+1]
	nextText := text[words[next.first].start:words[next.last].end]
	st := startOf(nextText)
	if tk.last-toks[from].first < maxMarkerWords && isMarker(text[words[toks[from].first].start:words[tk.last].end]) {
		// "closed. [inaudible] That was the only thing on": a marker
		// between two sentences belongs to neither, and on a line of its
		// own it is coded with neither. Before lowercase it is part of the
		// sentence: "[name removed] came later".
		return st == startUpper || st == startDigit || st == startMarker
	}
	switch endingOf(text[words[tk.first].start:words[tk.last].end]) {
	case strong:
		return st != startLower
	case ellipsis:
		// Speakers trail off and go on mid-thought ("I was... well,
		// lonely", "I went to... Sheffield"); only a word that can hardly
		// be anything but the start of a sentence ends one.
		return startsSentence(nextText)
	case fullStop:
		stem := stemOf(text, words, tk)
		switch classify(stem) {
		case abbrNever:
			return false
		case abbrTitle, abbrInitial, abbrInitialism:
			return startsSentence(nextText)
		case abbrFlexible:
			return st == startUpper || st == startMarker
		case abbrNumber:
			if st == startDigit {
				return false
			}
		case abbrListNumber:
			if listContext(text, words, toks, t) {
				return false
			}
		}
		// A lowercase word after a full stop is, in transcripts, far more
		// often a stop typed mid-thought or an abbreviation not listed
		// here than a new sentence.
		return st != startLower
	}
	return false
}

// stemOf is the word that carries a token's final full stop, without
// opening punctuation, closers and that stop: "(i.e." gives "i.e", "Mr."
// gives "Mr". For a stop spaced off ("home .") it is the word before.
func stemOf(text string, words []word, tk token) string {
	for i := tk.last; i >= tk.first; i-- {
		s := text[words[i].start:words[i].end]
		if !hasContent(s) {
			continue
		}
		s = strings.TrimLeftFunc(s, func(r rune) bool { return isOpener(r) || isDash(r) || r == '"' || r == '\'' })
		s = strings.TrimRightFunc(s, func(r rune) bool { return isCloser(r) || r == '"' || r == '\'' })
		return strings.TrimSuffix(s, ".")
	}
	return ""
}

// listContext reports whether a bare number with a stop after token t is
// a list marker, "things: 1. The cost", rather than a number ending a
// sentence, "until 1. Then": markers start the turn, or follow a colon,
// a stop, "and" or "or".
func listContext(text string, words []word, toks []token, t int) bool {
	if t == 0 {
		return true
	}
	prev := text[words[toks[t-1].first].start:words[toks[t-1].last].end]
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(prev, func(r rune) bool { return isCloser(r) || r == '"' || r == '\'' }))
	if r == ':' || r == ';' || isTerminal(r) {
		return true
	}
	last := text[words[toks[t-1].last].start:words[toks[t-1].last].end]
	return strings.EqualFold(last, "and") || strings.EqualFold(last, "or")
}

// startsSentence reports whether a token begins with a capitalised word
// that is almost never a name and so, after an abbreviation or an
// ellipsis, almost always begins a new sentence: "Then", "It", "I've".
func startsSentence(s string) bool {
	i := strings.IndexFunc(s, unicode.IsLetter)
	if i < 0 {
		return false
	}
	s = s[i:]
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !(r == 'i' && isPronounI(s[1:])) {
		return false
	}
	if j := strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	}); j >= 0 {
		s = s[:j]
	}
	s = strings.TrimRight(s, "'’")
	var buf [24]byte
	lower := lowerASCII(buf[:0], strings.ReplaceAll(s, "’", "'"))
	return sentenceStarters[string(lower)]
}

func isTerminal(r rune) bool {
	switch r {
	case '.', '?', '!', '…', '‽', '‼', '⁉':
		return true
	}
	return false
}

// isCloser reports closing quotes and brackets other than the straight
// quotes, which open as often as they close.
func isCloser(r rune) bool {
	switch r {
	case ')', ']', '}', '”', '’', '»', '›':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '(', '[', '{', '“', '‘', '«', '‹', '„':
		return true
	}
	return false
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‒', '–', '—', '―':
		return true
	}
	return false
}
