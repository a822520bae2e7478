package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/lazyre"
)

// timestamp matches the time marks transcription tools put before or
// after a label or at the start of a line: [00:01:02], (00:01:02),
// 00:01:02.500, 1:02, with optional brackets.
const timestampPattern = `[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?`

// A bare "10:30" opening a line may be speech ("10:30 was when she
// came"), so a leading time is dropped only when bracketed or when it has
// seconds, as tools write it.
const leadingTimestampPattern = `(?:[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)`

var (
	leadingTimestampRE = lazyre.New(`^\s*` + leadingTimestampPattern + `\s*(?:[-–—]\s*)?`)
	// "May (00:01:02): text" and "May 00:01:02: text"
	labelTimestampRE = lazyre.New(`^([^:\[\]()]{1,40}?)\s*` + timestampPattern + `\s*:(?:\s+|$)`)
	// "Speaker 1  00:01:02" or "May Smith 0:05" alone on a line, as
	// Otter and Zoom write a label above the speech.
	labelLineTimestampRE = lazyre.New(`^([^:\[\]()]{1,40}?)\s+` + timestampPattern + `\s*$`)
	// "**May:**", "**May**:" and "__May:__", as Markdown-minded
	// transcribers write them, in any text file.
	boldLabelRE = lazyre.New(`^(\*\*|__)([^*_:]{1,40}?)(:?)(\*\*|__)(:?)(?:\s+|$)`)
	// Labels that can stand alone on their line without a timestamp.
	roleLabelRE = lazyre.New(`(?i)^(speaker|participant|interviewer|interviewee|respondent|moderator|facilitator|researcher)(\s*\d+)?$|^[PIR]\d+$`)
)

// splitLabel finds a speaker label at the start of line and returns it
// with the speech after it. alone is set when the line holds only the label
// (the speech follows on the next lines). ok is false when the line starts
// with no label.
func splitLabel(line string) (label, rest string, alone, ok bool) {
	line = strings.TrimSpace(line)
	line = leadingTimestampRE().ReplaceAllString(line, "")
	if m := boldLabelRE().FindStringSubmatch(line); m != nil && isLabel(m[2]) && (m[3] != "" || m[5] != "") {
		rest := strings.TrimSpace(line[len(m[0]):])
		return cleanLabel(m[2]), rest, rest == "", true
	}
	if m := labelTimestampRE().FindStringSubmatch(line); m != nil && isName(m[1]) {
		rest := strings.TrimSpace(line[len(m[0]):])
		return cleanLabel(m[1]), rest, rest == "", true
	}
	if m := labelLineTimestampRE().FindStringSubmatch(line); m != nil && isName(m[1]) {
		return cleanLabel(m[1]), "", true, true
	}
	if i := strings.IndexByte(line, ':'); i > 0 {
		after := line[i+1:]
		if (after == "" || after[0] == ' ' || after[0] == '\t') && isLabel(line[:i]) {
			rest := strings.TrimSpace(after)
			return cleanLabel(line[:i]), rest, rest == "", true
		}
	}
	if roleLabelRE().MatchString(line) {
		return cleanLabel(line), "", true, true
	}
	return "", line, false, false
}

// isLabel reports whether s can be a speaker's label: at most three words
// of name-like characters, starting with a letter or digit. Sentences that
// hold a colon ("There was one thing: the bus") have more words.
func isLabel(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 40 || len(strings.Fields(s)) > 3 || notLabels[strings.ToLower(s)] {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case i == 0:
			return false
		case r == ' ' || r == '-' || r == '\'' || r == '.' || r == '_' || r == '’':
		default:
			return false
		}
	}
	return true
}

// isName is isLabel with every word capitalised (or a number), for the
// label forms that carry a time instead of a colon: "May Smith 0:05" is a
// label, "We left 10:30" is speech.
func isName(s string) bool {
	if !isLabel(s) {
		return false
	}
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// cleanLabel tidies a label: spaces collapsed, a final full stop dropped,
// and an all-capitals name (MAY) written as a name (May). Short codes such
// as P1 or INT keep their case: they are mapped, not read.
func cleanLabel(s string) string {
	s = strings.Join(strings.Fields(strings.TrimSuffix(strings.TrimSpace(s), ".")), " ")
	if len([]rune(s)) >= 3 && allLetters(s) && s == strings.ToUpper(s) &&
		!corpus.IsInterviewerLabel(s) && !corpus.IsParticipantLabel(s) {
		words := strings.Fields(strings.ToLower(s))
		for i, w := range words {
			r, n := utf8.DecodeRuneInString(w)
			words[i] = string(unicode.ToUpper(r)) + w[n:]
		}
		s = strings.Join(words, " ")
	}
	return s
}

func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != ' ' && r != '-' && r != '\'' {
			return false
		}
	}
	return true
}

// notLabels are the keys of the details a transcript's header lists
// ("Date: 3 May", "Location: telephone"): they end with a colon but
// nobody speaks them.
var notLabels = map[string]bool{}

func init() {
	for _, k := range strings.Split("date,time,duration,length,location,venue,place,file,file name,filename,recording,audio,transcriber,transcribed by,transcription,title,subject,project,study,session,wave,mode,note,notes,page,interview date,interview length,participant id,interviewer name,keywords,key words,format,source", ",") {
		notLabels[k] = true
	}
}

// speakerName maps a label as found to the label the transcript gets:
// --speaker-map first, then the conventional interviewer labels become
// "Interviewer", and the participant's, or the participant's id in any
// case (MAY, May), become the participant id.
func speakerName(label string, mapping map[string]string, participant string) string {
	if to, ok := mapping[strings.ToLower(label)]; ok {
		return to
	}
	low := strings.ToLower(label)
	switch {
	case corpus.IsInterviewerLabel(low):
		return "Interviewer"
	case (corpus.IsParticipantLabel(low) || low == participant) && participant != "":
		return participant
	}
	return label
}
