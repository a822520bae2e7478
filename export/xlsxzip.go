package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/qdatool/qda/internal/scratch"
	"github.com/qdatool/qda/internal/zipbody"
)

// sortedZip collects the workbook's parts in temporary files, so a large
// sheet never sits in memory, and writes them as a zip in name order.
type sortedZip struct {
	names []string
	files map[string]*os.File
	// dims are the used ranges of streamed sheets by part name: the
	// StreamWriter writes <dimension ref="A1"> before it knows the rows,
	// and readers that trust it (openpyxl's read-only mode) would see
	// one cell.
	dims map[string]string
	// rows are the rows of sheets by part name, spliced into the empty
	// <sheetData> excelize writes for them.
	rows map[string]*sheetRows
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if z.files == nil {
		z.files = map[string]*os.File{}
	}
	if _, ok := z.files[name]; ok {
		return nil, fmt.Errorf("workbook part %s written twice", name)
	}
	f, err := scratch.File("qda-xlsx-*")
	if err != nil {
		return nil, err
	}
	z.files[name] = f
	z.names = append(z.names, name)
	return f, nil
}

func (z *sortedZip) AddFS(fs.FS) error { return errors.New("qda writes workbooks part by part") }
func (z *sortedZip) Close() error      { return nil }

func (z *sortedZip) writeTo(w io.Writer, date time.Time) error {
	names := slices.Clone(z.names)
	slices.SortFunc(names, func(a, b string) int {
		// The content types part first, as Office writes it.
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			if a == "[Content_Types].xml" {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	// The parts are compressed side by side, a worker a core: the
	// Excerpts and Segments sheets hold every passage, and deflating them
	// one after the other was a fifth of an export.
	packed := make([]*packedPart, len(names))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, name := range names {
		packed[i] = &packedPart{}
		wg.Add(1)
		sem <- struct{}{}
		go func(p *packedPart, raw *os.File) {
			defer wg.Done()
			defer func() { <-sem }()
			p.err = p.pack(raw, z.dims[name], z.rows[name])
		}(packed[i], z.files[name])
	}
	wg.Wait()
	defer func() {
		for _, p := range packed {
			if p.f != nil {
				p.f.Close()
				os.Remove(p.f.Name())
			}
		}
	}()
	zw := zip.NewWriter(w)
	for i, name := range names {
		p := packed[i]
		if p.err != nil {
			return p.err
		}
		if p.entry != nil {
			if err := p.entry.Write(zw, name, date); err != nil {
				return err
			}
			continue
		}
		out, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: date,
			CRC32: p.crc, CompressedSize64: p.csize, UncompressedSize64: p.size})
		if err != nil {
			return err
		}
		if _, err := p.f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(out, p.f); err != nil {
			return err
		}
	}
	return zw.Close()
}

// packedPart is one workbook part deflated into a temporary file.
type packedPart struct {
	f           *os.File
	entry       *zipbody.Entry // in place of f: a sheet and its rows
	crc         uint32
	size, csize uint64
	err         error
}

func (p *packedPart) pack(raw *os.File, dim string, rows *sheetRows) error {
	if _, err := raw.Seek(0, io.SeekStart); err != nil {
		return err
	}
	var src io.Reader = raw
	if dim != "" || rows != nil {
		// A sheet part without its rows is small: its columns, panes,
		// filters and print setup.
		part, err := io.ReadAll(raw)
		if err != nil {
			return err
		}
		if dim != "" {
			part = bytes.Replace(part, []byte(`<dimension ref="A1">`), []byte(`<dimension ref="`+dim+`">`), 1)
		}
		if rows != nil {
			// The rows, deflated while they were written, go between.
			const empty = "<sheetData></sheetData>"
			at := bytes.Index(part, []byte(empty))
			if at < 0 {
				return errors.New("workbook sheet without its sheetData")
			}
			at += len("<sheetData>")
			p.entry, err = rows.entry(part[:at], part[at:])
			return err
		}
		src = bytes.NewReader(part)
	}
	f, err := scratch.File("qda-xlsx-z-*")
	if err != nil {
		return err
	}
	p.f = f
	fw, err := flate.NewWriter(f, flate.BestSpeed)
	if err != nil {
		return err
	}
	h := crc32.NewIEEE()
	n, err := io.Copy(io.MultiWriter(fw, h), src)
	if err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	p.crc, p.size, p.csize = h.Sum32(), uint64(n), uint64(st.Size())
	return nil
}

func (z *sortedZip) remove() {
	for _, f := range z.files {
		f.Close()
		os.Remove(f.Name())
	}
}
