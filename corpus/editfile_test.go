package corpus

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/internal/diag"
)

// editTranscript: lines 2, 6 and 8 are blank; line 10 holds the separator
// "|>" in its text.
const editTranscript = `Interviewer: What did you hope for?

May: I wanted my confidence back.
I didn't want to go out.
I didn't want to do anything.

Interviewer: And now?

May: We have a cup of tea every week.
It helps |> a lot.
`

const editCodebook = `title: Tiny
codes:
  - name: confidence
    label: Confidence
    aliases: [self-esteem]
    children:
      - name: daily-tasks
        label: Day-to-day tasks
  - name: tea
    label: A cup of tea
  - name: ending
    aliases: [endings]
    children:
      - name: loss
  - name: going-out
    aliases: [out]
  - name: outings
    aliases: [out]
`

type editFixture struct {
	tr      *Transcript
	cb      *codebook.Codebook
	canon   func(string) string
	resolve func(string) (string, error)
}

func newEditFixture(t testing.TB) editFixture {
	t.Helper()
	// The codebook's one error, the alias "out" on two codes, is there
	// to test an ambiguous code; Parse still returns the codebook.
	cb, fs := codebook.Parse("codebook.yaml", []byte(editCodebook))
	if cb == nil || len(fs) != 1 {
		t.Fatalf("codebook: %v", fs)
	}
	res := NewResolver(cb)
	return editFixture{
		tr: ParseTranscript("may-1", []byte(editTranscript)),
		cb: cb,
		canon: func(ref string) string {
			if c := res.Code(ref); c != nil {
				return c.Path
			}
			return ref
		},
		resolve: func(ref string) (string, error) {
			c, _, err := cb.Resolve(ref)
			if err != nil {
				return "", err
			}
			return c.Path, nil
		},
	}
}

func (fx editFixture) format(segs []Segment) string {
	return string(FormatEditFile(fx.tr, segs, EditOptions{Coder: "jt", Codes: fx.cb.All(), Canon: fx.canon}))
}

// editSpec reads "3-5 a,b [memo]; 9 c" into segments.
func editSpec(spec string) []Segment {
	var out []Segment
	if spec == "" {
		return nil
	}
	for _, part := range strings.Split(spec, ";") {
		part = strings.TrimSpace(part)
		memo := ""
		if i := strings.Index(part, "["); i >= 0 {
			memo = strings.TrimSuffix(part[i+1:], "]")
			part = strings.TrimSpace(part[:i])
		}
		lines, codes, _ := strings.Cut(part, " ")
		r, err := ParseRange(lines)
		if err != nil {
			panic(err)
		}
		out = append(out, Segment{Lines: r, Codes: strings.Split(codes, ","), Memo: memo})
	}
	return out
}

func renderEdit(segs []Segment) string {
	var parts []string
	for _, s := range segs {
		p := s.Lines.String() + " " + strings.Join(s.Codes, ",")
		if s.Memo != "" {
			p += " [" + s.Memo + "]"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// setMargin replaces the margin of row n of an edit file.
func setMargin(file string, n int, margin string) string {
	lines := strings.Split(file, "\n")
	prefix := fmt.Sprintf("%03d |", n)
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			j := strings.LastIndex(l, "|>")
			lines[i] = l[:j+2] + " " + margin
		}
	}
	return strings.Join(lines, "\n")
}

// editHeaderLines counts the comment lines above the first row.
func editHeaderLines(file string) int {
	n := 0
	for _, l := range strings.Split(file, "\n") {
		if !strings.HasPrefix(l, "#") {
			break
		}
		n++
	}
	return n
}

func findingTexts(fs diag.List) []string {
	var out []string
	for _, f := range fs {
		s := fmt.Sprintf("line %d: %s", f.Line, f.Msg)
		if f.Hint != "" {
			s += " (" + f.Hint + ")"
		}
		out = append(out, s)
	}
	return out
}

func TestFormatEditFile(t *testing.T) {
	fx := newEditFixture(t)
	old := editSpec("3-5 self-esteem,tea; 7-9 tea; 10 unknown-code")
	got := string(FormatEditFile(fx.tr, old, EditOptions{Coder: "jt", Codes: fx.cb.All()[:2], Canon: fx.canon, Width: 34}))
	rows := got[strings.Index(got, "\n001 |")+1:]
	want := `001 | Interviewer: What did you hope for? |>
002 |                                    |>
003 | May: I wanted my confidence back.  |> confidence, tea
004 | I didn't want to go out.           |> confidence, tea
005 | I didn't want to do anything.      |> confidence, tea
006 |                                    |>
007 | Interviewer: And now?              |> tea
008 |                                    |>
009 | May: We have a cup of tea every week. |> tea
010 | It helps |> a lot.                 |> unknown-code
`
	if rows != want {
		t.Errorf("rows:\n%s\nwant:\n%s", rows, want)
	}
	for _, w := range []string{
		"# qda code --edit: transcript may-1, coder jt\n",
		"#   confidence              Confidence\n#   confidence/daily-tasks  Day-to-day tasks\n",
		"Only the codes of coder jt are here.",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("header lacks %q:\n%s", w, got)
		}
	}
	id, coder, ok := EditFileTarget([]byte("# error: x\n" + got))
	if id != "may-1" || coder != "jt" || !ok {
		t.Errorf("EditFileTarget = %q, %q, %v", id, coder, ok)
	}
	if _, _, ok := EditFileTarget([]byte("001 | x |>\n# qda code --edit: transcript a, coder b\n")); ok {
		t.Errorf("EditFileTarget found a target below the rows")
	}
}

func TestParseEditFile(t *testing.T) {
	fx := newEditFixture(t)
	old := editSpec("3-5 confidence,tea [a memo]; 9 tea")
	base := fx.format(old)
	hdr := editHeaderLines(base)
	row := func(n int) int { return hdr + n } // the edit file's line of row n
	tests := []struct {
		name     string
		edit     func(string) string
		want     string   // segments, when the file parses
		findings []string // else these, exactly
	}{
		{name: "unchanged", edit: func(s string) string { return s }, want: "3-5 confidence,tea; 9 tea"},
		{name: "a code added to a line", edit: func(s string) string { return setMargin(s, 5, "tea, confidence, ending/loss") }, want: "3-5 confidence,tea; 5 ending/loss; 9 tea"},
		{name: "a run extended", edit: func(s string) string { return setMargin(s, 10, "tea") }, want: "3-5 confidence,tea; 9-10 tea"},
		{name: "runs joined across turn breaks", edit: func(s string) string { return setMargin(s, 7, "tea") }, want: "3-5 confidence; 3-9 tea"},
		{name: "a code removed from a line", edit: func(s string) string { return setMargin(s, 4, "tea") }, want: "3 confidence; 3-5 tea; 5 confidence; 9 tea"},
		{name: "every code removed", edit: func(s string) string {
			for n := 1; n <= 10; n++ {
				s = setMargin(s, n, "")
			}
			return s
		}, want: ""},
		{name: "alias written canonical", edit: func(s string) string { return setMargin(s, 10, "self-esteem, endings/loss,") }, want: "3-5 confidence,tea; 9 tea; 10 confidence,ending/loss"},
		{name: "padding removed and CRLF line endings", edit: func(s string) string {
			lines := strings.Split(s, "\n")
			for i, l := range lines {
				if j := strings.LastIndex(l, "|>"); j > 0 && !strings.HasPrefix(l, "#") {
					lines[i] = strings.TrimRight(l[:j], " ") + l[j:]
				}
			}
			s = strings.Join(lines, "\r\n")
			return strings.Replace(s, "003 | May: I wanted my confidence back.", "003 |May: I wanted my confidence back.", 1)
		}, want: "3-5 confidence,tea; 9 tea"},
		{name: "blank and comment lines ignored", edit: func(s string) string {
			return strings.Replace(s, "004 |", "# a note of mine\n\n004 |", 1)
		}, want: "3-5 confidence,tea; 9 tea"},
		{name: "unknown code", edit: func(s string) string { return setMargin(s, 9, "tea, confidance") }, findings: []string{
			fmt.Sprintf(`line %d: unknown code "confidance" (did you mean "confidence"?)`, row(9)),
		}},
		{name: "unknown code without a suggestion", edit: func(s string) string { return setMargin(s, 9, "tea cosy") }, findings: []string{
			fmt.Sprintf(`line %d: unknown code "tea cosy" (separate codes with commas)`, row(9)),
		}},
		{name: "ambiguous code", edit: func(s string) string { return setMargin(s, 4, "out") }, findings: []string{
			fmt.Sprintf(`line %d: ambiguous code "out": it resolves to both "going-out" and "outings" (write the full path of the code you mean)`, row(4)),
		}},
		{name: "text changed", edit: func(s string) string {
			return strings.Replace(s, "I didn't want to go out.", "I did not want to go out.", 1)
		}, findings: []string{
			fmt.Sprintf(`line %d: the transcript text was changed; only the margin after |> can be edited (transcript line 4 reads "I didn't want to go out.")`, row(4)),
		}},
		{name: "text with the separator changed", edit: func(s string) string {
			return strings.Replace(s, "It helps |> a lot.", "It helps |> a lot!", 1)
		}, findings: []string{
			fmt.Sprintf(`line %d: the transcript text was changed; only the margin after |> can be edited (transcript line 10 reads "It helps |> a lot.")`, row(10)),
		}},
		{name: "separator deleted", edit: func(s string) string {
			return regexp.MustCompile(`(?m)^(007 \| Interviewer: And now\?) +\|>`).ReplaceAllString(s, "$1 tea")
		}, findings: []string{
			fmt.Sprintf(`line %d: row 7 has no |> between its text and its codes (keep the text as it was, then |>, then the codes)`, row(7)),
		}},
		{name: "code on a blank line", edit: func(s string) string { return setMargin(s, 6, "tea") }, findings: []string{
			fmt.Sprintf(`line %d: transcript line 6 is blank (a break between turns) and cannot be coded (remove the codes after |>; a code on the lines either side of the break stays one passage)`, row(6)),
		}},
		{name: "missing row", edit: func(s string) string {
			return regexp.MustCompile(`(?m)^004 \|.*\n`).ReplaceAllString(s, "")
		}, findings: []string{
			fmt.Sprintf(`line %d: row 004 is missing (every transcript line keeps its row; put it back: "004 | I didn't want to go out. |>")`, row(4)),
		}},
		{name: "last rows missing", edit: func(s string) string {
			return regexp.MustCompile(`(?m)^(009|010) \|.*\n`).ReplaceAllString(s, "")
		}, findings: []string{
			fmt.Sprintf(`line %d: rows 009-010 are missing (every transcript line keeps its row; put them back, with nothing after |> to leave them uncoded)`, row(8)),
		}},
		{name: "repeated row", edit: func(s string) string {
			return regexp.MustCompile(`(?m)^(004 \|.*\n)`).ReplaceAllString(s, "$1$1")
		}, findings: []string{
			fmt.Sprintf(`line %d: row 004 is repeated or out of order (rows stay in transcript order, one per line: remove the extra row)`, row(5)),
		}},
		{name: "extra row", edit: func(s string) string { return s + "011 | More. |> tea\n" }, findings: []string{
			fmt.Sprintf(`line %d: row 011 is not a line of the transcript, which has 10 lines (remove the row)`, row(11)),
		}},
		{name: "a line that is no row", edit: func(s string) string { return strings.Replace(s, "005 |", "tea\n005 |", 1) }, findings: []string{
			fmt.Sprintf(`line %d: this line is neither a row nor a comment (a row is 'NNN | text |> codes'; a comment starts with #)`, row(5)),
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			segs, fs := ParseEditFile(fx.tr, []byte(tc.edit(base)), fx.resolve)
			if tc.findings != nil {
				if got := findingTexts(fs); !slices.Equal(got, tc.findings) {
					t.Fatalf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.findings, "\n"))
				}
				if segs != nil {
					t.Errorf("segments %q returned with errors", renderEdit(segs))
				}
				return
			}
			if len(fs) > 0 {
				t.Fatalf("unexpected findings: %s", strings.Join(findingTexts(fs), "\n"))
			}
			if got := renderEdit(segs); got != tc.want {
				t.Errorf("segments = %q, want %q", got, tc.want)
			}
			for _, s := range segs {
				if s.Quote != fx.tr.Quote(s.Lines.Start) {
					t.Errorf("segment %s has quote %q, want that of its first line", s.Lines, s.Quote)
				}
			}
		})
	}
}

func TestApplyEdit(t *testing.T) {
	fx := newEditFixture(t)
	tests := []struct {
		name, old, edited string
		want              string
		sum               EditSummary
	}{
		{name: "unchanged keeps memos and layout", old: "3-4 tea [m1]; 5 tea [m2]; 3-5 self-esteem [m3]",
			edited: "3-5 confidence,tea", want: "3-4 tea [m1]; 3-5 self-esteem [m3]; 5 tea [m2]"},
		{name: "memos kept on unchanged segments", old: "3-5 confidence [m1]; 9-10 tea [m2]",
			edited: "3-5 confidence; 9 tea", want: "3-5 confidence [m1]; 9 tea [m2]", sum: EditSummary{Changed: 1}},
		{name: "a code added to a segment's exact range", old: "3-5 confidence [m1]",
			edited: "3-5 confidence,tea", want: "3-5 confidence,tea [m1]", sum: EditSummary{Changed: 1}},
		{name: "a code changed on a passage keeps its memo", old: "3-5 self-esteem [m1]",
			edited: "3-5 ending/loss", want: "3-5 ending/loss [m1]", sum: EditSummary{Changed: 1}},
		{name: "a run extended keeps its memo", old: "3-4 confidence [m1]",
			edited: "3-5 confidence", want: "3-5 confidence [m1]", sum: EditSummary{Changed: 1}},
		{name: "a run split keeps its memo on both pieces", old: "3-5 confidence [m1]",
			edited: "3 confidence; 5 confidence", want: "3 confidence [m1]; 5 confidence [m1]", sum: EditSummary{Added: 1, Changed: 1}},
		{name: "two runs joined", old: "3 tea [m1]; 5 tea [m2]",
			edited: "3-5 tea", want: "3-5 tea [m1\nm2]", sum: EditSummary{Removed: 1, Changed: 1}},
		{name: "one code of two removed", old: "3-5 confidence,tea [m1]",
			edited: "3-5 tea", want: "3-5 tea [m1]", sum: EditSummary{Changed: 1}},
		{name: "a segment removed", old: "3-5 confidence [m1]; 9-10 tea",
			edited: "9-10 tea", want: "9-10 tea", sum: EditSummary{Removed: 1}},
		{name: "new segments share a range", old: "",
			edited: "9-10 ending/loss,tea; 3 confidence", want: "3 confidence; 9-10 ending/loss,tea", sum: EditSummary{Added: 2}},
		{name: "segments on no text line are left alone", old: "2 tea [blank]; 12-14 tea [beyond]",
			edited: "3 tea", want: "2 tea [blank]; 3 tea; 12-14 tea [beyond]", sum: EditSummary{Added: 1}},
		{name: "unknown codes kept as written", old: "3-5 zzz [m1]",
			edited: "3-5 zzz; 7 tea", want: "3-5 zzz [m1]; 7 tea", sum: EditSummary{Added: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := editSpec(tc.old)
			before := renderEdit(old)
			got, sum := ApplyEdit(old, editSpec(tc.edited), fx.tr, fx.canon)
			if renderEdit(got) != tc.want || sum != tc.sum {
				t.Errorf("ApplyEdit = %q, %+v; want %q, %+v", renderEdit(got), sum, tc.want, tc.sum)
			}
			if renderEdit(old) != before {
				t.Errorf("ApplyEdit changed its input: %q", renderEdit(old))
			}
		})
	}
}

func TestApplyEditQuotes(t *testing.T) {
	fx := newEditFixture(t)
	old := []Segment{
		{Lines: Range{3, 5}, Codes: []string{"confidence"}, Quote: "an old quote", Memo: "m"},
		{Lines: Range{9, 10}, Codes: []string{"tea"}, Quote: "kept"},
	}
	got, _ := ApplyEdit(old, editSpec("4-5 confidence; 9-10 tea; 3 ending/loss"), fx.tr, fx.canon)
	quotes := map[Range]string{}
	for _, s := range got {
		quotes[s.Lines] = s.Quote
	}
	want := map[Range]string{{4, 5}: "I didn't want to go out.", {9, 10}: "kept", {3, 3}: "I wanted my confidence back."}
	for r, q := range want {
		if quotes[r] != q {
			t.Errorf("quote of %s = %q, want %q", r, quotes[r], q)
		}
	}
}

// TestEditRoundTrip: an edit file left as it is reads back to the same
// segments, and applying it changes nothing.
func TestEditRoundTrip(t *testing.T) {
	fx := newEditFixture(t)
	for _, spec := range []string{"", "3-5 confidence,tea [m]; 9-10 tea", "1-3 tea; 3 self-esteem; 4-10 ending/loss,zzz"} {
		old := editSpec(spec)
		resolve := func(ref string) (string, error) {
			if ref == "zzz" {
				return ref, nil
			}
			return fx.resolve(ref)
		}
		edited, fs := ParseEditFile(fx.tr, []byte(fx.format(old)), resolve)
		if len(fs) > 0 {
			t.Fatalf("%q: %v", spec, fs)
		}
		got, sum := ApplyEdit(old, edited, fx.tr, fx.canon)
		if !bytes.Equal(MarshalCodings(got), MarshalCodings(old)) || sum != (EditSummary{}) {
			t.Errorf("%q: round trip gave %q, %+v", spec, renderEdit(got), sum)
		}
	}
}

func TestMarkEditErrors(t *testing.T) {
	fx := newEditFixture(t)
	body := setMargin(fx.format(nil), 9, "confidance")
	_, fs := ParseEditFile(fx.tr, []byte(body), fx.resolve)
	marked, moved := MarkEditErrors([]byte(body), fs)
	lines := strings.Split(string(marked), "\n")
	if !strings.HasPrefix(lines[0], "# error: this edit has 1 problem and was not applied.") {
		t.Errorf("first line = %q", lines[0])
	}
	if want := fmt.Sprintf(`# error: line %d: unknown code "confidance" (did you mean "confidence"?)`, moved[0].Line); lines[1] != want {
		t.Errorf("second line = %q, want %q", lines[1], want)
	}
	if !strings.HasPrefix(lines[moved[0].Line-1], "009 |") {
		t.Errorf("moved finding points at %q, not row 009", lines[moved[0].Line-1])
	}
	if fs[0].Line == moved[0].Line {
		t.Errorf("MarkEditErrors changed its input findings")
	}
	if got := string(StripEditErrors(marked)); got != body {
		t.Errorf("StripEditErrors did not give the body back:\n%s", got)
	}
	// Marking again after a second edit replaces the old errors.
	again, moved2 := MarkEditErrors(StripEditErrors(marked), fs)
	if !bytes.Equal(again, marked) || moved2[0].Line != moved[0].Line {
		t.Errorf("marking twice differs")
	}
	// Many problems: the list is cut, the lines still point right.
	many := make(diag.List, 40)
	for i := range many {
		many[i] = diag.Errorf("", i+1, "p%d", i)
	}
	marked, moved = MarkEditErrors([]byte(body), many)
	head := strings.Count(string(marked), "\n") - strings.Count(body, "\n")
	if head != maxEditErrors+2 || moved[0].Line != head+1 || !strings.Contains(string(marked), "# error: ... and 10 more\n") {
		t.Errorf("head of %d lines, first finding at %d:\n%s", head, moved[0].Line, string(marked)[:400])
	}
}

// slugResolve accepts any code path, as a codebook holding every code would.
func slugResolve(ref string) (string, error) {
	if !codePathRE.MatchString(ref) {
		return "", fmt.Errorf("unknown code %q", ref)
	}
	return ref, nil
}

// FuzzParseEditFile: no panic on any edit file; every finding has a line
// of the file; an edit file qda wrote reads back to the coverage of the
// segments it was written from (lines and codes), and applying it
// changes nothing; whatever parses survives a second write and read.
func FuzzParseEditFile(f *testing.F) {
	f.Add([]byte(editTranscript), []byte("- lines: 3-5\n  codes: [confidence, tea]\n  memo: m\n- lines: 7-10\n  codes: [tea]\n"), []byte("003 | May: I wanted my confidence back. |> tea\n"))
	f.Add([]byte("a\n\nb\n"), []byte("- lines: 1-3\n  codes: [x]\n"), []byte("001 | a |> x\n002 | |>\n003 | b |> x, y/z\n"))
	f.Add([]byte(""), []byte("[]\n"), []byte("# only a comment\n"))
	f.Fuzz(func(t *testing.T, transcript, codings, edit []byte) {
		tr := ParseTranscript("x", transcript)
		identity := func(s string) string { return s }

		// Any edit: no panic, findings in the file.
		nlines := max(1, bytes.Count(edit, []byte("\n"))+1)
		segs, fs := ParseEditFile(tr, edit, slugResolve)
		for _, f := range fs {
			if f.Line < 1 || f.Line > nlines {
				t.Fatalf("finding at line %d of a %d-line file: %v", f.Line, nlines, f)
			}
		}
		if !fs.HasErrors() {
			again, fs2 := ParseEditFile(tr, FormatEditFile(tr, segs, EditOptions{}), slugResolve)
			if fs2.HasErrors() || renderEdit(again) != renderEdit(segs) {
				t.Fatalf("a parsed edit does not survive a write and read: %q then %q (%v)", renderEdit(segs), renderEdit(again), fs2)
			}
		}

		// qda's own file for some segments reads back to their coverage.
		old, cfs := ParseCodings("f.yaml", codings)
		if cfs.HasErrors() {
			return
		}
		for _, s := range old {
			for _, c := range s.Codes {
				if !codePathRE.MatchString(c) {
					return
				}
			}
		}
		file := FormatEditFile(tr, old, EditOptions{Coder: "jt"})
		edited, fs := ParseEditFile(tr, file, slugResolve)
		if len(fs) > 0 {
			t.Fatalf("qda's own edit file does not parse: %v\n%s", fs, file)
		}
		want, got := segmentCoverage(tr, old, identity), segmentCoverage(tr, edited, identity)
		for c, w := range want {
			if !slices.Contains(w, true) {
				delete(want, c) // on no text line: not in the file
			}
		}
		if len(want) != len(got) {
			t.Fatalf("codes %v read back as %v", editSortedKeys(want), editSortedKeys(got))
		}
		for c := range want {
			if !slices.Equal(want[c], got[c]) {
				t.Fatalf("code %s covers %v, read back as %v", c, want[c], got[c])
			}
		}
		applied, sum := ApplyEdit(old, edited, tr, identity)
		if sum != (EditSummary{}) || !bytes.Equal(MarshalCodings(applied), MarshalCodings(old)) {
			t.Fatalf("an unchanged edit changed the codings (%+v):\n%s\nto\n%s", sum, MarshalCodings(old), MarshalCodings(applied))
		}
	})
}
