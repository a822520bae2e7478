package refi

import (
	"fmt"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	qdaexport "github.com/qdatool/qda/export"
)

// Marks of a note's description, which say what qda knows of the note and
// the standard has no place for; import reads them back.
const (
	// aboutMark opens a memo's description with what it is about: the
	// standard can say so only for codes, sources and the project (a
	// case takes no notes), and QualCoder loses a code, or the note, when
	// a code or source refers to a note (see docs/refi.md).
	aboutMark = "qda memo about "
	// summaryMark opens a framework summary's description with its
	// participant and theme: "qda summary of participant:may code:PATH".
	summaryMark = "qda summary of "
	// titleMark gives a memo's title where its note's name is not it: a
	// name another memo had, made unique, as QualCoder requires.
	titleMark = "qda title: "
)

// exportNotes makes a Note of every memo in memos/ and every framework
// summary in memos/summaries/, each with its text both inline and in
// sources/GUID.txt (QualCoder and others read a note's text only from
// its plainTextPath). A memo that does not parse is left out and
// reported.
func exportNotes(st *corpus.Study, cb *codebook.Codebook, p *Project, ids GUIDs, users map[string]string, d *dater, add func(string, []byte) error, rep *ExportReport) error {
	files, err := st.MemoFiles()
	if err != nil {
		return err
	}
	var notes []TextSource
	titles := map[string]string{} // note GUID → its title, where its name must change
	for _, file := range files {
		m, _, findings, err := st.ReadMemo(file)
		if err != nil {
			return err
		}
		if findings.HasErrors() {
			rep.Skipped = append(rep.Skipped, findings[0].Error()+" (memo left out)")
			continue
		}
		guid := ids.Of("note", file)
		n := note(guid, m.Title, m.Text, aboutMark+m.About.String())
		n.CreatingUser = users[m.Coder]
		if n.Name == "" {
			n.Name = strings.TrimSuffix(strings.TrimPrefix(file, corpus.MemosDir+"/"), ".md")
		} else {
			titles[guid] = m.Title
		}
		n.CreationDateTime = d.of(file)
		if m.Date != "" {
			n.CreationDateTime = day(m.Date)
		}
		// Only a memo about the study is referred to, from the project:
		// QualCoder drops a code that refers to a note, and takes a note
		// a source refers to for an annotation, which needs a selection.
		if m.About.Kind == corpus.AboutStudy || m.About.Kind == "" {
			p.NoteRefs = append(p.NoteRefs, Ref{guid})
		}
		notes = append(notes, n)
	}
	sums, err := summaryNotes(st, cb, ids, d, rep)
	if err != nil {
		return err
	}
	notes = append(notes, sums...)
	uniqueNoteNames(notes, titles)
	for i := range notes {
		if err := add("sources/"+strings.TrimPrefix(notes[i].PlainTextPath, "internal://"), []byte(*notes[i].PlainTextContent)); err != nil {
			return err
		}
	}
	if len(notes) > 0 {
		p.Notes = &Notes{Notes: notes}
	}
	rep.Notes = len(notes)
	return nil
}

// note is a Note with its text inline and in its own file.
func note(guid, name, text, desc string) TextSource {
	return TextSource{GUID: guid, Name: name, PlainTextPath: "internal://" + guid + ".txt", Description: desc, PlainTextContent: &text}
}

// summaryNotes makes a note of each framework summary (qda summarize),
// named by its participant and theme, dated by its file's last commit.
// A summaries file that does not parse is left out and reported.
func summaryNotes(st *corpus.Study, cb *codebook.Codebook, ids GUIDs, d *dater, rep *ExportReport) ([]TextSource, error) {
	entries, err := st.ReadDir(qdaexport.SummariesDir)
	if err != nil {
		return nil, nil // no summaries; a folder qda cannot list, check reports
	}
	var out []TextSource
	for _, e := range entries {
		participant, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok || e.IsDir() || strings.HasPrefix(participant, ".") {
			continue
		}
		file := qdaexport.SummaryFile(participant)
		data, err := st.ReadFile(file)
		if err != nil {
			return nil, err
		}
		sums, err := qdaexport.ParseSummaries(file, data)
		if err != nil {
			rep.Skipped = append(rep.Skipped, err.Error()+" (summaries left out)")
			continue
		}
		date := d.of(file)
		for _, path := range sortedKeys(sums) {
			label := path
			if c, _, err := cb.Resolve(path); err == nil {
				label = c.DisplayLabel()
			}
			desc := fmt.Sprintf("%sparticipant:%s code:%s", summaryMark, participant, path)
			n := note(ids.Of("summary", participant+"/"+path), "Summary: "+participant+", "+label, sums[path]+"\n", desc)
			n.CreationDateTime = date
			out = append(out, n)
		}
	}
	return out, nil
}

// uniqueNoteNames makes each note's name its own, as QualCoder, which
// keys its journal by name, requires: a name taken is followed by " (2)",
// " (3)"..., and a memo's title is then kept in its description.
func uniqueNoteNames(notes []TextSource, titles map[string]string) {
	count := map[string]int{}
	for _, n := range notes {
		count[n.Name]++
	}
	taken := map[string]bool{}
	for i := range notes {
		n := &notes[i]
		name := n.Name
		for k := 2; taken[name] || (name != n.Name && count[name] > 0); k++ {
			name = fmt.Sprintf("%s (%d)", n.Name, k)
		}
		taken[name] = true
		if name != n.Name {
			if t, ok := titles[n.GUID]; ok {
				n.Description += "\n" + titleMark + t
			}
			n.Name = name
		}
	}
}
