package search

import (
	"errors"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
)

// innerIndex names the embedded index: a field named Index would hide
// the interface's Index method.
type innerIndex = bleve.Index

// batchIndex is an index whose Batch fails or panics as told.
type batchIndex struct {
	innerIndex
	applied int
	fail    error
	panics  bool
}

func (b *batchIndex) NewBatch() *bleve.Batch { return b.innerIndex.NewBatch() }

func (b *batchIndex) Batch(*bleve.Batch) error {
	if b.panics {
		panic("damaged segment")
	}
	if b.fail != nil {
		return b.fail
	}
	b.applied++
	return nil
}

// TestWriter checks that every batch is applied before close returns,
// and that a failure or a panic in the applier's goroutine comes back
// to the caller as it was (a panic as a panicError, which makes Open
// rebuild the index) instead of being lost or ending the process.
func TestWriter(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	mem, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	boom := errors.New("disk full")
	for _, tc := range []struct {
		name      string
		idx       *batchIndex
		wantPanic bool
		wantErr   error
	}{
		{"applied", &batchIndex{innerIndex: mem}, false, nil},
		{"failed", &batchIndex{innerIndex: mem, fail: boom}, false, boom},
		{"panicked", &batchIndex{innerIndex: mem, panics: true}, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWriter(tc.idx)
			var err error
			for i := 0; i < batchDocs*3 && err == nil; i++ {
				err = w.index(lineDoc{line: i + 1, doc: document.NewDocument(docID("t", i+1)), size: 1})
			}
			if cerr := w.close(); err == nil {
				err = cerr
			}
			switch {
			case tc.wantPanic:
				if !isPanic(err) {
					t.Fatalf("got %v, want the panic as a panicError", err)
				}
			case tc.wantErr != nil:
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("got %v, want %v", err, tc.wantErr)
				}
			default:
				if err != nil || tc.idx.applied != 3 {
					t.Fatalf("got %v and %d batches applied, want 3", err, tc.idx.applied)
				}
			}
			if again := w.close(); !errors.Is(again, err) && again != err {
				t.Fatalf("close again: %v, want %v", again, err)
			}
		})
	}
}
