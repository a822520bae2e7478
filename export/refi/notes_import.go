package refi

import (
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
		text := ""
		if n.PlainTextContent != nil {
			text = *n.PlainTextContent
		} else if n.PlainTextPath != "" {
			if d, inside, err := pl.a.Source(n.PlainTextPath); err == nil && inside {
				text = string(plainText(d))
			}
		}
		text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
		if text == "" {
			pl.plan.Report.drop("note %q: no text", n.Name)
			continue
		}
		a, ok := about[g]
		if s, found := strings.CutPrefix(strings.TrimSpace(n.Description), aboutMark); found {
			if qa, err := corpus.ParseAbout(s); err == nil && (qa.Kind != corpus.AboutParticipant || participants[qa.Target]) {
				a, ok = qa, true
			}
		}
		if !ok {
			a = corpus.About{Kind: corpus.AboutStudy}
		}
		title := strings.TrimSpace(n.Name)
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
