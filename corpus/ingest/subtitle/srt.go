package subtitle

import (
	"strconv"
	"strings"

	astisub "github.com/asticode/go-astisub"

	"github.com/qdatool/qda/internal/diag"
)

// SRT reads a SubRip file. Before the first cue there may be only blank
// lines and cue numbers; anything else is an error, a *diag.Finding
// without a file name, which the caller sets. Cue numbers and timings are
// dropped, and a cue's speaker comes from a "Name:" prefix.
func SRT(data []byte) ([]Cue, error) {
	cues, err := scanSRT(splitLines(decode(data)))
	if err != nil {
		return nil, err
	}
	return readCues(cues, astisub.ReadFromSRT, func(doc *strings.Builder, n int, lines []string) {
		doc.WriteString(strconv.Itoa(n + 1))
		doc.WriteString("\n00:00:00,000 --> 00:00:00,000\n")
		for _, l := range lines {
			doc.WriteString(sanitise(l, true))
			doc.WriteByte('\n')
		}
		doc.WriteByte('\n')
	})
}

// scanSRT finds the cues of an SRT file and returns the text lines of each.
// A cue runs from its timing line to the next cue. A line of digits is the
// next cue's number only when a timing line follows it (blank lines
// between allowed), so cues without numbers, cues with no blank line
// between them, and speech that is just a number are all read right; a
// blank line inside a cue's text does not end it.
func scanSRT(lines []string) ([][]string, error) {
	var cues [][]string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case blank(l):
			continue
		case isTiming(l):
			cues = append(cues, nil)
			continue
		case srtNumberRE().MatchString(l):
			j := i + 1
			for j < len(lines) && blank(lines[j]) {
				j++
			}
			if j == len(lines) || isTiming(lines[j]) {
				// A cue number, or the last one of a file cut short.
				i = j - 1
				continue
			}
			if len(cues) == 0 {
				// What should have been the timing is the line at fault.
				return nil, notSRT(j, lines[j])
			}
		}
		if len(cues) == 0 {
			return nil, notSRT(i, l)
		}
		cues[len(cues)-1] = append(cues[len(cues)-1], l)
	}
	return cues, nil
}

// notSRT reports the line at index i, which no SRT file has before its
// first cue.
func notSRT(i int, line string) error {
	f := diag.Errorf("", i+1, "not an SRT file: expected a cue number or a timing line such as 00:00:01,000 --> 00:00:04,000")
	if isVTTHeader(line) {
		f.WithHint("it looks like WebVTT: give it the .vtt extension")
	}
	return f
}
