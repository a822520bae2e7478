package office

import (
	"strings"

	"github.com/qdatool/qda/internal/lazyre"
)

// cellText joins a table cell's paragraphs. White space around the cell is
// layout, and a trailing empty paragraph in a cell would otherwise read as
// a turn break inside the row.
func cellText(paras []string) string {
	return strings.TrimSpace(strings.Join(paras, "\n"))
}

// rowText turns a table row into one paragraph. Transcription services
// often deliver a transcript as a table of speaker and speech, so a row of
// a label and some text reads as a labelled turn; any other row is its
// cells' text separated by tabs.
func rowText(cells []string) string {
	var full []string
	for _, c := range cells {
		if c != "" {
			full = append(full, c)
		}
	}
	if len(full) == 2 {
		if label, ok := speakerLabel(full[0]); ok {
			return label + ": " + full[1]
		}
	}
	// A time, a speaker and the speech: "[00:12:30] Interviewer: ...", a
	// form ingest reads, so the label is not lost among tabs.
	if len(full) == 3 && timeCellRE().MatchString(full[0]) {
		if label, ok := speakerLabel(full[1]); ok {
			return "[" + strings.Trim(full[0], "[]() ") + "] " + label + ": " + full[2]
		}
	}
	return strings.Join(full, "\t")
}

var timeCellRE = lazyre.New(`^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?$`)

// speakerLabel reports whether s reads as a speaker's name or role rather
// than speech: a few words and no sentence punctuation. A trailing colon is
// dropped, since the row gets one.
func speakerLabel(s string) (string, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ":")
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 3 || strings.ContainsAny(s, ".?!") {
		return "", false
	}
	return strings.Join(words, " "), true
}
