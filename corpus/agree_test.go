package corpus

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/internal/agreement"
)

// agreeStudy: may-1 has text lines 1, 3-5, 7, 9-10 (the participant's:
// 3-5, 9-10); ted-1 has 1, 3-4 (the participant's: 3-4). may-2 is coded
// by jt alone, so it is never compared.
func agreeStudy(t *testing.T) (*Study, *Index, *codebook.Codebook) {
	t.Helper()
	files := map[string]string{
		"qda.yaml":         "title: Agreement\n",
		"codebook.yaml":    "codes:\n  - name: confidence\n    children:\n      - name: daily-tasks\n      - name: travel\n  - name: tea\n",
		"participants.csv": "id,gender\nmay,female\nted,male\n",
		"transcripts.csv":  "id,participant\nmay-1,may\nted-1,ted\nmay-2,may\n",
		"transcripts/may-1.txt": "Interviewer: What did you hope for?\n\nMay: I wanted my confidence back.\nI didn't want to go out.\n" +
			"I didn't want to do anything.\n\nInterviewer: And now?\n\nMay: We have a cup of tea.\nIt helps.\n",
		"transcripts/ted-1.txt": "Interviewer: Tell me about the bus.\n\nTed: I took the bus alone.\nIt was hard.\n",
		"transcripts/may-2.txt": "May: Hello.\n",
		"codings/jt/may-1.yaml": "- lines: 3-5\n  codes: [confidence/daily-tasks]\n- lines: 9-10\n  codes: [tea]\n",
		"codings/eh/may-1.yaml": "- lines: 4-5\n  codes: [confidence]\n- lines: 7-9\n  codes: [tea]\n",
		"codings/ah/may-1.yaml": "- lines: 3-5\n  codes: [confidence]\n- lines: 9\n  codes: [tea]\n",
		"codings/jt/ted-1.yaml": "- lines: 3\n  codes: [confidence/travel]\n",
		"codings/eh/ted-1.yaml": "[]\n",
		"codings/ah/ted-1.yaml": "- lines: 3-4\n  codes: [confidence/travel]\n",
		"codings/jt/may-2.yaml": "- lines: 1\n  codes: [tea]\n",
	}
	s := studyOf(t, files)
	cb, fs := s.Codebook()
	if fs.HasErrors() {
		t.Fatal(fs)
	}
	ix, fs, err := s.LoadIndex()
	if err != nil || fs.HasErrors() {
		t.Fatal(err, fs)
	}
	return s, ix, cb
}

func TestAgree(t *testing.T) {
	s, ix, cb := agreeStudy(t)
	codes := []*codebook.Code{cb.Lookup("confidence"), cb.Lookup("tea")}
	// Each want is worked out by hand from the fixture's contingency
	// tables: kappa = (po - pe) / (1 - pe).
	tests := []struct {
		name    string
		opt     AgreeOptions
		units   int
		marked  [][]int // [code][coder]
		stat    func(*agreement.Table) agreement.Value
		want    []float64 // per code, then overall; NaN for undefined
		skipped int
	}{{
		// confidence: both 4,5; jt only may-1:3, ted-1:3; none 6.
		// po .8, pe .4*.2 + .6*.8 = .56. tea: both 9; jt 10; eh 7; none 7:
		// po .8, pe .2*.2 + .8*.8 = .68. Pooled: 3, 3, 1, 13: pe .3*.2 + .7*.8.
		name: "lines, cohen", opt: AgreeOptions{Coders: []string{"jt", "eh"}},
		units: 10, marked: [][]int{{4, 2}, {2, 2}},
		stat: func(t *agreement.Table) agreement.Value { return t.Cohen(0, 1) },
		want: []float64{.24 / .44, .12 / .32, .18 / .38}, skipped: 1,
	}, {
		// confidence: n = 20 values, 2 disagreeing units, n1 = 6, n0 = 14.
		name: "lines, alpha", opt: AgreeOptions{Coders: []string{"jt", "eh"}},
		units: 10, marked: [][]int{{4, 2}, {2, 2}},
		stat: (*agreement.Table).Alpha,
		want: []float64{1 - 19.0*4/(2*14*6), 1 - 19.0*4/(2*16*4), 1 - 39.0*8/(2*30*10)}, skipped: 1,
	}, {
		// Turns may-1 [1] [3-5] [7] [9-10], ted-1 [1] [3-4]. confidence:
		// both [3-5], jt [ted 3-4]; tea: both [9-10], eh [7]: po 5/6, pe 22/36.
		name: "turns", opt: AgreeOptions{Coders: []string{"jt", "eh"}, Unit: UnitTurn},
		units: 6, marked: [][]int{{2, 1}, {1, 2}},
		stat: func(t *agreement.Table) agreement.Value { return t.Cohen(0, 1) },
		// pooled: both 2, jt 1, eh 1, none 8: po 10/12, pe 1/16 + 9/16.
		want: []float64{8.0 / 14, 8.0 / 14, 10.0 / 18}, skipped: 1,
	}, {
		// confidence: jt both transcripts, eh may-1: po .5, pe .5; tea both may-1 only.
		name: "transcripts", opt: AgreeOptions{Coders: []string{"jt", "eh"}, Unit: UnitTranscript},
		units: 2, marked: [][]int{{2, 1}, {1, 1}},
		stat: func(t *agreement.Table) agreement.Value { return t.Cohen(0, 1) },
		// pooled: both 2, jt only 1, none 1: po .75, pe .75*.5 + .25*.5 = .5.
		want: []float64{0, 1, .5}, skipped: 1,
	}, {
		// Participant lines may-1 3-5, 9-10, ted-1 3-4. confidence: both
		// 4,5, jt 3 and ted 3: po 5/7, pe 23/49. tea: both 9, jt 10
		// (eh's line 7 is the interviewer's): po 6/7, pe 32/49.
		name: "participant lines", opt: AgreeOptions{Coders: []string{"jt", "eh"}, ParticipantOnly: true},
		units: 7, marked: [][]int{{4, 2}, {2, 1}},
		stat: func(t *agreement.Table) agreement.Value { return t.Cohen(0, 1) },
		// pooled: both 3, jt 3, none 8 of 14: po 11/14, pe (6*3 + 8*11)/196.
		want: []float64{12.0 / 26, 10.0 / 17, (11.0/14 - 106.0/196) / (1 - 106.0/196)}, skipped: 1,
	}, {
		// ted-1 alone: confidence jt 3 only, po 2/3 = pe; nobody used tea.
		name: "where participant=ted", opt: AgreeOptions{Coders: []string{"jt", "eh"}, Filters: []Filter{{"participant", []string{"ted"}}}},
		units: 3, marked: [][]int{{1, 0}, {0, 0}},
		stat: func(t *agreement.Table) agreement.Value { return t.Cohen(0, 1) },
		want: []float64{0, math.NaN(), 0}, skipped: 0,
	}, {
		// Three coders: per-unit yes counts for confidence are 2,3,3,2,1
		// and five 0s; for tea 1,3,1 and seven 0s (see TestAgreeFleissByHand).
		name: "three coders, fleiss", opt: AgreeOptions{Coders: []string{"jt", "eh", "ah"}},
		units: 10, marked: [][]int{{4, 2, 5}, {2, 2, 1}},
		stat: (*agreement.Table).Fleiss,
		want: []float64{fleissByHand([]int{2, 3, 3, 2, 1, 0, 0, 0, 0, 0}), fleissByHand([]int{1, 3, 1, 0, 0, 0, 0, 0, 0, 0}),
			fleissByHand([]int{2, 3, 3, 2, 1, 0, 0, 0, 0, 0, 1, 3, 1, 0, 0, 0, 0, 0, 0, 0})}, skipped: 1,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Codes = codes
			res, err := s.Agree(ix, cb, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Skipped != tc.skipped {
				t.Errorf("skipped %d transcripts, want %d", res.Skipped, tc.skipped)
			}
			for i, ca := range res.Codes {
				if ca.Table.Units() != tc.units {
					t.Errorf("%s: %d units, want %d", ca.Code.Path, ca.Table.Units(), tc.units)
				}
				for c := range tc.opt.Coders {
					if got := ca.Table.Marked(c, 1); got != tc.marked[i][c] {
						t.Errorf("%s: %s marked %d, want %d", ca.Code.Path, tc.opt.Coders[c], got, tc.marked[i][c])
					}
				}
				check(t, ca.Code.Path, tc.stat(ca.Table), tc.want[i])
			}
			check(t, "overall", tc.stat(res.Overall), tc.want[len(codes)])
			if res.Overall.Units() != tc.units*len(codes) {
				t.Errorf("overall: %d units, want %d", res.Overall.Units(), tc.units*len(codes))
			}
		})
	}
}

func check(t *testing.T, what string, got agreement.Value, want float64) {
	t.Helper()
	if math.IsNaN(want) {
		if got.Defined || got.Reason == "" {
			t.Errorf("%s = %+v, want undefined with a reason", what, got)
		}
		return
	}
	if !got.Defined || math.Abs(got.V-want) > 1e-9 {
		t.Errorf("%s = %+v, want %.6f", what, got, want)
	}
}

// fleissByHand is Fleiss' kappa for three coders and yes/no from each
// unit's number of yes, written out from the 1971 paper's definitions
// apart from the package's accumulating form.
func fleissByHand(yes []int) float64 {
	const m = 3.0
	pbar, p1 := 0.0, 0.0
	for _, y := range yes {
		k := float64(y)
		pbar += (k*(k-1) + (m-k)*(m-k-1)) / (m * (m - 1))
		p1 += k / m
	}
	n := float64(len(yes))
	pbar /= n
	p1 /= n
	pe := p1*p1 + (1-p1)*(1-p1)
	return (pbar - pe) / (1 - pe)
}

func TestAgreeFleissByHand(t *testing.T) {
	// Cross-checked with an independent script in exact fractions: 0.569378.
	if got := fleissByHand([]int{2, 3, 3, 2, 1, 0, 0, 0, 0, 0}); math.Abs(got-0.569378) > 1e-6 {
		t.Fatalf("fleissByHand = %.6f", got)
	}
}

func TestAgreeDisagreements(t *testing.T) {
	s, ix, cb := agreeStudy(t)
	codes := []*codebook.Code{cb.Lookup("confidence"), cb.Lookup("tea")}
	tests := []struct {
		name  string
		opt   AgreeOptions
		codes []string // the codes compared; confidence and tea when nil
		want  []string
	}{{
		name: "lines",
		opt:  AgreeOptions{Coders: []string{"jt", "eh"}, AllSpeakers: true},
		want: []string{
			"may-1:3 confidence +jt -eh jt=[confidence] eh=[]",
			"may-1:7 tea +eh -jt jt=[] eh=[tea]",
			"may-1:10 tea +jt -eh jt=[tea] eh=[]",
			"ted-1:3 confidence +jt -eh jt=[confidence] eh=[]",
		},
	}, {
		// Three coders: ah and jt agree on may-1:3 against eh; ted-1:3
		// and 4 differ in different ways, so they are two runs.
		name: "three coders",
		opt:  AgreeOptions{Coders: []string{"jt", "eh", "ah"}, AllSpeakers: true},
		want: []string{
			"may-1:3 confidence +jt,ah -eh jt=[confidence] eh=[] ah=[confidence]",
			"may-1:7 tea +eh -jt,ah jt=[] eh=[tea] ah=[]",
			"may-1:10 tea +jt -eh,ah jt=[tea] eh=[] ah=[]",
			"ted-1:3 confidence +jt,ah -eh jt=[confidence] eh=[] ah=[confidence]",
			"ted-1:4 confidence +ah -jt,eh jt=[] eh=[] ah=[confidence]",
		},
	}, {
		// Turns: the whole turn is the run.
		name: "turns",
		opt:  AgreeOptions{Coders: []string{"jt", "eh"}, Unit: UnitTurn, AllSpeakers: true},
		want: []string{
			"may-1:7 tea +eh -jt jt=[] eh=[tea]",
			"ted-1:3-4 confidence +jt -eh jt=[confidence] eh=[]",
		},
	}, {
		// By default a disagreement on the interviewer's line (may-1:7,
		// "Interviewer: And now?") is counted but not listed.
		name: "interviewer lines left out of the list",
		opt:  AgreeOptions{Coders: []string{"jt", "eh"}},
		want: []string{
			"may-1:3 confidence +jt -eh jt=[confidence] eh=[]",
			"may-1:10 tea +jt -eh jt=[tea] eh=[]",
			"ted-1:3 confidence +jt -eh jt=[confidence] eh=[]",
		},
	}, {
		// A code and its descendant that differ on the same passage are
		// one disagreement, listed under the descendant.
		name:  "once per passage",
		opt:   AgreeOptions{Coders: []string{"jt", "eh"}},
		codes: []string{"confidence", "confidence/travel", "tea"},
		want: []string{
			"may-1:3 confidence +jt -eh jt=[confidence] eh=[]",
			"may-1:10 tea +jt -eh jt=[tea] eh=[]",
			"ted-1:3 confidence/travel +jt -eh jt=[confidence,confidence/travel] eh=[]",
		},
	}, {
		// Transcripts: the lines behind a disagreeing transcript.
		name: "transcripts",
		opt:  AgreeOptions{Coders: []string{"jt", "eh"}, Unit: UnitTranscript},
		want: []string{
			"ted-1:3 confidence +jt -eh jt=[confidence] eh=[]",
		},
	}, {
		// ted-1:3-4 is one run: the same coder coded throughout.
		name: "a run of lines",
		opt:  AgreeOptions{Coders: []string{"eh", "ah"}, Unit: UnitLine, AllSpeakers: true},
		want: []string{
			"may-1:3 confidence +ah -eh eh=[] ah=[confidence]",
			"may-1:7 tea +eh -ah eh=[tea] ah=[]",
			"ted-1:3-4 confidence +ah -eh eh=[] ah=[confidence]",
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			tc.opt.Codes = codes
			for i, c := range tc.codes {
				if i == 0 {
					tc.opt.Codes = nil
				}
				tc.opt.Codes = append(tc.opt.Codes, cb.Lookup(c))
			}
			tc.opt.OnDisagreement = func(d *Disagreement) error {
				s := fmt.Sprintf("%s:%s %s +%s -%s", d.Transcript, d.Lines, d.Code.Path, strings.Join(d.Coded, ","), strings.Join(d.NotCoded, ","))
				for _, c := range tc.opt.Coders {
					s += fmt.Sprintf(" %s=[%s]", c, strings.Join(d.Codes[c], ","))
				}
				got = append(got, s)
				return nil
			}
			if _, err := s.Agree(ix, cb, tc.opt); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestAgreeErrors(t *testing.T) {
	s, ix, cb := agreeStudy(t)
	tests := []struct {
		name string
		opt  AgreeOptions
		want string
	}{
		{"one coder", AgreeOptions{Coders: []string{"jt"}}, "agreement needs two coders or more, got 1"},
		{"bad unit", AgreeOptions{Coders: []string{"jt", "eh"}, Unit: "page"}, `unknown unit "page": use line, turn, transcript`},
		{"bad filter", AgreeOptions{Coders: []string{"jt", "eh"}, Filters: []Filter{{"mood", []string{"x"}}}}, `unknown attribute "mood"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Agree(ix, cb, tc.opt)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestByParticipant(t *testing.T) {
	tr := ParseTranscript("x", []byte("Preamble.\n\nInterviewer: Hi.\nHow are you?\n\nMay: Fine.\nThanks.\n\nI: And?\n\nInterviewer 2: Yes?\n\nDaughter: She is.\n\nP: Me again.\n\nmay-smith: Me by my id.\n"))
	cases := []struct {
		name, id, pseudonym string
		want                []int
	}{
		// A relative's turn is neither side: only the participant's own words.
		{"by pseudonym", "may-smith", "May", []int{6, 7, 15, 17}},
		{"by id only", "may-smith", "", []int{15, 17}},
		{"pseudonym in another case", "x", "MAY", []int{6, 7, 15}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			for i, l := range tr.Lines {
				if l.ByParticipant(tc.id, tc.pseudonym) {
					got = append(got, i+1)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("participant lines %v, want %v", got, tc.want)
			}
		})
	}
}

// TestAgreeIncompleteDesign: may-2 is coded by jt and ah, not eh. It is
// compared all the same: eh gives its units no value, so the jt/ah pair
// rests on three transcripts, the others on two, Fleiss' kappa on the two
// all three coded, and alpha on every unit two coders rated. The want is
// the reliability data written out by hand, unit by unit.
func TestAgreeIncompleteDesign(t *testing.T) {
	s, _, cb := agreeStudy(t)
	if err := os.WriteFile(s.Path("codings/ah/may-2.yaml"), []byte("- lines: 1\n  codes: [tea]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, fs, err := s.LoadIndex()
	if err != nil || fs.HasErrors() {
		t.Fatal(err, fs)
	}
	res, err := s.Agree(ix, cb, AgreeOptions{Coders: []string{"jt", "eh", "ah"}, Codes: []*codebook.Code{cb.Lookup("tea")}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Transcripts != 3 || res.Complete != 2 || res.Skipped != 0 {
		t.Errorf("transcripts %d, complete %d, skipped %d; want 3, 2, 0", res.Transcripts, res.Complete, res.Skipped)
	}
	if want := []int{2, 3, 2}; !slices.Equal(res.PairTranscripts, want) { // jt/eh, jt/ah, eh/ah
		t.Errorf("PairTranscripts = %v, want %v", res.PairTranscripts, want)
	}
	if want := []int{3, 2, 3}; !slices.Equal(res.CoderTranscripts, want) {
		t.Errorf("CoderTranscripts = %v, want %v", res.CoderTranscripts, want)
	}
	x := agreement.Missing
	// may-1's text lines 1 3 4 5 7 9 10, ted-1's 1 3 4, may-2's 1.
	data := [][]int{
		{0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1}, // jt: tea on may-1:9-10, may-2:1
		{0, 0, 0, 0, 1, 1, 0, 0, 0, 0, x}, // eh: may-1:7-9; no may-2
		{0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, // ah: may-1:9, may-2:1
	}
	want := agreement.NewTable(3, 2)
	for u := range data[0] {
		want.Add([]int{data[0][u], data[1][u], data[2][u]})
	}
	got := res.Codes[0].Table
	same := func(name string, g, w agreement.Value) {
		t.Helper()
		if g.Defined != w.Defined || math.Abs(g.V-w.V) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, g, w)
		}
	}
	same("alpha", got.Alpha(), want.Alpha())
	same("fleiss", got.Fleiss(), want.Fleiss())
	same("specific", got.Specific(1), want.Specific(1))
	for _, p := range [][2]int{{0, 1}, {0, 2}, {1, 2}} {
		same(fmt.Sprint("cohen ", p), got.Cohen(p[0], p[1]), want.Cohen(p[0], p[1]))
		if g, w := got.PairUnits(p[0], p[1]), want.PairUnits(p[0], p[1]); g != w {
			t.Errorf("PairUnits %v = %d, want %d", p, g, w)
		}
	}
	if got.CompleteUnits() != 10 || got.PairUnits(0, 2) != 11 {
		t.Errorf("complete units %d, jt/ah units %d; want 10, 11", got.CompleteUnits(), got.PairUnits(0, 2))
	}
}
