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
		memos = append(memos, m.About.String()+" "+m.Coder+" "+m.Date)
	}
	if want := []string{"code:day-to-day/cafe colin 2024-03-01", "study sian-llyr 2024-03-02"}; !slices.Equal(memos, want) {
		t.Errorf("memos %q, want %q", memos, want)
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
