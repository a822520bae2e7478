package assistant

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// maxText bounds one line's or one field's text in a result: a transcript
// line of megabytes (a file without line breaks) must not fill a model's
// context in one call.
const maxText = 4000

func clip(s string) string {
	if len(s) <= maxText {
		return s
	}
	cut := maxText
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf(" [… %d more bytes]", len(s)-cut)
}

// OverviewInput takes nothing.
type OverviewInput struct{}

// Overview is what a model needs first: what the study is, its size, its
// coders and attributes, and who it writes as.
type Overview struct {
	Title                 string                `json:"title"`
	Description           string                `json:"description,omitempty"`
	Transcripts           int                   `json:"transcripts"`
	Participants          int                   `json:"participants"`
	Codes                 int                   `json:"codes"`
	Themes                []string              `json:"themes" jsonschema:"the top-level codes"`
	Coders                []corpus.CoderSummary `json:"coders"`
	TranscriptAttributes  []string              `json:"transcript_attributes"`
	ParticipantAttributes []string              `json:"participant_attributes"`
	WritesAs              string                `json:"writes_as" jsonschema:"the machine coder proposals are written as"`
	Guide                 string                `json:"guide"`
}

// Overview describes the study.
func (a *Assistant) Overview(OverviewInput) (*Overview, error) {
	v, err := a.open()
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	coders, err := v.st.CoderSummaries(v.ix)
	if err != nil {
		return nil, err
	}
	o := &Overview{
		Title: v.st.Config.Title, Description: v.st.Config.Description,
		Transcripts: len(v.ix.Transcripts.Rows), Participants: len(v.ix.Participants.Rows),
		Codes: len(v.cb.All()), Themes: []string{}, Coders: coders,
		TranscriptAttributes: v.ix.TranscriptAttributes(), ParticipantAttributes: participantAttrs(v.ix),
		WritesAs: a.Coder,
		Guide: "Read the codebook (codebook), list transcripts (transcripts), read one (transcript_lines), find passages (search, excerpts). " +
			"Propose with propose_coding, propose_code and propose_memo: proposals are written as " + a.Coder + " and a person accepts or rejects them with 'qda review'.",
	}
	for _, c := range v.cb.AtDepth(1) {
		o.Themes = append(o.Themes, c.Path)
	}
	if o.TranscriptAttributes == nil {
		o.TranscriptAttributes = []string{}
	}
	return o, nil
}

func participantAttrs(ix *corpus.Index) []string {
	out := []string{}
	for _, h := range ix.Participants.Header[min(1, len(ix.Participants.Header)):] {
		out = append(out, h)
	}
	return out
}

// CodebookInput asks for the tree or one code.
type CodebookInput struct {
	Code   string `json:"code,omitempty" jsonschema:"a code path (or alias) to read in full; empty for the tree"`
	Depth  int    `json:"depth,omitempty" jsonschema:"list codes down to this depth (1: themes); 0 for all"`
	Offset int    `json:"offset,omitempty"`
	Limit  int    `json:"limit,omitempty"`
}

// CodeInfo is one code: its definition as the codebook gives it.
type CodeInfo struct {
	Path        string   `json:"path"`
	Label       string   `json:"label,omitempty"`
	Description string   `json:"description,omitempty"`
	Include     string   `json:"include,omitempty"`
	Exclude     string   `json:"exclude,omitempty"`
	Examples    []string `json:"examples,omitempty"`
	Aliases     []string `json:"aliases,omitempty"`
	Children    []string `json:"children,omitempty"`
	Depth       int      `json:"depth"`
	Codable     bool     `json:"codable" jsonschema:"false for a category that only groups its children"`
}

// CodebookResult is the codebook's tree (a page of it) or one code.
type CodebookResult struct {
	Title    string     `json:"title,omitempty"`
	Codes    []CodeInfo `json:"codes"`
	Page     Page       `json:"page"`
	Withheld int        `json:"withheld,omitempty" jsonschema:"lines withheld because the identifier scan found something in them"`
}

// codeInfo is a code as the tools return it, its texts through the
// identifier scan as every line of the study's is: a codebook's examples
// often quote the interviews.
func (v *view) codeInfo(c *codebook.Code, full bool, withheld *int) CodeInfo {
	ci := CodeInfo{Path: c.Path, Label: c.Label, Depth: c.Depth(), Codable: !c.NotCodable}
	ci.Description = clip(v.block(c.Description, withheld))
	ci.Include, ci.Exclude = clip(v.block(c.Include, withheld)), clip(v.block(c.Exclude, withheld))
	if full {
		ci.Aliases = c.Aliases
		for _, e := range c.Examples {
			ci.Examples = append(ci.Examples, v.block(e, withheld))
		}
		for _, k := range c.Children {
			ci.Children = append(ci.Children, k.Path)
		}
	}
	return ci
}

// block is v.text for a text of several lines, each scanned on its own.
func (v *view) block(s string, withheld *int) string {
	if s == "" || v.ids == nil {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = v.text(l, withheld)
	}
	return strings.Join(lines, "\n")
}

// Codebook lists the codes with their definitions, or one code in full.
func (a *Assistant) Codebook(in CodebookInput) (*CodebookResult, error) {
	v, err := a.open()
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	out := &CodebookResult{Title: v.cb.Title}
	if in.Code != "" {
		c, err := v.code(in.Code)
		if err != nil {
			return nil, err
		}
		out.Codes = []CodeInfo{v.codeInfo(c, true, &out.Withheld)}
		out.Page = Page{Total: 1, Returned: 1}
		return out, nil
	}
	var all []*codebook.Code
	for _, c := range v.cb.All() {
		if in.Depth == 0 || c.Depth() <= in.Depth {
			all = append(all, c)
		}
	}
	page, p, err := paged(all, in.Offset, in.Limit)
	out.Codes, out.Page = []CodeInfo{}, p
	for _, c := range page {
		out.Codes = append(out.Codes, v.codeInfo(c, false, &out.Withheld))
	}
	return out, err
}

// ListInput filters and pages transcripts or participants.
type ListInput struct {
	Where  []string `json:"where,omitempty" jsonschema:"filters written attribute=value, as qda's --where (e.g. gender=female); repeated keys are alternatives"`
	Offset int      `json:"offset,omitempty"`
	Limit  int      `json:"limit,omitempty"`
}

// TranscriptsResult is a page of transcripts.
type TranscriptsResult struct {
	Transcripts []corpus.TranscriptSummary `json:"transcripts"`
	Page        Page                       `json:"page"`
}

// Transcripts lists the transcripts matching where, as 'qda transcripts'.
func (a *Assistant) Transcripts(in ListInput) (*TranscriptsResult, error) {
	v, scan, err := a.openScan(in.Where, nil)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	rows, err := v.st.Transcripts(v.ix, scan.Filters)
	if err != nil {
		return nil, err
	}
	out := &TranscriptsResult{}
	out.Transcripts, out.Page, err = paged(rows, in.Offset, in.Limit)
	return out, err
}

// Participant is one row of participants.csv with its transcripts.
type Participant = corpus.ParticipantSummary

// ParticipantsResult is a page of participants.
type ParticipantsResult struct {
	Participants []Participant `json:"participants"`
	Page         Page          `json:"page"`
}

// Participants lists the participants with their attributes; where
// filters on them (and on transcript attributes: a participant is kept
// when any of their transcripts matches).
func (a *Assistant) Participants(in ListInput) (*ParticipantsResult, error) {
	v, scan, err := a.openScan(in.Where, nil)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	rows := v.ix.ParticipantList(scan.Filters)
	out := &ParticipantsResult{}
	out.Participants, out.Page, err = paged(rows, in.Offset, in.Limit)
	return out, err
}

// LinesInput asks for lines of a transcript.
type LinesInput struct {
	Transcript string   `json:"transcript" jsonschema:"the transcript id"`
	From       int      `json:"from,omitempty" jsonschema:"first line (1 when 0)"`
	To         int      `json:"to,omitempty" jsonschema:"last line (at most 300 lines a call; the end when 0)"`
	Coders     []string `json:"coders,omitempty" jsonschema:"whose codes to show; all when empty"`
}

// Line is one line of a transcript with the codes on it.
type Line struct {
	N       int               `json:"n"`
	Speaker string            `json:"speaker,omitempty"`
	Text    string            `json:"text"`
	Codes   []corpus.LineCode `json:"codes,omitempty"`
}

// LinesResult is a run of a transcript's lines.
type LinesResult struct {
	Transcript  string `json:"transcript"`
	Participant string `json:"participant"`
	File        string `json:"file"`
	Lines       []Line `json:"lines"`
	Total       int    `json:"total_lines"`
	Next        int    `json:"next_from,omitempty" jsonschema:"give as from to read on; absent at the end"`
	Withheld    int    `json:"withheld,omitempty" jsonschema:"lines withheld because the identifier scan found something in them"`
}

const maxLines = 300

// TranscriptLines returns lines of a transcript, numbered as the file
// (and propose_coding) numbers them, with the chosen coders' codes.
func (a *Assistant) TranscriptLines(in LinesInput) (*LinesResult, error) {
	v, t, err := a.openTranscript(in.Transcript)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	scan, err := v.scan(nil, in.Coders)
	if err != nil {
		return nil, err
	}
	from, to := max(in.From, 1), in.To
	if to == 0 || to > t.Len() {
		to = t.Len()
	}
	if in.From < 0 || in.To < 0 || (from > t.Len() && t.Len() > 0) || from > to && t.Len() > 0 {
		return nil, fmt.Errorf("lines %d-%d are outside %s, which has %d lines", in.From, in.To, corpus.TranscriptFile(t.ID), t.Len())
	}
	to = min(to, from+maxLines-1)
	codings, err := v.st.CodingsOf(v.ix, t.ID, scan.Coders)
	if err != nil {
		return nil, err
	}
	lcs := corpus.LineCodes(t, codings, corpus.NewResolver(v.cb))
	row, _ := v.ix.Transcripts.Lookup(t.ID)
	out := &LinesResult{Transcript: t.ID, Participant: v.ix.Transcripts.Get(row, "participant"), File: corpus.TranscriptFile(t.ID), Lines: []Line{}, Total: t.Len()}
	for n := from; n <= to; n++ {
		l := t.Line(n)
		if l.Blank {
			continue
		}
		out.Lines = append(out.Lines, Line{N: n, Speaker: l.Speaker, Text: v.text(l.Text, &out.Withheld), Codes: lcs[n-1]})
	}
	if to < t.Len() {
		out.Next = to + 1
	}
	return out, nil
}

// ExcerptsInput asks for the passages of a code.
type ExcerptsInput struct {
	Code    string   `json:"code" jsonschema:"the code path (its descendants are included)"`
	Where   []string `json:"where,omitempty" jsonschema:"filters written attribute=value, as qda's --where"`
	Coders  []string `json:"coders,omitempty" jsonschema:"whose codings count; all when empty"`
	Context int      `json:"context,omitempty" jsonschema:"lines of context each side (at most 5)"`
	Offset  int      `json:"offset,omitempty"`
	Limit   int      `json:"limit,omitempty"`
}

// Excerpt is one passage coded with a code.
type Excerpt struct {
	Transcript  string   `json:"transcript"`
	Participant string   `json:"participant"`
	Lines       string   `json:"lines"`
	Codes       []string `json:"codes"`
	Coders      []string `json:"coders"`
	Text        []Line   `json:"text"`
}

// ExcerptsResult is a page of a code's excerpts.
type ExcerptsResult struct {
	Code     string    `json:"code"`
	Excerpts []Excerpt `json:"excerpts"`
	Page     Page      `json:"page"`
	Withheld int       `json:"withheld,omitempty" jsonschema:"lines withheld because the identifier scan found something in them"`
}

// maxExcerptLines bounds the text of one excerpt.
const maxExcerptLines = 40

// Excerpts lists the passages coded with a code, as 'qda excerpts'. It
// streams the study and keeps only the page asked for.
func (a *Assistant) Excerpts(in ExcerptsInput) (*ExcerptsResult, error) {
	v, err := a.open()
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	code, err := v.code(in.Code)
	if err != nil {
		return nil, err
	}
	scan, err := v.scan(in.Where, in.Coders)
	if err != nil {
		return nil, err
	}
	if in.Context < 0 || in.Context > 5 {
		return nil, fmt.Errorf("context must be 0 to 5 lines")
	}
	from, to, _, err := pageBounds(1<<62, in.Offset, in.Limit)
	if err != nil {
		return nil, err
	}
	out := &ExcerptsResult{Code: code.Path, Excerpts: []Excerpt{}}
	n := 0
	err = v.st.Excerpts(v.ix, v.cb, code, scan, in.Context, func(ex *corpus.Excerpt) error {
		defer func() { n++ }()
		if n < from || n >= to {
			return nil
		}
		text := excerptLines(ex.T, ex.Context, func(s string) string { return v.text(s, &out.Withheld) })
		out.Excerpts = append(out.Excerpts, Excerpt{Transcript: ex.Transcript, Participant: ex.Participant, Lines: ex.Lines.String(),
			Codes: ex.Codes, Coders: ex.Coders, Text: text})
		return nil
	})
	if err != nil {
		return nil, err
	}
	out.Page = Page{Total: n, Offset: in.Offset, Returned: len(out.Excerpts)}
	if to < n {
		out.Page.NextOffset = to
	}
	return out, nil
}

// excerptLines are the lines of r in t with text, at most
// maxExcerptLines of them from r's start, each line's text as text gives it.
func excerptLines(t *corpus.Transcript, r corpus.Range, text func(string) string) []Line {
	out := []Line{}
	for n := r.Start; n <= min(r.End, t.Len(), r.Start+maxExcerptLines-1); n++ {
		if l := t.Line(n); !l.Blank {
			out = append(out, Line{N: n, Speaker: l.Speaker, Text: text(l.Text)})
		}
	}
	return out
}

// MemosInput filters memos.
type MemosInput struct {
	About    []string `json:"about,omitempty" jsonschema:"study, code:PATH, transcript:ID or participant:ID"`
	Coders   []string `json:"coders,omitempty" jsonschema:"memos by these coders"`
	Segments bool     `json:"segments,omitempty" jsonschema:"include the memos of coded segments"`
	Offset   int      `json:"offset,omitempty"`
	Limit    int      `json:"limit,omitempty"`
}

// MemoInfo is one memo.
type MemoInfo struct {
	File  string   `json:"file,omitempty"`
	About string   `json:"about"`
	Coder string   `json:"coder,omitempty"`
	Date  string   `json:"date,omitempty"`
	Title string   `json:"title,omitempty"`
	Lines string   `json:"lines,omitempty"`
	Codes []string `json:"codes,omitempty"`
	Text  string   `json:"text"`
}

// MemosResult is a page of memos.
type MemosResult struct {
	Memos    []MemoInfo `json:"memos"`
	Page     Page       `json:"page"`
	Withheld int        `json:"withheld,omitempty" jsonschema:"memos withheld because the identifier scan found something in them"`
}

// Memos lists memos as 'qda memo list'.
func (a *Assistant) Memos(in MemosInput) (*MemosResult, error) {
	v, err := a.open()
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	q := corpus.MemoQuery{Coders: in.Coders, Segments: in.Segments}
	for _, ref := range in.About {
		ab, err := corpus.ResolveAbout(ref, v.cb, v.ix)
		if err != nil {
			return nil, fmt.Errorf("about %q: %w (write %s)", ref, err, corpus.AboutForms)
		}
		q.About = append(q.About, ab)
	}
	memos, _, err := v.st.FindMemos(v.cb, v.ix, q)
	if err != nil {
		return nil, err
	}
	var all []MemoInfo
	withheld := 0
	for _, m := range memos {
		mi := MemoInfo{File: m.File, About: m.About.String(), Coder: m.Coder, Date: m.Date, Title: m.Title, Codes: m.Codes, Text: memoText(v, m.Text, &withheld)}
		if m.IsSegment() {
			mi.Lines = m.Lines.String()
		}
		all = append(all, mi)
	}
	out := &MemosResult{Withheld: withheld}
	out.Memos, out.Page, err = paged(all, in.Offset, in.Limit)
	return out, err
}

// memoText is a memo's text, withheld whole when a line of it holds a
// possible identifier.
func memoText(v *view, text string, withheld *int) string {
	for _, l := range strings.Split(text, "\n") {
		n := 0
		if w := v.text(l, &n); n > 0 {
			*withheld++
			return w
		}
	}
	return clip(text)
}
