package corpus

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/internal/diag"
)

func TestParseMemo(t *testing.T) {
	const file = "memos/a.md"
	tests := []struct {
		name  string
		data  string
		want  Memo   // File, Line and AboutLine are not compared
		finds string // the findings, one per line, as check prints them
	}{
		{
			name: "front matter",
			data: "---\nabout: code:confidence/daily-tasks\ncoder: jt\ndate: 2026-11-24\ntitle: Confidence before referral\n---\nFree Markdown text...\n\nMore.\n",
			want: Memo{About: About{AboutCode, "confidence/daily-tasks"}, Coder: "jt", Date: "2026-11-24",
				Title: "Confidence before referral", Text: "Free Markdown text...\n\nMore.\n", FrontMatter: true},
		},
		{
			name: "no front matter: about the study, title from the heading",
			data: "# Framework notes\n\nThe interviews are synthetic.\n",
			want: Memo{About: About{Kind: AboutStudy}, Title: "Framework notes", Text: "# Framework notes\n\nThe interviews are synthetic.\n"},
		},
		{
			name: "no front matter, no heading",
			data: "\n\njust notes\n\n\n",
			want: Memo{About: About{Kind: AboutStudy}, Text: "just notes\n"},
		},
		{
			name: "empty file",
			data: "",
			want: Memo{About: About{Kind: AboutStudy}},
		},
		{
			name: "byte order mark, CRLF, quoted values, '...' ends the front matter, no title",
			data: "\ufeff---\r\nabout: \"participant:may\"\r\ncoder: 'eh'\r\ndate: 2026-01-02\r\n...\r\n\r\nText\r\n",
			want: Memo{About: About{AboutParticipant, "may"}, Coder: "eh", Date: "2026-01-02", Text: "Text\n", FrontMatter: true},
		},
		{
			name: "no coder, empty title, study",
			data: "---\nabout: study\ndate: 2026-11-24\ntitle:\n---\n",
			want: Memo{About: About{Kind: AboutStudy}, Date: "2026-11-24", FrontMatter: true},
		},
		{
			name:  "unknown field is a warning",
			data:  "---\nabout: transcript:may-1\ndate: 2026-11-24\ntags: [x]\n---\nText\n",
			want:  Memo{About: About{AboutTranscript, "may-1"}, Date: "2026-11-24", Text: "Text\n", FrontMatter: true},
			finds: `memos/a.md:4: warning: unknown memo field "tags" (a memo's front matter has about, coder, date, title)`,
		},
		{
			name:  "front matter not closed",
			data:  "---\nabout: study\ndate: 2026-11-24\n\nText\n",
			finds: "memos/a.md:1: the front matter has no closing '---' line (end the front matter with a line '---' before the text)",
		},
		{
			name:  "bad YAML",
			data:  "---\nabout: study\ntitle: \"unclosed\ndate: 2026-11-24\n---\nText\n",
			finds: "memos/a.md:3: invalid YAML: found unexpected end of stream (check the indentation, and quote text that contains \": \" or starts with a special character)",
		},
		{
			name:  "unknown about kind",
			data:  "---\nabout: theme:tea\ndate: 2026-11-24\n---\n",
			finds: `memos/a.md:2: unknown about kind "theme" (write about: study, code:PATH, transcript:ID or participant:ID)`,
		},
		{
			name:  "about without a kind",
			data:  "---\ndate: 2026-11-24\nabout: confidence\n---\n",
			finds: `memos/a.md:3: about "confidence" does not say what kind of thing it is about (write about: study, code:PATH, transcript:ID or participant:ID)`,
		},
		{
			name:  "missing date",
			data:  "---\nabout: study\ncoder: jt\n---\nText\n",
			finds: "memos/a.md:1: memo has no date (add 'date: YYYY-MM-DD' to the front matter)",
		},
		{
			name: "not a date, bad coder, bad transcript id",
			data: "---\nabout: transcript:May 1\ncoder: Jill T\ndate: 24/11/2026\n---\n",
			finds: "memos/a.md:2: about \"transcript:May 1\": \"May 1\" is not a valid transcript id (write about: study, code:PATH, transcript:ID or participant:ID)\n" +
				"memos/a.md:3: coder \"Jill T\" is not a valid coder name (use lowercase letters, digits and '-', e.g. \"jill-t\")\n" +
				"memos/a.md:4: date \"24/11/2026\" is not a date (write date: YYYY-MM-DD, e.g. 2026-11-24)",
		},
		{
			name:  "empty values, a field twice",
			data:  "---\nabout:\ndate: ''\ndate: 2026-11-24\n---\n",
			finds: "memos/a.md:2: about is empty (write about: study, code:PATH, transcript:ID or participant:ID)\nmemos/a.md:3: date is empty (write date: YYYY-MM-DD, e.g. 2026-11-24)\nmemos/a.md:4: \"date\" is given twice (keep one of them)",
		},
		{
			name:  "front matter is a list",
			data:  "---\n- about: study\n---\n",
			finds: "memos/a.md:2: the front matter is a mapping such as 'about: study', not a list (write one 'field: value' per line: about, coder, date, title)",
		},
		{
			name:  "empty front matter",
			data:  "---\n---\nText\n",
			finds: "memos/a.md:1: memo has no about (add 'about: study' (or code:PATH, transcript:ID, participant:ID) to the front matter)\nmemos/a.md:1: memo has no date (add 'date: YYYY-MM-DD' to the front matter)",
		},
		{
			name:  "study with a target",
			data:  "---\nabout: study:all\ndate: 2026-11-24\n---\n",
			finds: `memos/a.md:2: about "study:all": the study is written 'study', with nothing after it (write about: study, code:PATH, transcript:ID or participant:ID)`,
		},
		{
			name:  "not UTF-8",
			data:  "caf\xe9\n",
			finds: "memos/a.md: memo is not valid UTF-8 (save it as UTF-8)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, fs := ParseMemo(file, []byte(tc.data))
			if got := fs.Error(); got != tc.finds {
				t.Errorf("findings:\n%s\nwant:\n%s", got, tc.finds)
			}
			if fs.HasErrors() {
				if m != nil {
					t.Errorf("memo = %+v, want nil with errors", m)
				}
				return
			}
			if m == nil {
				t.Fatal("memo is nil without errors")
			}
			got := *m
			got.AboutLine = 0
			want := tc.want
			want.File = file
			if !memoEqual(&got, &want) {
				t.Errorf("memo = %+v\nwant %+v", got, want)
			}
		})
	}
}

func memoEqual(a, b *Memo) bool {
	return a.File == b.File && a.About == b.About && a.Coder == b.Coder && a.Date == b.Date && a.Title == b.Title &&
		a.Text == b.Text && a.FrontMatter == b.FrontMatter && a.Lines == b.Lines && slices.Equal(a.Codes, b.Codes) && a.Line == b.Line
}

func TestParseMemoAboutLine(t *testing.T) {
	m, fs := ParseMemo("m.md", []byte("---\ncoder: jt\nabout: code:self-esteem\ndate: 2026-11-24\n---\n"))
	if fs != nil || m.AboutLine != 3 {
		t.Fatalf("AboutLine = %d, findings %v; want 3", m.AboutLine, fs)
	}
}

func TestMarshalMemoRoundTrip(t *testing.T) {
	tests := []Memo{
		{About: About{AboutCode, "confidence/daily-tasks"}, Coder: "jt", Date: "2026-11-24", Title: "Confidence before referral", Text: "Text.\n"},
		{About: About{Kind: AboutStudy}, Coder: "1.5", Date: "2026-01-01", Title: "Tea: a reason # to stay", Text: "---\nnot front matter\n"},
		{About: About{AboutParticipant, "may"}, Date: "2026-01-01", Title: "null", Text: ""},
	}
	for _, m := range tests {
		m.FrontMatter = true
		data := MarshalMemo(&m)
		got, fs := ParseMemo("", data)
		if fs != nil {
			t.Fatalf("%q: %v", data, fs)
		}
		got.AboutLine = 0
		if !memoEqual(got, &m) {
			t.Errorf("round trip of %q:\n got %+v\nwant %+v", data, *got, m)
		}
	}
	want := "---\nabout: code:confidence/daily-tasks\ncoder: jt\ndate: 2026-11-24\ntitle: Confidence before referral\n---\nText.\n"
	if got := string(MarshalMemo(&tests[0])); got != want {
		t.Errorf("MarshalMemo =\n%s\nwant\n%s", got, want)
	}
}

func TestMemoName(t *testing.T) {
	tests := []struct {
		name string
		m    Memo
		want string
	}{
		{"title", Memo{About: About{AboutCode, "confidence"}, Coder: "jt", Date: "2026-11-24", Title: "Confidence before referral"}, "confidence-before-referral-jt-2026-11-24"},
		{"about when no title", Memo{About: About{AboutCode, "confidence/daily-tasks"}, Coder: "jt", Date: "2026-11-24"}, "code-confidence-daily-tasks-jt-2026-11-24"},
		{"about when the title has no letters", Memo{About: About{AboutTranscript, "may-1"}, Coder: "eh", Date: "2026-01-02", Title: "?!"}, "transcript-may-1-eh-2026-01-02"},
		{"study", Memo{About: About{Kind: AboutStudy}, Coder: "jt", Date: "2026-11-24"}, "study-jt-2026-11-24"},
		{"accents", Memo{About: About{Kind: AboutStudy}, Coder: "ah", Date: "2026-11-24", Title: "Siân’s ‘tea’"}, "sian-s-tea-ah-2026-11-24"},
		{"long title cut at a word", Memo{About: About{Kind: AboutStudy}, Coder: "jt", Date: "2026-11-24",
			Title: "Why so many participants hoped for a friend rather than a referral to a group"},
			"why-so-many-participants-hoped-for-a-friend-rather-jt-2026-11-24"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MemoName(&tc.m); got != tc.want {
				t.Errorf("MemoName = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAddMemoUnique(t *testing.T) {
	s := memoStudy(t)
	m := &Memo{About: About{AboutCode, "confidence"}, Coder: "jt", Date: "2026-11-24", Title: "Tea", Text: "first\n"}
	var files []string
	for _, text := range []string{"first\n", "second\n", "third\n"} {
		m.Text = text
		f, err := s.AddMemo(m)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	want := []string{"memos/tea-jt-2026-11-24.md", "memos/tea-jt-2026-11-24-2.md", "memos/tea-jt-2026-11-24-3.md"}
	if !slices.Equal(files, want) {
		t.Fatalf("files = %q, want %q", files, want)
	}
	data, _ := s.ReadFile(files[0])
	if !strings.HasSuffix(string(data), "\nfirst\n") {
		t.Errorf("the first memo was replaced: %q", data)
	}
	entries, _ := os.ReadDir(s.Path(MemosDir))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temp file %s left behind", e.Name())
		}
	}
}

// memoStudy writes a small study: a codebook with aliases, two
// participants, three transcripts, memo files and codings with memos.
func memoStudy(t *testing.T) *Study {
	t.Helper()
	files := map[string]string{
		"qda.yaml": "title: Memos\n",
		"codebook.yaml": `codes:
  - name: confidence
    aliases: [self-esteem]
    children:
      - name: daily-tasks
      - name: travel
  - name: tea
  - name: ending
    aliases: [endings]
    children:
      - name: loss
`,
		"participants.csv": "id,gender\nmay,female\nted,male\ntea,female\n",
		"transcripts.csv":  "id,participant\nted-1,ted\nmay-1,may\nmay-2,may\n",
		"memos/README.md":  "# Notes\n\nPlain notes.\n",
		"memos/conf.md":    "---\nabout: code:self-esteem\ncoder: jt\ndate: 2026-11-20\ntitle: Confidence\n---\nAbout confidence.\n",
		"memos/daily.md":   "---\nabout: code:confidence/daily-tasks\ncoder: eh\ndate: 2026-11-21\n---\nDaily tasks.\n",
		"memos/loss.md":    "---\nabout: code:endings/loss\ncoder: jt\ndate: 2026-11-19\n---\nLoss.\n",
		"memos/may.md":     "---\nabout: participant:may\ncoder: jt\ndate: 2026-11-22\n---\nMay.\n",
		"memos/may-2.md":   "---\nabout: transcript:may-2\ncoder: eh\ndate: 2026-11-23\n---\nSecond interview.\n",
		"memos/ted.md":     "---\nabout: transcript:ted-1\ncoder: jt\ndate: 2026-11-23\n---\nTed.\n",
		"memos/broken.md":  "---\nabout: nothing\ndate: 2026-11-23\n---\n",
		"memos/notes.txt":  "not a memo\n",
		"codings/jt/may-1.yaml": `- lines: 3-5
  codes: [self-esteem/daily-tasks]
  memo: Fall as the trigger.
- lines: 7
  codes: [tea]
- lines: 9
  codes: [tea, ending]
  memo: Tea and the end.
`,
		"codings/eh/may-1.yaml": "- lines: 3\n  codes: [confidence/travel]\n  memo: Travel?\n",
		"codings/jt/ted-1.yaml": "- lines: 2\n  codes: [endings/loss]\n  memo: Losing a friend.\n",
	}
	s := studyOf(t, files)
	return s
}

func TestFindMemos(t *testing.T) {
	s := memoStudy(t)
	cb, fs := s.Codebook()
	if fs.Err() != nil {
		t.Fatal(fs)
	}
	ix, fs, err := s.LoadIndex()
	if err != nil || fs.Err() != nil {
		t.Fatal(err, fs)
	}
	about := func(refs ...string) []About {
		var out []About
		for _, r := range refs {
			a, err := ResolveAbout(r, cb, ix)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, a)
		}
		return out
	}
	tests := []struct {
		name string
		q    MemoQuery
		want []string // Ref() of each memo, then its file
	}{
		{"every memo file, by date, aliases written canonical", MemoQuery{}, []string{
			"study memos/README.md", "code:ending/loss memos/loss.md", "code:confidence memos/conf.md", "code:confidence/daily-tasks memos/daily.md",
			"participant:may memos/may.md", "transcript:may-2 memos/may-2.md", "transcript:ted-1 memos/ted.md"}},
		{"a code takes in its descendants", MemoQuery{About: about("code:confidence")}, []string{
			"code:confidence memos/conf.md", "code:confidence/daily-tasks memos/daily.md"}},
		{"a code by a former name", MemoQuery{About: about("self-esteem/daily-tasks")}, []string{
			"code:confidence/daily-tasks memos/daily.md"}},
		{"a code with segments", MemoQuery{About: about("code:confidence"), Segments: true}, []string{
			"code:confidence memos/conf.md", "code:confidence/daily-tasks memos/daily.md",
			"may-1:3 codings/eh/may-1.yaml", "may-1:3-5 codings/jt/may-1.yaml"}},
		{"a participant takes in their transcripts", MemoQuery{About: about("participant:may")}, []string{
			"participant:may memos/may.md", "transcript:may-2 memos/may-2.md"}},
		{"a participant with segments", MemoQuery{About: about("may"), Segments: true}, []string{
			"participant:may memos/may.md", "transcript:may-2 memos/may-2.md",
			"may-1:3 codings/eh/may-1.yaml", "may-1:3-5 codings/jt/may-1.yaml", "may-1:9 codings/jt/may-1.yaml"}},
		{"a transcript and its segments", MemoQuery{About: about("transcript:ted-1"), Segments: true}, []string{
			"transcript:ted-1 memos/ted.md", "ted-1:2 codings/jt/ted-1.yaml"}},
		{"the study", MemoQuery{About: about("study")}, []string{"study memos/README.md"}},
		{"a coder", MemoQuery{Coders: []string{"eh"}, Segments: true}, []string{
			"code:confidence/daily-tasks memos/daily.md", "transcript:may-2 memos/may-2.md", "may-1:3 codings/eh/may-1.yaml"}},
		{"kinds", MemoQuery{Kinds: []string{"transcript", "study"}}, []string{
			"study memos/README.md", "transcript:may-2 memos/may-2.md", "transcript:ted-1 memos/ted.md"}},
		{"segments alone, in transcripts.csv order", MemoQuery{Kinds: []string{"segment"}}, []string{
			"ted-1:2 codings/jt/ted-1.yaml", "may-1:3 codings/eh/may-1.yaml", "may-1:3-5 codings/jt/may-1.yaml", "may-1:9 codings/jt/may-1.yaml"}},
		{"two abouts", MemoQuery{About: about("ending", "code:tea"), Segments: true}, []string{
			"code:ending/loss memos/loss.md", "ted-1:2 codings/jt/ted-1.yaml", "may-1:9 codings/jt/may-1.yaml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			memos, fs, err := s.FindMemos(cb, ix, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if want := "memos/broken.md:2: about \"nothing\" does not say what kind of thing it is about (write about: study, code:PATH, transcript:ID or participant:ID)"; fs.Error() != want {
				t.Errorf("findings = %v, want %s", fs, want)
			}
			var got []string
			for _, m := range memos {
				got = append(got, m.Ref()+" "+m.File)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}

	// A segment memo carries its codes, canonical and sorted, and its line.
	memos, _, _ := s.FindMemos(cb, ix, MemoQuery{Kinds: []string{"segment"}, Coders: []string{"jt"}})
	m := memos[1]
	if m.Ref() != "may-1:3-5" || !slices.Equal(m.Codes, []string{"confidence/daily-tasks"}) || m.Line != 1 || m.Text != "Fall as the trigger.\n" || m.Kind() != "segment" {
		t.Errorf("segment memo = %+v", *m)
	}
	if m := memos[2]; !slices.Equal(m.Codes, []string{"ending", "tea"}) || m.Line != 6 {
		t.Errorf("segment memo = %+v", *m)
	}

	// MemosAbout is what 'qda codebook show' lists.
	got, _, err := s.MemosAbout(cb, ix, "code", "self-esteem")
	if err != nil || len(got) != 2 || got[0].File != "memos/conf.md" {
		t.Errorf("MemosAbout(code, self-esteem) = %v, %v", got, err)
	}
	if _, _, err := s.MemosAbout(cb, ix, "code", "nope"); err == nil {
		t.Error("MemosAbout of an unknown code: no error")
	}
}

func TestResolveAbout(t *testing.T) {
	s := memoStudy(t)
	cb, _ := s.Codebook()
	ix, _, _ := s.LoadIndex()
	tests := []struct{ ref, want, err string }{
		{ref: "study", want: "study"},
		{ref: "code:self-esteem/travel", want: "code:confidence/travel"},
		{ref: "endings", want: "code:ending"},
		{ref: "may-1", want: "transcript:may-1"},
		{ref: "may", want: "participant:may"},
		{ref: "transcript:may-2", want: "transcript:may-2"},
		{ref: "participant:ted", want: "participant:ted"},
		{ref: "tea", err: `"tea" is ambiguous: write code:tea or participant:tea`},
		{ref: "code:tee", err: `unknown code "tee" (did you mean "tea"?)`},
		{ref: "transcript:may-9", err: `unknown transcript "may-9"`},
		{ref: "participant:bob", err: `unknown participant "bob"`},
		{ref: "theme:tea", err: `unknown about kind "theme"`},
		{ref: "confidense", err: `"confidense" is not a code, transcript or participant of the study (did you mean code "confidence"?)`},
		{ref: "nothing", err: `"nothing" is not a code, transcript or participant of the study`},
	}
	for _, tc := range tests {
		t.Run(tc.ref, func(t *testing.T) {
			a, err := ResolveAbout(tc.ref, cb, ix)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("error = %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil || a.String() != tc.want {
				t.Errorf("ResolveAbout = %v, %v; want %s", a, err, tc.want)
			}
		})
	}
}

func TestCheckMemo(t *testing.T) {
	s := memoStudy(t)
	cb, _ := s.Codebook()
	ix, _, _ := s.LoadIndex()
	tests := []struct{ about, want string }{
		{"code:confidence", ""},
		{"code:self-esteem", `memos/x.md:3: warning: memo is about code "self-esteem" by a former name of "confidence" (write about: code:confidence)`},
		{"code:tee", `memos/x.md:3: unknown code "tee" (did you mean "tea"?)`},
		{"transcript:may-9", `memos/x.md:3: memo is about transcript "may-9", which is not in transcripts.csv (correct the id, or write about: study)`},
		{"participant:bob", `memos/x.md:3: memo is about participant "bob", which is not in participants.csv (correct the id, or write about: study)`},
		{"study", ""},
	}
	for _, tc := range tests {
		t.Run(tc.about, func(t *testing.T) {
			m, fs := ParseMemo("memos/x.md", []byte("---\ncoder: jt\nabout: "+tc.about+"\ndate: 2026-11-24\n---\n"))
			if fs != nil {
				t.Fatal(fs)
			}
			if got := CheckMemo(m, cb, ix).Error(); got != tc.want {
				t.Errorf("CheckMemo = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestFindMemo(t *testing.T) {
	s := memoStudy(t)
	tests := []struct{ ref, want, err string }{
		{ref: "conf", want: "memos/conf.md"},
		{ref: "conf.md", want: "memos/conf.md"},
		{ref: "memos/daily.md", want: "memos/daily.md"},
		{ref: "./memos/daily.md", want: "memos/daily.md"},
		{ref: "da", want: "memos/daily.md"},
		{ref: "may", want: "memos/may.md"},
		{ref: "ma", err: `"ma" could be memos/may-2.md, memos/may.md`},
		{ref: "nope", err: `no memo "nope" in memos/`},
		{ref: "notes.txt", err: `no memo "notes.txt" in memos/`},
		{ref: "codings/jt/may-1.yaml", err: "codings/jt/may-1.yaml is not a memo: memos are the .md files in memos/"},
	}
	for _, tc := range tests {
		t.Run(tc.ref, func(t *testing.T) {
			got, err := s.FindMemo(tc.ref)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("error = %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("FindMemo = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestMemoEditBuffer(t *testing.T) {
	body := []byte("---\nabout: study\ndate: nope\n---\nText\n")
	_, fs := ParseMemo("memos/x.md", body)
	buf := MemoEditBuffer(body, "fix it", fs)
	want := "<!-- error: line 5: date \"nope\" is not a date (write date: YYYY-MM-DD, e.g. 2026-11-24) -->\n<!-- qda: fix it -->\n" + string(body)
	if string(buf) != want {
		t.Errorf("buffer =\n%s\nwant\n%s", buf, want)
	}
	if got := StripMemoEditNotes(buf); string(got) != string(body) {
		t.Errorf("stripped = %q", got)
	}
	// Line 5 of the buffer is the date line the error names.
	if l := strings.Split(string(buf), "\n")[4]; l != "date: nope" {
		t.Errorf("line 5 = %q", l)
	}
	// A comment of the person's own stays.
	own := []byte("<!-- mine -->\n---\n")
	if got := StripMemoEditNotes(own); string(got) != string(own) {
		t.Errorf("stripped own comment: %q", got)
	}
	// "-->" in a message cannot end the comment early.
	buf = MemoEditBuffer(nil, "", diag.List{diag.Errorf("f", 1, "a --> b")})
	if string(buf) != "<!-- error: line 2: a -- > b -->\n" {
		t.Errorf("buffer = %q", buf)
	}
}

func TestCanonicalAbout(t *testing.T) {
	data := []byte("---\r\ncoder: jt\r\nabout: code:self-esteem   # old name\r\ndate: 2026-11-24\r\n---\r\nText\r\n")
	m, fs := ParseMemo("x.md", data)
	if fs != nil {
		t.Fatal(fs)
	}
	got := CanonicalAbout(data, m, About{AboutCode, "confidence"})
	want := "---\r\ncoder: jt\r\nabout: code:confidence\r\ndate: 2026-11-24\r\n---\r\nText\r\n"
	if string(got) != want {
		t.Errorf("CanonicalAbout = %q, want %q", got, want)
	}
	if got := CanonicalAbout(data, m, m.About); string(got) != string(data) {
		t.Errorf("unchanged about rewrote the file: %q", got)
	}
}

func FuzzParseMemo(f *testing.F) {
	f.Add([]byte("---\nabout: code:confidence/daily-tasks\ncoder: jt\ndate: 2026-11-24\ntitle: Confidence before referral\n---\nFree text\n"))
	f.Add([]byte("# Notes\n\ntext\n"))
	f.Add([]byte("---\nabout: study\ndate: 2026-11-24\n...\n"))
	f.Add([]byte("---\nabout: [\n---\n"))
	f.Add([]byte("\ufeff---\r\nabout: participant:may\r\ndate: 2026-01-02\r\ntitle: |\n  two\n  lines\n---\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, fs := ParseMemo("memos/f.md", data)
		if m == nil {
			if !fs.HasErrors() {
				t.Fatal("nil memo without errors")
			}
			return
		}
		if !m.FrontMatter {
			return
		}
		m.Title = memoOneLine(m.Title)
		again, fs := ParseMemo("memos/f.md", MarshalMemo(m))
		if fs.HasErrors() {
			t.Fatalf("written memo does not read back: %v\n%s", fs, MarshalMemo(m))
		}
		again.AboutLine, m.AboutLine = 0, 0
		if !memoEqual(again, m) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", *again, *m)
		}
	})
}
