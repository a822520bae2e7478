// Package zapwrite writes a search index's segment in zap's format
// (github.com/blevesearch/zapx/v15) from tokens, for bleve to open and
// query as if it had built the segment itself.
//
// Why qda writes segments itself: bleve builds a segment from analysed
// documents, turning every field of every document into a map of its
// terms and locations, which zap then walks twice more; profiles of a
// cold build (docs/performance.md, issue 20, sessions 6 and 7) found
// those per-token maps and the merges of many small segments each cost
// about the whole budget of a build within 10× `cat`. A Writer instead
// numbers each field's terms in one dictionary for the whole segment
// and appends each token to its term's postings, varint-encoded, as it
// comes: no per-document maps, no batches, nothing to merge.
//
// The segment is zap version 15, the last without "sections" (v16 and
// v17 add vector and synonym sections qda does not use); scorch reads
// it, and an index that holds it must be made as zap 15 (scorch's
// forceSegmentType and forceSegmentVersion), which scorch then keeps
// for the index's own segments and merges (docs/performance.md,
// session 8).
//
// What it writes is what zapx's own New writes for the same documents,
// byte for byte (the tests compare both): the _id field first, the
// other fields sorted by name, each field's terms sorted, the postings
// with frequencies, norms (a field's token count, as zapx keeps it) and
// locations, and the stored fields. It writes no doc values (qda's
// documents have none, and a Writer cannot be given them).
package zapwrite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Field is a field's number in a Writer, from Writer.Field.
type Field uint16

// idField is the document id's field, always field 0.
const idField Field = 0

// postings are a term's postings as they are added, varint-encoded
// as Lucene keeps them in memory: per document (once it ends) the
// distance from the term's previous document, the frequency and the
// field's token count there (its norm, as zapx keeps it); per token of
// a field with term vectors, its position and start and end bytes.
// About 3 bytes a keyword and 6 a word of text, where one entry per
// token in a flat array took 48 while the segment was written.
type postings struct {
	docs, locs []byte
	last       uint32 // the last document in docs
	cur        uint32 // the document (+1) of the term's tokens now counted
	freq       uint32 // the term's tokens in that document so far
	n          uint32 // documents in docs
}

// termRef is a term of a field.
type termRef struct {
	field Field
	term  uint32
}

// stored is one stored value of a field in a document.
type stored struct {
	doc          uint32
	field        Field
	block        uint32 // in Writer.arena
	off, n       uint32 // in the block
	arrOff, arrN uint32 // array positions, in Writer.arrays
}

// arenaBlock is the size of a block of stored values, a variable so
// that a test can make it small.
var arenaBlock = 1 << 20

// Writer collects a segment's documents. Documents are numbered in the
// order they are started; each one's fields and tokens follow
// StartDoc. A Writer holds every token until WriteTo, as postings
// (about 3 to 6 bytes a token), and every stored value. WriteTo uses
// the Writer up.
type Writer struct {
	fields  map[string]Field
	names   []string
	vectors []bool
	dicts   []map[string]uint32 // field -> term -> term number
	terms   [][]string          // field -> term number -> term
	posts   [][]postings        // field -> term number -> postings
	nhits   int
	ids     []string // document -> id, the _id field's terms

	// Stored values are kept in blocks of arenaBlock bytes, so that
	// holding many costs no copies as they grow.
	stores []stored
	arena  [][]byte
	arrays []uint64

	docs     uint32
	inDoc    bool
	lens     []uint32  // field -> tokens in the current document
	touched  []Field   // fields with tokens in the current document
	inDocNow []termRef // terms with tokens in the current document

	err error
}

// New returns an empty Writer.
func New() *Writer {
	w := &Writer{fields: map[string]Field{}}
	w.define("_id", false)
	return w
}

func (w *Writer) define(name string, vectors bool) Field {
	f := Field(len(w.names))
	w.fields[name] = f
	w.names = append(w.names, name)
	w.vectors = append(w.vectors, vectors)
	w.dicts = append(w.dicts, map[string]uint32{})
	w.terms = append(w.terms, nil)
	w.posts = append(w.posts, nil)
	w.lens = append(w.lens, 0)
	return f
}

// errTooMany is a segment past zap's limits: field numbers are 16 bits,
// document numbers 32.
var errTooMany = errors.New("zapwrite: too many fields or documents for one segment")

// errIDField is a token or value given to the id's field, which only
// StartDoc fills.
var errIDField = errors.New("zapwrite: the _id field holds the ids StartDoc is given, and nothing else")

// StartDoc ends the current document, if any, and starts the next one,
// with its id: indexed and stored as zapx stores an id.
func (w *Writer) StartDoc(id string) {
	w.endDoc()
	if w.docs == math.MaxUint32 {
		w.fail(errTooMany)
		return
	}
	w.inDoc = true
	// The id's posting (this document, frequency 1, norm 1) and its
	// stored value are made from ids when the segment is written: a
	// term and postings of their own per document cost an eighth of
	// the writing.
	w.ids = append(w.ids, id)
	w.nhits++
}

// Field returns the number of the field name, defining it in the
// segment if it is new. A field is in the segment once it is named,
// with or without tokens, as a field of a bleve document is. vectors
// says whether its tokens keep their locations (bleve's
// IncludeTermVectors); a field keeps the setting it was first given.
func (w *Writer) Field(name string, vectors bool) Field {
	f, ok := w.fields[name]
	if !ok {
		if len(w.names) > math.MaxUint16-1 {
			w.fail(errTooMany)
			return idField
		}
		return w.define(name, vectors)
	}
	if w.vectors[f] != vectors {
		w.fail(fmt.Errorf("zapwrite: field %q given with and without term vectors", name))
	}
	return f
}

// Token adds a token of field f to the current document: its term, its
// position (from 1) and its start and end bytes in the field's value.
// The position and offsets are kept only for a field with vectors.
// Tokens of a field, and of the fields given the same name, are in
// order: their locations are kept in the order they are added.
func (w *Writer) Token(f Field, term []byte, pos, start, end int) {
	if !w.inDoc {
		w.fail(errors.New("zapwrite: a token before the first document"))
		return
	}
	if f == idField {
		w.fail(errIDField)
		return
	}
	dict := w.dicts[f]
	t, ok := dict[string(term)]
	if !ok {
		t = uint32(len(w.terms[f]))
		s := string(term)
		dict[s] = t
		w.terms[f] = append(w.terms[f], s)
		w.posts[f] = append(w.posts[f], postings{})
	}
	p := &w.posts[f][t]
	if p.cur != w.docs+1 {
		p.cur, p.freq = w.docs+1, 0
		w.inDocNow = append(w.inDocNow, termRef{f, t})
	}
	p.freq++
	if w.vectors[f] {
		p.locs = binary.AppendUvarint(p.locs, uint64(pos))
		p.locs = binary.AppendUvarint(p.locs, uint64(start))
		p.locs = binary.AppendUvarint(p.locs, uint64(end))
	}
	w.nhits++
	if w.lens[f] == 0 {
		w.touched = append(w.touched, f)
	}
	w.lens[f]++
}

// Store keeps value as a stored value of field f in the current
// document, with its array positions.
func (w *Writer) Store(f Field, value []byte, arrayPositions []uint64) {
	if !w.inDoc {
		w.fail(errors.New("zapwrite: a stored value before the first document"))
		return
	}
	if f == idField {
		w.fail(errIDField)
		return
	}
	if uint64(len(value)) > math.MaxUint32 || uint64(len(w.arrays))+uint64(len(arrayPositions)) > math.MaxUint32 {
		w.fail(errTooMany)
		return
	}
	// A value goes whole into one block: the last, if it fits, else a
	// new one (of its own size, if larger than a block).
	if n := len(w.arena); n == 0 || cap(w.arena[n-1])-len(w.arena[n-1]) < len(value) {
		w.arena = append(w.arena, make([]byte, 0, max(arenaBlock, len(value))))
	}
	b := len(w.arena) - 1
	w.stores = append(w.stores, stored{
		doc: w.docs, field: f,
		block: uint32(b), off: uint32(len(w.arena[b])), n: uint32(len(value)),
		arrOff: uint32(len(w.arrays)), arrN: uint32(len(arrayPositions)),
	})
	w.arena[b] = append(w.arena[b], value...)
	w.arrays = append(w.arrays, arrayPositions...)
}

// endDoc adds the current document to its terms' postings, now that
// its frequencies and norms are known.
func (w *Writer) endDoc() {
	if !w.inDoc {
		return
	}
	for _, r := range w.inDocNow {
		p := &w.posts[r.field][r.term]
		p.docs = binary.AppendUvarint(p.docs, uint64(w.docs-p.last))
		p.docs = binary.AppendUvarint(p.docs, uint64(p.freq))
		p.docs = binary.AppendUvarint(p.docs, uint64(w.lens[r.field]))
		p.last = w.docs
		p.n++
	}
	w.inDocNow = w.inDocNow[:0]
	for _, f := range w.touched {
		w.lens[f] = 0
	}
	w.touched = w.touched[:0]
	w.docs++
	w.inDoc = false
}

// Docs is the number of documents started.
func (w *Writer) Docs() int {
	if w.inDoc {
		return int(w.docs) + 1
	}
	return int(w.docs)
}

// Tokens is the number of tokens held, ids included.
func (w *Writer) Tokens() int { return w.nhits }

func (w *Writer) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}
