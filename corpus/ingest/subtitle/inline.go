package subtitle

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qdatool/qda/internal/lazyre"
)

// maxPiece bounds the bytes of one line of the document given to astisub,
// which reads lines with a bufio.Scanner and silently stops at one over
// 64 KiB; a longer cue line is split into pieces that restore joins.
const maxPiece = 16 << 10

var (
	// entityRE matches one character reference. Only references ended by
	// ';' are decoded: HTML's legacy forms without it would turn
	// "&notice" into "¬ice".
	entityRE = lazyre.New(`&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});`)

	timestampTagRE = lazyre.New(`^(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}$`)
	voiceTagRE     = lazyre.New(`^[vV](?:\.[^\s]*)?(?:\s+(.*))?$`)
	voiceEndTagRE  = lazyre.New(`^/[vV]\s*$`)
	// Formatting tags astisub removes. Case is ignored, as browsers do,
	// because hand-edited files have <I> as often as <i>.
	vttTagRE   = lazyre.New(`(?i)^(/?)(c|i|b|u|ruby|rt|lang)(?:[.\s].*)?$`)
	srtTagRE   = lazyre.New(`(?i)^(/?)(i|b|u|s|font)(?:\s.*)?$`)
	srtBreakRE = lazyre.New(`(?i)^br\s*/?$`)
	// assOverrideRE matches the SSA/ASS override codes ({\an8}, {\i1}) that
	// converters leave in SRT to position or style a cue.
	assOverrideRE = lazyre.New(`\{\\[^{}]*\}`)
)

// decodeEntities decodes the character references in s. A named reference
// that html only knows as a legacy prefix ("&ampx;" read as "&x;") is left
// alone: every real one decodes to one or two characters, the prefix reading
// to at least three.
func decodeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return entityRE().ReplaceAllStringFunc(s, func(ref string) string {
		if out := html.UnescapeString(ref); utf8.RuneCountInString(out) <= 2 {
			return out
		}
		return ref
	})
}

// lineWriter builds one cue text line of the document for astisub, split
// into pieces of at most maxPiece bytes at token boundaries, so that a tag
// or an escape is never cut.
type lineWriter struct {
	b   strings.Builder
	n   int // bytes in the current piece
	srt bool
}

func (w *lineWriter) token(s string) {
	if w.n+len(s) > maxPiece {
		w.b.WriteRune(sentJoin)
		w.b.WriteByte('\n')
		w.b.WriteRune(sentLine)
		w.n = 0
	}
	w.b.WriteString(s)
	w.n += len(s)
}

// text writes speech: references decoded, then '&' and '<' escaped the
// two ways astisub decodes, and what astisub would misread as sentinels.
func (w *lineWriter) text(s string) {
	for _, r := range decodeEntities(s) {
		switch {
		case r == '&':
			w.token("&amp;")
		case r == '<':
			w.token("&lt;")
		case r == '>':
			w.token(string(sentGT))
		case r >= sentVoice && r <= sentLast:
			// A reference such as &#xE000; must not forge a sentinel.
			w.token(string(unicode.ReplacementChar))
		case w.srt && unicode.IsSpace(r):
			w.token(string(sentSpace))
		default:
			w.token(string(r))
		}
	}
}

// tag writes what a "<...>" in the input stands for, given its content,
// and reports false when it is no tag we know, so that it is kept as text.
func (w *lineWriter) tag(content string) bool {
	if w.srt {
		if srtBreakRE().MatchString(content) {
			// Converters from TTML write <br/> for a line break: make it
			// one, which astisub reads as the cue's next line.
			w.b.WriteByte('\n')
			w.n = 0
			w.token(string(sentLine))
			return true
		}
		if m := srtTagRE().FindStringSubmatch(content); m != nil {
			w.token("<" + m[1] + strings.ToLower(m[2]) + ">")
			return true
		}
		return false
	}
	if m := voiceTagRE().FindStringSubmatch(content); m != nil {
		w.token(string(sentVoice))
		w.text(m[1])
		w.token(string(sentName))
		return true
	}
	switch {
	case timestampTagRE().MatchString(content):
		// Karaoke timing, dropped here rather than by astisub (see the
		// package comment); nothing to write.
	case voiceEndTagRE().MatchString(content):
		w.token(string(sentVoiceEnd))
	default:
		m := vttTagRE().FindStringSubmatch(content)
		if m == nil {
			return false
		}
		name := strings.ToLower(m[2])
		if name == "rt" && m[1] == "" {
			// Ruby text follows its base with no space; keep them two words.
			w.token(" ")
		}
		// Classes and annotations are dropped: only the text is wanted,
		// and an odd annotation could confuse astisub's HTML tokenizer.
		w.token("<" + m[1] + name + ">")
	}
	return true
}

// sanitise turns one cue text line into a line of the document for
// astisub (see the package comment), srt choosing SRT's markup over
// WebVTT's.
func sanitise(line string, srt bool) string {
	w := &lineWriter{srt: srt}
	w.token(string(sentLine))
	if srt {
		line = assOverrideRE().ReplaceAllString(line, "")
	}
	for line != "" {
		i := strings.IndexByte(line, '<')
		if i < 0 {
			w.text(line)
			break
		}
		w.text(line[:i])
		line = line[i:]
		end := tagEnd(line)
		if end < 0 {
			w.text("<")
			line = line[1:]
			continue
		}
		tag := line[:end+1]
		line = line[end+1:]
		if !w.tag(tag[1:end]) {
			w.text(tag)
		}
	}
	return w.b.String()
}

// tagEnd returns the index of the '>' that ends the tag s starts with, or
// -1 when s starts with a '<' that is text. A quoted attribute value may
// hold '>' (<font color=">">); when quotes leave no end, they were not
// quotes of an attribute, and the first '>' ends the tag.
func tagEnd(s string) int {
	quoted := false
scan:
	for k := 1; k < len(s); k++ {
		switch {
		case s[k] == '"':
			quoted = !quoted
		case quoted:
		case s[k] == '>':
			return k
		case s[k] == '<':
			break scan
		}
	}
	if k := strings.IndexAny(s[1:], "<>"); k >= 0 && s[1+k] == '>' {
		return 1 + k
	}
	return -1
}
