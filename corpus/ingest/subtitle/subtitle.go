// Package subtitle reads the subtitle files that recording tools write
// (WebVTT from Microsoft Teams and Zoom, SRT from others) into the speech of
// their cues: who spoke, and what they said, with timings, cue numbers and
// markup gone.
//
// Parsing goes through github.com/asticode/go-astisub, but v0.34.0 misreads
// enough of what real files hold (see astisub_test.go, which shows each case
// failing in astisub alone) that this package does not hand it the file. It
// finds the cues itself, then gives astisub a clean document of those cues'
// text, in which every construct astisub gets wrong has already been dealt
// with or hidden behind a sentinel character:
//   - voice tags: astisub keeps only the first <v> of a line, glues the text
//     of the others onto it and reports them through the standard logger,
//     and does not say where a span ends, so we read voice spans ourselves;
//   - its block parser takes a cue text line starting "NOTE " for a comment
//     and drops it, fails on "-->" or "Region: " in speech, panics on a
//     timing line without an end time, reads a file without a WEBVTT line as
//     an empty file, drops an SRT cue's last line when the next cue has no
//     number and no blank line before it, and stops without an error at a
//     line over 64 KiB, so we find the cues and pass it canonical timings;
//   - it decodes only &amp;, &lt; and &nbsp;, so we decode the rest;
//   - it drops any tag it does not know, so "<name removed>" would vanish;
//     we pass it only the formatting tags and keep the rest as text;
//   - in SRT it drops the spaces between two tagged runs ("<i>tea</i>
//     <b>time</b>" reads "teatime"), so SRT spaces travel as a sentinel;
//   - in WebVTT a karaoke timestamp between two words with only a space
//     between them glues the words, so we drop those timestamps ourselves;
//   - SRT override codes such as {\an8} are kept as text, so we drop them.
//
// What is left to astisub is removing the formatting tags and decoding the
// &amp; and &lt; we give it; the recover around it stays because it is
// third-party code run on user files.
package subtitle

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	astisub "github.com/asticode/go-astisub"
	"github.com/qdatool/qda/internal/lazyre"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Cue is one subtitle cue's speech: the speaker the file names (a voice tag,
// or a "Name:" prefix on the cue's first line), "" when none, and the text
// with tags removed; Text may hold "\n" where a cue had several lines.
type Cue struct {
	Speaker, Text string
}

// Turns joins consecutive cues of the same speaker into one (texts joined
// with a space, since subtitle cues split sentences mid-way), and a cue with
// no speaker continues the previous speaker's turn. It is what ingest calls
// after VTT or SRT. Line breaks inside a cue become spaces too: they are
// where the recording tool wrapped the line to fit the screen.
func Turns(cues []Cue) []Cue {
	var out []Cue
	// A turn's text is built up in b, not by adding to a string, which
	// copied the turn so far for each of its cues.
	var b strings.Builder
	flush := func() {
		if n := len(out); n > 0 {
			out[n-1].Text = b.String()
			b.Reset()
		}
	}
	for _, c := range cues {
		if strings.TrimSpace(c.Text) == "" {
			continue
		}
		if n := len(out); n == 0 || !(c.Speaker == "" || c.Speaker == out[n-1].Speaker) {
			flush()
			out = append(out, Cue{Speaker: c.Speaker})
		}
		for w := range strings.FieldsSeq(c.Text) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	flush()
	return out
}

// Sentinels stand in, in the document handed to astisub, for what astisub
// would misread; restore turns them back. They are private-use characters,
// and decode replaces any the input holds, so text cannot forge them.
const (
	sentVoice    = '\uE000' // a <v> tag: the voice name follows, ended by sentName
	sentName     = '\uE001'
	sentVoiceEnd = '\uE002' // </v>
	sentGT       = '\uE003' // a literal '>', so that "-->" in speech is not a timing
	sentLine     = '\uE004' // starts every text line, so none is blank or starts with a keyword
	sentSpace    = '\uE005' // SRT whitespace, which astisub drops between tags
	sentJoin     = '\uE006' // ends a piece of a line split to stay under astisub's line limit
	sentLast     = sentJoin
)

// restorer undoes the sentinels other than the voice ones, which splitSpans
// reads. A split line's pieces are joined first, before sentLine goes.
var restorer = strings.NewReplacer(
	string(sentJoin)+"\n"+string(sentLine), "",
	string(sentLine), "",
	string(sentGT), ">",
	string(sentSpace), " ",
)

// decode turns a subtitle file's bytes into text. WebVTT is UTF-8 by
// definition, but SRT files from older tools are often Windows-1252, so
// text that is not valid UTF-8 is read as Windows-1252, as ingest does for
// plain text files; a UTF-8 or UTF-16 byte order mark is honoured and dropped.
func decode(data []byte) string {
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		s = string(data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		// The decoder replaces bad sequences rather than failing.
		out, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder().Bytes(data)
		s = string(out)
	default:
		s = string(data)
	}
	if !utf8.ValidString(s) {
		out, _ := charmap.Windows1252.NewDecoder().String(s)
		s = strings.ToValidUTF8(out, "\uFFFD")
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	return strings.Map(func(r rune) rune {
		if r >= sentVoice && r <= sentLast {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

// splitLines splits at CRLF, CR or LF, as the WebVTT spec and astisub do.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Split(s, "\n")
}

func blank(line string) bool { return strings.TrimSpace(line) == "" }

// timingRE matches the start of a cue timing line. Lines are tested by the
// time at their start, not just for "-->", so that speech holding an arrow
// stays speech. A comma is allowed in WebVTT and a full stop in SRT, and
// hours may be left out, because converters write all of these.
var timingRE = lazyre.New(`^\s*(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\s*-->`)

func isTiming(line string) bool { return timingRE().MatchString(line) }

// astisubReader is ReadFromWebVTT or ReadFromSRT.
type astisubReader func(io.Reader) (*astisub.Subtitles, error)

// cueBatch is how many cues astisub is given at once: it holds a few
// hundred bytes for each, so a file of a million cues goes in batches.
var cueBatch = 10_000

// readCues hands astisub the cues a batch at a time, each batch a clean
// document written by cue, and returns the speech of every cue's spans.
func readCues(cues [][]string, read astisubReader, cue func(doc *strings.Builder, n int, lines []string)) ([]Cue, error) {
	var out []Cue
	for len(cues) > 0 {
		batch := cues[:min(cueBatch, len(cues))]
		cues = cues[len(batch):]
		var doc strings.Builder
		for n, c := range batch {
			cue(&doc, n, c)
		}
		texts, err := readClean(read, doc.String(), len(batch))
		if err != nil {
			return nil, err
		}
		for _, t := range texts {
			out = splitSpans(out, t)
		}
	}
	return out, nil
}

// readClean hands astisub the clean document of cues and returns each cue's
// text, sentinels restored except the voice ones. doc holds exactly n cues;
// anything else from astisub is a bug here or there, reported as such.
func readClean(read astisubReader, doc string, n int) (texts []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			texts, err = nil, fmt.Errorf("internal error: the subtitle library failed on this file (please report it): %v", r)
		}
	}()
	subs, err := read(strings.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("internal error: the subtitle library failed on this file (please report it): %w", err)
	}
	if len(subs.Items) != n {
		return nil, fmt.Errorf("internal error: the subtitle library read %d cues where there are %d (please report this file)", len(subs.Items), n)
	}
	texts = make([]string, n)
	for i, item := range subs.Items {
		lines := make([]string, 0, len(item.Lines))
		for _, l := range item.Lines {
			// Every line we wrote starts with sentLine; an empty one is
			// astisub keeping SRT's blank separator line.
			if s := l.String(); s != "" {
				lines = append(lines, s)
			}
		}
		texts[i] = restorer.Replace(strings.Join(lines, "\n"))
	}
	return texts, nil
}

// splitSpans turns one cue's text into Cues, one for each voice span, in
// order, and appends them to out. Text outside any voice span is a span of
// its own, with no voice.
func splitSpans(out []Cue, text string) []Cue {
	var (
		voice string
		cur   strings.Builder
	)
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case sentVoice:
			out = appendCue(out, voice, cur.String())
			cur.Reset()
			rest := text[i+n:]
			end := strings.IndexRune(rest, sentName)
			if end < 0 { // cannot happen: sanitise always ends the name
				end = len(rest)
			}
			voice = strings.Join(strings.Fields(rest[:end]), " ")
			i += n + end + utf8.RuneLen(sentName)
			continue
		case sentVoiceEnd:
			out = appendCue(out, voice, cur.String())
			cur.Reset()
			voice = ""
		default:
			cur.WriteRune(r)
		}
		i += n
	}
	return appendCue(out, voice, cur.String())
}

// appendCue tidies one span's text and appends it to out unless it is
// empty. A span with no voice takes its speaker from a "Name:" prefix.
func appendCue(out []Cue, voice, text string) []Cue {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return out
	}
	if voice == "" {
		if name, rest, ok := cutPrefix(lines[0]); ok {
			voice = name
			if rest == "" {
				lines = lines[1:]
			} else {
				lines[0] = rest
			}
		}
	}
	if len(lines) == 0 {
		return out
	}
	return append(out, Cue{Speaker: voice, Text: strings.Join(lines, "\n")})
}

// prefixRE matches a speaker prefix as Zoom writes it, "May Smith: text":
// up to three words of name-like characters and a colon ending the word.
var prefixRE = lazyre.New(`^(\pL[\pL\pN'’.\-]*(?: [\pL\pN][\pL\pN'’.\-]*){0,2}):(?: |$)`)

// cutPrefix splits a "Name: text" line, whitespace already collapsed. Each
// word of the name must start with a capital or a digit, so that speech
// such as "I said: no" is not read as a speaker called "I said".
func cutPrefix(line string) (name, rest string, ok bool) {
	m := prefixRE().FindStringSubmatch(line)
	if m == nil || utf8.RuneCountInString(m[1]) > 40 {
		return "", line, false
	}
	for _, w := range strings.Fields(m[1]) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return "", line, false
		}
	}
	return m[1], strings.TrimSpace(line[len(m[0]):]), true
}
