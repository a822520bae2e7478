package subtitle

import (
	"strings"

	astisub "github.com/asticode/go-astisub"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/lazyre"
)

var srtNumberRE = lazyre.New(`^\s*\d+\s*$`)

// VTT reads a WebVTT file. The first line that is not blank must be WEBVTT;
// an error is then a *diag.Finding without a file name, which the caller
// sets. Cue identifiers, timings and settings, the header, and NOTE, STYLE
// and REGION blocks are dropped. Each voice span of a cue is a Cue of its
// own; a cue with no voice tag takes its speaker from a "Name:" prefix.
func VTT(data []byte) ([]Cue, error) {
	cues, err := scanVTT(splitLines(decode(data)))
	if err != nil {
		return nil, err
	}
	return readCues(cues, astisub.ReadFromWebVTT, func(doc *strings.Builder, n int, lines []string) {
		if n == 0 {
			doc.WriteString("WEBVTT\n")
		}
		doc.WriteString("\n00:00:00.000 --> 00:00:00.000\n")
		for _, l := range lines {
			doc.WriteString(sanitise(l, false))
			doc.WriteByte('\n')
		}
	})
}

// scanVTT finds the cues of a WebVTT file and returns the text lines of
// each. It follows the spec's blocks, with three tolerances for what people
// and converters write: blank lines before the header, a cue right after
// the header with no blank line, and a blank line inside a cue's text (the
// block after it, having no timing, continues the cue rather than being
// dropped, so that no speech is lost).
func scanVTT(lines []string) ([][]string, error) {
	i := 0
	for i < len(lines) && blank(lines[i]) {
		i++
	}
	if i == len(lines) || !isVTTHeader(lines[i]) {
		line := min(i, len(lines)-1)
		f := diag.Errorf("", line+1, "not a WebVTT file: the first line must be WEBVTT")
		if line < len(lines) && (isTiming(lines[line]) || srtNumberRE().MatchString(lines[line])) {
			f.WithHint("it looks like SRT: give it the .srt extension")
		}
		return nil, f
	}
	i++
	for i < len(lines) && !blank(lines[i]) && !isTiming(lines[i]) {
		i++ // header settings such as "Kind: captions"
	}
	var (
		cues       [][]string
		styleDepth int // unclosed braces: CSS with a blank line in it
	)
	for i < len(lines) {
		if blank(lines[i]) {
			i++
			continue
		}
		j := i
		for j < len(lines) && !blank(lines[j]) {
			j++
		}
		block := lines[i:j]
		i = j
		first := strings.TrimSpace(block[0])
		switch {
		case styleDepth > 0 && !hasTiming(block):
			styleDepth += braceDepth(block)
			continue
		case isKeyword(first, "NOTE"), isKeyword(first, "REGION"):
			continue
		case isKeyword(first, "STYLE"):
			styleDepth = braceDepth(block)
			continue
		}
		styleDepth = 0
		k := 0
		if !isTiming(block[0]) && len(block) > 1 && isTiming(block[1]) {
			k = 1 // the cue identifier
		}
		for _, l := range block[k:] {
			switch {
			case isTiming(l):
				cues = append(cues, nil)
			case len(cues) > 0:
				cues[len(cues)-1] = append(cues[len(cues)-1], l)
			}
			// Text before the first cue belongs to no cue: it is what is
			// left of a malformed header or block, not speech.
		}
	}
	return cues, nil
}

// isVTTHeader reports whether line is the signature line: WEBVTT, then
// nothing or a space or tab and a title.
func isVTTHeader(line string) bool {
	rest, ok := strings.CutPrefix(strings.TrimRight(line, " \t"), "WEBVTT")
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// isKeyword reports whether line is the keyword alone or followed by
// a space or tab, as NOTE, STYLE and REGION blocks start.
func isKeyword(line, kw string) bool {
	rest, ok := strings.CutPrefix(line, kw)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

func hasTiming(block []string) bool {
	for _, l := range block {
		if isTiming(l) {
			return true
		}
	}
	return false
}

// braceDepth counts the braces a STYLE block leaves open.
func braceDepth(block []string) int {
	d := 0
	for _, l := range block {
		d += strings.Count(l, "{") - strings.Count(l, "}")
	}
	return d
}
