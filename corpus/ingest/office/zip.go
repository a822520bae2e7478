package office

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
)

// oleMagic opens a Compound File: a Word 97-2003 .doc, and also what Office
// writes for a password-protected .docx, so both get the same advice.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// openArchive opens data as the zip that .docx and .odt files are.
func openArchive(data []byte, f format) (*zip.Reader, error) {
	if len(data) == 0 {
		return nil, f.notErr("the file is empty")
	}
	if bytes.HasPrefix(data, oleMagic) {
		return nil, errorf("%s %s", f.not, f.ole)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if errors.Is(err, zip.ErrInsecurePath) {
		// Only our own lookups by name touch the entries, so a name with
		// ".." is harmless here.
		err = nil
	}
	if err != nil {
		return nil, f.notErr("not a zip archive")
	}
	return zr, nil
}

// findPart returns the entry called name, or nil. Package part names are
// case-insensitive, and some Windows tools write backslashes.
func findPart(zr *zip.Reader, name string) *zip.File {
	for _, e := range zr.File {
		n := strings.TrimPrefix(strings.ReplaceAll(e.Name, `\`, "/"), "/")
		if strings.EqualFold(n, name) {
			return e
		}
	}
	return nil
}

// errTooLarge marks a part that grew past maxSize while being read, which
// its header did not admit to.
var errTooLarge = errors.New("larger than 256 MiB uncompressed")

// readError marks a failure to unzip, as opposed to a failure to parse
// what was unzipped.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// limited counts what it reads so that a part whose header understates its
// size is refused, not read until memory runs out.
type limited struct {
	r io.Reader
	n int64
}

func (l *limited) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > maxSize {
		return n, errTooLarge
	}
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

// openPart opens an entry for reading, refusing one too large to be a
// transcript.
func openPart(e *zip.File, f format) (io.ReadCloser, error) {
	if e.UncompressedSize64 > maxSize {
		return nil, tooLargeErr(e.Name)
	}
	rc, err := e.Open()
	if err != nil {
		return nil, unzipErr(e.Name, err, f)
	}
	return struct {
		io.Reader
		io.Closer
	}{&limited{r: io.LimitReader(rc, maxSize+1)}, rc}, nil
}

// readPart reads a small entry whole, up to limit bytes; it is for the
// package's own bookkeeping parts, so anything bigger is not what we want.
func readPart(e *zip.File, limit int64) ([]byte, error) {
	if e.UncompressedSize64 > uint64(limit) {
		return nil, errTooLarge
	}
	rc, err := e.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, limit))
}

func tooLargeErr(name string) error {
	return errorf("%s is larger than 256 MiB uncompressed: split the transcript into smaller files", name)
}

func unzipErr(name string, err error, f format) error {
	return errorf("%s: cannot unzip it (%v): the file is damaged; %s", name, err, f.fix)
}
