package refi

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
	qdaexport "github.com/qdatool/qda/export"
)

// node is an element of project.qde read without qda's types, as a
// reader in another language sees it.
type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []node     `xml:",any"`
}

func (n node) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func (n node) walk(f func(n node, parent *node)) {
	for i := range n.Children {
		f(n.Children[i], &n)
		n.Children[i].walk(f)
	}
}

// qualcoderReads reads a project as QualCoder's REFI import does (its
// refi.py, RefiImport) and returns what it would lose or stop at: a code
// with a child other than codes and one description is not inserted; two
// codes of one name keep the first; a selection or note with neither
// creationDateTime nor modifiedDateTime stops the import (None.replace);
// a note a text source refers to is taken as an annotation and needs a
// PlainTextSelection; a journal's text is read only from plainTextPath,
// split at "internal:/" under the sources folder, and its name is unique.
// Some readers take only a selection's first Coding: more than one is
// reported too. journals maps each note's name to the text read.
func qualcoderReads(t *testing.T, files map[string][]byte) (problems []string, journals map[string]string) {
	t.Helper()
	var root node
	if err := xml.Unmarshal(files["project.qde"], &root); err != nil {
		t.Fatal(err)
	}
	codeNames := map[string]bool{}
	annotated := map[string]bool{}
	root.walk(func(n node, parent *node) {
		switch n.XMLName.Local {
		case "Code":
			name, _ := n.attr("name")
			var other []string
			descs, codes := 0, 0
			for _, c := range n.Children {
				switch c.XMLName.Local {
				case "Code":
					codes++
				case "Description":
					descs++
				default:
					other = append(other, c.XMLName.Local)
				}
			}
			if codes == 0 && (len(other) > 0 || descs > 1) {
				problems = append(problems, fmt.Sprintf("code %q is not inserted: it holds %v", name, other))
			}
			if codeNames[name] {
				problems = append(problems, fmt.Sprintf("code %q: a second code of that name, its codings go to the first", name))
			}
			codeNames[name] = true
		case "PlainTextSelection":
			if parent.XMLName.Local != "TextSource" {
				return
			}
			g, _ := n.attr("guid")
			if _, ok := n.attr("creationDateTime"); !ok {
				if _, ok := n.attr("modifiedDateTime"); !ok {
					problems = append(problems, "selection "+g+": no creationDateTime, the import stops")
				}
			}
			codings := 0
			for _, c := range n.Children {
				if c.XMLName.Local == "Coding" {
					codings++
				}
			}
			if codings > 1 {
				problems = append(problems, fmt.Sprintf("selection %s: %d codings, a reader of the first loses the rest", g, codings))
			}
		case "TextSource":
			for _, c := range n.Children {
				if c.XMLName.Local == "NoteRef" {
					g, _ := c.attr("targetGUID")
					annotated[g] = true
				}
			}
		}
	})
	journals = map[string]string{}
	sourcesDir := "Sources"
	for name := range files {
		if strings.HasPrefix(name, "sources/") {
			sourcesDir = "sources"
		}
	}
	root.walk(func(n node, parent *node) {
		if n.XMLName.Local != "Note" || parent.XMLName.Local != "Notes" {
			return
		}
		name, _ := n.attr("name")
		if _, ok := n.attr("creationDateTime"); !ok {
			if _, ok := n.attr("modifiedDateTime"); !ok {
				problems = append(problems, fmt.Sprintf("note %q: no creationDateTime, the import stops", name))
				return
			}
		}
		g, _ := n.attr("guid")
		if annotated[g] {
			selections := slices.ContainsFunc(n.Children, func(c node) bool { return c.XMLName.Local == "PlainTextSelection" })
			if !selections {
				problems = append(problems, fmt.Sprintf("note %q: a source refers to it, so it is an annotation, and with no selection it is lost", name))
			}
			return
		}
		path, ok := n.attr("plainTextPath")
		if !ok || name == "" {
			problems = append(problems, fmt.Sprintf("note %q: no plainTextPath (or no name), not a journal", name))
			return
		}
		_, rest, found := strings.Cut(path, "internal:/")
		text, there := files[sourcesDir+rest]
		if !found || !there {
			problems = append(problems, fmt.Sprintf("note %q: %s is not in %s/", name, path, sourcesDir))
			return
		}
		if _, dup := journals[name]; dup {
			problems = append(problems, fmt.Sprintf("note %q: a second journal of that name, the import stops (unique(name))", name))
		}
		journals[name] = string(text)
	})
	return problems, journals
}

// readersStudy is the demo with what other tools stumble on: memos about
// a code with no children, a transcript and the study, two memos of one
// title, the demo's README.md (no front matter, no date), framework
// summaries, and two codes labelled alike under different parents.
func readersStudy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if _, _, err := demo.Create(dir, demo.Options{Participants: 3}); err != nil {
		t.Fatal(err)
	}
	st, ix := open(t, dir)
	cb, _ := st.Codebook()
	var leaf *codebook.Code
	for _, c := range cb.All() {
		if len(c.Children) == 0 && c.Parent != nil {
			leaf = c
			break
		}
	}
	tr := ix.Transcripts.Rows[0].ID
	pid := ix.Participants.Rows[0].ID
	for _, m := range []*corpus.Memo{
		{About: corpus.About{Kind: corpus.AboutCode, Target: leaf.Path}, Coder: "jt", Date: "2024-02-03", Title: "On " + leaf.Name, Text: "Seen in three interviews.\n", FrontMatter: true},
		{About: corpus.About{Kind: corpus.AboutTranscript, Target: tr}, Coder: "eh", Date: "2024-02-04", Title: "Follow up", Text: "Ask about the bus.\n", FrontMatter: true},
		{About: corpus.About{Kind: corpus.AboutParticipant, Target: pid}, Coder: "eh", Date: "2024-02-05", Title: "Follow up", Text: "Ask about her sister.\n", FrontMatter: true},
	} {
		if _, err := st.AddMemo(m); err != nil {
			t.Fatal(err)
		}
	}
	for path, text := range map[string]string{cb.Codes[0].Path: "Goes weekly.", leaf.Path: "Mentions it twice;\nboth times with her sister."} {
		if _, err := qdaexport.SetSummary(st, pid, path, text); err != nil {
			t.Fatal(err)
		}
	}
	// A second code labelled as the leaf, under another parent.
	yaml, _ := st.ReadFile(corpus.CodebookFile)
	edited := string(yaml) + "  - name: extra\n    children:\n      - name: same-label\n        label: \"" + leaf.DisplayLabel() + "\"\n"
	if err := corpus.WriteFile(st.Path(corpus.CodebookFile), []byte(edited)); err != nil {
		t.Fatal(err)
	}
	if _, fs := st.Codebook(); fs.HasErrors() {
		t.Fatal(fs)
	}
	return dir
}

// TestOtherReaders exports a study and reads it as QualCoder does: every
// memo and summary arrives as a journal with its text, every code and
// selection is read, nothing stops the import.
func TestOtherReaders(t *testing.T) {
	dir := readersStudy(t)
	files := unzip(t, export(t, dir))
	if xsd, why := schemaDir(); why == "" {
		validate(t, filepath.Join(xsd, "Project.xsd"), files["project.qde"])
	} else {
		t.Log("schema validation " + why)
	}
	checkProject(t, files)
	problems, journals := qualcoderReads(t, files)
	if len(problems) > 0 {
		t.Errorf("QualCoder would stumble:\n%s", strings.Join(problems, "\n"))
	}
	st, _ := open(t, dir)
	memos, _ := st.MemoFiles()
	sums, _ := qdaexport.ReadSummaries(st)
	want := len(memos)
	for _, m := range sums {
		want += len(m)
	}
	if len(journals) != want || want != 4+2 {
		t.Errorf("%d journals %q, want every memo and summary (%d)", len(journals), sortedKeys(journals), want)
	}
	for name, text := range journals {
		if strings.TrimSpace(text) == "" {
			t.Errorf("journal %q has no text", name)
		}
	}
	if journals["Follow up"] == "" || journals["Follow up (2)"] == "" {
		t.Errorf("journals %q: want both memos titled Follow up", sortedKeys(journals))
	}
	// The same project is read by the simulation as broken where qda
	// used to write it so: a selection with two codings, a note with no
	// date, a code with a note under it.
	for _, tc := range []struct {
		name, old, new string
		n              int
		want           string
	}{
		{"no date", `creationDateTime=`, `modifiedBy=`, -1, "no creationDateTime, the import stops"},
		{"code refers to a note", `</Code>`, `<NoteRef targetGUID="x"/></Code>`, 1, "is not inserted"},
		{"two codings", `</Coding>`, `</Coding><Coding guid="x"><CodeRef targetGUID="y"/></Coding>`, 1, "a reader of the first loses the rest"},
	} {
		broken := map[string][]byte{}
		for k, v := range files {
			broken[k] = v
		}
		broken["project.qde"] = bytes.Replace(files["project.qde"], []byte(tc.old), []byte(tc.new), tc.n)
		if p, _ := qualcoderReads(t, broken); !slices.ContainsFunc(p, func(s string) bool { return strings.Contains(s, tc.want) }) {
			t.Errorf("%s: the simulation saw %q, want %q", tc.name, p, tc.want)
		}
	}
}

// TestRoundTripMemos: qda → qdpx → qda keeps every memo (about, coder,
// date, title, text), every framework summary, the codes' labels where
// their names had to be made unique, and which participant each
// transcript is; a memo with no date comes back dated by the export.
func TestRoundTripMemos(t *testing.T) {
	dir := readersStudy(t)
	a, err := OpenArchive(export(t, dir), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(a, "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Report.Dropped) > 0 || p.Report.Summaries != 2 {
		t.Errorf("dropped %q, %d summaries", p.Report.Dropped, p.Report.Summaries)
	}
	copyDir := filepath.Join(t.TempDir(), "copy")
	if err := p.Write(copyDir); err != nil {
		t.Fatal(err)
	}
	memos := func(dir string) []string {
		st, _ := open(t, dir)
		files, _ := st.MemoFiles()
		var out []string
		for _, f := range files {
			m, _, _, err := st.ReadMemo(f)
			if err != nil {
				t.Fatal(err)
			}
			date := m.Date
			if date == "" {
				date = testEpoch.UTC().Format("2006-01-02")
			}
			// A memo without front matter is titled by its heading, which
			// the imported memo keeps in its text and has as its title too.
			text := strings.TrimLeft(strings.TrimPrefix(m.Text, "# "+m.Title+"\n"), "\n")
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|%q", m.About, m.Coder, date, m.Title, text))
		}
		slices.Sort(out)
		return out
	}
	if a, b := memos(dir), memos(copyDir); !slices.Equal(a, b) || len(a) != 4 {
		t.Errorf("memos:\n got %q\nwant %q", b, a)
	}
	st1, _ := open(t, dir)
	st2, _ := open(t, copyDir)
	s1, _ := qdaexport.ReadSummaries(st1)
	s2, err := qdaexport.ReadSummaries(st2)
	if err != nil || fmt.Sprint(s1) != fmt.Sprint(s2) {
		t.Errorf("summaries %v, %v; want %v", s2, err, s1)
	}
	if a, b := summary(t, dir), summary(t, copyDir); a != b {
		t.Errorf("the imported study differs:\n--- original\n%s\n--- imported\n%s", a, b)
	}
	for _, f := range []string{corpus.TranscriptsFile, corpus.ParticipantsFile} {
		a, _ := st1.ReadFile(f)
		b, _ := st2.ReadFile(f)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs:\n%s\n---\n%s", f, a, b)
		}
	}
}

// TestRefiNames: names are labels, unique across the codebook, and
// import gives the labels back.
func TestRefiNames(t *testing.T) {
	cb, fs := codebook.Parse("codebook.yaml", []byte(`title: t
codes:
  - name: barriers
    children:
      - name: other
        label: Other
  - name: helps
    children:
      - name: other
        label: Other
      - name: other-2
        label: Other
  - name: other
    label: Other
  - name: single
    label: Single
`))
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	want := map[string]string{
		"barriers/other": "barriers / Other", "helps/other": "helps / Other", "helps/other-2": "helps / Other (2)",
		"other": "Other", "single": "Single", "barriers": "barriers", "helps": "helps",
	}
	codes := exportCodes(cb.Codes, NewGUIDs("t"))
	got := map[string]string{}
	var walk func([]Code, string)
	walk = func(cs []Code, parent string) {
		for _, c := range cs {
			f := undescribe(c.Name, c.Description)
			path := join(parent, f.name)
			got[path] = c.Name
			if label := cb.Lookup(path).DisplayLabel(); f.label != label && !(f.label == "" && f.name == label) {
				t.Errorf("%s: label read back %q, want %q", path, f.label, label)
			}
			walk(c.Codes, path)
		}
	}
	walk(codes, "")
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("names %v\nwant %v", got, want)
	}
	for _, tc := range []struct {
		name, label string
		want        bool
	}{
		{"Other", "Other", true}, {"helps / Other", "Other", true}, {"helps / Other (2)", "Other", true},
		{"Other (2)", "Other", true}, {"Renamed", "Other", false}, {"Other (x)", "Other", false}, {"Another", "Other", false},
	} {
		if got := madeOf(tc.name, tc.label); got != tc.want {
			t.Errorf("madeOf(%q, %q) = %v", tc.name, tc.label, got)
		}
	}
}
