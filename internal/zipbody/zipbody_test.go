package zipbody

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/leakcheck"
)

func TestCombine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 3<<20)
	for i := range data {
		data[i] = byte(r.IntN(256))
	}
	for _, cut := range []int{0, 1, 7, 8, 1000, 1 << 20, len(data) - 1, len(data)} {
		a, b := data[:cut], data[cut:]
		if got, want := Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))), crc32.ChecksumIEEE(data); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}

// TestJoin writes entries through Body and Join and reads them back with
// archive/zip, which checks each entry's CRC-32 and sizes.
func TestJoin(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	text := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abc <x/>\n"[r.IntN(9)]
		}
		return b
	}
	cases := []struct{ head, body, tail []byte }{
		{nil, nil, nil},
		{text(10), nil, text(5)},
		{nil, text(100), nil},
		{text(3000), text(3*chunk + 17), text(200)},
		{text(1), text(chunk), text(1)},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	date := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, c := range cases {
		b := New("the test's body")
		defer b.Remove()
		// Written in uneven pieces, as rows are.
		for rest := c.body; len(rest) > 0; {
			k := min(len(rest), 1+r.IntN(70000))
			if i%2 == 0 {
				b.Write(rest[:k])
			} else {
				b.WriteString(string(rest[:k]))
			}
			rest = rest[k:]
		}
		// Head in two pieces, tail in one.
		cut := len(c.head) / 2
		e, err := Join([][]byte{c.head[:cut], c.head[cut:]}, b, [][]byte{c.tail})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Write(zw, string(rune('a'+i)), date); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // a wrong CRC-32 is an error here
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		c := cases[i]
		if want := append(append(append([]byte{}, c.head...), c.body...), c.tail...); !bytes.Equal(got, want) {
			t.Errorf("entry %d: %d bytes back, want %d", i, len(got), len(want))
		}
	}
}

// entryBytes writes e to a zip of its own and returns the zip.
func entryBytes(t testing.TB, e *Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if err := e.Write(zw, "x", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withChunk runs f with chunk set to n.
func withChunk(n int, f func()) {
	old := chunk
	chunk = n
	defer func() { chunk = old }()
	f()
}

// TestSmallBodyInMemory checks that a body smaller than a chunk starts no
// compressor and no file, and that its entry is byte for byte the one a
// compressor would have made, for Join and for Whole.
func TestSmallBodyInMemory(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 1000, 200000} {
		data := make([]byte, n)
		for i := range data {
			data[i] = "ab <c/>\n"[r.IntN(8)]
		}
		for _, whole := range []bool{false, true} {
			make := func() []byte {
				b := New("the test's body")
				defer b.Remove()
				for rest := data; len(rest) > 0; {
					k := min(len(rest), 1+r.IntN(5000))
					b.Write(rest[:k])
					rest = rest[k:]
				}
				var e *Entry
				var err error
				if whole {
					e, err = Whole(b)
				} else {
					e, err = Join([][]byte{[]byte("<head>")}, b, [][]byte{[]byte("</head>")})
				}
				if err != nil {
					t.Fatal(err)
				}
				if started := b.f != nil; started != (n > chunk) {
					t.Fatalf("%d bytes, chunk %d: compressor started %v", n, chunk, started)
				}
				return entryBytes(t, e)
			}
			small := make()
			var big []byte
			withChunk(100, func() { big = make() })
			if !bytes.Equal(small, big) {
				t.Errorf("%d bytes, whole %v: the entry deflated in memory differs from the compressor's", n, whole)
			}
		}
	}
}

// TestWholeIsOneStream checks that Whole gives the bytes of the body
// deflated in one piece by a flate.Writer closed at the end, as the
// workbook's parts were written before they went through zipbody.
func TestWholeIsOneStream(t *testing.T) {
	data := bytes.Repeat([]byte("<row r=\"1\"><c>text</c></row>\n"), 100000)
	for _, c := range []int{1 << 20, 1000} {
		withChunk(c, func() {
			b := New("the test's body")
			defer b.Remove()
			b.Write(data)
			e, err := Whole(b)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			fw, _ := flate.NewWriter(&want, flate.BestSpeed)
			fw.Write(data)
			fw.Close()
			got := bytes.Join([][]byte{e.head, e.body.mem, e.tail}, nil)
			if e.body.f != nil {
				e.body.f.Seek(0, io.SeekStart)
				got, _ = io.ReadAll(e.body.f)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("chunk %d: Whole deflated to %d bytes, one flate stream is %d", c, len(got), want.Len())
			}
			if e.crc != crc32.ChecksumIEEE(data) || e.size != int64(len(data)) {
				t.Errorf("chunk %d: crc or size wrong", c)
			}
		})
	}
}

// TestWriteAfterClose checks that a write to a closed body is an error,
// not a panic (a send on the compressor's closed channel), whether or not
// a compressor ran.
func TestWriteAfterClose(t *testing.T) {
	for _, n := range []int{0, 10, 3 * chunk} {
		b := New("the test's body")
		b.Write(make([]byte, n))
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		if k, err := b.Write([]byte("more")); !errors.Is(err, ErrClosed) || k != 0 {
			t.Errorf("%d bytes then closed: Write gave %d, %v; want 0, ErrClosed", n, k, err)
		}
		if _, err := b.WriteString("more"); !errors.Is(err, ErrClosed) {
			t.Errorf("%d bytes then closed: WriteString gave %v", n, err)
		}
		b.Remove()
		if _, err := b.Write([]byte("more")); !errors.Is(err, ErrClosed) {
			t.Errorf("%d bytes then removed: Write gave %v", n, err)
		}
	}
}

// TestRemoveStopsCompressor checks that a body removed without being
// closed leaves no goroutine running.
func TestRemoveStopsCompressor(t *testing.T) {
	before := leakcheck.Goroutines()
	b := New("the test's body")
	b.Write(make([]byte, 3*chunk))
	if b.f == nil || runtime.NumGoroutine() <= before {
		t.Fatal("no compressor started for a body of three chunks")
	}
	b.Remove()
	leakcheck.WaitGoroutines(t, before)
}

// BenchmarkSmallBody is what a body of a few rows costs: a sheet of a
// workbook's About or Codebook sheet.
func BenchmarkSmallBody(b *testing.B) {
	row := []byte(`<row r="1"><c r="A1" t="inlineStr"><is><t>a few words</t></is></c></row>`)
	b.ReportAllocs()
	for b.Loop() {
		body := New("the test's body")
		for range 20 {
			body.Write(row)
		}
		e, err := Join([][]byte{[]byte("<sheetData>")}, body, [][]byte{[]byte("</sheetData>")})
		if err != nil {
			b.Fatal(err)
		}
		e.Write(zip.NewWriter(io.Discard), "x", time.Time{})
		body.Remove()
	}
}

// TestWholeOrJoin checks that a body is made one entry or the other: a
// stream ended by Whole cannot take a tail, and one ended by Join's sync
// flush cannot stand alone.
func TestWholeOrJoin(t *testing.T) {
	b := New("the test's body")
	b.WriteString("x")
	if _, err := Whole(b); err != nil {
		t.Fatal(err)
	}
	if _, err := Join(nil, b, nil); err == nil {
		t.Error("Join took a body Whole had ended")
	}
	b = New("the test's body")
	b.WriteString("x")
	if _, err := Join(nil, b, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Whole(b); err == nil {
		t.Error("Whole took a body Join had flushed")
	}
}

// TestScratchFailed checks that a body whose temporary file cannot be
// made ($TMPDIR missing, or a file) says what it was keeping, in which
// folder, and to set TMPDIR, rather than the name of a file that never
// was.
func TestScratchFailed(t *testing.T) {
	afile := filepath.Join(t.TempDir(), "afile")
	if err := os.WriteFile(afile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tmp := range []string{filepath.Join(t.TempDir(), "none"), afile} {
		t.Setenv("TMPDIR", tmp)
		withChunk(1024, func() {
			b := New("the test's rows")
			defer b.Remove()
			_, werr := b.Write(bytes.Repeat([]byte("a row\n"), 1000))
			cerr := b.Close()
			for _, err := range []error{werr, cerr} {
				var f *diag.Finding
				if !errors.As(err, &f) || !strings.HasPrefix(f.Msg, "cannot keep the test's rows in a scratch file in "+tmp+": ") ||
					f.Hint != "set TMPDIR to a folder with room" {
					t.Errorf("TMPDIR=%s: %v (%#v)", tmp, err, f)
				}
			}
		})
	}
}
