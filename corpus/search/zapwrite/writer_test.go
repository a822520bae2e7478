package zapwrite

import (
	"bytes"
	"strings"
	"testing"
)

// The segments themselves are compared with zapx's in corpus/search
// (TestSegmentLikeZapx, FuzzSegmentLikeZapx), where qda's documents are.
// Here: what a Writer refuses.
func TestWriterRefuses(t *testing.T) {
	tests := []struct {
		name string
		fill func(w *Writer)
		want string
	}{
		{"nothing", func(w *Writer) {}, "needs a document"},
		{"token first", func(w *Writer) { w.Token(w.Field("f", false), []byte("x"), 1, 0, 1) }, "before the first document"},
		{"stored first", func(w *Writer) { w.Store(w.Field("f", false), []byte("x"), nil) }, "before the first document"},
		{"vectors differ", func(w *Writer) {
			w.StartDoc("a")
			w.Field("f", true)
			w.StartDoc("b")
			w.Field("f", false)
		}, "with and without term vectors"},
		{"a stored id", func(w *Writer) {
			w.StartDoc("a")
			w.Store(w.Field("_id", false), []byte("b"), nil)
		}, "_id field"},
		{"an id's token", func(w *Writer) {
			w.StartDoc("a")
			w.Token(w.Field("_id", false), []byte("b"), 1, 0, 1)
		}, "_id field"},
		{"the same id twice", func(w *Writer) {
			w.StartDoc("a")
			w.StartDoc("b")
			w.StartDoc("a")
		}, `two documents with the id "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := New()
			tt.fill(w)
			var b bytes.Buffer
			if _, err := w.WriteTo(&b); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// TestWriterCounts: documents are numbered as started, every token
// (ids too) is held until the segment is written.
func TestWriterCounts(t *testing.T) {
	w := New()
	w.StartDoc("a")
	f := w.Field("f", true)
	w.Token(f, []byte("x"), 1, 0, 1)
	w.Token(f, []byte("y"), 2, 2, 3)
	if w.Docs() != 1 || w.Tokens() != 3 {
		t.Fatalf("%d documents, %d tokens; want 1 and 3", w.Docs(), w.Tokens())
	}
	w.StartDoc("b")
	var b bytes.Buffer
	n, err := w.WriteTo(&b)
	if err != nil || n != int64(b.Len()) || w.Docs() != 2 {
		t.Fatalf("WriteTo: %d bytes (%d written), %v, %d documents", n, b.Len(), err, w.Docs())
	}
}
