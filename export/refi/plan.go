package refi

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/ingest"
	"github.com/qdatool/qda/corpus/ingest/office"
	"github.com/qdatool/qda/internal/lazyre"
)

// Plan is a new study made from a project, ready to be written.
type Plan struct {
	// Title is qda.yaml's title, the project's name; CodebookTitle the
	// codebook's, from the project's "qda codebook title:" paragraph
	// where qda wrote one, else the project's name too.
	Title, CodebookTitle, Description string
	Codebook                          []byte // codebook.yaml
	Transcripts                       []PlannedTranscript
	Codings                           []*corpus.Codings
	// Participants are the participants in order, each with attributes
	// by column; Columns is the column order, TranscriptColumns that of
	// the transcripts' attributes: both the order of the project's
	// Variables, so a round trip keeps participants.csv and
	// transcripts.csv as they were.
	Participants      []PlannedParticipant
	Columns           []string
	TranscriptColumns []string
	Memos             []*corpus.Memo
	// Summaries are the framework summaries: participant → code path → text.
	Summaries map[string]map[string]string
	Report    ImportReport
}

// PlannedTranscript is one text source as a transcript.
type PlannedTranscript struct {
	ID, Participant, Source string
	Text                    []byte
	Attrs                   map[string]string
}

// PlannedParticipant is one case as a participant.
type PlannedParticipant struct {
	ID    string
	Attrs map[string]string
}

// ImportReport says what an import carried over and what it could not.
type ImportReport struct {
	Transcripts  int `json:"transcripts"`
	Participants int `json:"participants"`
	Codes        int `json:"codes"`
	Coders       int `json:"coders"`
	Segments     int `json:"segments"`
	Memos        int `json:"memos"`
	Summaries    int `json:"summaries"`
	// Selections is how many coded selections were read; Widened how many
	// of them had to grow to whole lines, by WidenedChars code points of
	// the source in all and by MaxWidened at most.
	Selections   int `json:"selections"`
	Widened      int `json:"widened"`
	WidenedChars int `json:"widened_chars"`
	MaxWidened   int `json:"max_widened"`
	// Recounted lists the sources whose positions were read in another
	// count than the standard's, as the tool that wrote them counts.
	Recounted []string `json:"recounted"`
	// Renamed lists the names that were not qda names and became slugs:
	// users, cases and sources, and codes whose name is not the slug of
	// their label (the label keeps the rest).
	Renamed []string `json:"renamed"`
	// Dropped lists, one line each, what the study cannot hold.
	Dropped []string `json:"not_carried_over"`
}

func (r *ImportReport) drop(format string, args ...any) {
	r.Dropped = append(r.Dropped, fmt.Sprintf(format, args...))
}

// planner carries the lookups from GUIDs to what they became.
type planner struct {
	a      *Archive
	p      *Project
	plan   *Plan
	coders map[string]string // user GUID → coder
	codes  map[string]string // code GUID → path
	vars   map[string]Variable
	// varIndex is each variable's place among the project's Variables;
	// pcols and tcols the variables participants and transcripts use.
	varIndex     map[string]int
	pcols, tcols map[string]bool
	sources      map[string]string // source GUID → transcript id
	notes        map[string]*TextSource
	// noteLines says where the selections of a note (a QualCoder
	// annotation) are: the transcript of the source that refers to it and
	// the lines they cover.
	noteLines map[string]noteLines
	taken     map[string]bool // coder names
	today     string
}

// PlanImport turns an opened project into a study. today (YYYY-MM-DD)
// dates the memos whose notes carry no date.
func PlanImport(a *Archive, today string) (*Plan, error) {
	p := a.Project
	pl := &planner{a: a, p: p, plan: &Plan{Title: strings.TrimSpace(p.Name), Description: strings.TrimSpace(p.Description), Report: ImportReport{Recounted: []string{}, Renamed: []string{}, Dropped: []string{}}},
		coders: map[string]string{}, codes: map[string]string{}, vars: map[string]Variable{}, varIndex: map[string]int{}, pcols: map[string]bool{}, tcols: map[string]bool{},
		sources: map[string]string{}, notes: map[string]*TextSource{}, noteLines: map[string]noteLines{}, taken: map[string]bool{}, today: today}
	if pl.plan.Title == "" {
		pl.plan.Title = "Imported project"
	}
	pl.plan.Description, pl.plan.CodebookTitle = codebookTitle(pl.plan.Description)
	if pl.plan.CodebookTitle == "" {
		pl.plan.CodebookTitle = pl.plan.Title
	}
	if p.Users != nil {
		for i, u := range p.Users.Users {
			name := u.Name
			if strings.TrimSpace(name) == "" {
				name = u.ID
			}
			c := uniqueName(corpus.Slug(name), fmt.Sprintf("user-%d", i+1), pl.taken)
			if c != name {
				pl.plan.Report.Renamed = append(pl.plan.Report.Renamed, fmt.Sprintf("user %q is coder %s", name, c))
			}
			pl.coders[guidKey(u.GUID)] = c
		}
	}
	cb, err := pl.codebook()
	if err != nil {
		return nil, err
	}
	pl.plan.Codebook = cb
	if p.Variables != nil {
		for i, v := range p.Variables.Variables {
			g := guidKey(v.GUID)
			if _, ok := pl.vars[g]; !ok {
				pl.varIndex[g] = i
			}
			pl.vars[g] = v
			// A variable's description is its memo; qda's attributes
			// have no field for one, so it becomes a memo about the study.
			pl.described(v.Description, "About attribute "+column(v), corpus.About{Kind: corpus.AboutStudy}, "", "")
		}
	}
	if p.Notes != nil {
		for i := range p.Notes.Notes {
			pl.notes[guidKey(p.Notes.Notes[i].GUID)] = &p.Notes.Notes[i]
		}
	}
	owner := pl.cases()
	if p.Sources != nil {
		ids := map[string]bool{}
		for i := range p.Sources.Text {
			if err := pl.source(&p.Sources.Text[i], i, owner, ids); err != nil {
				return nil, err
			}
		}
		for _, kind := range []struct {
			name  string
			items []Other
		}{{"picture", p.Sources.Picture}, {"PDF", p.Sources.PDF}, {"audio", p.Sources.Audio}, {"video", p.Sources.Video}} {
			for _, o := range kind.items {
				pl.plan.Report.drop("%s source %q: qda holds text transcripts only", kind.name, o.Name)
			}
		}
	}
	pl.plan.Columns, pl.plan.TranscriptColumns = pl.columns(pl.pcols), pl.columns(pl.tcols)
	pl.memos()
	for _, o := range []struct {
		what string
		list *Others
	}{{"set", p.Sets}, {"graph", p.Graphs}, {"link", p.Links}} {
		if o.list != nil {
			for _, it := range o.list.Items {
				pl.plan.Report.drop("%s %q: qda has no %ss", o.what, it.Name, o.what)
			}
		}
	}
	r := &pl.plan.Report
	r.Transcripts, r.Participants, r.Memos = len(pl.plan.Transcripts), len(pl.plan.Participants), len(pl.plan.Memos)
	coders := map[string]bool{}
	for _, c := range pl.plan.Codings {
		coders[c.Coder] = true
		r.Segments += len(c.Segments)
	}
	r.Coders = len(coders)
	return pl.plan, nil
}

// codebookTitle takes the "qda codebook title:" paragraph out of a
// project's description: the codebook's title, which the standard has no
// place for.
func codebookTitle(desc string) (rest, title string) {
	var keep []string
	for _, p := range strings.Split(strings.ReplaceAll(desc, "\r\n", "\n"), "\n\n") {
		if t, ok := strings.CutPrefix(strings.TrimSpace(p), codebookTitleMark); ok && !strings.Contains(t, "\n") && title == "" {
			title = strings.TrimSpace(t)
			continue
		}
		keep = append(keep, p)
	}
	return strings.TrimSpace(strings.Join(keep, "\n\n")), title
}

// trimGUID reads a GUID as written either way the schema allows.
func trimGUID(g string) string { return strings.Trim(strings.TrimSpace(g), "{}") }

// guidKey is a GUID as the planner's maps hold it: tools write GUIDs
// with or without braces, in either case.
func guidKey(g string) string { return strings.ToLower(trimGUID(g)) }

func (pl *planner) ref(r Ref) string { return guidKey(r.Target) }

// cases makes participants of the cases, and returns which participant
// owns each source GUID: the case that refers to the source, else the
// case that refers to selections in it. A reference to nothing the
// project has is listed.
func (pl *planner) cases() map[string]string {
	owner := map[string]string{}
	if pl.p.Cases == nil {
		return owner
	}
	sources := map[string]string{}    // source GUID → name, of any kind
	selections := map[string]string{} // selection GUID → its text source's GUID
	if s := pl.p.Sources; s != nil {
		for _, t := range s.Text {
			sources[guidKey(t.GUID)] = t.Name
			for _, sel := range t.Selections {
				selections[guidKey(sel.GUID)] = guidKey(t.GUID)
			}
		}
		for _, list := range [][]Other{s.Picture, s.PDF, s.Audio, s.Video} {
			for _, o := range list {
				sources[guidKey(o.GUID)] = o.Name
			}
		}
	}
	taken := map[string]bool{}
	ids := make([]string, len(pl.p.Cases.Cases))
	for i, c := range pl.p.Cases.Cases {
		id := uniqueName(corpus.Slug(c.Name), fmt.Sprintf("case-%d", i+1), taken)
		ids[i] = id
		if id != c.Name {
			pl.plan.Report.Renamed = append(pl.plan.Report.Renamed, fmt.Sprintf("case %q is participant %s", c.Name, id))
		}
		attrs := pl.attrs(c.Values, fmt.Sprintf("case %q", c.Name), pl.pcols)
		pp := PlannedParticipant{ID: id, Attrs: attrs}
		pl.plan.Participants = append(pl.plan.Participants, pp)
		pl.described(c.Description, "About "+c.Name, corpus.About{Kind: corpus.AboutParticipant, Target: id}, "", "")
		for _, s := range c.SourceRefs {
			g := pl.ref(s)
			if _, ok := sources[g]; !ok {
				pl.plan.Report.drop("case %q: source %s, which the project does not have", c.Name, s.Target)
				continue
			}
			if prev, ok := owner[g]; ok {
				pl.plan.Report.drop("case %q: its source %q is already %s's; a transcript has one participant", c.Name, sources[g], prev)
				continue
			}
			owner[g] = id
		}
		if len(c.CodeRefs) > 0 {
			pl.plan.Report.drop("case %q: %d codes applied to the case as a whole; qda codes lines", c.Name, len(c.CodeRefs))
		}
	}
	// Parts of a source: the source is the case's when no case has it
	// whole; parts of one that is another's are listed, by source.
	for i, c := range pl.p.Cases.Cases {
		others := map[string]int{}
		for _, r := range c.SelectionRefs {
			g, ok := selections[pl.ref(r)]
			if !ok {
				pl.plan.Report.drop("case %q: selection %s, which no text source of the project has", c.Name, r.Target)
				continue
			}
			if prev, ok := owner[g]; !ok {
				owner[g] = ids[i]
			} else if prev != ids[i] {
				others[g]++
			}
		}
		for _, g := range sortedKeys(others) {
			pl.plan.Report.drop("case %q: %s of source %q, which is %s's; a transcript has one participant", c.Name, count(others[g], "selection"), sources[g], owner[g])
		}
	}
	return owner
}

// attrs reads variable values as attribute columns, marking the
// variables used in used.
func (pl *planner) attrs(vals []VariableValue, where string, used map[string]bool) map[string]string {
	out := map[string]string{}
	for _, vv := range vals {
		g := pl.ref(vv.VariableRef)
		v, ok := pl.vars[g]
		if !ok {
			pl.plan.Report.drop("%s: a value of variable %s, which the project does not define", where, vv.VariableRef.Target)
			continue
		}
		out[column(v)] = strings.TrimSpace(vv.Value())
		used[g] = true
	}
	return out
}

// columns are the columns of the used variables, in the order of the
// project's Variables.
func (pl *planner) columns(used map[string]bool) []string {
	gs := sortedKeys(used)
	slices.SortStableFunc(gs, func(a, b string) int { return pl.varIndex[a] - pl.varIndex[b] })
	var out []string
	for _, g := range gs {
		if col := column(pl.vars[g]); !slices.Contains(out, col) {
			out = append(out, col)
		}
	}
	return out
}

// column is the attribute column a variable becomes, as 'qda
// participants import' names columns; a name qda keeps for itself gets
// "var_" before it.
func column(v Variable) string {
	col := corpus.ColumnName(v.Name)
	if !corpus.ValidName(col) {
		// A column name is an attribute name, as participants import
		// requires: "Age (years)" becomes age_years, "../x" x.
		col = corpus.AttrSlug(v.Name)
	}
	if col == "" || col == "id" || col == "participant" || col == "sha256" {
		col = "var_" + corpus.Slug(v.Name)
	}
	return col
}

var trailingNumberRE = lazyre.New(`-\d+$`)

// source makes a transcript of a text source and segments of its selections.
func (pl *planner) source(src *TextSource, n int, owner map[string]string, ids map[string]bool) error {
	r := &pl.plan.Report
	label := src.Name
	if label == "" {
		label = src.GUID
	}
	text, err := pl.text(src)
	if errors.Is(err, ErrUnsafe) {
		return err
	}
	if err != nil {
		r.drop("source %q: %v%s", label, err, lost(src))
		return nil
	}
	if strings.TrimSpace(text) == "" {
		r.drop("source %q: no text in it, plain or rich%s", label, lost(src))
		return nil
	}
	base := strings.TrimSuffix(src.Name, path.Ext(src.Name))
	if path.Ext(src.Name) == "" || len(path.Ext(src.Name)) > 6 {
		base = src.Name
	}
	id := uniqueName(corpus.Slug(base), fmt.Sprintf("source-%d", n+1), ids)
	if id != src.Name {
		r.Renamed = append(r.Renamed, fmt.Sprintf("source %q is transcript %s", src.Name, id))
	}
	participant, ok := owner[guidKey(src.GUID)]
	if !ok {
		participant = trailingNumberRE().ReplaceAllString(id, "")
	}
	var normal []byte
	if strings.HasPrefix(pl.p.Origin, "qda ") {
		// A qda transcript is normalised already; ingest would only risk
		// moving a sentence.
		normal = []byte(strings.ReplaceAll(text, "\r\n", "\n"))
	} else {
		res, err := ingest.File(id+".txt", []byte(text), ingest.Options{Participant: participant})
		if err != nil {
			r.drop("source %q: %v", label, err)
			return nil
		}
		normal = res.Text
	}
	if n := int64(len(normal)); n > pl.a.limits.Text {
		// Ingest puts each sentence on a line of its own, which can make
		// a text just under the limit a transcript just over it.
		r.drop("source %q: %v", label, tooLarge(fmt.Sprintf("its transcript would be %s", mb(n)), pl.a.limits.Text))
		return nil
	}
	pl.sources[guidKey(src.GUID)] = id
	attrs := pl.attrs(src.Values, fmt.Sprintf("source %q", label), pl.tcols)
	from := src.Name
	if s, ok := attrs["source"]; ok { // qda's own source column, exported as a variable
		from = s
		delete(attrs, "source")
	}
	pl.described(src.Description, "About "+label, corpus.About{Kind: corpus.AboutTranscript, Target: id}, src.CreatingUser, src.CreationDateTime)
	pl.plan.Transcripts = append(pl.plan.Transcripts, PlannedTranscript{ID: id, Participant: participant, Source: from, Text: normal, Attrs: attrs})
	if !slices.ContainsFunc(pl.plan.Participants, func(p PlannedParticipant) bool { return p.ID == participant }) {
		pl.plan.Participants = append(pl.plan.Participants, PlannedParticipant{ID: participant, Attrs: map[string]string{}})
	}
	pl.segments(src, label, id, text, normal)
	return nil
}

// lost says what goes with a source that is not carried over: its
// selections and codings, which have no text to be in.
func lost(src *TextSource) string {
	codings := len(src.Codings)
	for _, sel := range src.Selections {
		codings += len(sel.Codings)
	}
	if len(src.Selections) == 0 && codings == 0 {
		return ""
	}
	return fmt.Sprintf("; with it %s and %s", count(len(src.Selections), "selection"), count(codings, "coding"))
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// text is a source's plain text, BOM dropped; empty plain text falls back
// to the rich text (NVivo for Mac writes the content there only).
func (pl *planner) text(src *TextSource) (string, error) {
	var data []byte
	switch {
	case src.PlainTextContent != nil:
		if n := int64(len(*src.PlainTextContent)); n > pl.a.limits.Text {
			return "", tooLarge(fmt.Sprintf("its text is %s", mb(n)), pl.a.limits.Text)
		}
		data = []byte(*src.PlainTextContent)
	case src.PlainTextPath != "" || src.Path != "":
		ref := src.PlainTextPath
		if ref == "" {
			ref = src.Path // as some tools write a text source
		}
		d, inside, err := pl.a.Source(ref)
		if err != nil {
			return "", err
		}
		if !inside {
			return "", fmt.Errorf("its text is outside the project (%s), and qda reads only what the .qdpx holds; export the project again with its sources inside", ref)
		}
		data = d
	}
	data = plainText(data)
	if len(bytes.TrimSpace(data)) == 0 && src.RichTextPath != "" {
		d, inside, err := pl.a.Source(src.RichTextPath)
		if err != nil || !inside {
			return "", err
		}
		if strings.EqualFold(path.Ext(src.RichTextPath), ".docx") {
			paras, err := office.DOCX(d)
			if err != nil {
				return "", fmt.Errorf("%s: %w", src.RichTextPath, err)
			}
			data = []byte(strings.Join(paras, "\n"))
		}
	}
	if n := int64(len(data)); n > pl.a.limits.Text {
		return "", tooLarge(fmt.Sprintf("its text is %s", mb(n)), pl.a.limits.Text)
	}
	return string(data), nil
}

// plainText drops a byte order mark, decoding UTF-16 on the way.
func plainText(data []byte) []byte {
	if out, err := utf8XML(data); err == nil {
		return out
	}
	return bytes.TrimPrefix(data, []byte("\ufeff"))
}
