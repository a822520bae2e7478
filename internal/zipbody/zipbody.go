// Package zipbody deflates the large middle of a zip entry while it is
// written, on another core, and later joins it with the entry's head and
// tail. The exports' largest parts (a workbook's Segments sheet, a
// project's sources in project.qde) are written while the study is read,
// and their head (a sheet's used range, the project's codebook and
// cases) is known only at the end: deflating them after the reading, in
// one piece, left a core idle for most of the export and then made the
// export wait for it.
//
// The joined entry is one valid deflate stream: the head and the body
// each end with a sync flush (an empty stored block, byte aligned, not
// final), after which another stream's blocks may follow; the tail ends
// the stream. Its CRC-32 is combined from the three parts' (zlib's
// crc32_combine, which Go's hash/crc32 does not offer).
package zipbody

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"time"

	"github.com/qdatool/qda/internal/scratch"
)

// chunk is how much is handed to the compressor at a time; three are in
// flight at most, so memory stays at a few megabytes.
const chunk = 1 << 20

// Body is the middle of a zip entry, deflated (at flate.BestSpeed) into a
// temporary file as it is written.
type Body struct {
	f      *os.File
	chunks chan []byte
	free   chan []byte
	cur    []byte
	done   chan error
	closed bool
	err    error
	// Set by the compressor, read after it is done.
	crc  uint32
	size int64
	// csize is the deflated size, known once closed.
	csize int64
}

// New starts a body and its compressor.
func New() (*Body, error) {
	f, err := scratch.File("qda-zipbody-*")
	if err != nil {
		return nil, err
	}
	b := &Body{f: f, chunks: make(chan []byte, 1), free: make(chan []byte, 3), done: make(chan error, 1)}
	for range 2 {
		b.free <- make([]byte, 0, chunk)
	}
	b.cur = make([]byte, 0, chunk)
	go b.run()
	return b, nil
}

func (b *Body) run() {
	bw := bufio.NewWriterSize(b.f, 256<<10)
	fw, err := flate.NewWriter(bw, flate.BestSpeed)
	for c := range b.chunks {
		if err == nil {
			b.crc = crc32.Update(b.crc, crc32.IEEETable, c)
			b.size += int64(len(c))
			_, err = fw.Write(c)
		}
		b.free <- c[:0]
	}
	if err == nil {
		err = fw.Flush()
	}
	if err == nil {
		err = bw.Flush()
	}
	b.done <- err
}

// Write adds p to the body. An error writing the temporary file is
// returned by Close.
func (b *Body) Write(p []byte) (int, error) { return write(b, p) }

// WriteString adds s to the body.
func (b *Body) WriteString(s string) (int, error) { return write(b, s) }

func write[T string | []byte](b *Body, p T) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if len(b.cur) == cap(b.cur) {
			b.chunks <- b.cur
			b.cur = <-b.free
		}
		k := min(cap(b.cur)-len(b.cur), len(p))
		b.cur = append(b.cur, p[:k]...)
		p = p[k:]
	}
	return n, nil
}

// Close waits for the compressor to finish.
func (b *Body) Close() error {
	if b.closed {
		return b.err
	}
	b.closed = true
	if len(b.cur) > 0 {
		b.chunks <- b.cur
	}
	b.cur = nil
	close(b.chunks)
	b.err = <-b.done
	if b.err == nil {
		var st os.FileInfo
		if st, b.err = b.f.Stat(); b.err == nil {
			b.csize = st.Size()
		}
	}
	return b.err
}

// Size is how many bytes were written; valid after Close.
func (b *Body) Size() int64 { return b.size }

// Remove stops the compressor if it runs and removes the temporary file.
func (b *Body) Remove() {
	b.Close()
	b.f.Close()
	os.Remove(b.f.Name())
}

// Entry is a zip entry of head, body and tail, ready to be written.
type Entry struct {
	head, tail []byte // deflated
	body       *Body
	crc        uint32
	size       int64
}

// Join deflates head and tail around body (closed here if it is not).
// Head and tail come in pieces, so that a caller splicing the body into a
// large document need not copy the document around it.
func Join(head [][]byte, body *Body, tail [][]byte) (*Entry, error) {
	if err := body.Close(); err != nil {
		return nil, err
	}
	fw, err := flate.NewWriter(io.Discard, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	// deflate writes pieces to dst, ending with a sync flush, or with the
	// stream's last block when final.
	deflate := func(dst *bytes.Buffer, pieces [][]byte, final bool) (crc uint32, n int64, err error) {
		fw.Reset(dst)
		for _, p := range pieces {
			crc = crc32.Update(crc, crc32.IEEETable, p)
			n += int64(len(p))
			if _, err := fw.Write(p); err != nil {
				return 0, 0, err
			}
		}
		if final {
			return crc, n, fw.Close()
		}
		return crc, n, fw.Flush()
	}
	var h, t bytes.Buffer
	hcrc, hn, err := deflate(&h, head, false)
	if err != nil {
		return nil, err
	}
	tcrc, tn, err := deflate(&t, tail, true)
	if err != nil {
		return nil, err
	}
	crc := Combine(Combine(hcrc, body.crc, body.size), tcrc, tn)
	return &Entry{head: h.Bytes(), tail: t.Bytes(), body: body, crc: crc, size: hn + body.size + tn}, nil
}

// Write adds the entry to zw as name, dated modified.
func (e *Entry) Write(zw *zip.Writer, name string, modified time.Time) error {
	out, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified, CRC32: e.crc,
		CompressedSize64: uint64(int64(len(e.head)) + e.body.csize + int64(len(e.tail))), UncompressedSize64: uint64(e.size)})
	if err != nil {
		return err
	}
	if _, err := out.Write(e.head); err != nil {
		return err
	}
	if _, err := e.body.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if _, err := io.Copy(out, io.LimitReader(e.body.f, e.body.csize)); err != nil {
		return err
	}
	_, err = out.Write(e.tail)
	return err
}

// Combine is the CRC-32 (IEEE) of a||b from a's, b's and b's length
// (zlib's crc32_combine: b's CRC shifted past len2 zero bytes by
// repeated squaring of the CRC's shift operator over GF(2)).
func Combine(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1
	}
	var even, odd [32]uint32
	odd[0] = 0xedb88320 // the reversed IEEE polynomial: one zero bit
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(even[:], odd[:]) // two zero bits
	gf2Square(odd[:], even[:]) // four zero bits
	for {
		gf2Square(even[:], odd[:])
		if len2&1 != 0 {
			crc1 = gf2Times(even[:], crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		gf2Square(odd[:], even[:])
		if len2&1 != 0 {
			crc1 = gf2Times(odd[:], crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func gf2Times(mat []uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat []uint32) {
	for n := range 32 {
		square[n] = gf2Times(mat, mat[n])
	}
}
