package refi

import (
	"slices"
	"strings"
	"time"

	"github.com/qdatool/qda/corpus"
)

// memos makes memos of the notes not taken into segment memos, about
// what refers to them.
func (pl *planner) memos() {
	about := map[string]corpus.About{}
	for _, r := range pl.p.NoteRefs {
		about[pl.ref(r)] = corpus.About{Kind: corpus.AboutStudy}
	}
	if pl.p.CodeBook != nil {
		var walk func([]Code)
		walk = func(cs []Code) {
			for _, c := range cs {
				for _, r := range c.NoteRefs {
					about[pl.ref(r)] = corpus.About{Kind: corpus.AboutCode, Target: pl.codes[guidKey(c.GUID)]}
				}
				walk(c.Codes)
			}
		}
		walk(pl.p.CodeBook.Codes.Codes)
	}
	if pl.p.Sources != nil {
		for _, s := range pl.p.Sources.Text {
			if id, ok := pl.sources[guidKey(s.GUID)]; ok {
				for _, r := range s.NoteRefs {
					about[pl.ref(r)] = corpus.About{Kind: corpus.AboutTranscript, Target: id}
				}
			}
		}
	}
	participants := map[string]bool{}
	for _, p := range pl.plan.Participants {
		participants[p.ID] = true
	}
	if pl.p.Notes == nil {
		return
	}
	for _, n := range pl.p.Notes.Notes {
		g := guidKey(n.GUID)
		if pl.notes[g] == nil {
			continue // taken into a segment's memo
		}
		text := strings.TrimSpace(strings.ReplaceAll(pl.noteText(&n), "\r\n", "\n"))
		if text == "" {
			pl.plan.Report.drop("note %q: no text", n.Name)
			continue
		}
		a, ok := about[g]
		marks := noteMarks(n.Description)
		if marks.summary != nil && pl.summary(*marks.summary, text) {
			continue
		}
		if marks.about != nil && (marks.about.Kind != corpus.AboutParticipant || participants[marks.about.Target]) {
			a, ok = *marks.about, true
		}
		if !ok {
			a = corpus.About{Kind: corpus.AboutStudy}
		}
		if marks.summary != nil { // of a participant or a code the study does not have
			a = corpus.About{Kind: corpus.AboutStudy}
			if participants[marks.summary.participant] {
				a = corpus.About{Kind: corpus.AboutParticipant, Target: marks.summary.participant}
			}
		}
		title := strings.TrimSpace(n.Name)
		if marks.title != "" {
			title = marks.title
		}
		if len(n.Selections) > 0 {
			// An annotation on a passage: about the transcript, its
			// title naming the lines, as a comment on a passage is.
			nl, placed := pl.noteLines[g]
			switch {
			case !placed:
				pl.plan.Report.drop("note %q: its %d text selections are in no source that refers to it; its text is a memo without them", n.Name, len(n.Selections))
			default:
				a = corpus.About{Kind: corpus.AboutTranscript, Target: nl.transcript}
				if title == "" {
					title = "Comment"
				}
				title += " on " + nl.transcript
				if len(nl.lines) > 0 {
					title += ", " + linesTitle(nl.lines)
				}
			}
		}
		pl.memo(a, title, text, n.CreatingUser, n.CreationDateTime)
	}
}

// noteText is a note's text: inline, else in the file its plainTextPath
// names (as NVivo and QualCoder write it).
func (pl *planner) noteText(n *TextSource) string {
	if n.PlainTextContent != nil && strings.TrimSpace(*n.PlainTextContent) != "" {
		return *n.PlainTextContent
	}
	if n.PlainTextPath != "" {
		if d, inside, err := pl.a.Source(n.PlainTextPath); err == nil && inside {
			return string(plainText(d))
		}
	}
	return ""
}

// summaryRef is what a framework summary is of.
type summaryRef struct{ participant, code string }

// marks are what qda wrote in a note's description: what the memo is
// about, or the summary it is, and its title where the name is not it.
type marks struct {
	about   *corpus.About
	summary *summaryRef
	title   string
}

// noteMarks reads the marked lines of a note's description.
func noteMarks(desc string) marks {
	var m marks
	for _, l := range strings.Split(strings.ReplaceAll(desc, "\r\n", "\n"), "\n") {
		l = strings.TrimSpace(l)
		if s, ok := strings.CutPrefix(l, aboutMark); ok {
			if a, err := corpus.ParseAbout(s); err == nil {
				m.about = &a
			}
		} else if s, ok := strings.CutPrefix(l, summaryMark); ok {
			p, c, _ := strings.Cut(s, " ")
			pa, err1 := corpus.ParseAbout(p)
			ca, err2 := corpus.ParseAbout(c)
			if err1 == nil && err2 == nil && pa.Kind == corpus.AboutParticipant && ca.Kind == corpus.AboutCode {
				m.summary = &summaryRef{pa.Target, ca.Target}
			}
		} else if s, ok := strings.CutPrefix(l, titleMark); ok {
			m.title = strings.TrimSpace(s)
		}
	}
	return m
}

// summary keeps a framework summary of a participant and a code the
// study has, reporting whether it did.
func (pl *planner) summary(s summaryRef, text string) bool {
	if !slices.ContainsFunc(pl.plan.Participants, func(p PlannedParticipant) bool { return p.ID == s.participant }) {
		return false
	}
	known := false
	for _, path := range pl.codes {
		known = known || path == s.code
	}
	if !known {
		return false
	}
	if pl.plan.Summaries == nil {
		pl.plan.Summaries = map[string]map[string]string{}
	}
	if pl.plan.Summaries[s.participant] == nil {
		pl.plan.Summaries[s.participant] = map[string]string{}
	}
	pl.plan.Summaries[s.participant][s.code] = text
	pl.plan.Report.Summaries++
	return true
}

// date is the day of a creationDateTime, else today.
func (pl *planner) date(dateTime string) string {
	if len(dateTime) >= 10 {
		if _, err := time.Parse(time.DateOnly, dateTime[:10]); err == nil {
			return dateTime[:10]
		}
	}
	return pl.today
}

// author is the coder of a known user, else "" (a memo by nobody known).
func (pl *planner) author(user string) string {
	if c, ok := pl.coders[guidKey(user)]; ok && user != "" {
		return c
	}
	return ""
}

// described keeps the description of a case or a source, where QualCoder
// and NVivo keep their memo on it, as a memo about its participant or
// transcript.
func (pl *planner) described(desc, title string, about corpus.About, user, dateTime string) {
	if text := strings.TrimSpace(strings.ReplaceAll(desc, "\r\n", "\n")); text != "" {
		pl.memo(about, title, text, user, dateTime)
	}
}

// memo adds a memo of the project's, by its user and dated its day.
func (pl *planner) memo(about corpus.About, title, text, user, dateTime string) {
	pl.plan.Memos = append(pl.plan.Memos, &corpus.Memo{About: about, Coder: pl.author(user), Date: pl.date(dateTime), Title: title, Text: text + "\n", FrontMatter: true})
}
