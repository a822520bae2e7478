package export

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
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

// sortedZip is the zip writer excelize is given: it keeps each part
// excelize writes (the workbook's parts, and of each sheet everything but
// its rows) in a temporary file rather than in memory, and writes the
// parts as a zip in name order, each sheet with its rows spliced in.
type sortedZip struct {
	names []string
	files map[string]*os.File
	// dims are the used ranges of sheets by part name: excelize's
	// StreamWriter, which is given no rows (sheetRows writes them),
	// writes <dimension ref="A1">, and readers that trust it (openpyxl's
	// read-only mode) would see one cell.
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
		return nil, scratch.Failed(parts, err)
	}
	z.files[name] = f
	z.names = append(z.names, name)
	return scratch.Writer(parts, f), nil
}

// parts is what the scratch files of a workbook being packed hold, for
// their errors.
const parts = "the workbook's parts"

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
			if p.body != nil {
				p.body.Remove()
			}
		}
	}()
	zw := zip.NewWriter(w)
	for i, name := range names {
		p := packed[i]
		if p.err != nil {
			return p.err
		}
		if err := p.entry.Write(zw, name, date); err != nil {
			return err
		}
	}
	return zw.Close()
}

// packedPart is one workbook part, deflated (zipbody) and ready to go in
// the zip.
type packedPart struct {
	entry *zipbody.Entry
	// body is the deflated part of anything but a sheet, removed once
	// the zip is written; a sheet's rows are its sheetRows', which the
	// workbook removes.
	body *zipbody.Body
	err  error
}

// pack deflates the part excelize wrote in raw. A sheet (rows not nil)
// gets its used range dim and has its rows spliced into its empty
// <sheetData>; any other part is deflated as it is.
func (p *packedPart) pack(raw *os.File, dim string, rows *sheetRows) error {
	if _, err := raw.Seek(0, io.SeekStart); err != nil {
		return scratch.Failed(parts, err)
	}
	in := scratch.Reader(parts, raw)
	if rows == nil {
		p.body = zipbody.New(parts)
		if _, err := io.Copy(p.body, in); err != nil {
			return err
		}
		var err error
		p.entry, err = zipbody.Whole(p.body)
		return err
	}
	// A sheet part without its rows is small: its columns, panes,
	// filters and print setup.
	part, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	if dim != "" {
		part = bytes.Replace(part, []byte(`<dimension ref="A1">`), []byte(`<dimension ref="`+dim+`">`), 1)
	}
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

func (z *sortedZip) remove() {
	for _, f := range z.files {
		f.Close()
		os.Remove(f.Name())
	}
}
