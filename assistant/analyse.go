package assistant

import (
	"errors"
	"fmt"
	"io"
	"log"
	"slices"
	"strconv"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
	"github.com/qdatool/qda/export"
	"github.com/qdatool/qda/internal/agreement"
)

// SearchInput is a search as 'qda search' takes it.
type SearchInput struct {
	Query   string   `json:"query" jsonschema:"qda's query language: words, \"phrases\", prefix*, AND/OR/NOT, speaker:, code: ('qda search --help'); empty with a filter for every line"`
	Code    string   `json:"code,omitempty" jsonschema:"keep lines coded with this code or a descendant"`
	Where   []string `json:"where,omitempty" jsonschema:"filters written attribute=value, as qda's --where"`
	Speaker string   `json:"speaker,omitempty" jsonschema:"participant, interviewer or a speaker label"`
	Uncoded bool     `json:"uncoded,omitempty" jsonschema:"keep lines no chosen coder has coded"`
	Coders  []string `json:"coders,omitempty" jsonschema:"whose codings code and uncoded consider; all when empty"`
	ByScore bool     `json:"by_score,omitempty" jsonschema:"most relevant first instead of transcript and line order"`
	Within  string   `json:"within,omitempty" jsonschema:"line (the default) or turn: with turn every +term need only be somewhere in one speaker turn (an answer's sentences are lines); hits are then the matching lines of the matching turns, each with its turn, and offset, limit and the page count turns"`
	Offset  int      `json:"offset,omitempty"`
	Limit   int      `json:"limit,omitempty"`
}

// Hit is one line that matched.
type Hit struct {
	Transcript  string            `json:"transcript"`
	Participant string            `json:"participant"`
	Line        int               `json:"line"`
	Speaker     string            `json:"speaker,omitempty"`
	Text        string            `json:"text"`
	Codes       []corpus.LineCode `json:"codes,omitempty"`
	// Turn is the first and last line of the hit's turn, within turns.
	Turn string `json:"turn,omitempty" jsonschema:"with within turn: the lines of the speaker turn the hit is in, first-last"`
}

// SearchResult is a page of hits.
type SearchResult struct {
	Hits     []Hit `json:"hits"`
	Page     Page  `json:"page"`
	Withheld int   `json:"withheld,omitempty" jsonschema:"lines withheld because the identifier scan found something in them"`
}

// Search runs a query on the study's index, as 'qda search'.
func (a *Assistant) Search(in SearchInput) (*SearchResult, error) {
	v, scan, err := a.openScan(in.Where, in.Coders)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	from, to, _, err := pageBounds(1<<62, in.Offset, in.Limit)
	if err != nil {
		return nil, err
	}
	req := search.Request{Query: in.Query, Coders: scan.Coders, Filters: scan.Filters, Speaker: in.Speaker, Uncoded: in.Uncoded,
		Limit: to, ByScore: in.ByScore, NoSpans: true}
	if req.Within, err = search.ParseWithin(in.Within); err != nil {
		return nil, err
	}
	if req.Within == search.WithinTurn && in.ByScore {
		return nil, errors.New("within turn gives turns in transcript and line order: leave out by_score")
	}
	if in.Code != "" {
		if req.Code, err = v.code(in.Code); err != nil {
			return nil, err
		}
		if in.Uncoded {
			return nil, errors.New("code and uncoded contradict each other: give one of them")
		}
	}
	// bleve reports some damage through the log package as well as in its
	// errors; the server's stdout is the protocol, so the log goes nowhere.
	log.SetOutput(io.Discard)
	ix, err := search.Open(v.st, v.ix, v.cb, search.Options{Wait: a.Wait})
	if err != nil {
		return nil, fmt.Errorf("%w (the index is derived data: delete %s and try again)", err, search.Dir)
	}
	defer ix.Close()
	res, err := ix.Search(req)
	if err != nil {
		return nil, err
	}
	out := &SearchResult{Hits: []Hit{}}
	hits := res.Hits[min(from, len(res.Hits)):]
	// Within turns, the page is of turns: their matching lines are the
	// hits, each told its turn.
	var turnOf []string
	if req.Within == search.WithinTurn {
		hits = nil
		for _, th := range res.Turns[min(from, len(res.Turns)):] {
			for _, h := range th.Hits {
				hits = append(hits, h)
				turnOf = append(turnOf, fmt.Sprintf("%d-%d", th.Lines.Start, th.Lines.End))
			}
		}
	}
	var t *corpus.Transcript
	var lcs [][]corpus.LineCode
	rs := corpus.NewResolver(v.cb)
	for i, h := range hits {
		row, ok := v.ix.Transcripts.Lookup(h.Transcript)
		if !ok {
			continue
		}
		if t == nil || t.ID != h.Transcript {
			if t, err = v.st.ReadTranscript(h.Transcript); err != nil {
				return nil, err
			}
			codings, err := v.st.CodingsOf(v.ix, h.Transcript, scan.Coders)
			if err != nil {
				return nil, err
			}
			lcs = corpus.LineCodes(t, codings, rs)
		}
		if h.Line > t.Len() {
			continue
		}
		l := t.Line(h.Line)
		hit := Hit{Transcript: h.Transcript, Participant: v.ix.Transcripts.Get(row, "participant"), Line: h.Line,
			Speaker: l.Speaker, Text: v.text(l.Text, &out.Withheld), Codes: lcs[h.Line-1]}
		if turnOf != nil {
			hit.Turn = turnOf[i]
		}
		out.Hits = append(out.Hits, hit)
	}
	// Returned counts what the page holds: hits, or the turns they are
	// in (a hit whose transcript left the tables is not returned).
	returned := len(out.Hits)
	if turnOf != nil {
		turns := map[[2]string]bool{}
		for _, h := range out.Hits {
			turns[[2]string{h.Transcript, h.Turn}] = true
		}
		returned = len(turns)
	}
	out.Page = Page{Total: res.Total, Offset: in.Offset, Returned: returned}
	if to < res.Total {
		out.Page.NextOffset = to
	}
	return out, nil
}

// Table is a count as rows of text: a header, rows, notes.
type Table struct {
	Title  string     `json:"title,omitempty"`
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
	Notes  []string   `json:"notes,omitempty"`
	Page   Page       `json:"page"`
}

func fromExport(t *export.Table, offset, limit int) (*Table, error) {
	out := &Table{Title: t.Title, Header: t.Header, Notes: t.Notes}
	var rows [][]string
	for _, r := range t.Rows {
		row := make([]string, len(r))
		for i, c := range r {
			row[i] = c.String()
		}
		rows = append(rows, row)
	}
	var err error
	out.Rows, out.Page, err = paged(rows, offset, limit)
	return out, err
}

// CountInput chooses a count: which transcripts, which codes, how split.
type CountInput struct {
	Where   []string `json:"where,omitempty" jsonschema:"filters written attribute=value, as qda's --where"`
	Coders  []string `json:"coders,omitempty" jsonschema:"whose codings count; all when empty"`
	Codes   []string `json:"codes,omitempty" jsonschema:"only these codes (with depth: those at that depth under them)"`
	Depth   int      `json:"depth,omitempty" jsonschema:"codes at this depth, rolled up from their descendants (0: every code; 1: themes)"`
	By      string   `json:"by,omitempty" jsonschema:"stats and crosstab: the attribute to split by"`
	Rows    string   `json:"rows,omitempty" jsonschema:"matrix: participant, transcript or an attribute (default participant)"`
	Measure string   `json:"measure,omitempty" jsonschema:"references, transcripts, participants, lines, words or presence"`
	Within  int      `json:"within,omitempty" jsonschema:"cooccurrence: references at most this many lines apart count as together"`
	Offset  int      `json:"offset,omitempty"`
	Limit   int      `json:"limit,omitempty"`
}

// counting opens the study for a count: the transcripts and coders in
// chosen, and the codes named.
func (a *Assistant) counting(in CountInput) (*view, corpus.ScanOptions, []*codebook.Code, error) {
	v, scan, err := a.openScan(in.Where, in.Coders)
	if err != nil {
		return nil, scan, nil, err
	}
	codes, err := v.codes(in.Codes)
	if err != nil {
		v.st.Close()
		return nil, scan, nil, err
	}
	return v, scan, codes, nil
}

// Stats counts every code as 'qda stats': references, transcripts,
// participants, lines and words, split by an attribute when By is given.
func (a *Assistant) Stats(in CountInput) (*Table, error) {
	v, scan, err := a.openScan(in.Where, in.Coders)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	res, err := v.st.Stats(v.ix, v.cb, corpus.StatsOptions{Scan: scan, By: in.By, Depth: in.Depth})
	if err != nil {
		return nil, err
	}
	t := &export.Table{Title: fmt.Sprintf("%d transcripts, %d participants", res.Transcripts, res.Participants),
		Header: []string{"code", "references", "transcripts", "participants", "lines", "words"}}
	for _, g := range res.Groups {
		t.Header = append(t.Header, in.By+"="+g+" (references)")
	}
	for _, cs := range res.Codes {
		m := cs.Total
		row := []export.Cell{export.Text(cs.Code.Path), export.Int(m.References), export.Int(m.Transcripts), export.Int(m.Participants), export.Int(m.Lines), export.Int(m.Words)}
		for _, g := range res.Groups {
			row = append(row, export.Int(cs.By[g].References))
		}
		t.Row(row...)
	}
	for _, c := range res.Coders {
		t.Notes = append(t.Notes, fmt.Sprintf("coder %s: %d transcripts, %d segments, %d of %d text lines coded", c.Coder, c.Transcripts, c.Segments, c.CodedLines, c.TextLines))
	}
	return fromExport(t, in.Offset, in.Limit)
}

// Matrix is 'qda export matrix': rows by codes, one measure a cell.
func (a *Assistant) Matrix(in CountInput) (*Table, error) {
	v, scan, codes, err := a.counting(in)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	opt := export.MatrixOptions{Scan: scan, Rows: in.Rows, Depth: in.Depth, Measure: in.Measure, Codes: codes}
	if opt.Rows == "" {
		opt.Rows = export.RowsParticipant
	}
	if opt.Measure == "" {
		opt.Measure = "references"
	}
	m, err := export.BuildMatrix(v.st, v.ix, v.cb, opt, nil)
	if err != nil {
		return nil, err
	}
	// The same table 'qda export matrix' writes, less the rows'
	// attributes (see CountTable), so the numbers cannot drift.
	return fromExport(m.CountTable(), in.Offset, in.Limit)
}

// Crosstab is 'qda export crosstab': codes down, an attribute's values across.
func (a *Assistant) Crosstab(in CountInput) (*Table, error) {
	v, scan, codes, err := a.counting(in)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	if in.By == "" {
		return nil, errors.New("crosstab needs by: an attribute to split by (the overview tool lists them)")
	}
	measure := in.Measure
	if measure == "" {
		measure = "participants"
	}
	if !slices.Contains(export.CrosstabMeasures, measure) {
		return nil, fmt.Errorf("crosstab measure %q: choose participants or references", measure)
	}
	depth := in.Depth
	if depth == 0 && len(codes) == 0 {
		depth = 1
	}
	t, err := export.Crosstab(v.st, v.ix, v.cb, export.CrosstabOptions{Scan: scan, By: in.By, Measure: measure, Depth: depth, Codes: codes}, nil)
	if err != nil {
		return nil, err
	}
	return fromExport(t, in.Offset, in.Limit)
}

// Cooccurrence is 'qda export cooccurrence': how often codes' references
// overlap (or lie within Within lines).
func (a *Assistant) Cooccurrence(in CountInput) (*Table, error) {
	v, scan, codes, err := a.counting(in)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	depth := in.Depth
	if depth == 0 && len(codes) == 0 {
		depth = 1
	}
	c, err := export.CountCooccurrence(v.st, v.ix, v.cb, export.CooccurrenceOptions{Scan: scan, Depth: depth, Codes: codes, Within: in.Within}, nil)
	if err != nil {
		return nil, err
	}
	return fromExport(c.Table(), in.Offset, in.Limit)
}

// AgreementInput chooses what 'qda agree' compares.
type AgreementInput struct {
	Coders []string `json:"coders,omitempty" jsonschema:"two coders or more; every person (not machine coders) when empty"`
	Codes  []string `json:"codes,omitempty" jsonschema:"only these codes"`
	Depth  int      `json:"depth,omitempty" jsonschema:"compare codes at this depth, rolled up (0: every code)"`
	Unit   string   `json:"unit,omitempty" jsonschema:"line (default), turn or transcript"`
	Where  []string `json:"where,omitempty" jsonschema:"filters written attribute=value, as qda's --where"`
	Offset int      `json:"offset,omitempty"`
	Limit  int      `json:"limit,omitempty"`
}

// AgreementRow is one code's agreement; a statistic that is undefined is
// absent and its reason in NA.
type AgreementRow struct {
	Code      string            `json:"code"`
	Units     int               `json:"units"`
	Marked    map[string]int    `json:"marked" jsonschema:"units each coder coded with the code"`
	Agreement *float64          `json:"agreement,omitempty"`
	Kappa     *float64          `json:"kappa,omitempty"`
	Alpha     *float64          `json:"alpha,omitempty"`
	NA        map[string]string `json:"na,omitempty"`
}

// AgreementResult is agreement per code and overall.
type AgreementResult struct {
	Coders      []string       `json:"coders"`
	Unit        string         `json:"unit"`
	Kappa       string         `json:"kappa" jsonschema:"cohen for two coders, fleiss for more"`
	Transcripts int            `json:"transcripts" jsonschema:"transcripts compared: coded by two chosen coders or more"`
	Overall     AgreementRow   `json:"overall"`
	Codes       []AgreementRow `json:"codes"`
	Page        Page           `json:"page"`
}

func stat(v agreement.Value, name string, na map[string]string) *float64 {
	if !v.Defined {
		na[name] = v.Reason
		return nil
	}
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v.V, 'f', 4, 64), 64)
	return &f
}

func agreementRow(path string, r export.AgreementRow) AgreementRow {
	out := AgreementRow{Code: path, Units: r.Units, Marked: r.Marked, NA: map[string]string{}}
	out.Agreement = stat(r.Agreement.Value, "agreement", out.NA)
	out.Kappa = stat(r.Kappa.Value, "kappa", out.NA)
	out.Alpha = stat(r.Alpha.Value, "alpha", out.NA)
	if len(out.NA) == 0 {
		out.NA = nil
	}
	return out
}

// Agreement measures agreement between coders as 'qda agree': a machine
// coder is compared with people only when named.
func (a *Assistant) Agreement(in AgreementInput) (*AgreementResult, error) {
	v, scan, err := a.openScan(in.Where, in.Coders)
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	coders := scan.Coders
	if coders == nil {
		coders = v.st.Config.People(v.ix.Coders)
	}
	for i, c := range coders {
		if slices.Contains(coders[:i], c) {
			return nil, fmt.Errorf("coder %q given twice", c)
		}
	}
	if len(coders) < 2 {
		return nil, fmt.Errorf("agreement needs two coders or more, got %d (the overview tool lists the coders)", len(coders))
	}
	unit := in.Unit
	if unit == "" {
		unit = corpus.UnitLine
	}
	if !slices.Contains(corpus.UnitNames, unit) {
		return nil, fmt.Errorf("unknown unit %q: use line, turn or transcript", unit)
	}
	given, err := v.codes(in.Codes)
	if err != nil {
		return nil, err
	}
	codes := given
	if len(given) == 0 || in.Depth > 0 {
		codes = nil
		for _, c := range v.cb.AtDepth(in.Depth) {
			if len(given) == 0 || slices.ContainsFunc(given, func(g *codebook.Code) bool { return g.Contains(c) }) {
				codes = append(codes, c)
			}
		}
	}
	if len(codes) == 0 {
		return nil, errors.New("no codes to compare: no code at the depth asked for lies within the codes given, or the codebook has none (the codebook tool lists the codes and their depths)")
	}
	res, err := v.st.Agree(v.ix, v.cb, corpus.AgreeOptions{Coders: coders, Codes: codes, Unit: unit, Filters: scan.Filters})
	if err != nil {
		return nil, err
	}
	rep := export.NewAgreement(res, unit, false)
	out := &AgreementResult{Coders: rep.Coders, Unit: unit, Kappa: rep.Kappa, Transcripts: rep.Transcripts, Overall: agreementRow("(all codes)", rep.Overall)}
	var rows []AgreementRow
	for _, r := range rep.Codes {
		rows = append(rows, agreementRow(r.Path, r))
	}
	out.Codes, out.Page, err = paged(rows, in.Offset, in.Limit)
	return out, err
}
