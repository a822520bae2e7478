package search

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
	zapv15 "github.com/blevesearch/zapx/v15"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
	"github.com/qdatool/qda/corpus/search/zapwrite"
)

// segmentInput is one transcript as the build reads it.
type segmentInput struct {
	t       *corpus.Transcript
	codings []*corpus.Codings
	attrs   map[string]string
}

// zapxSegment is the segment zapx v15 builds itself from the documents
// the build gives bleve (documents, transcriptDoc), analysed as scorch
// analyses them: the id field added, each indexed field analysed.
func zapxSegment(t testing.TB, in []segmentInput, an analyzers) []byte {
	t.Helper()
	var docs []index.Document
	add := func(d *document.Document) {
		d.AddIDField()
		d.VisitFields(func(f index.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
			}
		})
		docs = append(docs, d)
	}
	for _, s := range in {
		for d := range documents(s.t, s.codings, s.attrs, an) {
			if d.doc != nil {
				add(d.doc)
			}
		}
		add(transcriptDoc(s.t.ID, s.attrs, an))
	}
	seg, _, err := (&zapv15.ZapPlugin{}).New(docs)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := seg.(*zapv15.SegmentBase).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// qdaSegment is the segment qda writes for the same transcripts.
func qdaSegment(t testing.TB, in []segmentInput, an analyzers) []byte {
	t.Helper()
	w := zapwrite.New()
	for _, s := range in {
		segmentLines(w, s.t, s.codings, s.attrs, an)
		segmentTranscript(w, s.t.ID, s.attrs)
	}
	var b bytes.Buffer
	if _, err := w.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sameSegment fails unless got is want: first, read through zapx, field
// by field (names; each term in order; each posting's document,
// frequency, norm and locations; each document's stored values; doc
// values), which names the first difference; then byte for byte.
func sameSegment(t testing.TB, want, got []byte) {
	t.Helper()
	dir := t.TempDir()
	open := func(name string, data []byte) segment.Segment {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := (&zapv15.ZapPlugin{}).Open(path)
		if err != nil {
			t.Fatalf("zapx opens the %s segment: %v", name, err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	ws, gs := open("zapx", want), open("qda", got)
	if err := sameContent(ws, gs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		i := 0
		for i < min(len(want), len(got)) && want[i] == got[i] {
			i++
		}
		t.Fatalf("same content, but the bytes differ from byte %d (zapx %d bytes, qda %d)", i, len(want), len(got))
	}
}

// sameContent compares two segments through zapx's reader.
func sameContent(want, got segment.Segment) error {
	if w, g := want.Count(), got.Count(); w != g {
		return fmt.Errorf("documents: zapx %d, qda %d", w, g)
	}
	if w, g := want.Fields(), got.Fields(); !slices.Equal(w, g) {
		return fmt.Errorf("fields:\nzapx %q\n qda %q", w, g)
	}
	for _, field := range want.Fields() {
		wt, err := segmentTerms(want, field)
		if err != nil {
			return err
		}
		gt, err := segmentTerms(got, field)
		if err != nil {
			return err
		}
		if !slices.Equal(wt, gt) {
			return fmt.Errorf("field %s: terms:\nzapx %q\n qda %q", field, wt, gt)
		}
		for _, term := range wt {
			wp, err := segmentPostings(want, field, term)
			if err != nil {
				return err
			}
			gp, err := segmentPostings(got, field, term)
			if err != nil {
				return err
			}
			if !slices.Equal(wp, gp) {
				return fmt.Errorf("field %s, term %q: postings:\nzapx %v\n qda %v", field, term, wp, gp)
			}
		}
	}
	for d := range want.Count() {
		ws, err := segmentStored(want, d)
		if err != nil {
			return err
		}
		gs, err := segmentStored(got, d)
		if err != nil {
			return err
		}
		if !slices.Equal(ws, gs) {
			return fmt.Errorf("document %d: stored:\nzapx %q\n qda %q", d, ws, gs)
		}
	}
	wdv := want.(segment.DocValueVisitable).VisitableDocValueFields
	gdv := got.(segment.DocValueVisitable).VisitableDocValueFields
	if w, g := firstOf(wdv()), firstOf(gdv()); !reflect.DeepEqual(w, g) {
		return fmt.Errorf("doc value fields: zapx %q, qda %q", w, g)
	}
	return nil
}

func firstOf[T any](v T, _ error) T { return v }

func segmentTerms(s segment.Segment, field string) ([]string, error) {
	d, err := s.Dictionary(field)
	if err != nil {
		return nil, err
	}
	it := d.AutomatonIterator(&vellum.AlwaysMatch{}, nil, nil)
	var out []string
	for {
		e, err := it.Next()
		if err != nil || e == nil {
			return out, err
		}
		out = append(out, e.Term)
	}
}

// segmentPostings is a term's postings, each as one line.
func segmentPostings(s segment.Segment, field, term string) ([]string, error) {
	d, err := s.Dictionary(field)
	if err != nil {
		return nil, err
	}
	pl, err := d.PostingsList([]byte(term), nil, nil)
	if err != nil {
		return nil, err
	}
	it := pl.Iterator(true, true, true, nil)
	var out []string
	for {
		p, err := it.Next()
		if err != nil || p == nil {
			return out, err
		}
		var b strings.Builder
		fmt.Fprintf(&b, "doc %d freq %d norm %v", p.Number(), p.Frequency(), p.Norm())
		for _, l := range p.Locations() {
			fmt.Fprintf(&b, " [%s %d %d-%d %v]", l.Field(), l.Pos(), l.Start(), l.End(), l.ArrayPositions())
		}
		out = append(out, b.String())
	}
}

// segmentStored is a document's stored values, each as one line.
func segmentStored(s segment.Segment, d uint64) ([]string, error) {
	var out []string
	err := s.VisitStoredFields(d, func(field string, typ byte, value []byte, pos []uint64) bool {
		out = append(out, fmt.Sprintf("%s %c %q %v", field, typ, value, pos))
		return true
	})
	return out, err
}

// studyInputs reads every transcript of a study as the build does.
func studyInputs(t testing.TB, dir string) []segmentInput {
	t.Helper()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cix, _, err := st.LoadIndex()
	if err != nil {
		t.Fatal(err)
	}
	var in []segmentInput
	err = st.Scan(cix, corpus.ScanOptions{}, func(it *corpus.Item) error {
		in = append(in, segmentInput{t: it.Transcript, codings: it.Codings, attrs: it.Attrs})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func testAnalyzers(t testing.TB) analyzers {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	return newAnalyzers(m)
}

// TestSegmentLikeZapx: the segment qda writes for a generated study of
// 60 participants (speakers, codings by several coders, attributes)
// is the one zapx builds from bleve's documents, byte for byte.
func TestSegmentLikeZapx(t *testing.T) {
	in := studyInputs(t, demoStudyOf(t, 60))
	an := testAnalyzers(t)
	want := zapxSegment(t, in, an)
	got := qdaSegment(t, in, testAnalyzers(t))
	sameSegment(t, want, got)
}

// TestSegmentLikeZapxText: the published paper in testdata (the seed
// study's text: markdown, links, tables, long lines, Unicode) as one
// transcript, and edge cases of a line: what the analyzers drop whole,
// long lines cut in pieces, an empty speaker, references with array
// positions, attributes named like the line's own fields.
func TestSegmentLikeZapxText(t *testing.T) {
	paper, err := os.ReadFile(filepath.Join("testdata", "segment", "paper.md"))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("the cup of tea, self-help; taxi's bus ", 5000) // pieces
	in := []segmentInput{
		textInput("paper", string(paper)),
		textInput("edge", "R: the a an of\n\nI: ...\n: no speaker\nR:    \nR: x\tx  y\nR: "+long+"\nI: İstanbul ΣΊΣΥΦΟΣ 日本語 x\xffy\n"),
	}
	an := testAnalyzers(t)
	sameSegment(t, zapxSegment(t, in, an), qdaSegment(t, in, testAnalyzers(t)))
}

// textInput is a transcript of text, coded by two coders (one line by
// both, overlapping spans, a code given twice), with attributes.
func textInput(id, text string) segmentInput {
	t := corpus.ParseTranscript(id, []byte(text))
	n := t.Len()
	codings := []*corpus.Codings{
		{Coder: "ann", Transcript: id, Segments: []corpus.Segment{
			{Lines: corpus.Range{Start: 1, End: min(n, 3)}, Codes: []string{"Access/Transport", "mood"}},
			{Lines: corpus.Range{Start: min(n, 2), End: n}, Codes: []string{"mood", "Cost"}},
		}},
		{Coder: "bo", Transcript: id, Segments: []corpus.Segment{
			{Lines: corpus.Range{Start: n, End: n}, Codes: []string{"cost", "Other"}},
		}},
	}
	attrs := map[string]string{"participant": "P1", "pseudonym": "Rose", "gender": "Female", "text": "clash", "ref_x": "clash", "site": ""}
	return segmentInput{t: t, codings: codings, attrs: attrs}
}

// FuzzSegmentLikeZapx: for any transcript text, the segment qda writes
// is the one zapx builds.
func FuzzSegmentLikeZapx(f *testing.F) {
	for _, s := range []string{
		"R: the cup of tea\nI: and the bus?\n",
		"R: taxi's taxis  TAXI\t24/7 self-help\n\n\nR: naïve café",
		"", "\n", "x", "R: a an and\n", "R: \xff\xfe ’ ＇s",
	} {
		f.Add(s)
	}
	an := testAnalyzers(f)
	an2 := testAnalyzers(f)
	f.Fuzz(func(t *testing.T, text string) {
		in := []segmentInput{textInput("t", text)}
		sameSegment(t, zapxSegment(t, in, an), qdaSegment(t, in, an2))
	})
}

// demoStudyOf writes a demo study of n participants.
func demoStudyOf(t testing.TB, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Write(dir, demo.Options{Participants: n}); err != nil {
		t.Fatal(err)
	}
	return dir
}
