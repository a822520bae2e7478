package demo

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/anon"
)

// study is a demo study written once per options and shared by the tests
// that only read it.
type study struct {
	dir  string
	sum  Summary
	err  error
	once sync.Once
}

var (
	studiesMu sync.Mutex
	studies   = map[Options]*study{}
)

func written(t testing.TB, opt Options) (string, Summary) {
	t.Helper()
	studiesMu.Lock()
	s := studies[opt]
	if s == nil {
		s = &study{}
		studies[opt] = s
	}
	studiesMu.Unlock()
	s.once.Do(func() {
		s.dir, s.err = os.MkdirTemp("", "qda-demo-test-")
		if s.err == nil {
			s.sum, s.err = Write(s.dir, opt)
		}
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.dir, s.sum
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, s := range studies {
		if s.dir != "" {
			os.RemoveAll(s.dir)
		}
	}
	os.Exit(code)
}

// files reads every file of a study, by slash path.
func files(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// sortedKeys lists a map's keys in order, so tests report in a fixed order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestDeterministic(t *testing.T) {
	for _, opt := range []Options{{}, {Participants: 150, Seed: 9}} {
		t.Run(strconv.Itoa(opt.Participants), func(t *testing.T) {
			a, _ := written(t, opt)
			b := t.TempDir()
			if _, err := Write(b, opt); err != nil {
				t.Fatal(err)
			}
			fa, fb := files(t, a), files(t, b)
			if len(fa) != len(fb) {
				t.Fatalf("first write has %d files, second %d", len(fa), len(fb))
			}
			for _, name := range sortedKeys(fa) {
				if !bytes.Equal(fa[name], fb[name]) {
					t.Errorf("%s differs between two writes with the same options", name)
				}
			}
		})
	}

	// Seed 0 is seed 1; another seed gives another study, but the same
	// framework, settings and memo.
	a, _ := written(t, Options{})
	b := t.TempDir()
	if _, err := Write(b, Options{Participants: 26, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	fa, fb := files(t, a), files(t, b)
	if !bytes.Equal(fa["transcripts.csv"], fb["transcripts.csv"]) {
		t.Error("seed 0 is not seed 1")
	}
	c := t.TempDir()
	if _, err := Write(c, Options{Seed: 2}); err != nil {
		t.Fatal(err)
	}
	fc := files(t, c)
	same := 0
	for _, name := range sortedKeys(fa) {
		if strings.HasPrefix(name, "transcripts/") && bytes.Equal(fa[name], fc[name]) {
			same++
		}
	}
	if bytes.Equal(fa["transcripts.csv"], fc["transcripts.csv"]) || same > 0 {
		t.Errorf("seed 2 gives the same study as seed 1 (%d transcripts identical)", same)
	}
	for _, name := range []string{"qda.yaml", "codebook.yaml", "memos/README.md", ".gitignore"} {
		if !bytes.Equal(fa[name], fc[name]) {
			t.Errorf("%s depends on the seed", name)
		}
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		opt                                  Options
		participants, transcripts, followUps int
		faceToFace                           int
	}{
		{Options{}, 26, 38, 12, 2},
		{Options{Participants: 26, Seed: 7}, 26, 38, 12, 2},
		{Options{Participants: 100}, 100, 146, 46, 8},
		{Options{Participants: 1}, 1, 1, 0, 1},
		{Options{Participants: 3, Seed: 5}, 3, 4, 1, 1},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.opt.Participants)+"-"+strconv.FormatUint(tt.opt.Seed, 10), func(t *testing.T) {
			dir, sum := written(t, tt.opt)
			want := Summary{Participants: tt.participants, Transcripts: tt.transcripts, FollowUps: tt.followUps, Coders: 3, Segments: sum.Segments}
			if sum != want {
				t.Errorf("summary %+v, want %+v", sum, want)
			}
			parts := readCSV(t, filepath.Join(dir, "participants.csv"))
			if len(parts) != tt.participants+1 {
				t.Errorf("participants.csv has %d rows, want %d", len(parts)-1, tt.participants)
			}
			trs := readCSV(t, filepath.Join(dir, "transcripts.csv"))
			if len(trs) != tt.transcripts+1 {
				t.Errorf("transcripts.csv has %d rows, want %d", len(trs)-1, tt.transcripts)
			}
			f2f, wave2 := 0, 0
			for _, row := range trs[1:] {
				if row[3] == "face-to-face" {
					f2f++
					if row[2] != "1" {
						t.Errorf("%s: a follow-up face to face", row[0])
					}
				}
				if row[2] == "2" {
					wave2++
				}
			}
			if f2f != tt.faceToFace || wave2 != tt.followUps {
				t.Errorf("%d face-to-face and %d follow-ups, want %d and %d", f2f, wave2, tt.faceToFace, tt.followUps)
			}
			segs := 0
			for name, data := range files(t, filepath.Join(dir, "codings")) {
				s, fs := corpus.ParseCodings(name, data)
				if len(fs) > 0 {
					t.Fatalf("%s: %v", name, fs)
				}
				segs += len(s)
			}
			if segs != sum.Segments {
				t.Errorf("codings hold %d segments, summary says %d", segs, sum.Segments)
			}
		})
	}
}

func TestStaticFiles(t *testing.T) {
	dir, _ := written(t, Options{})
	fs := files(t, dir)
	first, _, _ := strings.Cut(string(fs["qda.yaml"]), "\n")
	if first != "# qda demo study: synthetic interviews written for qda (regenerate with 'qda demo')" {
		t.Errorf("qda.yaml starts %q", first)
	}
	if string(fs[".gitignore"]) != ".qda/\n" {
		t.Errorf(".gitignore is %q", fs[".gitignore"])
	}
	if len(fs["memos/README.md"]) == 0 {
		t.Error("no memo")
	}
}

func TestParticipants(t *testing.T) {
	tests := []struct {
		opt     Options
		females int // for the standard demo, as in the seed study; -1 to skip
		over70  int
	}{
		{Options{}, 19, 11},
		{Options{Participants: 300, Seed: 3}, -1, -1},
	}
	slugRE := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.opt.Participants), func(t *testing.T) {
			dir, _ := written(t, tt.opt)
			rows := readCSV(t, filepath.Join(dir, "participants.csv"))
			if got := strings.Join(rows[0], ","); got != "id,pseudonym,gender,age_range,trigger_group,location,ucla_initial,ucla_end" {
				t.Fatalf("header %q", got)
			}
			ids, names := map[string]bool{}, map[string]bool{}
			females, over70, lower := 0, 0, 0
			for _, row := range rows[1:] {
				id, name := row[0], row[1]
				if ids[id] || names[name] {
					t.Errorf("participant %s (%s) twice", id, name)
				}
				ids[id], names[name] = true, true
				if !slugRE.MatchString(id) || id != slug(name) {
					t.Errorf("id %q is not the slug of %q", id, name)
				}
				if row[2] == "female" {
					females++
				} else if row[2] != "male" {
					t.Errorf("%s: gender %q", id, row[2])
				}
				if !slices.Contains(ageRanges, row[3]) {
					t.Errorf("%s: age range %q", id, row[3])
				}
				if row[3] == "70+" {
					over70++
				}
				if !slices.Contains(triggerGroups, row[4]) {
					t.Errorf("%s: trigger group %q", id, row[4])
				}
				if !slices.Contains([]string{"urban", "town", "rural", "coastal"}, row[5]) {
					t.Errorf("%s: location %q", id, row[5])
				}
				a, errA := strconv.Atoi(row[6])
				b, errB := strconv.Atoi(row[7])
				if errA != nil || errB != nil || a < 20 || a > 80 || b < 20 || b > 80 {
					t.Errorf("%s: UCLA scores %q %q", id, row[6], row[7])
				}
				if b < a {
					lower++
				}
			}
			n := len(rows) - 1
			if lower*10 < n*6 {
				t.Errorf("loneliness fell for only %d of %d participants", lower, n)
			}
			if tt.females >= 0 && (females != tt.females || over70 != tt.over70) {
				t.Errorf("%d women and %d aged 70+, want %d and %d", females, over70, tt.females, tt.over70)
			}
		})
	}
}

// transcriptRows reads transcripts.csv by transcript id.
func transcriptRows(t testing.TB, dir string) ([]string, map[string][]string) {
	rows := readCSV(t, filepath.Join(dir, "transcripts.csv"))
	if got := strings.Join(rows[0], ","); got != "id,participant,wave,mode,date,interviewer,source,sha256" {
		t.Fatalf("header %q", got)
	}
	var ids []string
	byID := map[string][]string{}
	for _, row := range rows[1:] {
		ids = append(ids, row[0])
		byID[row[0]] = row
	}
	return ids, byID
}

func TestTranscripts(t *testing.T) {
	dir, _ := written(t, Options{})
	ids, rows := transcriptRows(t, dir)
	pseudonyms := map[string]string{}
	for _, row := range readCSV(t, filepath.Join(dir, "participants.csv"))[1:] {
		pseudonyms[row[0]] = row[1]
	}
	first, last := time.Date(2017, 10, 3, 0, 0, 0, 0, time.UTC), time.Date(2018, 12, 20, 0, 0, 0, 0, time.UTC)
	var prevP string
	var prevDate time.Time
	for _, id := range ids {
		row := rows[id]
		data, err := os.ReadFile(filepath.Join(dir, "transcripts", id+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if row[7] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: sha256 in transcripts.csv does not match the file", id)
		}
		if id != row[1]+"-"+row[2] || row[6] != Source || !slices.Contains(coders, row[5]) {
			t.Errorf("%s: row %q", id, row)
		}
		date, err := time.Parse(time.DateOnly, row[4])
		if err != nil || date.Before(first) || date.After(last) || date.Weekday() == time.Saturday || date.Weekday() == time.Sunday {
			t.Errorf("%s: date %q", id, row[4])
		}
		if row[2] == "2" {
			if row[1] != prevP || days(prevDate, date) < 75 || days(prevDate, date) > 100 {
				t.Errorf("%s: follow-up on %s, not about three months after %s", id, row[4], prevDate.Format(time.DateOnly))
			}
		}
		prevP, prevDate = row[1], date

		if !utf8.Valid(data) || bytes.Contains(data, []byte("\r")) || !bytes.HasSuffix(data, []byte("\n")) || bytes.HasSuffix(data, []byte("\n\n")) {
			t.Errorf("%s: not normalised UTF-8 with LF endings and one final newline", id)
		}
		if bytes.Contains(data, []byte("\n\n\n")) {
			t.Errorf("%s: turns separated by more than one blank line", id)
		}
		tr := corpus.ParseTranscript(id, data)
		if tr.Len() < 30 || tr.Len() > 130 {
			t.Errorf("%s: %d lines", id, tr.Len())
		}
		if tr.Len() == 0 || tr.Line(1).Speaker != interviewer {
			t.Fatalf("%s: does not start with the interviewer", id)
		}
		speakers := []string{interviewer, pseudonyms[row[1]]}
		prevSpeaker := ""
		for n, l := range tr.Lines {
			switch {
			case l.Blank:
				if l.Text != "" {
					t.Errorf("%s:%d: blank line with spaces", id, n+1)
				}
			case l.TurnStart:
				if !slices.Contains(speakers, l.Speaker) || !strings.HasPrefix(l.Text, l.Speaker+": ") {
					t.Errorf("%s:%d: turn without a speaker label: %q", id, n+1, l.Text)
				}
				if l.Speaker == prevSpeaker {
					t.Errorf("%s:%d: %s speaks twice in a row", id, n+1, l.Speaker)
				}
				prevSpeaker = l.Speaker
			default:
				if _, _, ok := corpus.SplitSpeaker(l.Text); ok {
					t.Errorf("%s:%d: a later line of a turn reads as a speaker label: %q", id, n+1, l.Text)
				}
			}
			if l.Text != strings.TrimSpace(l.Text) || strings.ContainsAny(l.Text, "{}") {
				t.Errorf("%s:%d: %q", id, n+1, l.Text)
			}
		}
	}
}

// lineCodes maps each line of a transcript to the codes a coder gave it.
type lineCodes map[int][]string

func TestCodings(t *testing.T) {
	dir, _ := written(t, Options{})
	ids, rows := transcriptRows(t, dir)
	coded := map[string]map[string]lineCodes{} // coder -> transcript -> lines
	spans, overlaps, memos := 0, 0, 0
	for _, c := range coders {
		coded[c] = map[string]lineCodes{}
		for _, id := range ids {
			file := filepath.Join(dir, "codings", c, id+".yaml")
			data, err := os.ReadFile(file)
			if os.IsNotExist(err) {
				continue
			} else if err != nil {
				t.Fatal(err)
			}
			segs, findings := corpus.ParseCodings(file, data)
			if len(findings) > 0 {
				t.Fatalf("%v", findings)
			}
			if got := corpus.MarshalCodings(segs); !bytes.Equal(got, data) {
				t.Errorf("%s does not round-trip:\n%s\nwant\n%s", file, got, data)
			}
			src, _ := os.ReadFile(filepath.Join(dir, "transcripts", id+".txt"))
			tr := corpus.ParseTranscript(id, src)
			lc := lineCodes{}
			for i, s := range segs {
				r := s.Lines
				if r.Start < 1 || r.End > tr.Len() || r.Start > r.End {
					t.Fatalf("%s: lines %s outside the transcript's %d", file, r, tr.Len())
				}
				if tr.Line(r.Start).Blank || tr.Line(r.End).Blank {
					t.Errorf("%s: lines %s start or end on a blank line", file, r)
				}
				if s.Quote != tr.Quote(r.Start) {
					t.Errorf("%s: lines %s: quote %q, want %q", file, r, s.Quote, tr.Quote(r.Start))
				}
				for _, code := range s.Codes {
					if !slices.Contains(codePaths, code) {
						t.Errorf("%s: lines %s: code %q is not in the codebook", file, r, code)
					}
				}
				for n := r.Start; n <= r.End; n++ {
					if tr.Line(n).Blank {
						spans++
						break
					}
				}
				for _, o := range segs[:i] {
					if o.Lines.Overlaps(r) && !slices.Equal(o.Codes, s.Codes) {
						overlaps++
					}
				}
				if s.Memo != "" {
					memos++
				}
				for n := r.Start; n <= r.End; n++ {
					if !tr.Line(n).Blank {
						lc[n] = append(lc[n], s.Codes...)
					}
				}
			}
			for n := range lc {
				slices.Sort(lc[n])
				lc[n] = slices.Compact(lc[n])
			}
			coded[c][id] = lc
		}
	}
	t.Logf("%d segments across turns, %d overlapping pairs with different codes, %d memos", spans, overlaps, memos)
	if spans == 0 || overlaps == 0 || memos == 0 {
		t.Errorf("%d segments across turns, %d overlapping segments with different codes, %d memos: want some of each", spans, overlaps, memos)
	}

	// Who codes what.
	for _, id := range ids {
		wave := rows[id][2]
		if coded[coderJT][id] == nil {
			t.Errorf("jt has not coded %s", id)
		}
		if (coded[coderEH][id] != nil) != (wave == "1") {
			t.Errorf("eh coding of %s (wave %s) is wrong", id, wave)
		}
		if wave == "2" && coded[coderAH][id] == nil {
			t.Errorf("ah has not coded follow-up %s", id)
		}
	}
	ahWave1 := 0
	for id := range coded[coderAH] {
		if rows[id][2] == "1" {
			ahWave1++
		}
	}
	if ahWave1 != 9 {
		t.Errorf("ah coded %d first interviews, want a third (9)", ahWave1)
	}

	// Pairs of coders overlap, agree mostly and disagree on some lines.
	for _, pair := range [][2]string{{coderJT, coderEH}, {coderJT, coderAH}, {coderEH, coderAH}} {
		a, b := coded[pair[0]], coded[pair[1]]
		shared, agree, disagree := 0, 0, 0
		for _, id := range sortedKeys(a) {
			if b[id] == nil {
				continue
			}
			shared++
			lines := map[int]bool{}
			for n := range a[id] {
				lines[n] = true
			}
			for n := range b[id] {
				lines[n] = true
			}
			for n := range lines {
				if slices.Equal(a[id][n], b[id][n]) {
					agree++
				} else {
					disagree++
				}
			}
		}
		t.Logf("%s and %s: %d shared transcripts, %d coded lines agreed, %d disagreed", pair[0], pair[1], shared, agree, disagree)
		// Each of eh and ah departs from jt's reading in its own way, so
		// they agree with each other less than with jt.
		ratio := 2
		if pair[0] != coderJT {
			ratio = 1
		}
		if shared == 0 || disagree == 0 || agree < ratio*disagree {
			t.Errorf("%s and %s: %d shared transcripts, %d coded lines agreed, %d disagreed", pair[0], pair[1], shared, agree, disagree)
		}
	}
}

func TestCodebook(t *testing.T) {
	cb, findings := codebook.Parse("codebook.yaml", []byte(codebookYAML))
	if len(findings) > 0 {
		t.Fatalf("codebook.yaml: %v", findings)
	}
	var paths []string
	for _, c := range cb.All() {
		paths = append(paths, c.Path)
	}
	if !slices.Equal(paths, codePaths) {
		t.Errorf("codePaths out of step with codebook.yaml:\n%q\nwant\n%q", codePaths, paths)
	}
	depth := 0
	for _, c := range cb.All() {
		depth = max(depth, c.Depth())
	}
	if depth < 4 {
		t.Errorf("codebook is %d levels deep", depth)
	}
	if c := cb.Lookup("sustainability/ending-support"); c == nil || !slices.Contains(c.Aliases, "endings") {
		t.Error("ending-support has lost its alias")
	}

	dir, _ := written(t, Options{})
	used := map[string]bool{}
	for name, data := range files(t, filepath.Join(dir, "codings")) {
		segs, _ := corpus.ParseCodings(name, data)
		for _, s := range segs {
			for _, c := range s.Codes {
				used[c] = true
			}
		}
	}
	for _, c := range sortedKeys(used) {
		if cb.Lookup(c) == nil {
			t.Errorf("code %q is used but not in the codebook", c)
		}
	}
	for _, c := range codePaths {
		if cb.Lookup(c).IsLeaf() && !used[c] {
			t.Errorf("leaf code %q is never used in the standard demo", c)
		}
	}
}

func isLeaf(code string) bool {
	for _, c := range codePaths {
		if parentOf(c) == code {
			return false
		}
	}
	return true
}

func TestBank(t *testing.T) {
	b, err := loadBank()
	if err != nil {
		t.Fatal(err)
	}
	perLeaf := map[string]int{}
	for _, p := range b.passages {
		switch {
		case strings.HasPrefix(p.key, "@"):
		case strings.HasPrefix(p.key, "Q "):
			if !slices.Contains(codePaths, strings.TrimPrefix(p.key, "Q ")) {
				t.Errorf("bank line %d: questions for unknown code %q", p.line, p.key)
			}
		default:
			if !slices.Contains(codePaths, p.key) || !isLeaf(p.key) {
				t.Errorf("bank line %d: %q is not a leaf code", p.line, p.key)
			}
			perLeaf[p.key]++
		}
		if len(p.lines) > 6 {
			t.Errorf("bank line %d: %d sentences, at most six", p.line, len(p.lines))
		}
	}
	for _, c := range codePaths {
		if isLeaf(c) && perLeaf[c] < 8 {
			t.Errorf("leaf %s has %d passages, want at least eight", c, perLeaf[c])
		}
	}
	// Every template expands fully for every kind of participant.
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 120 {
		p := newPerson(i, r)
		g := newInterview(b, r, p, 1+i%2, i%3 != 0, nil, make([]bool, len(b.passages)))
		for j := range b.passages {
			for _, s := range g.render(j) {
				if strings.ContainsAny(s, "{}|") || s == "" || s != strings.TrimSpace(s) {
					t.Fatalf("bank line %d: renders as %q", b.passages[j].line, s)
				}
			}
		}
	}
}

// identifying finds what an anonymisation scan must not: emails, web
// addresses, runs of digits (phone numbers, postcodes, NHS numbers) and
// the names qda.yaml lists.
var identifying = regexp.MustCompile(`(?i)@|https?:|www\.|\.(com|org|uk)\b|[0-9]|` +
	strings.Join(anonymiseNames, "|") + `|maureen|clifford|hebblethwaite|ackroyd|ravensworth`)

func TestNothingIdentifying(t *testing.T) {
	dir, _ := written(t, Options{Participants: 100}) // past the suffixed pseudonyms
	scan := anon.New(anonymiseNames)
	for name, data := range files(t, dir) {
		if !strings.HasPrefix(name, "transcripts/") && !strings.HasPrefix(name, "memos/") {
			continue
		}
		for n, line := range strings.Split(string(data), "\n") {
			for _, m := range scan.Line(line) {
				t.Errorf("%s:%d: the anonymisation scan finds %s %q", name, n+1, m.Kind.Describe(), m.Text)
			}
			if _, body, ok := corpus.SplitSpeaker(line); ok {
				line = body // a pseudonym may carry a short number
			}
			if m := identifying.FindString(line); m != "" {
				t.Errorf("%s:%d: %q looks identifying in %q", name, n+1, m, line)
			}
		}
	}
}

// The listed names are caught when they do appear.
func TestAnonymiseNamesAreFound(t *testing.T) {
	scan := anon.New(anonymiseNames)
	for _, name := range anonymiseNames {
		if ms := scan.Line("May: I saw " + name + " on Tuesday."); len(ms) != 1 {
			t.Errorf("%q: the scan finds %v", name, ms)
		}
	}
	if !strings.Contains(qdaYAML, "names: ["+strings.Join(anonymiseNames, ", ")+"]") {
		t.Error("qda.yaml does not list anonymiseNames")
	}
}

func TestWriteRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, Options{}); err == nil {
		t.Error("Write into a folder with a file in it succeeded")
	}
	if _, err := Write(t.TempDir(), Options{Participants: -1}); err == nil {
		t.Error("Write with -1 participants succeeded")
	}
}

func TestLargeNames(t *testing.T) {
	const n = 400
	seen := map[string]bool{}
	r := rand.New(rand.NewPCG(1, 1))
	for i := range n {
		p := newPerson(i, r)
		if seen[p.id] {
			t.Fatalf("participant %d: id %s twice", i, p.id)
		}
		seen[p.id] = true
		if _, _, ok := corpus.SplitSpeaker(p.name + ": Hello."); !ok {
			t.Errorf("pseudonym %q is not a speaker label", p.name)
		}
		if strings.Contains(p.name, "Maureen") || strings.Contains(p.name, "Clifford") {
			t.Errorf("pseudonym %q is a listed identifying name", p.name)
		}
	}
}

func BenchmarkWrite1000(b *testing.B) {
	for b.Loop() {
		if _, err := Write(b.TempDir(), Options{Participants: 1000}); err != nil {
			b.Fatal(err)
		}
	}
}
