package export

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/scratch"
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
	Code        *codebook.Code
	Ref         corpus.Range
	ID          string // the transcript
	Participant string
	Codes       []string
	Coders      []string
	// CodersNote names the coders with the lines each coded ("jt 3-4,
	// eh 4-5", or "jt, eh" when each coded all of it).
	CodersNote string
	// Text shows the passage's speaker turns one paragraph each,
	// separated by a line break.
	Text string
	// Attrs are the transcript's attributes, in Excerpts.AttrNames' order.
	Attrs []string
	// quote is the turns as the lines of a Markdown quote.
	quote string
}

// Excerpts are the passages of each code, grouped by code (in the order
// given), then participant (participants.csv order), then transcript and
// line. A report of every theme of a large study holds hundreds of
// thousands of passages: each is written to a scratch file as it is read
// and only its place in the order is kept in memory, so memory does not
// grow with the passages' text (a study of 10,000 participants held about
// 500 MB). Close removes the file.
type Excerpts struct {
	// LineNumbers is set when the passages' lines carry their numbers.
	LineNumbers bool
	AttrNames   []string
	codes       []*codebook.Code
	ix          *corpus.Index
	pNames      []string
	f           *os.File
	w           *bufio.Writer
	off         int64
	recs        []excerptRec
	buf         []byte // add's, reused
}

// passages is what the scratch file holds, for its errors.
const passages = "the passages"

// excerptRec is one passage's place in the report's order and in the
// scratch file.
type excerptRec struct {
	code, participant, transcript, start int32
	n                                    int32
	off                                  int64
}

// CollectExcerpts gathers the references of opt's codes, in the report's
// order. Close the result when done.
func CollectExcerpts(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt ExcerptsOptions, progress func()) (*Excerpts, error) {
	res := corpus.NewResolver(cb)
	pOrder := make(map[string]int, len(ix.Participants.Rows))
	for i, p := range ix.Participants.Rows {
		pOrder[p.ID] = i
	}
	f, err := scratch.File("qda-excerpts-*")
	if err != nil {
		return nil, scratch.Failed(passages, err)
	}
	out := &Excerpts{LineNumbers: opt.LineNumbers, AttrNames: ix.AttributeNames()[2:], codes: opt.Codes, ix: ix, pNames: ix.Participants.Header[1:],
		f: f, w: bufio.NewWriterSize(f, 1<<16)}
	tOrder := 0
	var x Excerpt
	err = s.Scan(ix, opt.Scan, func(it *corpus.Item) error {
		tOrder++
		cov := corpus.Cover(it.Transcript, it.Codings, res)
		x.Attrs = x.Attrs[:0]
		for _, a := range out.AttrNames {
			x.Attrs = append(x.Attrs, it.Attrs[a])
		}
		for ci, code := range opt.Codes {
			for _, ref := range cov.References(code) {
				p, ok := pOrder[it.Participant]
				if !ok {
					p = len(pOrder)
				}
				turns := corpus.Turns(it.Transcript, ref)
				x.Ref, x.ID, x.Participant = ref, it.ID, it.Participant
				x.Codes, x.Coders = corpus.RefCodes(it.Codings, res, code, ref)
				x.CodersNote = corpus.CodersNote(ref, corpus.RefCoderLines(it.Transcript, it.Codings, res, code, ref))
				x.Text = corpus.TurnsText(turns, opt.LineNumbers, "\n")
				x.quote = mdQuote(turns, opt.LineNumbers)
				if err := out.add(&x, excerptRec{code: int32(ci), participant: int32(p), transcript: int32(tOrder), start: int32(ref.Start)}); err != nil {
					return err
				}
			}
		}
		if progress != nil {
			progress()
		}
		return nil
	})
	if err == nil {
		err = scratch.Failed(passages, out.w.Flush())
	}
	if err != nil {
		out.Close()
		return nil, err
	}
	slices.SortStableFunc(out.recs, func(a, b excerptRec) int {
		return cmp.Or(cmp.Compare(a.code, b.code), cmp.Compare(a.participant, b.participant),
			cmp.Compare(a.transcript, b.transcript), cmp.Compare(a.start, b.start))
	})
	return out, nil
}

// add writes x to the scratch file and keeps its place as r.
func (e *Excerpts) add(x *Excerpt, r excerptRec) error {
	b := binary.AppendUvarint(e.buf[:0], uint64(x.Ref.Start))
	b = binary.AppendUvarint(b, uint64(x.Ref.End))
	b = appendStrings(b, x.ID, x.Participant, x.CodersNote, x.Text, x.quote)
	b = appendList(b, x.Codes)
	b = appendList(b, x.Coders)
	b = appendList(b, x.Attrs)
	e.buf = b
	if _, err := e.w.Write(b); err != nil {
		return scratch.Failed(passages, err)
	}
	r.off, r.n = e.off, int32(len(b))
	e.off += int64(len(b))
	e.recs = append(e.recs, r)
	return nil
}

func appendStrings(b []byte, ss ...string) []byte {
	for _, s := range ss {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

func appendList(b []byte, ss []string) []byte {
	return appendStrings(binary.AppendUvarint(b, uint64(len(ss))), ss...)
}

// excerptReader decodes what add wrote; a short record is an error, not
// a panic (the file is qda's own, but a disk can fail).
type excerptReader struct {
	b   []byte
	err error
}

func (r *excerptReader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("export: a passage's record in the scratch file is cut short")
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *excerptReader) str() string {
	n := r.uint()
	if n > uint64(len(r.b)) {
		r.err = errors.New("export: a passage's record in the scratch file is cut short")
		r.b = nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *excerptReader) list() []string {
	n := r.uint()
	if n > uint64(len(r.b)) {
		n = 0
		r.err = errors.New("export: a passage's record in the scratch file is cut short")
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

// Len is how many passages there are.
func (e *Excerpts) Len() int { return len(e.recs) }

// Each calls fn with every passage in the report's order, read back from
// the scratch file; x is fn's only while it runs.
func (e *Excerpts) Each(fn func(x *Excerpt) error) error {
	var buf []byte
	for _, rec := range e.recs {
		buf = slices.Grow(buf[:0], int(rec.n))[:rec.n]
		if _, err := e.f.ReadAt(buf, rec.off); err != nil {
			return scratch.Failed(passages, err)
		}
		r := excerptReader{b: buf}
		x := Excerpt{Code: e.codes[rec.code]}
		x.Ref.Start, x.Ref.End = int(r.uint()), int(r.uint())
		x.ID, x.Participant, x.CodersNote, x.Text, x.quote = r.str(), r.str(), r.str(), r.str(), r.str()
		x.Codes, x.Coders, x.Attrs = r.list(), r.list(), r.list()
		if r.err != nil {
			return r.err
		}
		if err := fn(&x); err != nil {
			return err
		}
	}
	return nil
}

// Close removes the scratch file.
func (e *Excerpts) Close() {
	e.f.Close()
	os.Remove(e.f.Name())
}

// Table is one row per passage, for csv, xlsx and json, made as it is
// written (see Table.Each).
func (e *Excerpts) Table() *Table {
	t := &Table{Title: "Excerpts", Header: append([]string{"code", "label", "participant", "transcript", "lines", "reference", "codes", "coders", "text"}, e.AttrNames...)}
	t.Each = func(yield func([]Cell) error) error {
		return e.Each(func(x *Excerpt) error {
			row := []Cell{Text(x.Code.Path), Text(x.Code.DisplayLabel()), Text(x.Participant), Text(x.ID), Text(x.Ref.String()),
				Text(x.ID + ":" + x.Ref.String()), Text(strings.Join(x.Codes, ", ")), Text(x.CodersNote), Text(x.Text)}
			for _, a := range x.Attrs {
				row = append(row, Auto(a))
			}
			return yield(row)
		})
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
	err := e.Each(func(x *Excerpt) error {
		if x.Code != code {
			code, participant = x.Code, ""
			fmt.Fprintf(bw, "\n## %s (`%s`)\n", mdLine(code.DisplayLabel()), code.Path)
		}
		if x.Participant != participant {
			participant = x.Participant
			var attrs []string
			if row, ok := e.ix.Participants.Lookup(participant); ok {
				pa := e.ix.Participants.Attributes(row)
				for _, a := range e.pNames {
					if v := pa[a]; v != "" {
						attrs = append(attrs, a+"="+v)
					}
				}
			}
			fmt.Fprintf(bw, "\n### %s\n", mdLine(participant))
			if len(attrs) > 0 {
				fmt.Fprintf(bw, "\n%s\n", mdLine(strings.Join(attrs, ", ")))
			}
		}
		bw.WriteString("\n")
		bw.WriteString(x.quote)
		fmt.Fprintf(bw, "\n— %s:%s · %s · %s\n", x.ID, x.Ref, strings.Join(x.Codes, ", "), x.CodersNote)
		return nil
	})
	if err != nil {
		return err
	}
	if e.Len() == 0 {
		bw.WriteString("\nNo passages.\n")
	}
	return bw.Flush()
}

// mdQuote is a passage's turns as the lines of a Markdown quote, a
// paragraph each.
func mdQuote(turns []corpus.Turn, numbers bool) string {
	var b strings.Builder
	for i, tu := range turns {
		if i > 0 {
			b.WriteString(">\n")
		}
		b.WriteString("> " + mdTurn(tu, numbers) + "\n")
	}
	return b.String()
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
