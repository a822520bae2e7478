package corpus

import "strings"

// interviewerLabels are the labels of the interviewer's side, in lower
// case: ingest writes "Interviewer", and studies written by hand or by
// other tools use the conventional short forms.
var interviewerLabels = map[string]bool{"interviewer": true, "i": true, "int": true, "q": true,
	"researcher": true, "moderator": true, "facilitator": true}

// IsInterviewer reports whether a speaker label is the interviewer's:
// one of the conventional labels, optionally numbered ("Interviewer 2").
func IsInterviewer(speaker string) bool {
	s := strings.ToLower(strings.TrimSpace(speaker))
	s = strings.TrimRight(strings.TrimRight(s, "0123456789"), " ")
	return interviewerLabels[s]
}

// ByParticipant reports whether l is the participant's speech: a text
// line of a turn with a speaker label that is not the interviewer's.
// Unlabelled text (before the first label) is neither side's.
func (l Line) ByParticipant() bool {
	return !l.Blank && l.Speaker != "" && !IsInterviewer(l.Speaker)
}
