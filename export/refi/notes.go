package refi

import (
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// aboutMark opens a note's description with what the memo is about, which
// the standard can say only for codes, sources and the project (a case
// takes no notes), so import reads it back from here.
const aboutMark = "qda memo about "

// exportNotes makes a Note of every memo in memos/, referenced from what
// it is about. A memo that does not parse is left out and reported.
func exportNotes(st *corpus.Study, cb *codebook.Codebook, p *Project, ids GUIDs, users map[string]string, rep *ExportReport) error {
	files, err := st.MemoFiles()
	if err != nil {
		return err
	}
	codes := map[string]*Code{}
	var index func([]Code)
	index = func(cs []Code) {
		for i := range cs {
			codes[cs[i].GUID] = &cs[i]
			index(cs[i].Codes)
		}
	}
	if p.CodeBook != nil {
		index(p.CodeBook.Codes.Codes)
	}
	sources := map[string]*TextSource{}
	if p.Sources != nil {
		for i := range p.Sources.Text {
			sources[p.Sources.Text[i].GUID] = &p.Sources.Text[i]
		}
	}
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
		text := m.Text
		n := TextSource{GUID: guid, Name: m.Title, CreatingUser: users[m.Coder], Description: aboutMark + m.About.String(), PlainTextContent: &text}
		if n.Name == "" {
			n.Name = strings.TrimSuffix(strings.TrimPrefix(file, corpus.MemosDir+"/"), ".md")
		}
		if m.Date != "" {
			n.CreationDateTime = m.Date + "T00:00:00Z"
		}
		ref := Ref{guid}
		switch m.About.Kind {
		case corpus.AboutCode:
			if c, _, err := cb.Resolve(m.About.Target); err == nil && codes[ids.Of("code", c.Path)] != nil {
				rc := codes[ids.Of("code", c.Path)]
				rc.NoteRefs = append(rc.NoteRefs, ref)
			}
		case corpus.AboutTranscript:
			if s := sources[ids.Of("source", m.About.Target)]; s != nil {
				s.NoteRefs = append(s.NoteRefs, ref)
			}
		case corpus.AboutStudy, "":
			p.NoteRefs = append(p.NoteRefs, ref)
		}
		if p.Notes == nil {
			p.Notes = &Notes{}
		}
		p.Notes.Notes = append(p.Notes.Notes, n)
		rep.Notes++
	}
	return nil
}
