package assistant

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// maxRationale bounds a proposal's rationale: a memo, not a document.
const maxRationale = 4000

// ProposeCodingInput is a coding proposed for lines of a transcript.
type ProposeCodingInput struct {
	Transcript string   `json:"transcript" jsonschema:"the transcript id"`
	Lines      string   `json:"lines" jsonschema:"N or A-B, numbered as transcript_lines numbers them"`
	Codes      []string `json:"codes" jsonschema:"code paths from the codebook"`
	Rationale  string   `json:"rationale" jsonschema:"why these codes apply here, against their definitions and inclusion/exclusion rules"`
	Model      string   `json:"model,omitempty" jsonschema:"the model's name, recorded with the proposal"`
}

// ProposeCodingResult says what was written.
type ProposeCodingResult struct {
	File    string   `json:"file"`
	Coder   string   `json:"coder"`
	Lines   string   `json:"lines"`
	Codes   []string `json:"codes"`
	Changed bool     `json:"changed" jsonschema:"false when the coder had already proposed these codes on these lines"`
	Note    string   `json:"note"`
}

// proposalMemo is a segment's memo: the rationale, then the model.
func (a *Assistant) proposalMemo(rationale, model string) (string, error) {
	rationale = strings.TrimSpace(rationale)
	if rationale == "" {
		return "", fmt.Errorf("a proposal needs a rationale: why the codes apply, against their definitions")
	}
	if len(rationale) > maxRationale {
		return "", fmt.Errorf("the rationale is %d bytes; keep it under %d", len(rationale), maxRationale)
	}
	if model = strings.TrimSpace(model); model == "" {
		model = a.Model
	}
	if model == "" {
		model = "unknown"
	}
	return rationale + "\n(model: " + oneLine(model) + ")", nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// writable opens the study to write as the assistant's coder, holding
// the study's writer lock until done.
func (a *Assistant) writable() (*view, error) {
	a.mu.Lock()
	v, err := a.openWrite()
	if err != nil {
		a.mu.Unlock()
		return nil, err
	}
	if k, ok := v.st.Config.Coder(a.Coder); ok && !k.Machine {
		a.done(v)
		return nil, fmt.Errorf("coder %q is declared in %s as a person: the assistant writes only as a machine coder", a.Coder, corpus.ConfigFile)
	}
	return v, nil
}

// ProposeCoding adds a segment to the assistant's own codings file,
// codings/CODER/ID.yaml, with the rationale and model as its memo. It
// validates as 'qda code' does (transcript id, line range, code paths)
// and writes nothing when any is wrong.
func (a *Assistant) ProposeCoding(in ProposeCodingInput) (*ProposeCodingResult, error) {
	memo, err := a.proposalMemo(in.Rationale, in.Model)
	if err != nil {
		return nil, err
	}
	if len(in.Codes) == 0 {
		return nil, fmt.Errorf("give one code or more (the codebook tool lists them)")
	}
	v, err := a.writable()
	if err != nil {
		return nil, err
	}
	defer a.done(v)
	t, err := v.transcript(in.Transcript)
	if err != nil {
		return nil, err
	}
	r, err := corpus.ParseRange(in.Lines)
	if err != nil {
		return nil, err
	}
	if r.End > t.Len() {
		return nil, fmt.Errorf("lines %s are outside %s, which has %d lines", r, corpus.TranscriptFile(t.ID), t.Len())
	}
	if r, err = trim(t, r); err != nil {
		return nil, err
	}
	codes, err := v.codes(in.Codes)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, c := range codes {
		if c.NotCodable {
			return nil, fmt.Errorf("%s is a category that groups its children and is not coded itself: propose one of %s", c.Path, childList(c))
		}
		if !slices.Contains(paths, c.Path) {
			paths = append(paths, c.Path)
		}
	}
	cs, err := v.st.ReadCodings(a.Coder, t.ID)
	if err != nil {
		return nil, err
	}
	if cs == nil || cs.None {
		cs = &corpus.Codings{Coder: a.Coder, Transcript: t.ID, File: corpus.CodingsFile(a.Coder, t.ID)}
	}
	segs, changed := corpus.AddCoding(cs.Segments, t, r, paths, memo, corpus.NewResolver(v.cb).Canon)
	out := &ProposeCodingResult{File: cs.File, Coder: a.Coder, Lines: r.String(), Codes: paths, Changed: changed}
	if !changed {
		out.Note = "already proposed; nothing changed"
		return out, nil
	}
	cs.Segments = segs
	if err := a.declare(v); err != nil {
		return nil, err
	}
	if err := v.st.WriteCodings(cs); err != nil {
		return nil, err
	}
	out.Note = "proposed as " + a.Coder + "; a person accepts or rejects it with 'qda review'"
	return out, nil
}

// declare declares the assistant's coder in qda.yaml as a machine coder
// when the study does not yet: called once a proposal is checked, just
// before it is written, so a refused proposal changes nothing.
func (a *Assistant) declare(v *view) error {
	if _, ok := v.st.Config.Coder(a.Coder); ok {
		return nil
	}
	data, err := v.st.ReadFile(corpus.ConfigFile)
	if err == nil {
		data, err = corpus.AddCoderText(corpus.ConfigFile, data, corpus.Coder{ID: a.Coder, Name: "AI assistant (proposals)", Machine: true})
	}
	if err == nil {
		err = v.st.WriteStudyFile(corpus.ConfigFile, data)
	}
	if err != nil {
		return fmt.Errorf("declaring %s as a machine coder: %w", a.Coder, err)
	}
	return nil
}

// done closes a study opened by writable.
func (a *Assistant) done(v *view) {
	v.st.Close()
	a.mu.Unlock()
}

func trim(t *corpus.Transcript, r corpus.Range) (corpus.Range, error) {
	tr, ok := t.TrimBlank(r)
	if !ok {
		return r, fmt.Errorf("lines %s of %s are blank: give lines with text", r, corpus.TranscriptFile(t.ID))
	}
	return tr, nil
}

func childList(c *codebook.Code) string {
	var names []string
	for _, k := range c.Children {
		names = append(names, k.Path)
	}
	return strings.Join(names, ", ")
}

// ProposeCodeInput is a new code proposed for the codebook.
type ProposeCodeInput struct {
	Parent      string   `json:"parent,omitempty" jsonschema:"the parent code's path; empty for a new theme"`
	Name        string   `json:"name" jsonschema:"a slug: lowercase letters, digits and '-'"`
	Label       string   `json:"label,omitempty"`
	Description string   `json:"description" jsonschema:"what the code means"`
	Include     string   `json:"include,omitempty" jsonschema:"when to apply it"`
	Exclude     string   `json:"exclude,omitempty" jsonschema:"when not to, and what to use instead"`
	Examples    []string `json:"examples,omitempty" jsonschema:"example quotes from the transcripts"`
	Rationale   string   `json:"rationale" jsonschema:"why the codebook needs it"`
	Model       string   `json:"model,omitempty"`
}

// ProposeCodeResult says where the proposal is kept.
type ProposeCodeResult struct {
	File string `json:"file"`
	Path string `json:"path"`
	Note string `json:"note"`
}

// ProposeCode records a new code in proposals/CODER/codes.yaml, checked
// as 'qda codebook add' would add it, without touching codebook.yaml: a
// person adds it with 'qda review'.
func (a *Assistant) ProposeCode(in ProposeCodeInput) (*ProposeCodeResult, error) {
	if strings.TrimSpace(in.Rationale) == "" || len(in.Rationale) > maxRationale {
		return nil, fmt.Errorf("a proposed code needs a rationale of at most %d bytes", maxRationale)
	}
	if strings.TrimSpace(in.Description) == "" {
		return nil, fmt.Errorf("a proposed code needs a description")
	}
	if len(in.Examples) > 20 {
		return nil, fmt.Errorf("give at most 20 examples")
	}
	v, err := a.writable()
	if err != nil {
		return nil, err
	}
	defer a.done(v)
	p := ProposedCode{Label: oneLine(in.Label), Description: clip(in.Description), Include: clip(in.Include), Exclude: clip(in.Exclude),
		Examples: in.Examples, Rationale: clip(in.Rationale), Model: oneLine(in.Model), Date: a.now().Format("2006-01-02")}
	if p.Model == "" {
		p.Model = a.Model
	}
	p.Path = in.Name
	if in.Parent != "" {
		parent, err := v.code(in.Parent)
		if err != nil {
			return nil, err
		}
		p.Path = parent.Path + "/" + in.Name
	}
	// The same check as accepting it will make, so a proposal that could
	// never be added is refused now.
	src, err := v.st.ReadFile(corpus.CodebookFile)
	if err != nil {
		return nil, err
	}
	if _, err := codebook.Add(v.cb, src, p.Path, p.fields()); err != nil {
		return nil, err
	}
	file := corpus.ProposedCodesFile(a.Coder)
	codes, err := ReadProposedCodes(v.st, a.Coder)
	if err != nil {
		return nil, err
	}
	if slices.ContainsFunc(codes, func(c ProposedCode) bool { return c.Path == p.Path }) {
		return nil, fmt.Errorf("%s is already proposed in %s", p.Path, file)
	}
	if err := a.declare(v); err != nil {
		return nil, err
	}
	if err := writeList(v.st, file, proposedCodesHeader, append(codes, p)); err != nil {
		return nil, err
	}
	return &ProposeCodeResult{File: file, Path: p.Path, Note: "kept as a proposal; it joins codebook.yaml when a person accepts it with 'qda review'"}, nil
}

// fields are the codebook fields of a proposed code.
func (p ProposedCode) fields() codebook.Fields {
	var f codebook.Fields
	set := func(dst **string, s string) {
		if s != "" {
			*dst = &s
		}
	}
	set(&f.Label, p.Label)
	set(&f.Description, p.Description)
	set(&f.Include, p.Include)
	set(&f.Exclude, p.Exclude)
	if len(p.Examples) > 0 {
		ex := slices.Clone(p.Examples)
		f.Examples = &ex
	}
	return f
}

// ProposeMemoInput is a memo proposed about the study, a code, a
// transcript or a participant.
type ProposeMemoInput struct {
	About string `json:"about" jsonschema:"study, code:PATH, transcript:ID or participant:ID"`
	Title string `json:"title"`
	Text  string `json:"text" jsonschema:"Markdown"`
	Model string `json:"model,omitempty"`
}

// ProposeMemoResult names the memo written.
type ProposeMemoResult struct {
	File string `json:"file"`
}

const maxMemo = 64 << 10

// ProposeMemo writes a new memo by the assistant's coder: a new file
// under memos/, never replacing one.
func (a *Assistant) ProposeMemo(in ProposeMemoInput) (*ProposeMemoResult, error) {
	if strings.TrimSpace(in.Text) == "" || len(in.Text) > maxMemo {
		return nil, fmt.Errorf("a memo needs text of at most %d bytes", maxMemo)
	}
	v, err := a.writable()
	if err != nil {
		return nil, err
	}
	defer a.done(v)
	about, err := corpus.ResolveAbout(in.About, v.cb, v.ix)
	if err != nil {
		return nil, fmt.Errorf("about %q: %w (write %s)", in.About, err, corpus.AboutForms)
	}
	model := oneLine(in.Model)
	if model == "" {
		model = a.Model
	}
	text := strings.TrimSpace(in.Text) + "\n"
	if model != "" {
		text += "\n(model: " + model + ")\n"
	}
	m := &corpus.Memo{About: about, Coder: a.Coder, Date: a.now().Format("2006-01-02"), Title: oneLine(in.Title), Text: text, FrontMatter: true}
	if fs := corpus.CheckMemo(m, v.cb, v.ix); fs.Err() != nil {
		return nil, fs.Err()
	}
	if err := a.declare(v); err != nil {
		return nil, err
	}
	file, err := v.st.AddMemo(m)
	if err != nil {
		return nil, err
	}
	return &ProposeMemoResult{File: file}, nil
}
