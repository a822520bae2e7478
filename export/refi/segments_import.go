package refi

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/qdatool/qda/corpus"
)

// segments places each selection on the transcript's lines, one segment
// per selection and coder.
func (pl *planner) segments(src *TextSource, label, id, text string, normal []byte) {
	r := &pl.plan.Report
	notes := pl.annotatedNotes(src)
	sels := src.Selections
	for _, n := range notes {
		sels = append(slices.Clip(sels), n.Selections...)
	}
	if len(sels) == 0 && len(src.Codings) == 0 {
		return // nothing to place: aligning a long source costs time
	}
	cnt := bestCounting(text, sels)
	if cnt.name != "" {
		how := "with " + cnt.name
		if strings.HasPrefix(cnt.name, "in ") { // "in UTF-16 units", not "with in"
			how = cnt.name
		}
		r.Recounted = append(r.Recounted, fmt.Sprintf("source %q: positions counted %s, which fits its selections; the standard's count did not", label, how))
	}
	size := utf8.RuneCountInString(text)
	var m *alignment
	if len(sels) > 0 {
		var asked []int
		for _, sel := range sels {
			if start, end := cnt.offset(sel.Start), cnt.offset(sel.End); start >= 0 && end >= start {
				asked = append(asked, start, end)
			}
		}
		m = align(text, normal, asked)
	}
	byCoder := map[string][]corpus.Segment{}
	add := func(coder string, lines corpus.Range, codes []string, memo string) {
		byCoder[coder] = append(byCoder[coder], corpus.Segment{Lines: lines, Codes: codes, Memo: memo})
	}
	for _, sel := range src.Selections {
		r.Selections++
		where := fmt.Sprintf("source %q, selection %d-%d", label, sel.Start, sel.End)
		start, end := cnt.offset(sel.Start), cnt.offset(sel.End)
		if start < 0 || end < start {
			r.drop("%s: outside the text (%d characters)", where, size)
			continue
		}
		lines, widened, ok := m.place(start, end)
		if len(sel.Codings) == 0 {
			pl.annotation(sel, id, where, lines, ok)
			continue
		}
		codes := pl.codingsByCoder(sel.Codings, sel.CreatingUser, where)
		if len(codes) == 0 {
			continue
		}
		if !ok {
			r.drop("%s: its text could not be found in the transcript", where)
			continue
		}
		if widened > 0 {
			r.Widened++
			r.WidenedChars += widened
			r.MaxWidened = max(r.MaxWidened, widened)
		}
		memo := pl.selectionMemo(sel)
		for _, coder := range sortedKeys(codes) {
			add(coder, lines, codes[coder], memo)
		}
	}
	for _, n := range notes {
		pl.placeNote(n, label, id, cnt, m, size)
	}
	whole := pl.codingsByCoder(src.Codings, src.CreatingUser, fmt.Sprintf("source %q", label))
	lines := readLines(normal, byCoder)
	if len(whole) > 0 {
		for _, coder := range sortedKeys(whole) {
			add(coder, corpus.Range{Start: lines.first, End: lines.last}, whole[coder], "")
		}
	}
	for _, coder := range sortedKeys(byCoder) {
		segs := byCoder[coder]
		for i := range segs {
			segs[i].Quote = corpus.QuoteOf(lines.bodies[segs[i].Lines.Start])
		}
		pl.plan.Codings = append(pl.plan.Codings, &corpus.Codings{Coder: coder, Transcript: id, File: corpus.CodingsFile(coder, id), Segments: mergeSame(segs)})
	}
}

// transcriptLines is what segments need of a transcript's lines: the
// first and last that are not blank, and the bodies of the first and of
// the lines segments start on.
type transcriptLines struct {
	first, last int
	bodies      map[int]string
}

// readLines reads transcript text normal once for what the segments by
// coder need, rather than holding all its lines.
func readLines(normal []byte, byCoder map[string][]corpus.Segment) transcriptLines {
	out := transcriptLines{bodies: map[int]string{}}
	for _, segs := range byCoder {
		for _, s := range segs {
			out.bodies[s.Lines.Start] = ""
		}
	}
	lr := newLineReader(normal)
	for n, body, blank, ok := lr.next(); ok; n, body, blank, ok = lr.next() {
		if !blank {
			if out.first == 0 {
				out.first = n
				out.bodies[n] = body // where a coding of the whole source starts
			}
			out.last = n
		}
		if _, want := out.bodies[n]; want {
			out.bodies[n] = body
		}
	}
	return out
}

// codingsByCoder groups codings' code paths by coder: the coding's
// creating user, else the selection's, else "imported".
func (pl *planner) codingsByCoder(cs []Coding, user, where string) map[string][]string {
	out := map[string][]string{}
	for _, c := range cs {
		path, ok := pl.codes[pl.ref(c.CodeRef)]
		if !ok {
			pl.plan.Report.drop("%s: code %s is not in the codebook", where, c.CodeRef.Target)
			continue
		}
		coder := pl.coder(c.CreatingUser, user)
		out[coder] = append(out[coder], path)
	}
	return out
}

func (pl *planner) coder(guids ...string) string {
	for _, g := range guids {
		if c, ok := pl.coders[guidKey(g)]; ok {
			return c
		}
	}
	if _, ok := pl.coders[""]; !ok {
		pl.coders[""] = uniqueName("imported", "imported", pl.taken)
		pl.plan.Report.Renamed = append(pl.plan.Report.Renamed, fmt.Sprintf("codings with no known user are coder %s", pl.coders[""]))
	}
	return pl.coders[""]
}

// mergeSame joins segments over the same lines with the same memo, as
// qda writes one segment with several codes.
func mergeSame(segs []corpus.Segment) []corpus.Segment {
	var out []corpus.Segment
	for _, s := range segs {
		i := slices.IndexFunc(out, func(o corpus.Segment) bool { return o.Lines == s.Lines && o.Memo == s.Memo })
		if i >= 0 {
			out[i].Codes = append(out[i].Codes, s.Codes...)
			continue
		}
		out = append(out, s)
	}
	corpus.SortSegments(out)
	return out
}

// selectionMemo is a selection's description and the text of the notes
// it refers to, which go with it rather than becoming memos of their own.
func (pl *planner) selectionMemo(sel Selection) string {
	memo := strings.TrimSpace(sel.Description)
	for _, nr := range sel.NoteRefs {
		if n := pl.notes[pl.ref(nr)]; n != nil {
			memo = strings.TrimSpace(memo + "\n\n" + strings.TrimSpace(strings.ReplaceAll(pl.noteText(n), "\r\n", "\n")))
			delete(pl.notes, pl.ref(nr))
		}
	}
	return memo
}

// annotation carries a selection with no coding: MAXQDA and NVivo write
// their comments on a passage so. Its text becomes a memo about the
// transcript, titled with the lines it was on; with no text there is
// nothing to carry, and the report says so.
func (pl *planner) annotation(sel Selection, id, where string, lines corpus.Range, placed bool) {
	text := pl.selectionMemo(sel)
	if text == "" {
		pl.plan.Report.drop("%s: no code and no comment on it", where)
		return
	}
	title := "Comment on " + id
	if placed {
		title += ", " + linesTitle([]corpus.Range{lines})
	}
	pl.memo(corpus.About{Kind: corpus.AboutTranscript, Target: id}, title, text, sel.CreatingUser, sel.CreationDateTime)
}

// noteLines is where a note's selections are.
type noteLines struct {
	transcript string
	lines      []corpus.Range
}

// annotatedNotes are the notes src refers to that hold selections of
// their own: QualCoder writes an annotation on a passage so, its
// positions in the text of the source that refers to it.
func (pl *planner) annotatedNotes(src *TextSource) []*TextSource {
	var out []*TextSource
	for _, r := range src.NoteRefs {
		g := pl.ref(r)
		if n := pl.notes[g]; n != nil && len(n.Selections) > 0 && !slices.Contains(out, n) {
			if _, done := pl.noteLines[g]; !done { // the first source that refers to it
				out = append(out, n)
			}
		}
	}
	return out
}

// placeNote finds the lines of a note's selections in the transcript of
// the source that refers to it, for the memo the note becomes to name.
func (pl *planner) placeNote(n *TextSource, label, id string, cnt counting, m *alignment, size int) {
	nl := noteLines{transcript: id}
	for _, sel := range n.Selections {
		where := fmt.Sprintf("note %q, selection %d-%d in source %q", n.Name, sel.Start, sel.End, label)
		if len(sel.Codings) > 0 {
			pl.plan.Report.drop("%s: %d codes on a note's selection; qda codes a transcript's lines", where, len(sel.Codings))
		}
		start, end := cnt.offset(sel.Start), cnt.offset(sel.End)
		if start < 0 || end < start {
			pl.plan.Report.drop("%s: outside the text (%d characters)", where, size)
			continue
		}
		lines, _, ok := m.place(start, end)
		if !ok {
			pl.plan.Report.drop("%s: its text could not be found in the transcript", where)
			continue
		}
		if !slices.Contains(nl.lines, lines) {
			nl.lines = append(nl.lines, lines)
		}
	}
	slices.SortFunc(nl.lines, func(a, b corpus.Range) int { return a.Start - b.Start })
	pl.noteLines[guidKey(n.GUID)] = nl
}

// linesTitle names lines in a memo's title: "line 3", "lines 3-5",
// "lines 3, 8-9".
func linesTitle(rs []corpus.Range) string {
	if len(rs) == 1 && rs[0].Start == rs[0].End {
		return "line " + rs[0].String()
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.String())
	}
	return "lines " + strings.Join(parts, ", ")
}
