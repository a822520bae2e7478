package ingest

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/qdatool/qda/internal/lazyre"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// decodeText turns a text file's bytes into a string: a UTF-8 or UTF-16
// byte order mark is honoured and dropped, and text that is not valid
// UTF-8 is read as Windows-1252, which is what Word and Notepad save as
// "ANSI" on British machines. Binary files are refused.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", errors.New("cannot read it as UTF-16 text")
		}
		return string(out), nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", errors.New("it holds NUL bytes, so it is not a text file: give the .docx, .odt, .vtt or .srt itself, or save it as plain text")
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", errors.New("it is neither UTF-8 nor Windows-1252 text: save it as UTF-8")
	}
	return string(out), nil
}

// typography maps what word processors put in for plain characters.
var typography = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201A", "'", "\u201B", "'", "\u2032", "'",
	"\u201C", `"`, "\u201D", `"`, "\u201E", `"`, "\u201F", `"`, "\u2033", `"`,
	"\u00A0", " ", "\u2007", " ", "\u202F", " ", "\u2009", " ", "\u200A", " ", "\u2002", " ", "\u2003", " ",
	"\u200B", "", "\u200C", "", "\u200D", "", "\u2060", "", "\uFEFF", "", "\u00AD", "",
	"\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\f", "\n", "\v", "\n",
	"\t", " ",
)

// normaliseText applies Unicode NFC and plain typography, so that search,
// word counts and quotes match what a person types.
func normaliseText(s string) string {
	return typography.Replace(norm.NFC.String(s))
}

// Compiled on first use, as internal/lazyre says why.
var (
	mdHeadingRE = lazyre.New(`^\s{0,3}#{1,6}\s+`)
	mdQuoteRE   = lazyre.New(`^\s{0,3}(>\s?)+`)
	mdListRE    = lazyre.New(`^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+`)
	mdRuleRE    = lazyre.New(`^\s{0,3}(?:[-*_]\s*){3,}$`)
	mdLinkRE    = lazyre.New(`!?\[([^\]]*)\]\([^)]*\)`)
	// RE2 has no backreferences, so each emphasis marker has its own
	// pattern; underscores count only at word edges, as in CommonMark, so
	// snake_case words keep theirs.
	mdEmphasisREs = sync.OnceValue(func() []*regexp.Regexp {
		return []*regexp.Regexp{
			regexp.MustCompile(`\*\*(\S(?:[^*\n]*?\S)?)\*\*`),
			regexp.MustCompile(`\*(\S(?:[^*\n]*?\S)?)\*`),
			regexp.MustCompile(`\b__(\S(?:[^_\n]*?\S)?)__\b`),
			regexp.MustCompile(`\b_(\S(?:[^_\n]*?\S)?)_\b`),
			regexp.MustCompile(`~~(\S(?:[^~\n]*?\S)?)~~`),
			regexp.MustCompile("`([^`\n]+)`"),
		}
	})
)

// stripMarkdown keeps the text of a Markdown line: headings, quote and list
// markers, emphasis and link syntax go; a redaction marker such as
// [name removed] is not a link and stays.
func stripMarkdown(line string) string {
	if mdRuleRE().MatchString(line) {
		return ""
	}
	line = mdHeadingRE().ReplaceAllString(line, "")
	line = mdQuoteRE().ReplaceAllString(line, "")
	line = mdListRE().ReplaceAllString(line, "")
	line = mdLinkRE().ReplaceAllString(line, "$1")
	for _, re := range mdEmphasisREs() {
		line = re.ReplaceAllString(line, "$1")
	}
	return strings.TrimRight(line, " #")
}
