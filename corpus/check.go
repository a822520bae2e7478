package corpus

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus/anon"
	"github.com/qdatool/qda/internal/diag"
)

// CheckReport is what Check found, with what it looked at for the summary.
type CheckReport struct {
	Findings     diag.List
	Transcripts  int
	CodingsFiles int
	Segments     int
	Coders       int
}

// Check validates every file of the study and returns its findings sorted
// by file and line. It reads one transcript and its codings at a time, so
// memory does not grow with the study. An error is returned only when the
// study cannot be read at all.
func (s *Study) Check() (*CheckReport, error) {
	rep := &CheckReport{}
	add := func(fs ...*diag.Finding) { rep.Findings = append(rep.Findings, fs...) }

	// First what would make the rest untrustworthy: a change left half
	// done, a journal qda will not carry out, derived data under git.
	add(s.JournalFindings()...)
	if data, err := s.ReadFile(ConfigFile); err == nil {
		_, fs := ParseConfig(ConfigFile, data)
		add(fs...)
	}
	cb, fs := s.Codebook()
	add(fs...)
	noCodebook := cb == nil
	if cb == nil {
		// Without a codebook every code would be reported unknown; the
		// syntax error above is the one thing to fix first.
		cb, _ = codebook.Parse(CodebookFile, []byte("codes: []\n"))
	}
	ix, fs, err := s.LoadIndex()
	add(fs...)
	if err != nil {
		return nil, err
	}
	rep.Coders = len(ix.Coders)
	names, fs := s.IdentifyingNames()
	add(fs...)
	if s.Config.Anonymise.Key != "" {
		if _, err := s.KeyPath(""); err != nil && !errors.Is(err, ErrNoKey) {
			add(diag.Errorf(ConfigFile, s.Config.Anonymise.keyLine, "%v", err))
		}
	}
	c := &checker{s: s, ix: ix, cb: cb, res: NewResolver(cb), scan: anon.New(names), used: map[*codebook.Code]bool{}, add: add}
	c.noCodebook = noCodebook

	files, err := s.transcriptFiles()
	if err != nil {
		return nil, err
	}
	for _, r := range ix.Transcripts.Rows {
		p := ix.Transcripts.Get(r, "participant")
		switch {
		case p == "":
			add(diag.Errorf(TranscriptsFile, r.Line, "transcript %q has no participant", r.ID).
				WithHint("fill in the participant column with an id from %s", ParticipantsFile))
		case !hasRow(ix.Participants, p):
			add(diag.Errorf(TranscriptsFile, r.Line, "participant %q of transcript %q is not in %s", p, r.ID, ParticipantsFile).
				WithHint("add a row for %q to %s, or correct the id", p, ParticipantsFile))
		}
		if !files[r.ID] {
			add(diag.Errorf(TranscriptsFile, r.Line, "%s does not exist", TranscriptFile(r.ID)).
				WithHint("restore the file, or remove the row if the transcript was withdrawn"))
		}
	}
	for _, id := range sortedKeys(files) {
		if _, ok := ix.Transcripts.Lookup(id); !ok {
			add(diag.Errorf(TranscriptFile(id), 0, "transcript is not listed in %s", TranscriptsFile).
				WithHint("add it with 'qda ingest', or add a row with its id and participant"))
		}
		if err := c.transcript(id); err != nil {
			return nil, err
		}
		rep.Transcripts++
	}
	if err := c.orphanCodings(files); err != nil {
		return nil, err
	}
	rep.CodingsFiles, rep.Segments = c.codingsFiles, c.segments
	// A codings file that could not be read may use any code, so "unused"
	// would be a guess then.
	if c.codingsFiles > 0 && !c.unreadable && !c.noCodebook {
		c.unusedCodes()
	}
	if err := c.memos(); err != nil {
		return nil, err
	}
	rep.Findings.Sort()
	return rep, nil
}

type checker struct {
	s            *Study
	ix           *Index
	cb           *codebook.Codebook
	res          *Resolver
	scan         *anon.Scanner
	used         map[*codebook.Code]bool
	add          func(...*diag.Finding)
	codingsFiles int
	segments     int
	unreadable   bool
	// noCodebook is set when codebook.yaml could not be read: then no
	// code is checked, rather than every coding reported unknown.
	noCodebook bool
}

func hasRow(t *Table, id string) bool { _, ok := t.Lookup(id); return ok }

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// transcriptFiles lists the ids of transcripts/*.txt.
func (s *Study) transcriptFiles() (map[string]bool, error) {
	entries, err := readDir(s, TranscriptsDir)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(entries))
	for _, e := range entries {
		// A link, a named pipe or a device is listed so that check
		// reports what it is, rather than call the transcript missing.
		if id, ok := strings.CutSuffix(e.Name(), ".txt"); ok && !e.IsDir() {
			ids[id] = true
		}
	}
	return ids, nil
}

// IdentifierScanner is the scan check runs on transcripts and memos:
// numbers, postcodes, emails, web addresses and the identifying names of
// qda.yaml and .qda/identifiers.txt. A file of names it cannot read is a
// finding, and the scan goes on with the others.
func (s *Study) IdentifierScanner() (*anon.Scanner, diag.List) {
	names, fs := s.IdentifyingNames()
	return anon.New(names), fs
}

// IdentifyingNames reads the names the anonymisation scan looks for: from
// qda.yaml and from .qda/identifiers.txt, which keeps real names out of git.
// qda report scans its own pages with them.
func (s *Study) IdentifyingNames() ([]string, diag.List) {
	names := slices.Clone(s.Config.Anonymise.Names)
	data, err := s.ReadFile(IdentifiersFile)
	if errors.Is(err, fs.ErrNotExist) {
		return names, nil
	}
	if err != nil {
		return names, diag.List{diag.Errorf(IdentifiersFile, 0, "%v", err)}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			names = append(names, line)
		}
	}
	return names, nil
}

// transcript checks transcripts/ID.txt and every coder's codings for it.
func (c *checker) transcript(id string) error {
	file := TranscriptFile(id)
	data, err := c.s.ReadFile(file)
	if err != nil {
		c.add(diag.Errorf(file, 0, "%s", strings.TrimPrefix(err.Error(), file+": ")))
		return nil
	}
	if r, ok := c.ix.Transcripts.Lookup(id); ok {
		want := c.ix.Transcripts.Get(r, "sha256")
		sum := sha256.Sum256(data)
		got := hex.EncodeToString(sum[:])
		if want != "" && !strings.EqualFold(want, got) {
			c.add(diag.Errorf(TranscriptsFile, r.Line, "sha256 of %s does not match: the transcript changed after it was recorded", file).
				WithHint("check its codings still point at the right lines, then set sha256 to %s", got))
		}
	}
	t := ParseTranscript(id, data)
	if t.CRLF {
		c.add(diag.Warnf(file, 1, "line endings are CRLF").WithHint("qda writes LF; re-save the file with LF endings"))
	}
	for i, l := range t.Lines {
		n := i + 1
		if !utf8.ValidString(l.Text) {
			c.add(diag.Errorf(file, n, "line is not valid UTF-8").WithHint("re-save the transcript as UTF-8"))
			continue
		}
		if strings.IndexByte(l.Text, 0) >= 0 {
			c.add(diag.Errorf(file, n, "line holds a NUL byte").WithHint("the file may be binary; re-ingest it from the original"))
			continue
		}
		c.anonymisation(file, n, l.Text)
	}
	for _, coder := range c.ix.Coders {
		if !c.ix.HasCoded(coder, id) {
			continue
		}
		if err := c.codings(coder, id, t); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) anonymisation(file string, line int, text string) {
	for _, m := range c.scan.Line(text) {
		c.add(diag.Errorf(file, line, "possible identifier: %s %q at column %d", m.Kind.Describe(), m.Text, m.Col).
			WithHint("replace it with a redaction marker such as [%s removed]", redactionWord(m.Kind)))
	}
}

func redactionWord(k anon.Kind) string {
	switch k {
	case anon.Email:
		return "email"
	case anon.Phone:
		return "phone number"
	case anon.URL:
		return "web address"
	case anon.Postcode:
		return "postcode"
	case anon.NHSNumber:
		return "NHS number"
	}
	return "name"
}

// codings checks one codings file against its transcript t (nil when the
// transcript does not exist).
func (c *checker) codings(coder, id string, t *Transcript) error {
	file := CodingsFile(coder, id)
	data, err := c.s.ReadFile(file)
	if err != nil {
		c.unreadable = c.unreadable || c.found(err)
		return c.unlessFound(err)
	}
	c.codingsFiles++
	doc, fs := ParseCodingsDoc(file, data)
	segs := doc.Segments
	c.add(fs...)
	c.unreadable = c.unreadable || fs.HasErrors()
	if doc.Empty {
		c.add(diag.Warnf(file, 0, "says neither what %s coded nor that nothing applies; agreement counts %s as coded by %s with nothing in it", coder, id, coder).
			WithHint("if %s read it and nothing applies, run 'qda code %s --none --coder %s'; if not, delete the file", coder, id, coder))
	}
	if doc.NoneMemo != "" {
		c.anonymisation(file, 0, doc.NoneMemo)
	}
	for i := range segs {
		c.segments++
		c.segment(file, t, &segs[i])
		if segs[i].Memo != "" {
			c.anonymisation(file, segs[i].Line, segs[i].Memo)
		}
	}
	return nil
}

func (c *checker) segment(file string, t *Transcript, s *Segment) {
	for i, ref := range s.Codes {
		if c.noCodebook {
			break // the codebook's own error is the one finding: one cause, one finding
		}
		line := s.Line
		if i < len(s.CodeLines) {
			line = s.CodeLines[i]
		}
		code, via, err := c.cb.Resolve(ref)
		if err != nil {
			var re *codebook.ResolveError
			if errors.As(err, &re) {
				c.add(re.Finding(file, line))
			} else {
				c.add(diag.Errorf(file, line, "%v", err))
			}
			continue
		}
		for a := code; a != nil; a = a.Parent {
			c.used[a] = true
		}
		if code.NotCodable {
			c.add(diag.Warnf(file, line, "code %q is a category (codable: false in %s): code its children, not it", code.Path, CodebookFile).
				WithHint("recode the passage with one of its children, or set codable: true if it is a code after all"))
		}
		if via != codebook.Canonical {
			c.add(diag.Warnf(file, line, "code %q is a former name of %q", ref, code.Path).
				WithHint("write %q; qda writes canonical paths", code.Path))
		}
	}
	if t == nil {
		return
	}
	r := s.Lines
	if r.End > t.Len() {
		c.add(diag.Errorf(file, s.Line, "lines %s are outside %s, which has %d lines", r, TranscriptFile(t.ID), t.Len()).
			WithHint("correct the range; 'qda show %s' shows the line numbers", t.ID))
		return
	}
	if t.Line(r.Start).Blank || t.Line(r.End).Blank {
		c.add(diag.Warnf(file, s.Line, "lines %s start or end on a blank line", r).
			WithHint("blank lines are never coded; trim the range to the text"))
	}
	c.drift(file, t, s)
}

// drift reports a segment whose quote is no longer at the start of its
// first line, and where the quoted text now is.
func (c *checker) drift(file string, t *Transcript, s *Segment) {
	q := strings.TrimSpace(s.Quote)
	if q == "" {
		return
	}
	if t.StartsWith(s.Lines.Start, q) {
		return
	}
	f := diag.Errorf(file, s.Line, "quote %q is no longer at the start of line %d of %s", q, s.Lines.Start, TranscriptFile(t.ID))
	switch at := t.FindQuote(q); len(at) {
	case 0:
		f.WithHint("the quoted text is not in the transcript any more; recode the passage")
	case 1:
		moved := Range{at[0], at[0] + s.Lines.Len() - 1}
		f.Msg += fmt.Sprintf("; it is now at line %d", at[0])
		f.WithHint("change lines to %s if the passage only moved", moved)
	default:
		f.Msg += fmt.Sprintf("; it starts lines %s", joinInts(at))
		f.WithHint("change lines to the passage's new place")
	}
	c.add(f)
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}

// orphanCodings reports codings files for transcripts that do not exist,
// and checks their codes all the same.
func (c *checker) orphanCodings(files map[string]bool) error {
	entries, err := readDir(c.s, CodingsDir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Type()&fs.ModeSymlink != 0 {
			// Coders lists only folders, so a coder's folder that is a link
			// would be left out of every count without a word.
			c.add(diag.Errorf(CodingsDir+"/"+e.Name(), 0, "a symbolic link: qda does not read codings through a link, so these are left out").
				WithHint("replace the link with the folder itself"))
			continue
		}
		if !e.IsDir() {
			continue
		}
		if !ValidName(e.Name()) {
			c.add(diag.Errorf(CodingsDir+"/"+e.Name(), 0, "%q is not a valid coder name", e.Name()).
				WithHint("rename the folder to %q", Slug(e.Name())))
			continue
		}
		coder := e.Name()
		ids, err := c.s.CodedBy(coder)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if files[id] {
				continue
			}
			c.add(diag.Errorf(CodingsFile(coder, id), 0, "codings for unknown transcript %q", id).
				WithHint("restore %s, or delete this file if the transcript was withdrawn", TranscriptFile(id)))
			if err := c.codings(coder, id, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// unusedCodes warns about codes that no coding uses, nor any descendant.
func (c *checker) unusedCodes() {
	c.cb.Walk(func(code *codebook.Code) bool {
		if !c.used[code] {
			c.add(diag.Warnf(CodebookFile, code.Line, "code %q is not used by any coding", code.Path).
				WithHint("delete it if the framework no longer needs it"))
			return false
		}
		return true
	})
}

// memos scans memos/*.md and .txt for identifiers too: memos quote people.
// So do the framework summaries in memos/summaries/*.yaml.
func (c *checker) memos() error {
	// Through the study's root: memos/ linked to a folder elsewhere is a
	// finding, not read.
	summaries, err := c.s.ReadDir(MemosDir + "/summaries")
	if errors.Is(err, ErrOutside) {
		c.add(diag.Errorf(MemosDir, 0, "%v through a symbolic link: qda reads memos only inside the study, so they were not checked", ErrOutside).
			WithHint("move the memos into the study in place of the link"))
		return nil
	}
	if err != nil {
		return c.unlessFound(err)
	}
	for _, e := range summaries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		file := MemosDir + "/summaries/" + e.Name()
		data, err := c.s.ReadFile(file)
		if err != nil {
			if err = c.unlessFound(err); err != nil {
				return err
			}
			continue
		}
		for i, line := range strings.Split(string(data), "\n") {
			c.anonymisation(file, i+1, line)
		}
	}
	entries, err := c.s.ReadDir(MemosDir)
	if err != nil {
		return c.unlessFound(err)
	}
	for _, e := range entries {
		// A named pipe or a device named as a memo is read, to be
		// reported: not a plain file.
		if e.IsDir() || e.Type()&fs.ModeSymlink != 0 || !(strings.HasSuffix(e.Name(), ".md") || strings.HasSuffix(e.Name(), ".txt")) {
			continue
		}
		file := MemosDir + "/" + e.Name()
		data, err := c.s.ReadFile(file)
		if err != nil {
			if err = c.unlessFound(err); err != nil {
				return err
			}
			continue
		}
		for i, line := range strings.Split(string(data), "\n") {
			c.anonymisation(file, i+1, line)
		}
		if strings.HasSuffix(file, ".md") {
			m, fs := ParseMemo(file, data)
			c.add(fs...)
			if m != nil {
				c.add(CheckMemo(m, c.cb, c.ix)...)
			}
		}
	}
	return nil
}

// found adds err to the findings when it is one about a file (one not
// plain, or too large to read), and reports whether it was: check lists
// such a file and goes on, where other commands stop at it.
func (c *checker) found(err error) bool {
	var f *diag.Finding
	if errors.As(err, &f) && f.File != "" {
		c.add(f)
		return true
	}
	return false
}

// unlessFound is err, or nil when found took it as a finding.
func (c *checker) unlessFound(err error) error {
	if c.found(err) {
		return nil
	}
	return err
}
