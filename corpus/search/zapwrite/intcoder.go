//  Copyright (c) 2017 Couchbase, Inc.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
// 		http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

// Adapted from github.com/blevesearch/zapx/v15 intcoder.go and chunk.go
// (v15.4.3): the chunked varint coder of a posting list's frequencies,
// norms and locations, copied rather than rewritten so that the bytes
// are zapx's own (zapx keeps it unexported). Changes: the byte counts
// for zapx's statistics are left out.

package zapwrite

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// termNotEncoded is the offset of a posting list's locations when it
// has none: 0 is never a valid address (the stored fields come first).
const termNotEncoded = 0

type chunkedIntCoder struct {
	final     []byte
	chunkSize uint64
	chunkBuf  bytes.Buffer
	chunkLens []uint64
	currChunk uint64

	buf []byte
}

func newChunkedIntCoder(chunkSize uint64, maxDocNum uint64) *chunkedIntCoder {
	total := maxDocNum/chunkSize + 1
	return &chunkedIntCoder{
		chunkSize: chunkSize,
		chunkLens: make([]uint64, total),
		final:     make([]byte, 0, 64),
	}
}

// Reset lets the coder be reused for the next posting list.
func (c *chunkedIntCoder) Reset() {
	c.final = c.final[:0]
	c.chunkBuf.Reset()
	c.currChunk = 0
	for i := range c.chunkLens {
		c.chunkLens[i] = 0
	}
}

// SetChunkSize changes the chunk size; only on a new coder or right
// after Reset.
func (c *chunkedIntCoder) SetChunkSize(chunkSize uint64, maxDocNum uint64) {
	total := int(maxDocNum/chunkSize + 1)
	c.chunkSize = chunkSize
	if cap(c.chunkLens) < total {
		c.chunkLens = make([]uint64, total)
	} else {
		c.chunkLens = c.chunkLens[:total]
	}
}

// Add encodes vals into the chunk of docNum; docNums must not decrease.
func (c *chunkedIntCoder) Add(docNum uint64, vals ...uint64) {
	chunk := docNum / c.chunkSize
	if chunk != c.currChunk {
		c.Close()
		c.chunkBuf.Reset()
		c.currChunk = chunk
	}
	if len(c.buf) < binary.MaxVarintLen64 {
		c.buf = make([]byte, binary.MaxVarintLen64)
	}
	for _, val := range vals {
		wb := binary.PutUvarint(c.buf, val)
		c.chunkBuf.Write(c.buf[:wb])
	}
}

// Close ends the current chunk.
func (c *chunkedIntCoder) Close() {
	encodingBytes := c.chunkBuf.Bytes()
	c.chunkLens[c.currChunk] = uint64(len(encodingBytes))
	c.final = append(c.final, encodingBytes...)
	c.currChunk = uint64(cap(c.chunkLens)) // sentinel to detect double close
}

// Write writes the number of chunks, each chunk's end offset, and the
// chunks.
func (c *chunkedIntCoder) Write(w io.Writer) (int, error) {
	bufNeeded := binary.MaxVarintLen64 * (1 + len(c.chunkLens))
	if len(c.buf) < bufNeeded {
		c.buf = make([]byte, bufNeeded)
	}
	buf := c.buf
	chunkOffsets := modifyLengthsToEndOffsets(c.chunkLens)
	n := binary.PutUvarint(buf, uint64(len(chunkOffsets)))
	for _, chunkOffset := range chunkOffsets {
		n += binary.PutUvarint(buf[n:], chunkOffset)
	}
	tw, err := w.Write(buf[:n])
	if err != nil {
		return tw, err
	}
	nw, err := w.Write(c.final)
	return tw + nw, err
}

// writeAt writes the coder at w's offset and returns that offset, or
// termNotEncoded if nothing was added.
func (c *chunkedIntCoder) writeAt(w *countWriter) (uint64, error) {
	if len(c.final) <= 0 {
		return termNotEncoded, nil
	}
	start := uint64(w.n)
	_, err := c.Write(w)
	return start, err
}

// modifyLengthsToEndOffsets turns the chunks' lengths into their end
// offsets, in place.
func modifyLengthsToEndOffsets(lengths []uint64) []uint64 {
	var running uint64
	for i := range lengths {
		running += lengths[i]
		lengths[i] = running
	}
	return lengths
}

// chunkMode is zapx's DefaultChunkMode, the one its New writes postings
// with (1026: as few chunks as hold at most 1024 hits each).
const chunkMode = 1026

// chunkSize is getChunkSize for chunkMode 1026.
func chunkSize(cardinality, maxDocs uint64) (uint64, error) {
	numChunks := cardinality/1024 + 1
	size := maxDocs / numChunks
	if size == 0 {
		return 0, fmt.Errorf("zapwrite: chunk size is zero (%d hits in %d documents)", cardinality, maxDocs)
	}
	return size, nil
}
