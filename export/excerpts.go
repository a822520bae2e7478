package export

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// ExcerptsOptions choose the passages of an excerpts report.
type ExcerptsOptions struct {
	Scan corpus.ScanOptions
	// Codes are the codes to report, each with its descendants' passages.
	Codes []*codebook.Code
	// LineNumbers prefixes each line of a passage with its number ("[12] ").
	LineNumbers bool
}

// Excerpt is one reference of a code in the report.
type Excerpt struct {
	Code   *codebook.Code
	Ref    corpus.Range
	ID     string // the transcript
	Item   *corpus.Item
	Codes  []string
	Coders []string
	// CoderLines says which lines each coder coded; CodersNote names
	// them ("jt 3-4, eh 4-5", or "jt, eh" when each coded all of it).
	CoderLines []corpus.CoderLines
	CodersNote string
	// Turns are the passage's speaker turns; Text shows them one
	// paragraph each, separated by a line break.
	Turns []corpus.Turn
	Text  string
	order [3]int // code, participant, transcript
}

// Excerpts are the passages of each code, grouped by code (in the order
// given), then participant (participants.csv order), then transcript and
// line.
type Excerpts struct {
	List []Excerpt
	// LineNumbers is set when the passages' lines carry their numbers.
	LineNumbers bool
	AttrNames   []string
	// participants are the participants' own attributes, for headings.
	participants map[string]map[string]string
	pNames       []string
}

// CollectExcerpts gathers the references of opt's codes. A report is read
// by people, so it is held in memory to be grouped.
func CollectExcerpts(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt ExcerptsOptions, progress func()) (*Excerpts, error) {
	res := corpus.NewResolver(cb)
	pOrder := map[string]int{}
	for i, p := range ix.Participants.Rows {
		pOrder[p.ID] = i
	}
	tOrder := 0
	out := &Excerpts{LineNumbers: opt.LineNumbers, AttrNames: ix.AttributeNames()[2:], participants: map[string]map[string]string{}, pNames: ix.Participants.Header[1:]}
	for _, p := range ix.Participants.Rows {
		out.participants[p.ID] = ix.Participants.Attributes(p)
	}
	err := s.Scan(ix, opt.Scan, func(it *corpus.Item) error {
		tOrder++
		cov := corpus.Cover(it.Transcript, it.Codings, res)
		slim := &corpus.Item{ID: it.ID, Participant: it.Participant, Attrs: it.Attrs}
		for ci, code := range opt.Codes {
			for _, ref := range cov.References(code) {
				codes, coders := corpus.RefCodes(it.Codings, res, code, ref)
				p, ok := pOrder[it.Participant]
				if !ok {
					p = len(pOrder)
				}
				turns := corpus.Turns(it.Transcript, ref)
				cls := corpus.RefCoderLines(it.Transcript, it.Codings, res, code, ref)
				out.List = append(out.List, Excerpt{Code: code, Ref: ref, ID: it.ID, Item: slim, Codes: codes, Coders: coders,
					CoderLines: cls, CodersNote: corpus.CodersNote(ref, cls),
					Turns: turns, Text: corpus.TurnsText(turns, opt.LineNumbers, "\n"), order: [3]int{ci, p, tOrder}})
			}
		}
		if progress != nil {
			progress()
		}
		return nil
	})
	slices.SortStableFunc(out.List, func(a, b Excerpt) int {
		for i := range a.order {
			if a.order[i] != b.order[i] {
				return a.order[i] - b.order[i]
			}
		}
		return a.Ref.Start - b.Ref.Start
	})
	return out, err
}

// Table is one row per passage, for csv, xlsx and json.
func (e *Excerpts) Table() *Table {
	t := &Table{Title: "Excerpts", Header: append([]string{"code", "label", "participant", "transcript", "lines", "reference", "codes", "coders", "text"}, e.AttrNames...)}
	for _, x := range e.List {
		row := []Cell{Text(x.Code.Path), Text(x.Code.DisplayLabel()), Text(x.Item.Participant), Text(x.ID), Text(x.Ref.String()),
			Text(x.ID + ":" + x.Ref.String()), Text(strings.Join(x.Codes, ", ")), Text(x.CodersNote), Text(x.Text)}
		for _, a := range e.AttrNames {
			row = append(row, Auto(x.Item.Attrs[a]))
		}
		t.Row(row...)
	}
	return t
}

// WriteMarkdown writes the passages as a document: a heading per code,
// then per participant with their attributes, then each passage quoted
// with its source.
func (e *Excerpts) WriteMarkdown(w io.Writer, title string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n", mdLine(title))
	var code *codebook.Code
	participant := ""
	for _, x := range e.List {
		if x.Code != code {
			code, participant = x.Code, ""
			fmt.Fprintf(bw, "\n## %s (`%s`)\n", mdLine(code.DisplayLabel()), code.Path)
		}
		if x.Item.Participant != participant {
			participant = x.Item.Participant
			var attrs []string
			for _, a := range e.pNames {
				if v := e.participants[participant][a]; v != "" {
					attrs = append(attrs, a+"="+v)
				}
			}
			fmt.Fprintf(bw, "\n### %s\n", mdLine(participant))
			if len(attrs) > 0 {
				fmt.Fprintf(bw, "\n%s\n", mdLine(strings.Join(attrs, ", ")))
			}
		}
		bw.WriteString("\n")
		for i, tu := range x.Turns {
			if i > 0 {
				bw.WriteString(">\n")
			}
			fmt.Fprintf(bw, "> %s\n", mdTurn(tu, e.LineNumbers))
		}
		fmt.Fprintf(bw, "\n— %s:%s · %s · %s\n", x.ID, x.Ref, strings.Join(x.Codes, ", "), x.CodersNote)
	}
	if len(e.List) == 0 {
		bw.WriteString("\nNo passages.\n")
	}
	return bw.Flush()
}

// mdTurn is a turn as a Markdown paragraph: "May: …", the interviewer's
// in italics so a reader tells the questions from the answers.
func mdTurn(tu corpus.Turn, numbers bool) string {
	text := mdLine(tu.Format(numbers))
	if !tu.Interviewer {
		return text
	}
	return "*" + strings.ReplaceAll(text, "*", `\*`) + "*"
}
