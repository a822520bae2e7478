package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/lazyre"
)

// This file holds the edit file of 'qda code --edit': a transcript laid
// out one row per line, with one coder's codes in a margin the person
// edits, and the rules that turn the edited margin back into segments.
//
//	# qda code --edit: transcript may-1, coder jt
//	# ... (how to edit, and the codebook's code paths)
//	001 | Interviewer: What did you hope for?          |>
//	002 |                                              |>
//	003 | May: I wanted my confidence back.            |> confidence, tea

// EditsDir is where 'qda code --edit' keeps the file being edited, and
// leaves it when an edit could not be applied (see NewEditFile).
const EditsDir = DataDir + "/edits"

// EditWidth is the width the text column is padded to, in terminal
// columns; longer lines are not wrapped, so a row is always one line.
const EditWidth = 60

// editErrorPrefix starts the lines that report an edit's problems at the
// top of the file; they are dropped before the file is read again.
const editErrorPrefix = "# error:"

// maxEditErrors is how many problems the top of the file lists.
const maxEditErrors = 30

// EditOptions says what FormatEditFile puts in the file besides the rows.
type EditOptions struct {
	Coder string           // whose codes the margin holds, named in the header
	Codes []*codebook.Code // listed in the header so their paths can be copied
	// Canon maps a code as written in a codings file to its canonical
	// path; nil keeps codes as written.
	Canon func(string) string
	Width int // of the text column; 0 means EditWidth
}

var editTargetRE = lazyre.New(`^# qda code --edit: transcript (\S+), coder (\S+)\s*$`)

// FormatEditFile lays out t with the codes of segs in the margin: a
// header of comments, then one row per transcript line, "NNN | text |>
// codes". A segment's codes appear on each of its lines except blank
// ones, which are never coded; codes are canonical and sorted.
func FormatEditFile(t *Transcript, segs []Segment, o EditOptions) []byte {
	canon := o.Canon
	if canon == nil {
		canon = func(s string) string { return s }
	}
	width := o.Width
	if width <= 0 {
		width = EditWidth
	}
	margin := lineCodes(t, segs, canon)
	var b bytes.Buffer
	writeEditHeader(&b, t, o)
	numWidth := editNumWidth(t)
	for n := 1; n <= t.Len(); n++ {
		text := t.Line(n).Text
		fmt.Fprintf(&b, "%0*d | %s", numWidth, n, text)
		b.WriteString(strings.Repeat(" ", max(0, width-uniseg.StringWidth(text))))
		b.WriteString(" |>")
		if codes := margin[n-1]; len(codes) > 0 {
			b.WriteString(" ")
			b.WriteString(strings.Join(codes, ", "))
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func editNumWidth(t *Transcript) int { return max(3, len(strconv.Itoa(t.Len()))) }

// lineCodes lists the canonical codes of each non-blank line of t.
func lineCodes(t *Transcript, segs []Segment, canon func(string) string) [][]string {
	margin := make([][]string, t.Len())
	for _, s := range segs {
		for n := max(s.Lines.Start, 1); n <= min(s.Lines.End, t.Len()); n++ {
			if t.Line(n).Blank {
				continue
			}
			for _, c := range s.Codes {
				margin[n-1] = append(margin[n-1], canon(c))
			}
		}
	}
	for i := range margin {
		slices.Sort(margin[i])
		margin[i] = slices.Compact(margin[i])
	}
	return margin
}

func writeEditHeader(b *bytes.Buffer, t *Transcript, o EditOptions) {
	file := TranscriptFile(t.ID)
	fmt.Fprintf(b, "# qda code --edit: transcript %s, coder %s\n", t.ID, o.Coder)
	fmt.Fprintf(b, `#
# One row per line of %s: the line number, the text, then |>
# and the codes of that line, separated by commas. Edit only the codes after
# |>. The text is checked against the transcript; rows cannot be added,
# removed or moved.
#
# - A code on consecutive lines is one coded passage (a segment). Blank lines,
#   the breaks between turns, cannot be coded and do not break a passage.
# - A code by an alias, or a name or label only it has, is written as its path.
# - Only the codes of coder %s are here. Other coders' codings are not shown
#   and never change. The memos of passages you leave as they are are kept.
# - Save and quit to apply. Quit without saving to change nothing.
# - Lines starting with # are comments.
`, file, o.Coder)
	if len(o.Codes) == 0 {
		b.WriteString("#\n# The codebook has no codes yet.\n#\n")
		return
	}
	b.WriteString("#\n# The codebook's codes:\n")
	w := 0
	for _, c := range o.Codes {
		w = max(w, len(c.Path))
	}
	for _, c := range o.Codes {
		label := strings.Join(strings.Fields(c.DisplayLabel()), " ")
		fmt.Fprintf(b, "#   %-*s  %s\n", w, c.Path, label)
	}
	b.WriteString("#\n")
}

// EditFileTarget reads the transcript and coder an edit file was made
// for from its first header line.
func EditFileTarget(data []byte) (transcript, coder string, ok bool) {
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.HasPrefix(line, editErrorPrefix) {
			continue
		}
		if m := editTargetRE().FindStringSubmatch(line); m != nil {
			return m[1], m[2], true
		}
		if !strings.HasPrefix(strings.TrimSpace(line), "#") && strings.TrimSpace(line) != "" {
			break
		}
	}
	return "", "", false
}

var editRowRE = lazyre.New(`^[ \t]*([0-9]+)[ \t]*\|`)

// ParseEditFile reads an edit file of t back: each code in the margin of
// a row codes that line. resolve maps a code as written to its canonical
// path (aliases accepted) or fails, with a *codebook.ResolveError when it
// can. Runs of consecutive non-blank lines with a code, blank lines
// skipped, become one segment per code; runs of several codes over the
// same lines share a segment. Each segment gets the quote of its first
// line. Every problem is a finding at its line of data (File is left for
// the caller to fill in): a changed text column, a missing, extra or
// repeated row, a line that is no row, an unknown or ambiguous code, a
// code on a blank line.
func ParseEditFile(t *Transcript, data []byte, resolve func(string) (string, error)) ([]Segment, diag.List) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	lines := strings.Split(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	numWidth := editNumWidth(t)
	cov := map[string][]bool{}
	var errs diag.List
	next := 1 // the transcript line whose row comes next
	for i, line := range lines {
		ln := i + 1
		line = strings.TrimSuffix(line, "\r")
		if trimmed := strings.TrimSpace(line); trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		m := editRowRE().FindStringSubmatchIndex(line)
		if m == nil {
			errs = append(errs, diag.Errorf("", ln, "this line is neither a row nor a comment").
				WithHint("a row is 'NNN | text |> codes'; a comment starts with #"))
			continue
		}
		n, err := strconv.Atoi(line[m[2]:m[3]])
		switch {
		case err != nil || n < 1 || n > t.Len():
			errs = append(errs, diag.Errorf("", ln, "row %s is not a line of the transcript, which has %d lines", line[m[2]:m[3]], t.Len()).
				WithHint("remove the row"))
			continue
		case n < next:
			errs = append(errs, diag.Errorf("", ln, "row %0*d is repeated or out of order", numWidth, n).
				WithHint("rows stay in transcript order, one per line: remove the extra row"))
			continue
		case n > next:
			errs = append(errs, missingRows(t, next, n-1, ln))
		}
		next = n + 1
		margin, f := splitEditRow(line[m[1]:], t.Line(n).Text, ln, n)
		if f != nil {
			errs = append(errs, f)
			continue
		}
		var refs []string
		for _, item := range strings.Split(margin, ",") {
			if ref := strings.TrimSpace(item); ref != "" {
				refs = append(refs, ref)
			}
		}
		if len(refs) == 0 {
			continue
		}
		if t.Line(n).Blank {
			errs = append(errs, diag.Errorf("", ln, "transcript line %d is blank (a break between turns) and cannot be coded", n).
				WithHint("remove the codes after |>; a code on the lines either side of the break stays one passage"))
			continue
		}
		for _, ref := range refs {
			path, err := resolve(ref)
			if err != nil {
				errs = append(errs, codeFinding(ref, err, ln))
				continue
			}
			if cov[path] == nil {
				cov[path] = make([]bool, t.Len())
			}
			cov[path][n-1] = true
		}
	}
	if next <= t.Len() {
		errs = append(errs, missingRows(t, next, t.Len(), max(len(lines), 1)))
	}
	if errs.HasErrors() {
		return nil, errs
	}
	return coverageSegments(t, cov), errs
}

// splitEditRow checks the text column of a row (rest follows "NNN |")
// against the transcript's line n, and returns the margin after "|>".
// Padding is free: only the text, trimmed, is compared.
func splitEditRow(rest, text string, ln, n int) (string, *diag.Finding) {
	want := editTrim(text)
	var got, margin string
	if after, ok := strings.CutPrefix(rest, ">"); ok {
		// "NNN |> codes": the text column was deleted.
		margin = after
	} else {
		// The text itself may hold "|>", so the expected text is tried first.
		if body, ok := strings.CutPrefix(strings.TrimLeft(rest, " \t"), want); ok {
			if after, ok := strings.CutPrefix(strings.TrimLeft(body, " \t"), "|>"); ok {
				return after, nil
			}
		}
		i := strings.LastIndex(rest, "|>")
		if i < 0 {
			return "", diag.Errorf("", ln, "row %d has no |> between its text and its codes", n).
				WithHint("keep the text as it was, then |>, then the codes")
		}
		got, margin = rest[:i], rest[i+2:]
	}
	if editTrim(got) != want {
		return "", diag.Errorf("", ln, "the transcript text was changed; only the margin after |> can be edited").
			WithHint("transcript line %d reads %q", n, editClip(want, 70))
	}
	return margin, nil
}

func editTrim(s string) string { return strings.Trim(s, " \t") }

// editClip cuts s to about n bytes at a rune boundary, marking the cut.
func editClip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func missingRows(t *Transcript, from, to, ln int) *diag.Finding {
	w := editNumWidth(t)
	if from == to {
		return diag.Errorf("", ln, "row %0*d is missing", w, from).
			WithHint("every transcript line keeps its row; put it back: %q", editClip(fmt.Sprintf("%0*d | %s |>", w, from, t.Line(from).Text), 90))
	}
	return diag.Errorf("", ln, "rows %0*d-%0*d are missing", w, from, w, to).
		WithHint("every transcript line keeps its row; put them back, with nothing after |> to leave them uncoded")
}

func codeFinding(ref string, err error, ln int) *diag.Finding {
	var re *codebook.ResolveError
	if !errors.As(err, &re) {
		return diag.Errorf("", ln, "%v", err).WithHint("the codebook's codes are listed at the top of the file")
	}
	f := re.Finding("", ln)
	switch {
	case re.Kind == codebook.Unknown && strings.ContainsAny(ref, " \t"):
		f.Hint = "separate codes with commas"
	case re.Kind == codebook.Unknown && re.Suggestion == "":
		f.Hint = "the codebook's codes are listed at the top of the file"
	}
	return f
}

// coverageSegments turns each code's lines into runs, and the runs into
// segments, one per range, with the quote of the range's first line.
func coverageSegments(t *Transcript, cov map[string][]bool) []Segment {
	byRange := map[Range]int{}
	var segs []Segment
	for _, code := range editSortedKeys(cov) {
		for _, r := range coverageRuns(t, cov[code]) {
			i, ok := byRange[r]
			if !ok {
				i = len(segs)
				byRange[r] = i
				segs = append(segs, Segment{Lines: r, Quote: t.Quote(r.Start)})
			}
			segs[i].Codes = append(segs[i].Codes, code)
		}
	}
	SortSegments(segs)
	return segs
}

func editSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// coverageRuns returns the maximal runs of covered lines: consecutive
// non-blank lines, blank lines between them skipped, as in counting
// references. Covered blank lines are ignored.
func coverageRuns(t *Transcript, covered []bool) []Range {
	var runs []Range
	open := false
	for n := 1; n <= len(covered); n++ {
		l := t.Line(n)
		switch {
		case l.Blank:
		case covered[n-1] && open:
			runs[len(runs)-1].End = n
		case covered[n-1]:
			runs = append(runs, Range{n, n})
			open = true
		default:
			open = false
		}
	}
	return runs
}

// segmentCoverage marks, for each canonical code, the non-blank lines of
// t that segs cover.
func segmentCoverage(t *Transcript, segs []Segment, canon func(string) string) map[string][]bool {
	cov := map[string][]bool{}
	for _, s := range segs {
		for _, c := range s.Codes {
			c = canon(c)
			if cov[c] == nil {
				cov[c] = make([]bool, t.Len())
			}
			for n := max(s.Lines.Start, 1); n <= min(s.Lines.End, t.Len()); n++ {
				if !t.Line(n).Blank {
					cov[c][n-1] = true
				}
			}
		}
	}
	return cov
}

// StripEditErrors drops the "# error:" lines that MarkEditErrors put at
// the top of an edit file, so the file is read and marked afresh.
func StripEditErrors(data []byte) []byte {
	var b bytes.Buffer
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if !bytes.HasPrefix(line, []byte(editErrorPrefix)) {
			b.Write(line)
		}
	}
	return b.Bytes()
}

// MarkEditErrors puts findings (as ParseEditFile gave them for body) at
// the top of body as "# error: line N: ..." comments, and returns the new
// file with the findings moved to their lines in it.
func MarkEditErrors(body []byte, findings diag.List) ([]byte, diag.List) {
	shown := findings
	if len(shown) > maxEditErrors {
		shown = shown[:maxEditErrors]
	}
	head := 1 + len(shown)
	if len(findings) > len(shown) {
		head++
	}
	moved := make(diag.List, len(findings))
	for i, f := range findings {
		g := *f
		if g.Line > 0 {
			g.Line += head
		}
		moved[i] = &g
	}
	var b bytes.Buffer
	problems := "1 problem"
	if len(findings) != 1 {
		problems = fmt.Sprintf("%d problems", len(findings))
	}
	fmt.Fprintf(&b, "%s this edit has %s and was not applied. Fix them, then save and quit; or quit without saving to give up and keep the edit in %s/.\n", editErrorPrefix, problems, EditsDir)
	for _, f := range moved[:len(shown)] {
		msg := f.Msg
		if f.Hint != "" {
			msg += " (" + f.Hint + ")"
		}
		fmt.Fprintf(&b, "%s line %d: %s\n", editErrorPrefix, f.Line, msg)
	}
	if len(findings) > len(shown) {
		fmt.Fprintf(&b, "%s ... and %d more\n", editErrorPrefix, len(findings)-len(shown))
	}
	b.Write(body)
	return b.Bytes(), moved
}

// EditSummary counts what ApplyEdit changed, in segments.
type EditSummary struct {
	Added, Removed, Changed int
}

// ApplyEdit brings old, a coder's segments, into line with edited, the
// segments ParseEditFile read, and says what changed. Only what the edit
// changed is touched, so memos, quotes and the layout of segments stay:
//   - a code whose run of lines is the same before and after keeps every
//     segment it is on, as written;
//   - a code taken off a run comes off the segments of that run; a
//     segment left with no code is removed;
//   - a new or changed run of a code joins the segment with exactly that
//     range (even one that lost its own codes: changing a passage's code
//     keeps its memo), else takes over a removed segment of that code it
//     overlaps (extending or shrinking a passage keeps its memo), else is
//     a new segment with the quote of its first line. It carries the
//     memos of removed segments of that code it overlaps.
//
// Segments on no text line (blank or out of range) are left alone. canon
// maps a code as written to its canonical path.
func ApplyEdit(old, edited []Segment, t *Transcript, canon func(string) string) ([]Segment, EditSummary) {
	type slot struct {
		seg     Segment
		orig    int // index in old, -1 for a new segment
		lost    []string
		revived bool
	}
	slots := make([]*slot, len(old))
	for i, s := range old {
		s.Codes = slices.Clone(s.Codes)
		slots[i] = &slot{seg: s, orig: i}
	}
	oldCov := segmentCoverage(t, old, canon)
	newCov := segmentCoverage(t, edited, canon)
	codes := editSortedKeys(oldCov)
	for _, c := range editSortedKeys(newCov) {
		if _, ok := oldCov[c]; !ok {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)

	type add struct {
		code string
		r    Range
	}
	var adds []add
	for _, c := range codes {
		var oldRuns, newRuns []Range
		if oldCov[c] != nil {
			oldRuns = coverageRuns(t, oldCov[c])
		}
		if newCov[c] != nil {
			newRuns = coverageRuns(t, newCov[c])
		}
		for _, sl := range slots {
			if !slices.ContainsFunc(sl.seg.Codes, func(x string) bool { return canon(x) == c }) {
				continue
			}
			first := firstTextLine(t, sl.seg.Lines)
			if first == 0 {
				continue // on no text line: the edit could not show it
			}
			run := oldRuns[slices.IndexFunc(oldRuns, func(r Range) bool { return r.Start <= first && first <= r.End })]
			if slices.Contains(newRuns, run) {
				continue
			}
			sl.seg.Codes = slices.DeleteFunc(sl.seg.Codes, func(x string) bool { return canon(x) == c })
			sl.lost = append(sl.lost, c)
		}
		for _, r := range newRuns {
			if !slices.Contains(oldRuns, r) {
				adds = append(adds, add{c, r})
			}
		}
	}
	// Segments emptied by the removals: their memos go with their codes.
	emptied := map[*slot]bool{}
	for _, sl := range slots {
		if len(sl.seg.Codes) == 0 && len(sl.lost) > 0 {
			emptied[sl] = true
		}
	}
	for _, a := range adds {
		var donors []*slot
		for _, sl := range slots {
			if emptied[sl] && slices.Contains(sl.lost, a.code) && old[sl.orig].Lines.Overlaps(a.r) {
				donors = append(donors, sl)
			}
		}
		var target *slot
		for _, sl := range slots {
			if sl.seg.Lines == a.r {
				target = sl
				break
			}
		}
		if target == nil {
			for _, d := range donors {
				if !d.revived && len(d.seg.Codes) == 0 {
					target = d
					if d.seg.Lines.Start != a.r.Start {
						d.seg.Quote = t.Quote(a.r.Start)
					}
					d.seg.Lines = a.r
					break
				}
			}
		}
		if target == nil {
			target = &slot{seg: Segment{Lines: a.r, Quote: t.Quote(a.r.Start)}, orig: -1}
			slots = append(slots, target)
		}
		target.revived = true
		target.seg.Codes = append(target.seg.Codes, a.code)
		for _, d := range donors {
			if d != target {
				target.seg.Memo = joinMemo(target.seg.Memo, old[d.orig].Memo)
			}
		}
	}

	var out []Segment
	var sum EditSummary
	for _, sl := range slots {
		switch {
		case len(sl.seg.Codes) == 0 && len(sl.lost) > 0:
			sum.Removed++
			continue
		case sl.orig < 0:
			sum.Added++
		default:
			o := old[sl.orig]
			if sl.seg.Lines != o.Lines || sl.seg.Memo != o.Memo || !slices.Equal(canonSet(sl.seg.Codes, canon), canonSet(o.Codes, canon)) {
				sum.Changed++
			}
		}
		if sl.orig < 0 || len(sl.lost) > 0 || sl.revived {
			sl.seg.Codes = canonSet(sl.seg.Codes, canon)
		}
		out = append(out, sl.seg)
	}
	SortSegments(out)
	return out, sum
}

// firstTextLine is the first non-blank line of r within t, 0 for none.
func firstTextLine(t *Transcript, r Range) int {
	for n := max(r.Start, 1); n <= min(r.End, t.Len()); n++ {
		if !t.Line(n).Blank {
			return n
		}
	}
	return 0
}

func canonSet(codes []string, canon func(string) string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = canon(c)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// NewEditFile creates .qda/edits/ID-YYYYMMDD-HHMMSS.txt (with -2, -3, ...
// when that is taken) holding data, and returns its path relative to the
// study. The file is where the person edits, so that whatever happens to
// qda meanwhile the edit stays on disk; the caller removes it once the
// edit is applied.
func (s *Study) NewEditFile(id string, now time.Time, data []byte) (string, error) {
	if err := s.makeEditsDir(); err != nil {
		return "", err
	}
	base := EditsDir + "/" + id + "-" + now.Format("20060102-150405")
	for i := 1; ; i++ {
		rel := base + ".txt"
		if i > 1 {
			rel = fmt.Sprintf("%s-%d.txt", base, i)
		}
		err := s.writeNew(rel, data, 0o600)
		if errors.Is(err, fs.ErrExist) && i < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		return rel, nil
	}
}

// NewScratchFile creates a new empty file .qda/edits/PREFIX-RANDOMEXT
// for a person to edit (a memo, a summary) and returns its path relative
// to the study.
func (s *Study) NewScratchFile(prefix, ext string) (string, error) {
	if err := s.makeEditsDir(); err != nil {
		return "", err
	}
	for range 100 {
		rel := EditsDir + "/" + prefix + "-" + randomID()[:8] + ext
		err := s.writeNew(rel, nil, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return rel, err
	}
	return "", fmt.Errorf("%s: cannot make a file to edit in", EditsDir)
}

// makeEditsDir makes .qda/edits/ through the study's root, refusing a
// link: the editor is then given a path in a folder of the study's own.
func (s *Study) makeEditsDir() error {
	if err := s.MakeDataDir(); err != nil {
		return err
	}
	if err := s.mkdirAll(EditsDir); err != nil {
		return err
	}
	return s.noLinks(EditsDir)
}
