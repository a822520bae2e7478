package refi

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/corpus"
)

// segments lists a plan's codings as "coder transcript lines codes".
func segments(p *Plan) []string {
	var out []string
	for _, c := range p.Codings {
		for _, s := range c.Segments {
			out = append(out, fmt.Sprintf("%s %s %s %s", c.Coder, c.Transcript, s.Lines, strings.Join(s.Codes, ",")))
		}
	}
	slices.Sort(out)
	return out
}

func plan(t *testing.T, data []byte) *Plan {
	t.Helper()
	a, err := OpenArchive(data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanImport(a, "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportQualCoder checks a project in QualCoder's style code by code
// and segment by segment; the lines were worked out by hand from the
// positions in testdata/refi/qualcoder.
func TestImportQualCoder(t *testing.T) {
	p := plan(t, fixture(t, "qualcoder", nil))
	want := []string{
		"colin interview-1 1 referral/rq1-definition", // 13-41: part of the interviewer's line
		"colin interview-1 3 referral/word-of-mouth",  // 79-100: "Llŷr told me about it"
		"colin interview-1 8-9 day-to-day",            // 180-231: two sentences, one line each
		"colin interview-2 9 day-to-day/cafe",         // 162-185 over CRLF text after a BOM
		"colin interview-2 9-10 day-to-day",           // 180-199: across a sentence break
		"sian-llyr interview-1 4 day-to-day/cafe",     // 102-151: after an emoji, a whole line
		"sian-llyr interview-2 3-4 referral",          // 51-104
	}
	if got := segments(p); !slices.Equal(got, want) {
		t.Errorf("segments:\n got %q\nwant %q", got, want)
	}
	r := p.Report
	if r.Selections != 8 || r.Widened != 3 || r.WidenedChars != 13+17+36 || r.MaxWidened != 36 {
		t.Errorf("widening: %d selections, %d widened by %d (max %d); want 8, 3, 66, 36", r.Selections, r.Widened, r.WidenedChars, r.MaxWidened)
	}
	if len(r.Dropped) != 3 {
		t.Errorf("dropped %q; want the selection past the end, the unknown code and the set", r.Dropped)
	}
	for _, want := range []string{"name: rq1-definition\n        label: rq1_definition", "name: cafe\n        label: Café", "color: '#f0e68c'"} {
		if !strings.Contains(string(p.Codebook), want) {
			t.Errorf("codebook lacks %q:\n%s", want, p.Codebook)
		}
	}
	if got := fmt.Sprint(p.Participants); got != "[{sian map[age:71 gender:female lives_alone:true]} {llyr map[age:68 gender:male lives_alone:false]}]" {
		t.Errorf("participants %s", got)
	}
	var memos []string
	for _, m := range p.Memos {
		memos = append(memos, m.About.String()+" "+m.Coder+" "+m.Date+" "+m.Title)
	}
	// The case's and the source's descriptions, where QualCoder keeps its
	// memos on them, are memos too; the empty one of Siân is none. So is
	// a variable's, about the study, naming the attribute.
	if want := []string{"study  2026-01-01 About attribute lives_alone", "participant:llyr  2026-01-01 About Llŷr", "transcript:interview-2 colin 2026-01-01 About Interview 2.txt", "code:day-to-day/cafe colin 2024-03-01 Thoughts on cafés", "study sian-llyr 2024-03-02 Project log",
		// A note with selections of its own, as QualCoder writes an
		// annotation: about the transcript, naming the lines ("nervous" on
		// line 4, "the best part" on line 9).
		"transcript:interview-1 colin 2024-03-01 Annotation on interview-1, lines 4, 9"}; !slices.Equal(memos, want) {
		t.Errorf("memos %q, want %q", memos, want)
	}
	if got := p.Memos[0].Text; got != "As they said at the first interview.\n" {
		t.Errorf("the variable's memo says %q", got)
	}
}

// TestImportNoteSelections checks what cannot be carried of a note's
// selections: with no source referring to the note they have no text to
// be in, and a code on one has no line to go on; both are listed, and the
// note's text is still a memo.
func TestImportNoteSelections(t *testing.T) {
	qde, err := os.ReadFile(filepath.Join("..", "..", "testdata", "refi", "qualcoder", "project.qde"))
	if err != nil {
		t.Fatal(err)
	}
	ref := `<NoteRef targetGUID="a0000000-0000-4000-8000-000000000004"/>` + "\n"
	coded := `startPosition="206" endPosition="219" creatingUser="0a6c7a52-3f6e-4c41-9b0e-6b4f0d5e7c01"/>`
	for _, tc := range []struct {
		name, old, new string
		dropped, title string
	}{
		{"no source refers to it", ref, "",
			`note "Annotation": its 2 text selections are in no source that refers to it; its text is a memo without them`,
			"study Annotation"},
		{"coded", coded, strings.TrimSuffix(coded, "/>") + `><Coding guid="d0000000-0000-4000-8000-0000000000a1"><CodeRef targetGUID="c1000000-0000-4000-8000-000000000004"/></Coding></PlainTextSelection>`,
			`note "Annotation", selection 206-219 in source "Interview 1.txt": 1 codes on a note's selection; qda codes a transcript's lines`,
			"transcript:interview-1 Annotation on interview-1, lines 4, 9"},
		{"outside the text", `startPosition="206" endPosition="219"`, `startPosition="906" endPosition="919"`,
			`note "Annotation", selection 906-919 in source "Interview 1.txt": outside the text (232 characters)`,
			"transcript:interview-1 Annotation on interview-1, line 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(qde), tc.old) {
				t.Fatalf("the fixture lacks %q", tc.old)
			}
			p := plan(t, fixture(t, "qualcoder", map[string][]byte{"project.qde": []byte(strings.Replace(string(qde), tc.old, tc.new, 1))}))
			if !slices.Contains(p.Report.Dropped, tc.dropped) {
				t.Errorf("dropped %q, want %q among them", p.Report.Dropped, tc.dropped)
			}
			m := p.Memos[len(p.Memos)-1]
			if got := m.About.String() + " " + m.Title; got != tc.title || m.Text != "Nervous then, at home there now.\n" {
				t.Errorf("memo %q %q, want %q", got, m.Text, tc.title)
			}
		})
	}
}

func TestImportNVivo(t *testing.T) {
	p := plan(t, nvivoFixture(t))
	want := []string{
		"ed-hughes may-2 12 sustainability/transport",
		"ed-hughes may-2 16 sustainability/transport-2",
		"jill-thompson may-2 6-7 sustainability/day-to-day/lunch-club-soup",
	}
	if got := segments(p); !slices.Equal(got, want) {
		t.Errorf("segments:\n got %q\nwant %q", got, want)
	}
	for _, want := range []string{"color: '#4e79a7'", "color: '#f28e2b'", "name: transport-2\n        label: transport"} {
		if !strings.Contains(string(p.Codebook), want) {
			t.Errorf("codebook lacks %q:\n%s", want, p.Codebook)
		}
	}
	if len(p.Report.Dropped) != 3 {
		t.Errorf("dropped %q; want the picture, the audio and the graph", p.Report.Dropped)
	}
	// A code whose label gives its name back ("Day to day" is day-to-day)
	// is no rename; one that had to become another name is.
	var codes []string
	for _, r := range p.Report.Renamed {
		if strings.HasPrefix(r, "code ") {
			codes = append(codes, r)
		}
	}
	if want := []string{`code "transport" is sustainability/transport-2`}; !slices.Equal(codes, want) {
		t.Errorf("renamed codes %q, want %q", codes, want)
	}
}

// TestImportATLASti checks a project in ATLAS.ti's style: CRLF text whose
// positions count a CRLF as one character, selections named by their
// text. Read as the standard counts, the later selections slide a
// character per line break and take in the line before; the lines here
// were worked out by hand from the quotes.
func TestImportATLASti(t *testing.T) {
	p := plan(t, fixture(t, "atlasti", nil))
	want := []string{
		"dafydd-ap-rhys dafydd-follow-up 16 getting-about,getting-about/buses", // "So I walk, or I wait."
		"dafydd-ap-rhys dafydd-follow-up 4 getting-about/lifts",                // "She drove me to the surgery in Aberystwyth."
		"dafydd-ap-rhys dafydd-follow-up 9 going-out",                          // "Crème brûlée on Fridays with Zoë 😀."
		"zoe-price dafydd-follow-up 11 going-out",                              // "It was lovely."
		"zoe-price dafydd-follow-up 15 getting-about/buses",                    // "two hours", part of its line
		"zoe-price dafydd-follow-up 5 going-out",                               // "After that I went on my own."
	}
	if got := segments(p); !slices.Equal(got, want) {
		t.Errorf("segments:\n got %q\nwant %q", got, want)
	}
	r := p.Report
	if len(r.Recounted) != 1 || !strings.Contains(r.Recounted[0], "CRLF) as one character") {
		t.Errorf("recounted %q; want the source, counted with a CRLF as one", r.Recounted)
	}
	if r.Widened != 1 || r.WidenedChars != len("The bus to Llanbadarn is every ") {
		t.Errorf("%d widened by %d; want only \"two hours\", by the start of its line", r.Widened, r.WidenedChars)
	}
	if want := []string{`source "Dafydd (follow-up)", selection 3-10: no code and no comment on it`, `set "Follow-ups": qda has no sets`}; !slices.Equal(r.Dropped, want) {
		t.Errorf("dropped %q, want %q", r.Dropped, want)
	}
	// A free quotation with a comment is a memo about the transcript.
	if len(p.Memos) != 1 {
		t.Fatalf("%d memos, want the free quotation's comment", len(p.Memos))
	}
	m := p.Memos[0]
	if got := fmt.Sprintf("%s|%s|%s|%s|%s", m.About, m.Coder, m.Date, m.Title, m.Text); got != "transcript:dafydd-follow-up|zoe-price|2024-05-02|Comment on dafydd-follow-up, line 10|She said this quietly; a pause before it.\n" {
		t.Errorf("memo %s", got)
	}
}

func TestImportWritesStudy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "study")
	p := plan(t, fixture(t, "qualcoder", nil))
	if err := p.Write(dir); err != nil {
		t.Fatal(err)
	}
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, fs := st.Codebook(); fs.HasErrors() {
		t.Fatal(fs)
	}
	cs, err := st.ReadCodings("sian-llyr", "interview-1")
	if err != nil || cs == nil || cs.Segments[0].Memo != "Nervous but smiling." {
		t.Fatalf("codings %+v, %v", cs, err)
	}
	if err := p.Write(dir); err == nil {
		t.Error("a second import into the same folder was not refused")
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestImportVariableNames: a variable's name becomes a column name, which
// must be a valid attribute name whatever the tool allowed.
func TestImportVariableNames(t *testing.T) {
	qde, err := os.ReadFile(filepath.Join("..", "..", "testdata", "refi", "qualcoder", "project.qde"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"Lives alone", "lives_alone"},
		{"Lives alone (y/n)", "lives_alone_y_n"},
		{"../../x", "x"},
		{"Âge", "age"},
		{"ID", "var_id"},
		{"???", "var_"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(qde), `name="Lives alone"`) {
				t.Fatal("the fixture has no variable called Lives alone")
			}
			renamed := strings.Replace(string(qde), `name="Lives alone"`, `name="`+tc.name+`"`, 1)
			p := plan(t, fixture(t, "qualcoder", map[string][]byte{"project.qde": []byte(renamed)}))
			for _, pp := range p.Participants {
				if _, ok := pp.Attrs[tc.want]; !ok {
					t.Errorf("participant %s: attributes %v; want a column %q", pp.ID, pp.Attrs, tc.want)
				}
				for k := range pp.Attrs {
					if !corpus.ValidName(k) {
						t.Errorf("participant %s: column %q is not a valid attribute name", pp.ID, k)
					}
				}
			}
		})
	}
}

// TestImportQC checks the shapes testdata/refi/qc holds (qc 1.3): bare
// file names in sources/, a case made of selections, a reference to a
// source the project lacks, text outside the archive, a note whose text
// is only in its file.
func TestImportQC(t *testing.T) {
	p := plan(t, fixture(t, "qc", nil))
	want := []string{
		"rhian interview-a 1 going-out", // "I go to the café on Mondays."
		"rhian interview-a 2 transport", // "The bus is late, so I walk."
	}
	if got := segments(p); !slices.Equal(got, want) {
		t.Errorf("segments:\n got %q\nwant %q", got, want)
	}
	if len(p.Transcripts) != 1 || p.Transcripts[0].Participant != "ann" {
		t.Errorf("transcripts %+v; want interview-a, Ann's by her case's selection", p.Transcripts)
	}
	wantDropped := []string{
		`case "Bob": source 50000000-0000-4000-8000-0000000000ff, which the project does not have`,
		`source "Remote": its text is outside the project (file:///home/rhian/remote.txt), and qda reads only what the .qdpx holds; export the project again with its sources inside; with it 2 selections and 3 codings`,
	}
	if !slices.Equal(p.Report.Dropped, wantDropped) {
		t.Errorf("dropped:\n got %q\nwant %q", p.Report.Dropped, wantDropped)
	}
	if len(p.Memos) != 1 || p.Memos[0].Text != "Mum went to the club every week.\n" || p.Memos[0].Title != "Trip" || p.Memos[0].Date != "2026-01-01" {
		t.Errorf("memos %+v; want the note's text from its bare file, dated today", p.Memos)
	}
}

// TestImportDraftNamespace reads projects and codebooks in the draft
// namespaces (0:4), as older NVivo, ATLAS.ti and MAXQDA write them, as
// 1.0: the same segments as the fixture in 1.0.
func TestImportDraftNamespace(t *testing.T) {
	for _, name := range []string{"qualcoder", "qc"} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join("..", "..", "testdata", "refi", name, "project.qde")
			qde, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			draft := strings.Replace(string(qde), `xmlns="urn:QDA-XML:project:1.0"`, `xmlns="urn:QDA-XML:project:0:4"`, 1)
			if draft == string(qde) {
				t.Fatal("the fixture has no namespace to change")
			}
			want := plan(t, fixture(t, name, nil))
			got := plan(t, fixture(t, name, map[string][]byte{"project.qde": []byte(draft)}))
			if !slices.Equal(segments(got), segments(want)) || len(segments(got)) == 0 || len(got.Memos) != len(want.Memos) || !slices.Equal(got.Report.Dropped, want.Report.Dropped) {
				t.Errorf("draft namespace: segments %q, %d memos, dropped %q\nwant %q, %d, %q", segments(got), len(got.Memos), got.Report.Dropped, segments(want), len(want.Memos), want.Report.Dropped)
			}
			// A prefixed namespace, as some writers declare it.
			prefixed := strings.NewReplacer(`xmlns="urn:QDA-XML:project:1.0"`, `xmlns:q="urn:QDA-XML:project:0:4"`, "</", "</q:", "<?", "<?", "<!", "<!", "<", "<q:").Replace(string(qde))
			if got := plan(t, fixture(t, name, map[string][]byte{"project.qde": []byte(prefixed)})); !slices.Equal(segments(got), segments(want)) {
				t.Errorf("prefixed draft namespace: segments %q, want %q", segments(got), segments(want))
			}
		})
	}
	cb, err := ParseCodebook([]byte(`<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes><Code guid="c1" name="A" isCodable="true"><Code guid="c2" name="B" isCodable="true"/></Code></Codes></CodeBook>`), DefaultLimits)
	if err != nil || len(cb.Codes.Codes) != 1 || len(cb.Codes.Codes[0].Codes) != 1 {
		t.Errorf("draft codebook: %+v, %v", cb, err)
	}
}
