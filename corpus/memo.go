package corpus

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/yamldoc"
)

// AboutKind is what a memo is about: the study, a code, a transcript or a
// participant.
type AboutKind string

const (
	AboutStudy       AboutKind = "study"
	AboutCode        AboutKind = "code"
	AboutTranscript  AboutKind = "transcript"
	AboutParticipant AboutKind = "participant"
)

// AboutKinds are the kinds a memo's about can have, in the order messages
// list them.
var AboutKinds = []AboutKind{AboutStudy, AboutCode, AboutTranscript, AboutParticipant}

// AboutForms says how to write about, for hints.
const AboutForms = "study, code:PATH, transcript:ID or participant:ID"

// About is what a memo is about: "study", or a kind and a target such as
// "code:confidence/daily-tasks".
type About struct {
	Kind   AboutKind
	Target string // "" for the study
}

func (a About) String() string {
	if a.Kind == AboutStudy || a.Kind == "" {
		return string(AboutStudy)
	}
	return string(a.Kind) + ":" + a.Target
}

// ParseAbout reads an about as written in a memo's front matter: "study",
// or KIND:TARGET. It checks the form only; ResolveAbout and CheckMemo
// check that the target exists.
func ParseAbout(s string) (About, error) {
	s = strings.TrimSpace(s)
	if s == string(AboutStudy) {
		return About{Kind: AboutStudy}, nil
	}
	kind, target, ok := strings.Cut(s, ":")
	if !ok {
		return About{}, fmt.Errorf("about %q does not say what kind of thing it is about", s)
	}
	kind, target = strings.TrimSpace(kind), strings.TrimSpace(target)
	switch AboutKind(kind) {
	case AboutCode:
		if target == "" {
			return About{}, fmt.Errorf("about %q names no code", s)
		}
	case AboutTranscript, AboutParticipant:
		if !ValidName(target) {
			return About{}, fmt.Errorf("about %q: %q is not a valid %s id", s, target, kind)
		}
	case AboutStudy:
		return About{}, fmt.Errorf("about %q: the study is written 'study', with nothing after it", s)
	default:
		return About{}, fmt.Errorf("unknown about kind %q", kind)
	}
	return About{Kind: AboutKind(kind), Target: target}, nil
}

// ResolveAbout reads an about as a person gives it on the command line:
// study, code:PATH, transcript:ID or participant:ID, or a code path,
// transcript id or participant id on its own when it names exactly one
// thing. A code is resolved as codebook.ResolveArg does (a path, a former
// name, a unique name or label) and returned by its canonical path.
func ResolveAbout(ref string, cb *codebook.Codebook, ix *Index) (About, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return About{}, errors.New("empty about")
	}
	if ref == string(AboutStudy) {
		return About{Kind: AboutStudy}, nil
	}
	if strings.Contains(ref, ":") {
		a, err := ParseAbout(ref)
		if err != nil {
			return About{}, err
		}
		switch a.Kind {
		case AboutCode:
			c, _, err := cb.ResolveArg(a.Target)
			if err != nil {
				return About{}, err
			}
			a.Target = c.Path
		case AboutTranscript:
			if _, ok := ix.Transcripts.Lookup(a.Target); !ok {
				return About{}, fmt.Errorf("unknown transcript %q", a.Target)
			}
		case AboutParticipant:
			if _, ok := ix.Participants.Lookup(a.Target); !ok {
				return About{}, fmt.Errorf("unknown participant %q", a.Target)
			}
		}
		return a, nil
	}
	var found []About
	code, _, codeErr := cb.ResolveArg(ref)
	if code != nil {
		found = append(found, About{AboutCode, code.Path})
	}
	if _, ok := ix.Transcripts.Lookup(ref); ok {
		found = append(found, About{AboutTranscript, ref})
	}
	if _, ok := ix.Participants.Lookup(ref); ok {
		found = append(found, About{AboutParticipant, ref})
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		var re *codebook.ResolveError
		if errors.As(codeErr, &re) && re.Kind == codebook.Ambiguous {
			return About{}, codeErr
		}
		msg := fmt.Sprintf("%q is not a code, transcript or participant of the study", ref)
		if re != nil && re.Suggestion != "" {
			msg += fmt.Sprintf(" (did you mean code %q?)", re.Suggestion)
		}
		return About{}, errors.New(msg)
	}
	forms := make([]string, len(found))
	for i, a := range found {
		forms[i] = a.String()
	}
	return About{}, fmt.Errorf("%q is ambiguous: write %s", ref, strings.Join(forms, " or "))
}

// Memo is a memo file under memos/, or, for listings, the memo of a coded
// segment in a codings file.
type Memo struct {
	// File is the memo's path relative to the study, slash-separated.
	File string
	// About is what the memo is about. Without front matter it is the study.
	About About
	// Coder is who wrote it; "" when unknown (a memo without front matter).
	Coder string
	// Date is YYYY-MM-DD, "" when unknown.
	Date  string
	Title string
	// Text is the Markdown after the front matter, without leading blank
	// lines, ending in one newline ("" when there is none).
	Text string
	// FrontMatter tells a memo written with front matter from a plain
	// Markdown file.
	FrontMatter bool
	// AboutLine is the line of "about:" in the file (0 when there is none),
	// so findings about the target point at it.
	AboutLine int

	// A segment memo has Lines, the codes of its segment and Line, the
	// segment's line in its codings file. Its About is its transcript.
	Lines Range
	Codes []string
	Line  int
}

// IsSegment reports whether m is the memo of a coded segment.
func (m *Memo) IsSegment() bool { return m.Lines.Start > 0 }

// Ref names what m is about in listings: the about, or TRANSCRIPT:LINES
// for a segment memo.
func (m *Memo) Ref() string {
	if m.IsSegment() {
		return m.About.Target + ":" + m.Lines.String()
	}
	return m.About.String()
}

// Kind is the about kind of a memo file, or "segment".
func (m *Memo) Kind() string {
	if m.IsSegment() {
		return "segment"
	}
	return string(m.About.Kind)
}

// FirstLine is the first line of the text that is not blank, and not the
// title heading of a memo without front matter.
func (m *Memo) FirstLine() string {
	skipTitle := !m.FrontMatter && !m.IsSegment() && m.Title != ""
	for _, l := range strings.Split(m.Text, "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if skipTitle {
			skipTitle = false
			if h, ok := memoHeading(l); ok && h == m.Title {
				continue
			}
		}
		return l
	}
	return ""
}

// memoHeading returns the text of a Markdown level-one heading "# Title".
func memoHeading(line string) (string, bool) {
	t, ok := strings.CutPrefix(line, "# ")
	if t = strings.TrimSpace(t); !ok || t == "" {
		return "", false
	}
	return t, true
}

var memoFields = []string{"about", "coder", "date", "title"}

var memoFieldMissing = map[string]string{
	"about": "'about: study' (or code:PATH, transcript:ID, participant:ID)",
	"date":  "'date: YYYY-MM-DD'",
}

var memoFieldHint = map[string]string{
	"about": "write about: " + AboutForms,
	"date":  "write date: YYYY-MM-DD, e.g. 2026-11-24",
}

// ParseMemo reads a memo file. A file that does not start with a "---"
// line has no front matter: it is about the study, by an unknown coder,
// and its title is its first line when that is a "# " heading. With front
// matter, about and date are required, coder must be a valid coder name
// and unknown fields are warnings. Findings carry the file and line; the
// memo is nil when they hold an error.
func ParseMemo(file string, data []byte) (*Memo, diag.List) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return nil, diag.List{diag.Errorf(file, 0, "memo is not valid UTF-8").WithHint("save it as UTF-8")}
	}
	lines := strings.Split(string(data), "\n")
	m := &Memo{File: file, About: About{Kind: AboutStudy}}
	if strings.TrimRight(lines[0], " \t\r") != "---" {
		m.Text = memoText(lines)
		if l := strings.TrimSpace(memoFirstNonBlank(lines)); l != "" {
			m.Title, _ = memoHeading(l)
		}
		return m, nil
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if l := strings.TrimRight(lines[i], " \t\r"); l == "---" || l == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, diag.List{diag.Errorf(file, 1, "the front matter has no closing '---' line").
			WithHint("end the front matter with a line '---' before the text")}
	}
	m.FrontMatter = true
	m.Text = memoText(lines[end+1:])
	errs := m.frontMatter(file, []byte(strings.Join(lines[1:end], "\n")+"\n"))
	if errs.HasErrors() {
		return nil, errs
	}
	return m, errs
}

func memoFirstNonBlank(lines []string) string {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

// memoText joins the body lines, without leading blank lines and with one
// final newline.
func memoText(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	text := strings.TrimRight(strings.Join(lines, "\n"), " \t\r\n")
	if text == "" {
		return ""
	}
	return text + "\n"
}

// frontMatter reads the YAML between the "---" lines, which starts on the
// file's second line.
func (m *Memo) frontMatter(file string, data []byte) diag.List {
	const offset = 1
	root, f := yamldoc.Decode(file, data)
	if f != nil {
		if f.Line > 0 {
			f.Line += offset
		}
		return diag.List{f}
	}
	if root != nil && root.Kind != yaml.MappingNode {
		return diag.List{diag.Errorf(file, root.Line+offset, "the front matter is a mapping such as 'about: study', not a %s", kindName(root)).
			WithHint("write one 'field: value' per line: %s", strings.Join(memoFields, ", "))}
	}
	var errs diag.List
	seen := map[string]bool{}
	var content []*yaml.Node
	if root != nil {
		content = root.Content
	}
	for i := 0; i+1 < len(content); i += 2 {
		k, v := content[i], content[i+1]
		line := k.Line + offset
		if seen[k.Value] {
			errs = append(errs, diag.Errorf(file, line, "%q is given twice", k.Value).WithHint("keep one of them"))
			continue
		}
		seen[k.Value] = true
		if !slices.Contains(memoFields, k.Value) {
			errs = append(errs, diag.Warnf(file, line, "unknown memo field %q", k.Value).
				WithHint("a memo's front matter has %s", strings.Join(memoFields, ", ")))
			continue
		}
		if v.Kind != yaml.ScalarNode {
			errs = append(errs, diag.Errorf(file, line, "%s must be text, not a %s", k.Value, kindName(v)))
			continue
		}
		value := strings.TrimSpace(v.Value)
		if v.Tag == "!!null" {
			value = ""
		}
		if value == "" && (k.Value == "about" || k.Value == "date") {
			errs = append(errs, diag.Errorf(file, line, "%s is empty", k.Value).WithHint("%s", memoFieldHint[k.Value]))
			continue
		}
		switch k.Value {
		case "about":
			m.AboutLine = line
			a, err := ParseAbout(value)
			if err != nil {
				errs = append(errs, diag.Errorf(file, line, "%v", err).WithHint("%s", memoFieldHint["about"]))
				continue
			}
			m.About = a
		case "coder":
			if value != "" && !ValidName(value) {
				errs = append(errs, diag.Errorf(file, line, "coder %q is not a valid coder name", value).
					WithHint("use lowercase letters, digits and '-', e.g. %q", Slug(value)))
				continue
			}
			m.Coder = value
		case "date":
			if _, err := time.Parse(time.DateOnly, value); err != nil {
				errs = append(errs, diag.Errorf(file, line, "date %q is not a date", value).WithHint("%s", memoFieldHint["date"]))
				continue
			}
			m.Date = value
		case "title":
			m.Title = value
		}
	}
	for _, k := range []string{"about", "date"} {
		if !seen[k] {
			errs = append(errs, diag.Errorf(file, 1, "memo has no %s", k).WithHint("add %s to the front matter", memoFieldMissing[k]))
		}
	}
	return errs
}

// MarshalMemo writes m as qda writes memos: front matter with about,
// coder, date and title (when there is one), then the text.
func MarshalMemo(m *Memo) []byte {
	var b bytes.Buffer
	b.WriteString("---\nabout: ")
	b.WriteString(yamlString(m.About.String()))
	if m.Coder != "" {
		b.WriteString("\ncoder: ")
		b.WriteString(yamlString(m.Coder))
	}
	b.WriteString("\ndate: ")
	b.WriteString(m.Date) // YYYY-MM-DD: a plain scalar as it stands
	if m.Title != "" {
		b.WriteString("\ntitle: ")
		b.WriteString(yamlString(memoOneLine(m.Title)))
	}
	b.WriteString("\n---\n")
	b.WriteString(memoText(strings.Split(m.Text, "\n")))
	return b.Bytes()
}

func memoOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// MemoName is the file name qda gives a new memo, before it is made
// unique: the slug of the title (else of the about), the coder and the date.
func MemoName(m *Memo) string {
	slug := Slug(m.Title)
	if slug == "" {
		slug = Slug(m.About.String())
	}
	const maxSlug = 50
	for len(slug) > maxSlug {
		i := strings.LastIndexByte(slug[:maxSlug+1], '-')
		if i <= 0 {
			slug = slug[:maxSlug]
			break
		}
		slug = slug[:i]
	}
	parts := []string{slug}
	if m.Coder != "" {
		parts = append(parts, m.Coder)
	}
	if m.Date != "" {
		parts = append(parts, m.Date)
	}
	return strings.Join(parts, "-")
}

// AddMemo writes m as a new file memos/NAME.md, where NAME is MemoName
// made unique with -2, -3...; it never replaces a file. It sets m.File and
// returns it.
func (s *Study) AddMemo(m *Memo) (string, error) { return s.AddMemoData(m, MarshalMemo(m)) }

// AddMemoData is AddMemo with the file's bytes as a person wrote them in
// an editor; m, parsed from them, gives the name.
func (s *Study) AddMemoData(m *Memo, data []byte) (string, error) {
	if err := checkWriteSize(MemosDir+"/"+MemoName(m)+".md", len(data)); err != nil {
		return "", err
	}
	// Through the study's root: a memos folder that is a link is refused,
	// not written through.
	if err := s.mkdirAll(MemosDir); err != nil {
		return "", err
	}
	if err := s.noLinks(MemosDir); err != nil {
		return "", err
	}
	if err := s.MakeDataDir(); err != nil {
		return "", err
	}
	temp, err := s.stageTemp(stagingDir, "memo.md", data, 0o644)
	if err != nil {
		return "", err
	}
	defer s.removeQuietly(temp)
	r, err := s.fsRoot()
	if err != nil {
		return "", err
	}
	base := MemoName(m)
	for n := 1; ; n++ {
		name := base
		if n > 1 {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		rel := MemosDir + "/" + name + ".md"
		// A hard link fails when rel exists, so nothing is ever replaced.
		err := r.Link(filepath.FromSlash(temp), filepath.FromSlash(rel))
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", s.addMemoByRename(temp, rel, err)
		}
		s.syncDir(MemosDir)
		m.File = rel
		return rel, nil
	}
}

// addMemoByRename is for a file system without hard links: the name is
// checked free, then the temporary file renamed to it.
func (s *Study) addMemoByRename(temp, rel string, linkErr error) error {
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	if _, err := r.Lstat(filepath.FromSlash(rel)); err == nil {
		return fmt.Errorf("%s: %w", rel, linkErr)
	}
	return s.renameInto(temp, rel, nil)
}

// ReplaceMemo writes an edited memo over its file atomically. old is what
// the file held when the edit began: when the file has changed since, it
// is an error and nothing is written.
func (s *Study) ReplaceMemo(file string, old, data []byte) error {
	now, err := s.ReadFile(file)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, old) {
		return fmt.Errorf("%s changed while it was being edited", file)
	}
	return s.WriteStudyFile(file, data)
}

// MemoFiles lists the memo files: the .md files directly in memos/
// (hidden files left out), as paths relative to the study, sorted. The
// folder is listed through the study's root, so a memos/ linked to a
// folder elsewhere is an error wrapping ErrOutside, not an empty list.
func (s *Study) MemoFiles() ([]string, error) {
	entries, err := s.ReadDir(MemosDir)
	if errors.Is(err, ErrOutside) {
		return nil, fmt.Errorf("%s/: %w through a symbolic link; qda reads and writes memos only inside the study: move the memos into the study in place of the link", MemosDir, ErrOutside)
	}
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".md") && !strings.HasPrefix(e.Name(), ".") {
			files = append(files, MemosDir+"/"+e.Name())
		}
	}
	slices.Sort(files)
	return files, nil
}

// FindMemo finds a memo by a path relative to the study (memos/x.md) or
// by its name in memos/, with or without .md, or by the start of one
// name when no other starts that way.
func (s *Study) FindMemo(ref string) (string, error) {
	files, err := s.MemoFiles()
	if err != nil {
		return "", err
	}
	ref = strings.TrimPrefix(filepath.ToSlash(ref), "./")
	name := strings.TrimPrefix(ref, MemosDir+"/")
	if name == "" || name == "." {
		return "", fmt.Errorf("name a memo: a file in %s/ or its name", MemosDir)
	}
	if strings.Contains(name, "/") {
		return "", fmt.Errorf("%s is not a memo: memos are the .md files in %s/", ref, MemosDir)
	}
	var prefixed []string
	for _, f := range files {
		base := strings.TrimPrefix(f, MemosDir+"/")
		if base == name || base == name+".md" {
			return f, nil
		}
		if strings.HasPrefix(base, name) {
			prefixed = append(prefixed, f)
		}
	}
	switch len(prefixed) {
	case 1:
		return prefixed[0], nil
	case 0:
		return "", fmt.Errorf("no memo %q in %s/", ref, MemosDir)
	}
	return "", fmt.Errorf("%q could be %s", ref, strings.Join(prefixed, ", "))
}

// ReadMemo reads and parses one memo file.
func (s *Study) ReadMemo(file string) (*Memo, []byte, diag.List, error) {
	data, err := s.ReadFile(file)
	if err != nil {
		return nil, nil, nil, err
	}
	m, findings := ParseMemo(file, data)
	return m, data, findings, nil
}

// CheckMemo checks what a parsed memo is about against the study: an
// unknown or ambiguous code, transcript or participant is an error, a code
// by a former name a warning. Check calls it after ParseMemo.
func CheckMemo(m *Memo, cb *codebook.Codebook, ix *Index) diag.List {
	line := max(m.AboutLine, 1)
	switch m.About.Kind {
	case AboutCode:
		c, via, err := cb.Resolve(m.About.Target)
		var re *codebook.ResolveError
		if errors.As(err, &re) {
			return diag.List{re.Finding(m.File, line)}
		}
		if err != nil {
			return diag.List{diag.Errorf(m.File, line, "%v", err)}
		}
		if via != codebook.Canonical {
			return diag.List{diag.Warnf(m.File, line, "memo is about code %q by a former name of %q", m.About.Target, c.Path).
				WithHint("write about: code:%s", c.Path)}
		}
	case AboutTranscript:
		if _, ok := ix.Transcripts.Lookup(m.About.Target); !ok {
			return diag.List{diag.Errorf(m.File, line, "memo is about transcript %q, which is not in %s", m.About.Target, TranscriptsFile).
				WithHint("correct the id, or write about: study")}
		}
	case AboutParticipant:
		if _, ok := ix.Participants.Lookup(m.About.Target); !ok {
			return diag.List{diag.Errorf(m.File, line, "memo is about participant %q, which is not in %s", m.About.Target, ParticipantsFile).
				WithHint("correct the id, or write about: study")}
		}
	}
	return nil
}

// MemoQuery chooses memos. Each field that is set must match; values
// within a field are alternatives.
type MemoQuery struct {
	// About, resolved by ResolveAbout: a code takes in memos about its
	// descendants, and segment memos with the code or a descendant; a
	// transcript its segment memos; a participant the memos about their
	// transcripts and the segment memos in them.
	About  []About
	Coders []string
	// Kinds are about kinds, or "segment".
	Kinds []string
	// Segments adds the memos of coded segments from the codings files.
	Segments bool
}

// FindMemos returns the memos that match q: memo files by date, then file
// (undated first), then segment memos in the order of transcripts.csv, by
// line, then coder. Codes are given by their canonical paths, also when a
// memo or a segment names a code by a former name; a code that does not
// resolve is kept as written. A memo or codings file that cannot be read
// is left out and reported in the findings.
func (s *Study) FindMemos(cb *codebook.Codebook, ix *Index, q MemoQuery) ([]*Memo, diag.List, error) {
	res := NewResolver(cb)
	canon := func(ref string) string {
		if c := res.Code(ref); c != nil {
			return c.Path
		}
		return ref
	}
	match := newMemoMatcher(ix, res, q)
	var out []*Memo
	var findings diag.List
	files, err := s.MemoFiles()
	if err != nil {
		return nil, nil, err
	}
	for _, f := range files {
		m, _, fs, err := s.ReadMemo(f)
		if err != nil {
			return nil, findings, err
		}
		findings = append(findings, fs...)
		if m == nil {
			continue
		}
		if m.About.Kind == AboutCode {
			m.About.Target = canon(m.About.Target)
		}
		if match(m) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b *Memo) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.File, b.File))
	})
	if !q.Segments && !slices.Contains(q.Kinds, "segment") {
		return out, findings, nil
	}
	segs, fs, err := s.segmentMemos(ix, canon)
	findings = append(findings, fs...)
	if err != nil {
		return nil, findings, err
	}
	for _, m := range segs {
		if match(m) {
			out = append(out, m)
		}
	}
	return out, findings, nil
}

// MemosAbout returns the memo files about one thing, as FindMemos with
// that about: for a code, the memos about it or its descendants, whatever
// name they use for it. kind and target are as in About; the target is
// resolved as on the command line.
func (s *Study) MemosAbout(cb *codebook.Codebook, ix *Index, kind, target string) ([]*Memo, diag.List, error) {
	ref := kind
	if kind != string(AboutStudy) {
		ref += ":" + target
	}
	a, err := ResolveAbout(ref, cb, ix)
	if err != nil {
		return nil, nil, err
	}
	return s.FindMemos(cb, ix, MemoQuery{About: []About{a}})
}

// segmentMemos reads the memos of coded segments, in transcripts.csv
// order, then line, then coder.
func (s *Study) segmentMemos(ix *Index, canon func(string) string) ([]*Memo, diag.List, error) {
	order := map[string]int{}
	for i, r := range ix.Transcripts.Rows {
		order[r.ID] = i
	}
	var out []*Memo
	var findings diag.List
	for _, coder := range ix.Coders {
		ids, err := s.CodedBy(coder)
		if err != nil {
			return nil, findings, err
		}
		for _, id := range ids {
			file := CodingsFile(coder, id)
			data, err := s.ReadFile(file)
			if err != nil {
				return nil, findings, err
			}
			segs, fs := ParseCodings(file, data)
			findings = append(findings, fs...)
			for _, seg := range segs {
				if seg.Memo == "" {
					continue
				}
				codes := make([]string, len(seg.Codes))
				for i, c := range seg.Codes {
					codes[i] = canon(c)
				}
				slices.Sort(codes)
				out = append(out, &Memo{File: file, Line: seg.Line, About: About{AboutTranscript, id}, Coder: coder,
					Text: memoText(strings.Split(seg.Memo, "\n")), FrontMatter: true, Lines: seg.Lines, Codes: slices.Compact(codes)})
			}
		}
	}
	rank := func(id string) int {
		if i, ok := order[id]; ok {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(out, func(a, b *Memo) int {
		return cmp.Or(cmp.Compare(rank(a.About.Target), rank(b.About.Target)), cmp.Compare(a.About.Target, b.About.Target),
			cmp.Compare(a.Lines.Start, b.Lines.Start), cmp.Compare(a.Lines.End, b.Lines.End), cmp.Compare(a.Coder, b.Coder))
	})
	return out, findings, nil
}

// newMemoMatcher makes q into a test on one memo.
func newMemoMatcher(ix *Index, res *Resolver, q MemoQuery) func(*Memo) bool {
	participantOf := func(id string) string {
		if r, ok := ix.Transcripts.Lookup(id); ok {
			return ix.Transcripts.Get(r, "participant")
		}
		return ""
	}
	within := func(ancestor, ref string) bool {
		a, c := res.Code(ancestor), res.Code(ref)
		if a == nil || c == nil {
			return ancestor == ref
		}
		return a.Contains(c)
	}
	about := func(m *Memo, a About) bool {
		switch a.Kind {
		case AboutStudy:
			return !m.IsSegment() && m.About.Kind == AboutStudy
		case AboutCode:
			if m.IsSegment() {
				return slices.ContainsFunc(m.Codes, func(c string) bool { return within(a.Target, c) })
			}
			return m.About.Kind == AboutCode && within(a.Target, m.About.Target)
		case AboutTranscript:
			return m.About.Kind == AboutTranscript && m.About.Target == a.Target
		case AboutParticipant:
			return m.About == a || m.About.Kind == AboutTranscript && participantOf(m.About.Target) == a.Target
		}
		return false
	}
	return func(m *Memo) bool {
		if m.IsSegment() && !q.Segments && !slices.Contains(q.Kinds, "segment") {
			return false
		}
		if len(q.Coders) > 0 && !slices.Contains(q.Coders, m.Coder) {
			return false
		}
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, m.Kind()) {
			return false
		}
		if len(q.About) > 0 && !slices.ContainsFunc(q.About, func(a About) bool { return about(m, a) }) {
			return false
		}
		return true
	}
}

// Edit buffers. An editor is opened on a memo with qda's notes above it,
// as HTML comments so that a Markdown preview hides them: a line saying
// what to do and, after a failed try, the errors. StripMemoEditNotes takes
// them off again before the memo is read.

const memoEditNotePrefix = "<!-- qda: "

// MemoEditBuffer puts the notes and errors above data. Error lines are counted
// in the buffer, as the person sees it.
func MemoEditBuffer(data []byte, note string, errs diag.List) []byte {
	var notes []string
	if note != "" {
		notes = append(notes, memoEditNotePrefix+memoCommentSafe(note)+" -->")
	}
	shift := len(errs) + len(notes)
	var errLines []string
	for _, f := range errs {
		pos := ""
		if f.Line > 0 {
			pos = fmt.Sprintf("line %d: ", f.Line+shift)
		}
		l := *f
		l.File, l.Line = "", 0
		errLines = append(errLines, "<!-- error: "+pos+memoCommentSafe(l.Error())+" -->")
	}
	var b bytes.Buffer
	for _, l := range append(errLines, notes...) {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.Write(data)
	return b.Bytes()
}

func memoCommentSafe(s string) string { return strings.ReplaceAll(s, "-->", "-- >") }

// StripMemoEditNotes removes qda's note and error comments from the top of an
// edit buffer.
func StripMemoEditNotes(data []byte) []byte {
	for {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		t := strings.TrimSpace(string(line))
		if !(strings.HasPrefix(t, "<!-- error: ") || strings.HasPrefix(t, memoEditNotePrefix)) || !strings.HasSuffix(t, "-->") {
			return data
		}
		data = rest
	}
}

// CanonicalAbout rewrites the about line of memo data to a, leaving every
// other byte as the person wrote it.
func CanonicalAbout(data []byte, m *Memo, a About) []byte {
	if m.AboutLine == 0 || m.About == a {
		return data
	}
	lines := strings.SplitAfter(string(data), "\n")
	i := m.AboutLine - 1
	if i >= len(lines) {
		return data
	}
	end := ""
	if strings.HasSuffix(lines[i], "\r\n") {
		end = "\r\n"
	} else if strings.HasSuffix(lines[i], "\n") {
		end = "\n"
	}
	lines[i] = "about: " + yamlString(a.String()) + end
	return []byte(strings.Join(lines, ""))
}
