package corpus

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Line is one line of a normalised transcript. Line numbers are file line
// numbers, so Lines[0] is line 1 and `grep -n` agrees with qda.
type Line struct {
	Text string // the line as in the file, without its line ending
	// Speaker is the label of the turn the line belongs to ("" when the
	// turn's first line carries no label).
	Speaker string
	// Body is Text without the speaker label, on the first line of a turn.
	Body      string
	Blank     bool
	TurnStart bool
}

// Transcript is the text of transcripts/ID.txt split into lines.
type Transcript struct {
	ID    string
	Lines []Line
	// CRLF is set when the file used CRLF line endings (check warns: the
	// normalised form is LF).
	CRLF bool
	// words caches each line's word count: counting by Unicode word
	// boundaries is the costliest step of stats, and a line is counted
	// once for every code and coder that covers it.
	words []int32
}

// Words returns the number of words on line n (speaker label excluded).
func (t *Transcript) Words(n int) int {
	if t.words == nil {
		t.words = make([]int32, len(t.Lines))
		for i := range t.words {
			t.words[i] = -1
		}
	}
	if t.words[n-1] < 0 {
		t.words[n-1] = int32(Words(t.Lines[n-1].Body))
	}
	return int(t.words[n-1])
}

// Len is the number of lines; valid line numbers are 1..Len.
func (t *Transcript) Len() int { return len(t.Lines) }

// Line returns line n (1-based).
func (t *Transcript) Line(n int) Line { return t.Lines[n-1] }

// ParseTranscript splits a normalised transcript into lines, turns and
// speakers. It never fails: any text is a transcript; check reports what is
// not normalised.
func ParseTranscript(id string, data []byte) *Transcript {
	t := &Transcript{ID: id}
	if len(data) == 0 {
		return t
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	n := bytes.Count(data, []byte("\n")) + 1
	t.Lines = make([]Line, 0, n)
	speaker := ""
	prevBlank := true
	for len(data) > 0 || len(t.Lines) < n {
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		if len(raw) > 0 && raw[len(raw)-1] == '\r' {
			raw = raw[:len(raw)-1]
			t.CRLF = true
		}
		text := string(raw)
		l := Line{Text: text, Body: text}
		if strings.TrimSpace(text) == "" {
			l.Blank = true
			prevBlank = true
			t.Lines = append(t.Lines, l)
			continue
		}
		if prevBlank {
			l.TurnStart = true
			label, body, ok := SplitSpeaker(text)
			if ok {
				speaker, l.Body = label, body
			} else {
				speaker = ""
			}
		}
		prevBlank = false
		l.Speaker = speaker
		t.Lines = append(t.Lines, l)
	}
	return t
}

// maxLabelRunes is the longest speaker label in characters, the limit
// ingest writes labels to: three long names fit, a sentence rarely does.
const maxLabelRunes = 40

// SplitSpeaker splits "May: I had a fall." into "May" and "I had a fall.".
// A label is short (at most three words and maxLabelRunes characters)
// and made of name-like characters, so a sentence that happens to hold a
// colon ("There was one thing: the bus.") is not taken for a speaker.
func SplitSpeaker(line string) (label, body string, ok bool) {
	i := strings.IndexByte(line, ':')
	// The limit is in characters, not bytes: a Cyrillic or Greek name
	// takes two bytes a letter, and ingest writes labels of up to
	// maxLabelRunes characters, so a byte limit would count the label of
	// "Анастасия Александровна Кузнецова:" as words of speech.
	if i <= 0 || i > utf8.UTFMax*maxLabelRunes {
		return "", line, false
	}
	if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
		return "", line, false
	}
	label = line[:i]
	if utf8.RuneCountInString(label) > maxLabelRunes || strings.Count(strings.TrimSpace(label), " ") > 2 {
		return "", line, false
	}
	first := true
	for _, r := range label {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case first:
			return "", line, false
		case r == ' ' || r == '-' || r == '\'' || r == '.' || r == '_' || r == '(' || r == ')' || r == '’':
		default:
			return "", line, false
		}
		first = false
	}
	return strings.TrimSpace(label), strings.TrimLeft(line[i+1:], " \t"), true
}

// Words counts the words of s by Unicode word boundaries (UAX #29): a word
// is a segment holding at least one letter or digit, so punctuation and
// spaces do not count and "didn't" is one word.
func Words(s string) int {
	if n, ok := asciiWords(s); ok {
		return n
	}
	return unisegWords(s)
}

// unisegWords is Words by uniseg: any text, and the reference the ASCII
// fast path (words.go) is tested against.
func unisegWords(s string) int {
	n := 0
	state := -1
	rest := s
	for len(rest) > 0 {
		var w string
		w, rest, state = uniseg.FirstWordInString(rest, state)
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
				break
			}
		}
	}
	return n
}

// quoteLen is how much of a line a segment's quote keeps: enough to find
// the line again after an edit, short enough to read in a codings file.
const quoteLen = 40

// Quote is the start of line n's text (speaker label excluded) that a
// segment starting on n records to detect drift: whole words up to about
// 40 characters.
func (t *Transcript) Quote(n int) string {
	if n < 1 || n > t.Len() {
		return ""
	}
	return QuoteOf(t.Line(n).Body)
}

// QuoteOf cuts body to whole words of at most quoteLen bytes (at least one word).
func QuoteOf(body string) string {
	body = strings.TrimSpace(body)
	if len(body) <= quoteLen {
		return body
	}
	cut := strings.LastIndexByte(body[:quoteLen+1], ' ')
	if cut <= 0 {
		if sp := strings.IndexByte(body, ' '); sp > 0 {
			return body[:sp]
		}
		return body
	}
	return strings.TrimRight(body[:cut], " ")
}

// StartsWith reports whether line n starts with quote, its speaker label
// left out or not: the test for a segment's quote drifting.
func (t *Transcript) StartsWith(n int, quote string) bool {
	l := t.Line(n)
	return strings.HasPrefix(strings.TrimSpace(l.Body), quote) || strings.HasPrefix(l.Text, quote)
}

// FindQuote returns the lines whose body starts with quote, for telling
// where a drifted segment's text went.
func (t *Transcript) FindQuote(quote string) []int {
	var at []int
	for i, l := range t.Lines {
		if !l.Blank && strings.HasPrefix(strings.TrimSpace(l.Body), quote) {
			at = append(at, i+1)
		}
	}
	return at
}

func splitLines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
