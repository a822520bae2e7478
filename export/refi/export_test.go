package refi

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// testEpoch stands for $SOURCE_DATE_EPOCH: the test studies are not in
// git, so it dates what has no date of its own.
var testEpoch = time.Unix(1700000000, 0)

type study struct {
	st *corpus.Study
	ix *corpus.Index
}

func open(t *testing.T, dir string) (*corpus.Study, *corpus.Index) {
	t.Helper()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, fs, err := st.LoadIndex()
	if err != nil || fs.HasErrors() {
		t.Fatal(err, fs)
	}
	return st, ix
}

func export(t *testing.T, dir string) []byte {
	t.Helper()
	st, ix := open(t, dir)
	cb, fs := st.Codebook()
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	var b bytes.Buffer
	if _, err := ExportProject(st, cb, ix, ExportOptions{Origin: "qda test", Epoch: testEpoch}, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// unzip returns the entries of a .qdpx.
func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// checkProject checks what the schema cannot: every GUID reference
// resolves to an object of the right kind, every source file is in the
// archive, and every selection lies in its text and spans whole lines of
// it, counted in code points.
func checkProject(t *testing.T, files map[string][]byte) *Project {
	t.Helper()
	var p Project
	if err := xml.Unmarshal(files["project.qde"], &p); err != nil {
		t.Fatal(err)
	}
	guids := map[string]string{}
	def := func(kind, g string) {
		if prev, ok := guids[g]; ok {
			t.Errorf("GUID %s is both a %s and a %s", g, prev, kind)
		}
		guids[g] = kind
	}
	var codes func([]Code)
	codes = func(cs []Code) {
		for _, c := range cs {
			def("code", c.GUID)
			codes(c.Codes)
		}
	}
	for _, u := range p.Users.Users {
		def("user", u.GUID)
	}
	codes(p.CodeBook.Codes.Codes)
	for _, v := range p.Variables.Variables {
		def("variable", v.GUID)
	}
	for _, s := range p.Sources.Text {
		def("source", s.GUID)
	}
	if p.Notes != nil {
		for _, n := range p.Notes.Notes {
			def("note", n.GUID)
		}
	}
	ref := func(kind, g, where string) {
		if guids[g] != kind {
			t.Errorf("%s refers to %s %s, which is not there", where, kind, g)
		}
	}
	for _, c := range p.Cases.Cases {
		def("case", c.GUID)
		for _, v := range c.Values {
			ref("variable", v.VariableRef.Target, "case "+c.Name)
		}
		for _, s := range c.SourceRefs {
			ref("source", s.Target, "case "+c.Name)
		}
	}
	for _, r := range p.NoteRefs {
		ref("note", r.Target, "the project")
	}
	for _, s := range p.Sources.Text {
		name, ok := strings.CutPrefix(s.PlainTextPath, "internal://")
		text, there := files["sources/"+name]
		if !ok || !there {
			t.Errorf("source %s: %s is not in the archive", s.Name, s.PlainTextPath)
			continue
		}
		runes := []rune(string(text))
		for _, v := range s.Values {
			ref("variable", v.VariableRef.Target, "source "+s.Name)
		}
		for _, sel := range s.Selections {
			where := fmt.Sprintf("source %s selection %d-%d", s.Name, sel.Start, sel.End)
			def("selection", sel.GUID)
			ref("user", sel.CreatingUser, where)
			for _, c := range sel.Codings {
				def("coding", c.GUID)
				ref("code", c.CodeRef.Target, where)
				ref("user", c.CreatingUser, where)
			}
			if sel.Start < 0 || sel.End < sel.Start || sel.End > int64(len(runes)) {
				t.Errorf("%s: outside the text (%d code points)", where, len(runes))
				continue
			}
			if sel.Start > 0 && runes[sel.Start-1] != '\n' || sel.End < int64(len(runes)) && runes[sel.End] != '\n' {
				t.Errorf("%s: does not span whole lines: %q", where, string(runes[sel.Start:sel.End]))
			}
		}
	}
	return &p
}

// TestExportValid exports a study with Welsh names, accents and emoji
// and checks it against the schema and for what the schema cannot check.
func TestExportValid(t *testing.T) {
	xsd := schemas(t)
	dir := filepath.Join(t.TempDir(), "s")
	if err := plan(t, fixture(t, "qualcoder", nil)).Write(dir); err != nil {
		t.Fatal(err)
	}
	data := export(t, dir)
	files := unzip(t, data)
	validate(t, filepath.Join(xsd, "Project.xsd"), files["project.qde"])
	p := checkProject(t, files)

	// The positions, in code points, select exactly the coded lines.
	st, ix := open(t, dir)
	var want []string
	st.Scan(ix, corpus.ScanOptions{}, func(it *corpus.Item) error {
		for _, c := range it.Codings {
			for _, s := range c.Segments {
				var lines []string
				for n := s.Lines.Start; n <= s.Lines.End; n++ {
					lines = append(lines, it.Transcript.Line(n).Text)
				}
				want = append(want, it.ID+": "+strings.Join(lines, "\n"))
			}
		}
		return nil
	})
	var got []string
	for _, s := range p.Sources.Text {
		runes := []rune(string(files["sources/"+strings.TrimPrefix(s.PlainTextPath, "internal://")]))
		for _, sel := range s.Selections {
			got = append(got, s.Name+": "+string(runes[sel.Start:sel.End]))
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("selected text:\n got %q\nwant %q", got, want)
	}
	if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "😊 but the café") }) {
		t.Error("the selection after the emoji is missing")
	}

	cb, _ := st.Codebook()
	var qdc bytes.Buffer
	if err := ExportCodebook(cb, Title(st, cb), &qdc); err != nil {
		t.Fatal(err)
	}
	validate(t, filepath.Join(xsd, "Codebook.xsd"), qdc.Bytes())
}

// TestRoundTrip exports the demo study, imports it into a new folder and
// exports that: codes, codings, coders, participants and attributes all
// come through, and the second project is the first.
func TestRoundTrip(t *testing.T) {
	tmp := t.TempDir()
	orig := filepath.Join(tmp, "orig")
	if _, _, err := demo.Create(orig, demo.Options{Participants: 4}); err != nil {
		t.Fatal(err)
	}
	// The first transcript with no interviewer: an empty cell gives no
	// value, so the order of first appearance would put that column last.
	st, err := corpus.Open(orig)
	if err != nil {
		t.Fatal(err)
	}
	ts, findings := corpus.ReadTable(orig, corpus.TranscriptsFile, "id", "participant")
	if findings.HasErrors() || ts.Col("interviewer") < 0 {
		t.Fatalf("the demo's transcripts.csv: %v, header %q", findings, ts.Header)
	}
	ts.Set(ts.Rows[0].ID, "interviewer", "")
	if err := st.WriteTable(ts); err != nil {
		t.Fatal(err)
	}
	first := export(t, orig)
	if again := export(t, orig); !bytes.Equal(first, again) {
		t.Fatal("exporting an unchanged study twice gave two different files")
	}
	xsd, why := schemaDir()
	if why != "" {
		t.Log("schema validation " + why)
	} else {
		validate(t, filepath.Join(xsd, "Project.xsd"), unzip(t, first)["project.qde"])
	}
	checkProject(t, unzip(t, first))
	a, err := OpenArchive(first, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(a, "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if p.Report.Widened != 0 || len(p.Report.Dropped) != 0 {
		t.Errorf("round trip widened %d selections and dropped %q", p.Report.Widened, p.Report.Dropped)
	}
	copyDir := filepath.Join(tmp, "copy")
	if err := p.Write(copyDir); err != nil {
		t.Fatal(err)
	}
	if a, b := summary(t, orig), summary(t, copyDir); a != b {
		t.Errorf("the imported study differs:\n--- original\n%s\n--- imported\n%s", a, b)
	}
	// The codebook keeps its own title, which the standard has no place
	// for, and qda.yaml its description without it.
	cb1, _ := st.Codebook()
	st2, err := corpus.Open(copyDir)
	if err != nil {
		t.Fatal(err)
	}
	cb2, _ := st2.Codebook()
	if cb1.Title == st.Config.Title || cb2.Title != cb1.Title || st2.Config.Description != strings.Join(strings.Fields(st.Config.Description), " ") {
		t.Errorf("titles %q, %q; codebook titles %q, imported %q; description %q", st.Config.Title, st2.Config.Title, cb1.Title, cb2.Title, st2.Config.Description)
	}
	for _, f := range []string{corpus.TranscriptsFile, corpus.ParticipantsFile} {
		a, _ := os.ReadFile(filepath.Join(orig, f))
		b, _ := os.ReadFile(filepath.Join(copyDir, f))
		if !bytes.Equal(a, b) {
			t.Errorf("the imported %s differs:\n--- original\n%s\n--- imported\n%s", f, a, b)
		}
	}
	second := unzip(t, export(t, copyDir))
	checkProject(t, second)
	if why == "" {
		validate(t, filepath.Join(xsd, "Project.xsd"), second["project.qde"])
	}
	var p1, p2 Project
	xml.Unmarshal(unzip(t, first)["project.qde"], &p1)
	xml.Unmarshal(second["project.qde"], &p2)
	if !slices.EqualFunc(p1.Sources.Text, p2.Sources.Text, func(a, b TextSource) bool {
		return a.GUID == b.GUID && fmt.Sprint(a.Selections) == fmt.Sprint(b.Selections)
	}) {
		t.Error("the second export's sources and selections differ from the first's")
	}
	if fmt.Sprint(p1.CodeBook) != fmt.Sprint(p2.CodeBook) || fmt.Sprint(p1.Users) != fmt.Sprint(p2.Users) {
		t.Error("the second export's codebook or users differ from the first's")
	}
}

// summary is what a round trip must keep: every code with its fields,
// every segment by coder, every participant with attributes, every
// transcript with its participant, attributes and text.
func summary(t *testing.T, dir string) string {
	st, ix := open(t, dir)
	cb, _ := st.Codebook()
	var b strings.Builder
	for _, c := range cb.All() {
		fmt.Fprintf(&b, "code %s %q %q %q %q %q %q %q %q\n", c.Path, c.Label, c.Description, c.Include, c.Exclude, c.Color, c.Examples, c.Aliases, c.Patterns)
	}
	fmt.Fprintf(&b, "coders %v\n", ix.Coders)
	for _, r := range ix.Participants.Rows {
		fmt.Fprintf(&b, "participant %s %v\n", r.ID, ix.Participants.Attributes(r))
	}
	st.Scan(ix, corpus.ScanOptions{}, func(it *corpus.Item) error {
		fmt.Fprintf(&b, "transcript %s %v %d lines\n", it.ID, it.Attrs, it.Transcript.Len())
		for _, c := range it.Codings {
			for _, s := range c.Segments {
				fmt.Fprintf(&b, "  %s %s %v %q\n", c.Coder, s.Lines, s.Codes, s.Memo)
			}
		}
		return nil
	})
	return b.String()
}

// TestExportSkips leaves out, and reports, what a project cannot carry:
// a segment past the end of its transcript and a code the codebook lacks.
// TestCodebookTitle checks the codebook's title in the project's
// description: written only where it is not the project's name, read
// back and taken out, and a paragraph like it inside other text left be.
func TestCodebookTitle(t *testing.T) {
	for _, tc := range []struct {
		name, desc, project, codebook, want string
	}{
		{"same title", "About it.", "Study", "Study", "About it."},
		{"no codebook title", "About it.", "Study", "", "About it."},
		{"other title", "About it.", "Study", "Framework", "About it.\n\nqda codebook title: Framework"},
		{"no description", "", "Study", "Frame\nwork", "qda codebook title: Frame work"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := projectDescription(tc.desc, tc.project, tc.codebook)
			if got != tc.want {
				t.Fatalf("description %q, want %q", got, tc.want)
			}
			rest, title := codebookTitle(got)
			if want := strings.Join(strings.Fields(tc.codebook), " "); rest != tc.desc || (title != want && !(title == "" && want == tc.project)) {
				t.Errorf("read back %q and title %q", rest, title)
			}
		})
	}
	if rest, title := codebookTitle("Notes:\nqda codebook title: not this\r\n\r\nqda codebook title: This\n\nEnd."); title != "This" || rest != "Notes:\nqda codebook title: not this\n\nEnd." {
		t.Errorf("read %q and title %q", rest, title)
	}
}

func TestExportSkips(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	if err := plan(t, fixture(t, "qualcoder", nil)).Write(dir); err != nil {
		t.Fatal(err)
	}
	st, ix := open(t, dir)
	cs, err := st.ReadCodings("colin", "interview-1")
	if err != nil {
		t.Fatal(err)
	}
	// Written sorted: 1, 3, 4 (no quote, two lines), 8-9, 8-40 on line 12.
	cs.Segments = append(cs.Segments,
		corpus.Segment{Lines: corpus.Range{Start: 8, End: 40}, Codes: []string{"day-to-day"}},
		corpus.Segment{Lines: corpus.Range{Start: 4, End: 4}, Codes: []string{"no-such-code", "referral"}})
	if err := st.WriteCodings(cs); err != nil {
		t.Fatal(err)
	}
	cb, _ := st.Codebook()
	var b bytes.Buffer
	rep, err := ExportProject(st, cb, ix, ExportOptions{}, &b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"codings/colin/interview-1.yaml:12: lines 8-40 are outside the transcript (9 lines)",
		`codings/colin/interview-1.yaml:7: code "no-such-code" is not in the codebook`,
	}
	slices.Sort(rep.Skipped)
	if !slices.Equal(rep.Skipped, want) {
		t.Errorf("skipped %q\nwant %q", rep.Skipped, want)
	}
	if rep.Selections != 8 { // 7 imported, and line 4 with referral alone
		t.Errorf("%d selections, want 8", rep.Selections)
	}
	checkProject(t, unzip(t, b.Bytes()))
}
