package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
	"github.com/qdatool/qda/internal/layout"
)

// hitJSON is a hit as --json prints it.
type hitJSON struct {
	Transcript  string            `json:"transcript"`
	File        string            `json:"file"`
	Participant string            `json:"participant"`
	Line        int               `json:"line"`
	Speaker     string            `json:"speaker"`
	Text        string            `json:"text"`
	Score       float64           `json:"score"`
	Matches     [][2]int          `json:"matches"`
	Codes       []corpus.LineCode `json:"codes"`
	Context     []excerptLine     `json:"context,omitempty"`
}

// readHits makes each hit's line, codes and context: the line from the
// index when it stored it, else (and the context, and the speaker, which
// the index does not store: withSpeaker) from the files.
func (s *session) readHits(hits []search.Hit, coders []string, context int, withSpeaker bool) ([]hitJSON, error) {
	out := []hitJSON{}
	hr := s.newHitReader(coders)
	for _, h := range hits {
		row, ok := s.ix.Transcripts.Lookup(h.Transcript)
		if !ok {
			continue // only a damaged index names a transcript the study lacks
		}
		if h.Stored && context == 0 && !withSpeaker {
			// The index holds the line as the file does: reading every
			// transcript with a hit was most of a common word's search.
			out = append(out, hr.hitJSON(h, row, "", h.Text))
			continue
		}
		t, err := hr.load(h.Transcript)
		if err != nil {
			return nil, err
		}
		if h.Line > t.Len() {
			continue // the file changed after the search; the next one reindexes
		}
		out = append(out, hr.hit(h, row, context))
	}
	return out, nil
}

// hitReader reads the transcripts hits are in, one at a time: hits come
// grouped by transcript. The codes come with the hits, from the index.
type hitReader struct {
	s      *session
	coders []string
	res    *corpus.Resolver
	t      *corpus.Transcript
}

func (s *session) newHitReader(coders []string) *hitReader {
	return &hitReader{s: s, coders: coders, res: corpus.NewResolver(s.cb)}
}

// load reads transcript id and its codes, unless it is the one read last.
func (hr *hitReader) load(id string) (*corpus.Transcript, error) {
	if hr.t != nil && hr.t.ID == id {
		return hr.t, nil
	}
	t, err := hr.s.study.ReadTranscript(id)
	if err != nil {
		return nil, err
	}
	hr.t = t
	return t, nil
}

// hit is h, a line of the transcript loaded, as printed.
func (hr *hitReader) hit(h search.Hit, row corpus.Row, context int) hitJSON {
	t := hr.t
	line := t.Line(h.Line)
	j := hr.hitJSON(h, row, line.Speaker, line.Text)
	for l := max(1, h.Line-context); l <= min(t.Len(), h.Line+context); l++ {
		if l != h.Line {
			j.Context = append(j.Context, excerptLine{Line: l, Text: t.Line(l).Text, Context: true})
		}
	}
	return j
}

// hitJSON is h, with its line's speaker and text, without context.
func (hr *hitReader) hitJSON(h search.Hit, row corpus.Row, speaker, text string) hitJSON {
	j := lineHit(&h, text, hr.coders, hr.res)
	j.Participant, j.Speaker, j.Score = hr.s.ix.Transcripts.Get(row, "participant"), speaker, h.Score
	return j
}

// lineHit is what a printed line of h needs: its file, line, text, codes
// (resolved by res, which caches) and matched ranges. printHitsOnCores
// formats hits from it on every core, and hitJSON adds the rest.
func lineHit(h *search.Hit, text string, coders []string, res *corpus.Resolver) hitJSON {
	j := hitJSON{Transcript: h.Transcript, File: corpus.TranscriptFile(h.Transcript), Line: h.Line, Text: text,
		Matches: [][2]int{}, Codes: corpus.CodesOf(h.Refs, coders, res)}
	if j.Codes == nil {
		j.Codes = []corpus.LineCode{}
	}
	for _, sp := range h.Spans {
		j.Matches = append(j.Matches, [2]int{sp.Start, sp.End})
	}
	return j
}

// printHitsJSON prints hits as printJSON would, one hit at a time and
// each hit's matches straight to the output: on a line of megabytes
// matched a million times, encoding the whole at once (and then again
// indented) took many times the line.
func printHitsJSON(w io.Writer, hits []hitJSON) error {
	if len(hits) == 0 {
		return printJSON(w, hits)
	}
	out := bufio.NewWriterSize(w, 64<<10)
	out.WriteString("[\n  ")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	const key = `"matches": []`
	for i, h := range hits {
		if i > 0 {
			out.WriteString(",\n  ")
		}
		matches := h.Matches
		h.Matches = [][2]int{}
		buf.Reset()
		if err := enc.Encode(h); err != nil {
			return err
		}
		data := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		// The key is the only place it can be: in a string value its
		// quotes would be escaped.
		at := bytes.Index(data, []byte(key))
		if at < 0 || len(matches) == 0 {
			out.Write(data)
			continue
		}
		out.Write(data[:at+len(key)-1])
		for j, m := range matches {
			if j > 0 {
				out.WriteByte(',')
			}
			out.WriteString("\n      [\n        ")
			out.WriteString(strconv.Itoa(m[0]))
			out.WriteString(",\n        ")
			out.WriteString(strconv.Itoa(m[1]))
			out.WriteString("\n      ]")
		}
		out.WriteString("\n    ]")
		out.Write(data[at+len(key):])
	}
	out.WriteString("\n]\n")
	return out.Flush()
}

// hitBar sets a hit's codes apart from its text.
const hitBar = "  │ "

// printHits prints hits as grep -n does: context lines with '-', groups
// apart with "--", a group going on while hits are close enough that
// their contexts touch; the codes in a margin after the text (in their
// colours on a terminal). Lines are written through a buffer rather than
// formatted whole, so a line of many megabytes is not copied again. A
// write that failed (a full disk behind stdout) is the error, as
// printHitsOnCores's is.
func printHits(g *globals, cb *codebook.Codebook, hits []hitJSON, context int) error {
	return printHitsTo(g.stdout, isTerminal(g.stdout), termWidth(g.stdout), cb, hits, context)
}

// printHitsTo is printHits writing to out, as on a terminal of width
// (0: not one), in colour or not.
func printHitsTo(out io.Writer, colour bool, width int, cb *codebook.Codebook, hits []hitJSON, context int) error {
	codeColour := codeColours(cb)
	w := bufio.NewWriterSize(out, 64<<10)
	line := func(file string, sep byte, n int, text string) {
		w.WriteString(file)
		w.WriteByte(sep)
		w.WriteString(strconv.Itoa(n))
		w.WriteByte(sep)
		w.WriteString(text)
	}
	last := 0 // the last line printed of hits[i-1]'s transcript
	for i := range hits {
		h := &hits[i]
		sameFile := i > 0 && hits[i-1].Transcript == h.Transcript
		if context > 0 && i > 0 && (!sameFile || h.Line-context > last+1) {
			w.WriteString("--\n")
		}
		if !sameFile {
			last = 0
		}
		next := 0 // the next hit's line in this transcript, whose own turn it is
		if i+1 < len(hits) && hits[i+1].Transcript == h.Transcript {
			next = hits[i+1].Line
		}
		for _, c := range h.Context {
			if c.Line < h.Line && c.Line > last {
				line(h.File, '-', c.Line, c.Text)
				w.WriteByte('\n')
			}
		}
		writeHitLine(w, h, width, colour, codeColour)
		w.WriteByte('\n')
		last = h.Line
		for _, c := range h.Context {
			if c.Line > h.Line && (next == 0 || c.Line < next) {
				line(h.File, '-', c.Line, c.Text)
				w.WriteByte('\n')
				last = c.Line
			}
		}
	}
	return w.Flush()
}

// lineWriter is where writeHitLine writes: the output's buffer, or a
// buffer of some hits formatted ahead (printHitsOnCores).
type lineWriter interface {
	Write([]byte) (int, error)
	WriteString(string) (int, error)
	WriteByte(byte) error
}

// writeHitLine writes h's line, without its context: FILE:LINE:TEXT and
// its codes' margin, clipped to width on a terminal, coloured with
// colour. The newline is the caller's.
func writeHitLine(w lineWriter, h *hitJSON, width int, colour bool, codeColour func(string) string) {
	w.WriteString(h.File)
	w.WriteByte(':')
	var num [20]byte
	w.Write(strconv.AppendInt(num[:0], int64(h.Line), 10))
	w.WriteByte(':')
	if width == 0 && !colour {
		// Through a pipe, the line and its codes as they are, without
		// a slice and a join of the codes per hit.
		w.WriteString(h.Text)
		for i, c := range h.Codes {
			if i == 0 {
				w.WriteString(hitBar)
			} else {
				w.WriteString(", ")
			}
			w.WriteString(c.Code)
		}
		return
	}
	var names []string
	for _, c := range h.Codes {
		names = append(names, c.Code)
	}
	text, start := h.Text, 0
	if width > 0 {
		// One line in a terminal: the codes shortened in the middle
		// to what the text leaves (a third of the width at least),
		// then the text clipped to what they leave, around its first
		// match.
		prefix := h.File + ":" + strconv.Itoa(h.Line) + ":"
		room := width - layout.Width(prefix) - layout.Width(text) - layout.Width(hitBar)
		names = layout.ElidePaths(names, ", ", max(room, width/3-layout.Width(hitBar)))
		textW := width - layout.Width(prefix)
		if len(names) > 0 {
			// The text keeps a few words, should the codes not fit.
			textW = max(textW-layout.Width(hitBar+strings.Join(names, ", ")), 16)
		}
		from, to := -1, -1
		if len(h.Matches) > 0 {
			from, to = h.Matches[0][0], h.Matches[0][1]
		}
		text, start = layout.ClipAround(text, textW, from, to)
	}
	if colour {
		text = highlightShown(h.Text, text, start, h.Matches)
	}
	w.WriteString(text)
	if len(names) > 0 {
		if colour {
			for i := range names {
				names[i] = layout.Colour(codeColour(h.Codes[i].Code), names[i])
			}
		}
		w.WriteString(hitBar)
		w.WriteString(strings.Join(names, ", "))
	}
}

// highlight marks the matched byte ranges of text in bold red, the words
// of a phrase as one run.
// highlightShown highlights the matches in shown, full clipped by
// layout.ClipAround from byte start: the ellipses it added stay plain.
func highlightShown(full, shown string, start int, spans [][2]int) string {
	if shown == full {
		return highlight(full, spans)
	}
	body, lead := shown, ""
	if start > 0 {
		body, lead = strings.TrimPrefix(body, layout.Ellipsis), layout.Ellipsis
	}
	tail := ""
	if body != full[start:] {
		body, tail = strings.TrimSuffix(body, layout.Ellipsis), layout.Ellipsis
	}
	var shifted [][2]int
	for _, sp := range spans {
		if sp[0] >= start {
			shifted = append(shifted, [2]int{sp[0] - start, sp[1] - start})
		}
	}
	return lead + highlight(body, shifted) + tail
}

func highlight(text string, spans [][2]int) string {
	var runs [][2]int
	for _, sp := range spans {
		if n := len(runs); n > 0 && sp[0] >= runs[n-1][1] && sp[0] <= len(text) && strings.TrimSpace(text[runs[n-1][1]:sp[0]]) == "" {
			runs[n-1][1] = sp[1]
			continue
		}
		runs = append(runs, sp)
	}
	var b strings.Builder
	at := 0
	for _, sp := range runs {
		if sp[0] < at || sp[1] > len(text) {
			continue
		}
		b.WriteString(text[at:sp[0]] + "\x1b[1;31m" + text[sp[0]:sp[1]] + "\x1b[0m")
		at = sp[1]
	}
	return b.String() + text[at:]
}

func hitSummary(hits []hitJSON, total int, limited bool) string {
	transcripts, participants := map[string]bool{}, map[string]bool{}
	for _, h := range hits {
		transcripts[h.Transcript] = true
		participants[h.Participant] = true
	}
	return hitCounts(len(hits), len(transcripts), len(participants), total, limited)
}

// hitCounts is hitSummary of hits in transcripts of participants.
func hitCounts(hits, transcripts, participants, total int, limited bool) string {
	sum := fmt.Sprintf("%s in %s of %s", plural(hits, "hit"), plural(transcripts, "transcript"), plural(participants, "participant"))
	if limited && total > hits {
		sum += fmt.Sprintf(" (%d more beyond --limit)", total-hits)
	}
	return sum
}
