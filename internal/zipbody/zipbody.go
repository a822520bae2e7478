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
	"errors"
	"hash/crc32"
	"io"
	"os"
	"sync"
	"time"

	"github.com/qdatool/qda/internal/scratch"
)

// chunk is how much is handed to the compressor at a time; three are in
// flight at most, so memory stays at a few megabytes. A variable so that
// a test can make the compressor start on a small body.
var chunk = 1 << 20

// writers are deflaters at flate.BestSpeed, reset for each use: one is
// over a megabyte of tables, and a workbook deflates a score of parts. A
// writer reset gives the bytes a new one would (its history is dropped).
var writers = sync.Pool{New: func() any {
	fw, err := flate.NewWriter(io.Discard, flate.BestSpeed)
	if err != nil {
		panic(err) // only for a level out of range
	}
	return fw
}}

func getWriter(w io.Writer) *flate.Writer {
	fw := writers.Get().(*flate.Writer)
	fw.Reset(w)
	return fw
}

// putWriter returns fw to the pool, holding on to no writer of the caller's.
func putWriter(fw *flate.Writer) {
	fw.Reset(io.Discard)
	writers.Put(fw)
}

// ErrClosed is returned by a write to a body already closed.
var ErrClosed = errors.New("zipbody: write after close")

// piece is the largest of the pieces a body not yet past a chunk holds
// its bytes in.
const piece = 64 << 10

// Body is the middle of a zip entry, deflated (at flate.BestSpeed) as it
// is written. Nothing is started for a body that stays small: its bytes
// are kept in pieces, so that it takes about what it holds and grows
// without copying, and deflated in memory when the entry is made (a
// workbook has several sheets of a few rows beside its large ones). Once
// a body passes a chunk, a compressor starts on another core and
// deflates it into a temporary file, a chunk at a time.
type Body struct {
	// what the body holds ("a sheet's rows"), for the errors of its
	// temporary file: a user reads what qda was keeping, and where.
	what   string
	pieces [][]byte // the body while it is under a chunk
	held   int      // bytes in pieces
	cur    []byte   // bytes not yet handed to the compressor
	// The compressor's, set when it starts (start).
	f      *os.File
	chunks chan []byte
	free   chan []byte
	bufs   int // chunk buffers made
	done   chan error
	// final ends the deflate stream with the body (Whole) rather than
	// with a sync flush (Join); set before the compressor is told to end.
	final  bool
	closed bool
	err    error
	// Set by the compressor, read after it is done; or, for a body that
	// never started one, by deflateInMemory.
	crc  uint32
	size int64
	// csize is the deflated size, known once closed; mem holds the
	// deflated bytes of a body deflated in memory.
	csize int64
	mem   []byte
}

// New makes a body of what ("a sheet's rows"), named with the folder and
// a hint to set TMPDIR when its temporary file fails (scratch.Failed).
// It allocates nothing until written to.
func New(what string) *Body { return &Body{what: what} }

// start makes the temporary file and starts the compressor.
func (b *Body) start() error {
	f, err := scratch.File("qda-zipbody-*")
	if err != nil {
		return scratch.Failed(b.what, err)
	}
	b.f = f
	b.chunks, b.free, b.done = make(chan []byte, 1), make(chan []byte, 3), make(chan error, 1)
	// The compressor is handed its channels and file rather than
	// reading b's fields, which this goroutine goes on setting.
	go b.run(f, b.chunks, b.free, b.done, b.what)
	// The pieces, a chunk's worth, become the first chunk.
	b.cur, b.bufs = make([]byte, 0, chunk), 1
	for _, pc := range b.pieces {
		b.cur = append(b.cur, pc...)
	}
	b.pieces, b.held = nil, 0
	return nil
}

func (b *Body) run(f *os.File, chunks <-chan []byte, free chan<- []byte, done chan<- error, what string) {
	bw := bufio.NewWriterSize(f, 256<<10)
	fw := getWriter(bw)
	defer putWriter(fw)
	var err error
	var crc uint32
	var size int64
	for c := range chunks {
		if err == nil {
			crc = crc32.Update(crc, crc32.IEEETable, c)
			size += int64(len(c))
			_, err = fw.Write(c)
		}
		free <- c[:0]
	}
	if err == nil {
		// b.final was set before chunks was closed.
		if b.final {
			err = fw.Close()
		} else {
			err = fw.Flush()
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	b.crc, b.size = crc, size
	done <- scratch.Failed(what, err) // every error here is the file's
}

// handOff gives the compressor the full chunk in cur and takes an empty buffer in its place: a free one, a new
// one while fewer than three exist, else the next the compressor frees.
func (b *Body) handOff() {
	b.chunks <- b.cur
	select {
	case b.cur = <-b.free:
	default:
		if b.bufs < 3 {
			b.bufs++
			b.cur = make([]byte, 0, chunk)
		} else {
			b.cur = <-b.free
		}
	}
}

// Write adds p to the body. An error writing the temporary file is
// returned by Close; a write after Close is refused with ErrClosed.
func (b *Body) Write(p []byte) (int, error) { return write(b, p) }

// WriteString adds s to the body.
func (b *Body) WriteString(s string) (int, error) { return write(b, s) }

func write[T string | []byte](b *Body, p T) (int, error) {
	if b.closed {
		return 0, ErrClosed
	}
	if b.err != nil {
		return 0, b.err
	}
	n := len(p)
	for len(p) > 0 && b.f == nil {
		if b.held == chunk {
			if b.err = b.start(); b.err != nil {
				return n - len(p), b.err
			}
			break
		}
		last := len(b.pieces) - 1
		if last < 0 || len(b.pieces[last]) == cap(b.pieces[last]) {
			// Pieces double from 4 KB to 64 KB: a sheet of a few rows
			// takes a few kilobytes.
			size := 4 << 10
			if last >= 0 {
				size = 2 * cap(b.pieces[last])
			}
			b.pieces = append(b.pieces, make([]byte, 0, min(size, piece, chunk-b.held)))
			last++
		}
		k := min(cap(b.pieces[last])-len(b.pieces[last]), len(p))
		b.pieces[last] = append(b.pieces[last], p[:k]...)
		b.held += k
		p = p[k:]
	}
	for len(p) > 0 {
		if len(b.cur) >= chunk {
			b.handOff()
		}
		k := min(chunk-len(b.cur), len(p))
		b.cur = append(b.cur, p[:k]...)
		p = p[k:]
	}
	return n, nil
}

// Close ends the body: it waits for the compressor to finish, or
// deflates a body that never started one.
func (b *Body) Close() error {
	if b.closed {
		return b.err
	}
	b.closed = true
	if b.f == nil {
		// No compressor: b.err can only be the temporary file's, which
		// would have started it.
		if b.err == nil {
			b.err = b.deflateInMemory()
		}
		b.pieces = nil
		return b.err
	}
	if len(b.cur) > 0 {
		b.chunks <- b.cur
	}
	b.cur = nil
	close(b.chunks)
	err := <-b.done
	if err == nil {
		var st os.FileInfo
		if st, err = b.f.Stat(); err == nil {
			b.csize = st.Size()
		}
		err = scratch.Failed(b.what, err)
	}
	b.err = err
	return b.err
}

// deflateInMemory deflates the pieces as the compressor would have: the
// same level, ended the same way, so the bytes are the same.
func (b *Body) deflateInMemory() error {
	var out bytes.Buffer
	fw := getWriter(&out)
	defer putWriter(fw)
	for _, pc := range b.pieces {
		b.crc = crc32.Update(b.crc, crc32.IEEETable, pc)
		if _, err := fw.Write(pc); err != nil {
			return err
		}
	}
	var err error
	if b.final {
		err = fw.Close()
	} else {
		err = fw.Flush()
	}
	if err != nil {
		return err
	}
	b.size = int64(b.held)
	b.mem, b.csize, b.pieces = out.Bytes(), int64(out.Len()), nil
	return nil
}

// Size is how many bytes were written; valid after Close.
func (b *Body) Size() int64 { return b.size }

// Remove drops the body: it closes it (waiting for a compressor that runs
// to finish what it was given) and removes the temporary file.
func (b *Body) Remove() {
	b.Close()
	if b.f != nil {
		b.f.Close()
		os.Remove(b.f.Name())
	}
	b.mem = nil
}

// Entry is a zip entry of head, body and tail, ready to be written.
type Entry struct {
	head, tail []byte // deflated
	body       *Body
	crc        uint32
	size       int64
}

// Whole makes the body alone an entry (closed here): its deflate stream
// ends with the body, as one written in a single piece would.
func Whole(body *Body) (*Entry, error) {
	if !body.closed {
		body.final = true
	}
	if err := body.Close(); err != nil {
		return nil, err
	}
	if !body.final {
		return nil, errors.New("zipbody: a body closed without its end cannot stand alone")
	}
	return &Entry{body: body, crc: body.crc, size: body.size}, nil
}

// Join deflates head and tail around body (closed here if it is not).
// Head and tail come in pieces, so that a caller splicing the body into a
// large document need not copy the document around it.
func Join(head [][]byte, body *Body, tail [][]byte) (*Entry, error) {
	return JoinWritten(func(w io.Writer) ([][]byte, error) {
		for _, p := range head {
			if _, err := w.Write(p); err != nil {
				return nil, err
			}
		}
		return tail, nil
	}, body)
}

// JoinWritten is Join with the head written to w by head as it is made,
// deflated as it comes rather than held whole first (a project's head
// has a case per participant), and the tail returned by head. The bytes
// are those of Join given the same head: deflate's output does not
// depend on how its input is cut into writes.
func JoinWritten(head func(w io.Writer) (tail [][]byte, err error), body *Body) (*Entry, error) {
	if err := body.Close(); err != nil {
		return nil, err
	}
	if body.final {
		return nil, errors.New("zipbody: a body that ends its stream cannot be joined to a tail")
	}
	fw := getWriter(io.Discard)
	defer putWriter(fw)
	var h, t bytes.Buffer
	fw.Reset(&h)
	hw := &crcWriter{w: fw}
	tail, err := head(hw)
	if err == nil {
		err = fw.Flush()
	}
	if err != nil {
		return nil, err
	}
	fw.Reset(&t)
	tw := &crcWriter{w: fw}
	for _, p := range tail {
		if _, err := tw.Write(p); err != nil {
			return nil, err
		}
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	crc := Combine(Combine(hw.crc, body.crc, body.size), tw.crc, tw.n)
	return &Entry{head: h.Bytes(), tail: t.Bytes(), body: body, crc: crc, size: hw.n + body.size + tw.n}, nil
}

// crcWriter counts and checksums what it passes to w.
type crcWriter struct {
	w   io.Writer
	crc uint32
	n   int64
}

func (c *crcWriter) Write(p []byte) (int, error) {
	c.crc = crc32.Update(c.crc, crc32.IEEETable, p)
	c.n += int64(len(p))
	return c.w.Write(p)
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
	if e.body.f == nil {
		if _, err := out.Write(e.body.mem); err != nil {
			return err
		}
	} else {
		if _, err := e.body.f.Seek(0, io.SeekStart); err != nil {
			return scratch.Failed(e.body.what, err)
		}
		// An error of the copy is the zip's (the output file's) as it
		// is; the temporary file's are said as such.
		if _, err := io.Copy(out, scratch.Reader(e.body.what, io.LimitReader(e.body.f, e.body.csize))); err != nil {
			return err
		}
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
