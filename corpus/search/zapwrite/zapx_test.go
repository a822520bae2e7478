package zapwrite

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"
	zapv15 "github.com/blevesearch/zapx/v15"
)

// fromDocument adds an analysed bleve document to w as scorch gives it
// to zapx: every indexed field's tokens, every stored value.
func fromDocument(w *Writer, d *document.Document) {
	w.StartDoc(d.ID())
	for _, f := range d.Fields {
		tf := f.(*document.TextField)
		o := tf.Options()
		field := w.Field(tf.Name(), o.IncludeTermVectors())
		if o.IsIndexed() {
			if a := tf.Analyzer(); a != nil {
				for _, t := range a.Analyze(append([]byte(nil), tf.Value()...)) {
					w.Token(field, t.Term, t.Position, t.Start, t.End)
				}
			} else {
				w.Token(field, tf.Value(), 1, 0, len(tf.Value()))
			}
		}
		if o.IsStored() {
			w.Store(field, tf.Value(), tf.ArrayPositions())
		}
	}
}

// TestLikeZapx: random documents of bleve's standard analyzer, with
// repeated fields, stored values with array positions, fields only some
// documents have, empty values and the stored values' blocks made tiny, written by a
// Writer and by zapx's New: the same bytes.
func TestLikeZapx(t *testing.T) {
	defer func(a int) { arenaBlock = a }(arenaBlock)
	arenaBlock = 16
	an, err := registry.NewCache().AnalyzerNamed(standard.Name)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("the cup of tea bus taxi Bus TAXI café naïve 24/7 self-help x y z")
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(words[rng.IntN(len(words))] + " ")
		}
		return b.String()
	}
	for round := range 20 {
		var docs []index.Document
		w := New()
		for d := range 1 + rng.IntN(300) {
			doc := document.NewDocument(fmt.Sprintf("d%d-%d", round, d))
			doc.AddField(document.NewTextFieldCustom("body", nil, []byte(text()), index.IndexField|index.IncludeTermVectors|index.StoreField, an))
			for k := range rng.IntN(3) {
				doc.AddField(document.NewTextFieldCustom("tag", []uint64{uint64(k)}, []byte(words[rng.IntN(len(words))]), index.IndexField|index.StoreField, nil))
			}
			if rng.IntN(2) == 0 {
				doc.AddField(document.NewTextFieldCustom(fmt.Sprintf("f%d", rng.IntN(4)), nil, []byte(text()), index.IndexField, an))
			}
			if rng.IntN(5) == 0 {
				doc.AddField(document.NewTextFieldCustom("empty", nil, nil, index.IndexField|index.StoreField, nil))
			}
			fromDocument(w, doc)
			doc.AddIDField()
			for _, f := range doc.Fields {
				if f.Options().IsIndexed() {
					f.Analyze()
				}
			}
			docs = append(docs, doc)
		}
		seg, _, err := (&zapv15.ZapPlugin{}).New(docs)
		if err != nil {
			t.Fatal(err)
		}
		var want, got bytes.Buffer
		if _, err := seg.(*zapv15.SegmentBase).WriteTo(&want); err != nil {
			t.Fatal(err)
		}
		if _, err := w.WriteTo(&got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Fatalf("round %d (%d documents): zapx wrote %d bytes, qda %d, not the same", round, len(docs), want.Len(), got.Len())
		}
	}
}
