// Parts of this file (the layout of the stored fields, the postings and
// the footer, in writeStored, writeDicts, writePostings, writeFields and
// writeFooter) follow github.com/blevesearch/zapx/v15 new.go, merge.go,
// write.go and build.go (v15.4.3), Copyright (c) 2018 Couchbase, Inc.,
// licensed under the Apache License, Version 2.0
// (http://www.apache.org/licenses/LICENSE-2.0), so that the bytes are
// the ones zapx writes; zap.md in that module describes the format.

package zapwrite

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/vellum"
	"github.com/golang/snappy"
)

// Version is the zap version written, the one scorch must be forced to
// for an index holding these segments (its config's forceSegmentType
// "zap" and forceSegmentVersion).
const Version = 15

// fieldNotUninverted marks a field without doc values in the doc
// values index.
const fieldNotUninverted = math.MaxUint64

// countWriter counts the bytes written and keeps their CRC-32, which
// zap's footer ends with.
type countWriter struct {
	w   io.Writer
	n   int
	crc uint32
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.crc = crc32.Update(c.crc, crc32.IEEETable, b[:n])
	c.n += n
	return n, err
}

func (c *countWriter) uvarints(vals ...uint64) error {
	var buf [binary.MaxVarintLen64]byte
	for _, v := range vals {
		if _, err := c.Write(buf[:binary.PutUvarint(buf[:], v)]); err != nil {
			return err
		}
	}
	return nil
}

func (c *countWriter) uint64s(vals ...uint64) error {
	var buf [8]byte
	for _, v := range vals {
		binary.BigEndian.PutUint64(buf[:], v)
		if _, err := c.Write(buf[:]); err != nil {
			return err
		}
	}
	return nil
}

// layout is the order the segment's parts are written in: fields by
// their zap number, each field's terms sorted.
type layout struct {
	zapID  []uint16   // Writer's field -> zap's field number
	byZap  []Field    // zap's field number -> Writer's field
	sorted [][]uint32 // Writer's field -> terms in order, by number
}

func (w *Writer) layout() *layout {
	l := &layout{zapID: make([]uint16, len(w.names)), sorted: make([][]uint32, len(w.names))}
	// _id first, the other fields by name, as zapx numbers them.
	l.byZap = append(l.byZap, idField)
	for f := 1; f < len(w.names); f++ {
		l.byZap = append(l.byZap, Field(f))
	}
	slices.SortFunc(l.byZap[1:], func(a, b Field) int { return strings.Compare(w.names[a], w.names[b]) })
	for z, f := range l.byZap {
		l.zapID[f] = uint16(z)
	}
	// The ids' field: its terms are the documents' ids, each once.
	w.terms[idField] = w.ids
	for f, terms := range w.terms {
		s := make([]uint32, len(terms))
		for i := range s {
			s[i] = uint32(i)
		}
		slices.SortFunc(s, func(a, b uint32) int { return strings.Compare(terms[a], terms[b]) })
		l.sorted[f] = s
	}
	return l
}

// idPostings is the posting of the id of document d: d, frequency 1
// and norm 1, as postings keeps it.
func idPostings(d uint32, buf []byte) postings {
	return postings{docs: append(binary.AppendUvarint(buf[:0], uint64(d)), 1, 1), n: 1}
}

// WriteTo writes the segment: the documents started so far, the last
// one ended. It returns the bytes written.
func (w *Writer) WriteTo(out io.Writer) (int64, error) {
	w.endDoc()
	if w.err != nil {
		return 0, w.err
	}
	if w.docs == 0 {
		return 0, errors.New("zapwrite: a segment needs a document")
	}
	w.err = errors.New("zapwrite: a segment written twice")
	bw := bufio.NewWriterSize(out, 1<<20)
	cw := &countWriter{w: bw}
	l := w.layout()
	storedIndex, err := w.writeStored(cw, l)
	if err != nil {
		return int64(cw.n), err
	}
	dictOffsets, dvIndex, err := w.writeDicts(cw, l)
	if err != nil {
		return int64(cw.n), err
	}
	fieldsIndex, err := w.writeFields(cw, l, dictOffsets)
	if err != nil {
		return int64(cw.n), err
	}
	if err := w.writeFooter(cw, storedIndex, fieldsIndex, dvIndex); err != nil {
		return int64(cw.n), err
	}
	return int64(cw.n), bw.Flush()
}

// writeStored writes each document's stored values, then their index:
// per document a varint metadata (the id's length, then each value's
// field, type, offset, length and array positions, fields in zap's
// order) and the id and the other values, snappy-compressed.
func (w *Writer) writeStored(cw *countWriter, l *layout) (uint64, error) {
	offsets := make([]uint64, w.docs)
	var meta bytes.Buffer
	var vb [binary.MaxVarintLen64]byte
	enc := func(v uint64) { meta.Write(vb[:binary.PutUvarint(vb[:], v)]) }
	var data, compressed []byte
	var doc []stored
	s := w.stores
	for d := uint32(0); d < w.docs; d++ {
		n := 0
		for n < len(s) && s[n].doc == d {
			n++
		}
		doc = append(doc[:0], s[:n]...)
		s = s[n:]
		// zap's order: by field number, values of a field as added.
		slices.SortStableFunc(doc, func(a, b stored) int { return int(l.zapID[a.field]) - int(l.zapID[b.field]) })
		id := w.ids[d]
		meta.Reset()
		data = data[:0]
		enc(uint64(len(id)))
		curr := 0
		for _, v := range doc {
			enc(uint64(l.zapID[v.field]))
			enc('t') // bleve's text field, the only kind qda stores
			enc(uint64(curr))
			enc(uint64(v.n))
			enc(uint64(v.arrN))
			for _, p := range w.arrays[v.arrOff : v.arrOff+v.arrN] {
				enc(p)
			}
			data = append(data, w.value(v)...)
			curr += int(v.n)
		}
		compressed = snappy.Encode(compressed[:cap(compressed)], data)
		offsets[d] = uint64(cw.n)
		if err := cw.uvarints(uint64(meta.Len()), uint64(len(id)+len(compressed))); err != nil {
			return 0, err
		}
		if _, err := cw.Write(meta.Bytes()); err != nil {
			return 0, err
		}
		if _, err := io.WriteString(cw, id); err != nil {
			return 0, err
		}
		if _, err := cw.Write(compressed); err != nil {
			return 0, err
		}
	}
	index := uint64(cw.n)
	return index, cw.uint64s(offsets...)
}

// writeDicts writes each field's posting lists and its dictionary (a
// vellum FST from term to posting list), then the doc values index,
// which marks every field as having none. It returns where each
// field's dictionary starts and where the doc values index does.
func (w *Writer) writeDicts(cw *countWriter, l *layout) ([]uint64, uint64, error) {
	numDocs := uint64(w.docs)
	dictOffsets := make([]uint64, len(l.byZap))
	tf := newChunkedIntCoder(1024, numDocs-1)
	loc := newChunkedIntCoder(1024, numDocs-1)
	var fst bytes.Buffer
	builder, err := vellum.New(&fst, nil)
	if err != nil {
		return nil, 0, err
	}
	var vb [binary.MaxVarintLen64]byte
	var ls [][3]uint64
	var idp postings
	for z, f := range l.byZap {
		vectors := w.vectors[f]
		for i, t := range l.sorted[f] {
			var p *postings
			if f == idField {
				if i > 0 && w.ids[t] == w.ids[l.sorted[f][i-1]] {
					return nil, 0, fmt.Errorf("zapwrite: two documents with the id %q", w.ids[t])
				}
				idp = idPostings(t, idp.docs)
				p = &idp
			} else {
				p = &w.posts[f][t]
			}
			size, err := chunkSize(uint64(p.n), numDocs)
			if err != nil {
				return nil, 0, err
			}
			tf.SetChunkSize(size, numDocs-1)
			loc.SetChunkSize(size, numDocs-1)
			bm := roaring.New()
			docs, locs := p.docs, p.locs
			doc := uint64(0)
			for range p.n {
				var v [3]uint64
				for i := range v {
					var n int
					v[i], n = binary.Uvarint(docs)
					docs = docs[n:]
				}
				doc += v[0]
				freq, norm := v[1], v[2]
				bm.Add(uint32(doc))
				tf.Add(doc, encodeFreqHasLocs(freq, vectors), uint64(math.Float32bits(math.Float32frombits(uint32(norm)))))
				if vectors {
					ls = ls[:0]
					n := 0
					for range freq {
						var v [3]uint64
						for i := range v {
							var m int
							v[i], m = binary.Uvarint(locs)
							locs = locs[m:]
						}
						ls = append(ls, v)
						n += uvarintLen(uint64(z)) + uvarintLen(v[0]) + uvarintLen(v[1]) + uvarintLen(v[2]) + 1
					}
					loc.Add(doc, uint64(n))
					for _, v := range ls {
						loc.Add(doc, uint64(z), v[0], v[1], v[2], 0)
					}
				}
			}
			if f != idField {
				*p = postings{} // let it go
			}
			tf.Close()
			loc.Close()
			off, err := writePostings(bm, tf, loc, cw, vb[:])
			if err != nil {
				return nil, 0, err
			}
			if err := builder.Insert([]byte(w.terms[f][t]), off); err != nil {
				return nil, 0, err
			}
			tf.Reset()
			loc.Reset()
		}
		if err := builder.Close(); err != nil {
			return nil, 0, err
		}
		dictOffsets[z] = uint64(cw.n)
		if err := cw.uvarints(uint64(fst.Len())); err != nil {
			return nil, 0, err
		}
		if _, err := cw.Write(fst.Bytes()); err != nil {
			return nil, 0, err
		}
		fst.Reset()
		if err := builder.Reset(&fst); err != nil {
			return nil, 0, err
		}
	}
	dvIndex := uint64(cw.n)
	for range l.byZap {
		if err := cw.uvarints(fieldNotUninverted, fieldNotUninverted); err != nil {
			return nil, 0, err
		}
	}
	return dictOffsets, dvIndex, nil
}

// value is a stored value's bytes.
func (w *Writer) value(v stored) []byte {
	return w.arena[v.block][v.off : v.off+v.n]
}

// encodeFreqHasLocs is a posting's frequency with, in its lowest bit,
// whether it has locations.
func encodeFreqHasLocs(freq uint64, hasLocs bool) uint64 {
	rv := freq << 1
	if hasLocs {
		rv |= 1
	}
	return rv
}

// uvarintLen is the length of v as a uvarint.
func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// writePostings writes a posting list: its frequencies and norms, its
// locations, then where those start and the documents' bitmap. It
// returns where the list starts, the dictionary's value for the term.
func writePostings(bm *roaring.Bitmap, tf, loc *chunkedIntCoder, cw *countWriter, vb []byte) (uint64, error) {
	tfOff, err := tf.writeAt(cw)
	if err != nil {
		return 0, err
	}
	locOff, err := loc.writeAt(cw)
	if err != nil {
		return 0, err
	}
	start := uint64(cw.n)
	if err := cw.uvarints(tfOff, locOff); err != nil {
		return 0, err
	}
	b, err := bm.ToBytes()
	if err != nil {
		return 0, err
	}
	if err := cw.uvarints(uint64(len(b))); err != nil {
		return 0, err
	}
	_, err = cw.Write(b)
	return start, err
}

// writeFields writes each field's dictionary offset and name, then
// their index, and returns where the index starts.
func (w *Writer) writeFields(cw *countWriter, l *layout, dictOffsets []uint64) (uint64, error) {
	offsets := make([]uint64, len(l.byZap))
	for z, f := range l.byZap {
		offsets[z] = uint64(cw.n)
		if err := cw.uvarints(dictOffsets[z], uint64(len(w.names[f]))); err != nil {
			return 0, err
		}
		if _, err := io.WriteString(cw, w.names[f]); err != nil {
			return 0, err
		}
	}
	index := uint64(cw.n)
	return index, cw.uint64s(offsets...)
}

// writeFooter writes zap's footer, the last of it the CRC of all before.
func (w *Writer) writeFooter(cw *countWriter, storedIndex, fieldsIndex, dvIndex uint64) error {
	if err := cw.uint64s(uint64(w.docs), storedIndex, fieldsIndex, dvIndex); err != nil {
		return err
	}
	var b [4]byte
	for _, v := range []uint32{chunkMode, Version} {
		binary.BigEndian.PutUint32(b[:], v)
		if _, err := cw.Write(b[:]); err != nil {
			return err
		}
	}
	binary.BigEndian.PutUint32(b[:], cw.crc)
	_, err := cw.w.Write(b[:])
	cw.n += 4
	return err
}
