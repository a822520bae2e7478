package corpus

import "strings"

// interviewerLabels and participantLabels are the conventional labels of
// the two sides of an interview, in lower case: ingest writes
// "Interviewer" and the participant's id, and studies written by hand or
// by other tools use the conventional short forms.
var (
	interviewerLabels = map[string]bool{"interviewer": true, "i": true, "int": true, "q": true,
		"researcher": true, "moderator": true, "facilitator": true}
	participantLabels = map[string]bool{"r": true, "a": true, "p": true, "p1": true,
		"respondent": true, "interviewee": true, "participant": true}
)

// IsInterviewer reports whether a speaker label is the interviewer's:
// one of the conventional labels, optionally numbered ("Interviewer 2").
func IsInterviewer(speaker string) bool {
	s := strings.ToLower(strings.TrimSpace(speaker))
	return IsInterviewerLabel(strings.TrimRight(strings.TrimRight(s, "0123456789"), " "))
}

// IsInterviewerLabel reports whether a label is one of the conventional
// labels of the interviewer's side itself, in any case, not numbered:
// ingest renames those to "Interviewer" and keeps "Interviewer 2" apart.
func IsInterviewerLabel(speaker string) bool {
	return interviewerLabels[strings.ToLower(strings.TrimSpace(speaker))]
}

// IsParticipantLabel reports whether a label is one of the conventional
// labels of the participant's side (P, P1, R, A, Respondent, Interviewee,
// Participant), in any case.
func IsParticipantLabel(speaker string) bool {
	return participantLabels[strings.ToLower(strings.TrimSpace(speaker))]
}

// IsParticipant reports whether a speaker label is the participant's own:
// their id or pseudonym (ingest writes one of them), or a conventional
// participant label left in a transcript written by hand. Anyone else in
// the room, a relative or a carer ("Daughter:"), is neither side: search's
// --speaker participant and agree's both mean the participant's own words.
func IsParticipant(speaker, id, pseudonym string) bool {
	s := strings.ToLower(strings.TrimSpace(speaker))
	if s == "" {
		return false
	}
	return participantLabels[s] || s == strings.ToLower(strings.TrimSpace(id)) ||
		(pseudonym != "" && s == strings.ToLower(strings.TrimSpace(pseudonym)))
}

// ByParticipant reports whether l is the participant's own speech: a text
// line of a turn whose label is the participant's (IsParticipant).
// Unlabelled text (before the first label) is neither side's.
func (l Line) ByParticipant(id, pseudonym string) bool {
	return !l.Blank && IsParticipant(l.Speaker, id, pseudonym)
}
