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
	if want := []string{"study  2026-01-01 About attribute lives_alone", "participant:llyr  2026-01-01 About Llŷr", "transcript:interview-2 colin 2026-01-01 About Interview 2.txt", "code:day-to-day/cafe colin 2024-03-01 Thoughts on cafés", "study sian-llyr 2024-03-02 Project log"}; !slices.Equal(memos, want) {
		t.Errorf("memos %q, want %q", memos, want)
	}
	if got := p.Memos[0].Text; got != "As they said at the first interview.\n" {
		t.Errorf("the variable's memo says %q", got)
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
