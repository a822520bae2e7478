package zipbody

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"testing"
	"time"
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
		b, err := New()
		if err != nil {
			t.Fatal(err)
		}
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
