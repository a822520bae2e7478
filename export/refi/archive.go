package refi

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/qdatool/qda/corpus"
)

// Limits bound what reading an untrusted project may cost.
type Limits struct {
	Archive int64 // bytes of the .qdpx file itself
	Entry   int64 // uncompressed bytes of one entry
	Total   int64 // uncompressed bytes of every entry together
	Entries int   // entries in the archive
	Depth   int   // nesting of XML elements
	// Text is the most text one source may hold to become a transcript:
	// what qda reads from one file (corpus.MaxFileSize), so that no
	// transcript is written that 'qda check' would then refuse. A larger
	// source is left out, and the report says so, without being unpacked.
	Text int64
	// Codes is the most codes a project or codebook may hold.
	Codes int
}

// DefaultLimits are generous for interview studies (a transcript is well
// under a megabyte) and small enough that a zip bomb is refused.
var DefaultLimits = Limits{Archive: 1 << 30, Entry: 256 << 20, Total: 1 << 30, Entries: 100000, Depth: 200, Text: corpus.MaxFileSize, Codes: 20000}

// Archive is an opened .qdpx: its project and access to its sources.
type Archive struct {
	Project *Project
	// QDE is the name of the project entry as found ("project.qde",
	// "Project.qde").
	QDE     string
	files   map[string]*zip.File // by lower-case name, "sources/x.txt"
	limits  Limits
	readSum int64
}

// ErrUnsafe marks an archive refused because reading it could harm the
// reader or the disk.
var ErrUnsafe = errors.New("unsafe archive")

// OpenArchive reads a .qdpx held in memory; see ReadArchive.
func OpenArchive(data []byte, lim Limits) (*Archive, error) {
	return ReadArchive(bytes.NewReader(data), int64(len(data)), lim)
}

// ReadArchive reads a .qdpx of size bytes from r (an *os.File: only the
// zip's directory and the entries used are read, never the whole file)
// and parses its project. Archives larger than lim.Archive, entries that
// climb out of the archive, absolute names, symbolic links and oversized
// entries are refused before anything is unpacked. r must stay open while
// the Archive is used.
func ReadArchive(r io.ReaderAt, size int64, lim Limits) (*Archive, error) {
	if size > lim.Archive {
		return nil, fmt.Errorf("%w: the file is %s, more than the %s qda reads from a project", ErrUnsafe, mb(size), mb(lim.Archive))
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		head := make([]byte, min(size, 512))
		n, _ := r.ReadAt(head, 0)
		if looksXML(head[:n]) {
			return openQDE(r, size, lim)
		}
		return nil, fmt.Errorf("not a .qdpx project: not a zip archive (%v)", err)
	}
	if len(zr.File) > lim.Entries {
		return nil, fmt.Errorf("%w: %d entries, more than the %d qda reads", ErrUnsafe, len(zr.File), lim.Entries)
	}
	a := &Archive{files: map[string]*zip.File{}, limits: lim}
	var total uint64
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if err := checkEntry(name, f); err != nil {
			return nil, err
		}
		if f.UncompressedSize64 > uint64(lim.Entry) {
			return nil, fmt.Errorf("%w: entry %q is %d bytes uncompressed, more than the %d qda reads", ErrUnsafe, name, f.UncompressedSize64, lim.Entry)
		}
		total += f.UncompressedSize64
		if total > uint64(lim.Total) {
			return nil, fmt.Errorf("%w: the entries hold more than %d bytes uncompressed", ErrUnsafe, lim.Total)
		}
		if f.FileInfo().IsDir() || strings.HasPrefix(path.Base(name), ".") {
			continue // NVivo's sources/.root and folder entries hold nothing
		}
		// A zip may hold one name twice (or twice in different case, the
		// same file on Windows and macOS): which copy a reader takes is
		// the archive's choice, not the exporter's.
		if prev, ok := a.files[strings.ToLower(name)]; ok {
			return nil, fmt.Errorf("%w: entries %q and %q are one file twice, and which is meant cannot be told", ErrUnsafe, prev.Name, f.Name)
		}
		a.files[strings.ToLower(name)] = f
	}
	for lower, f := range a.files {
		if !strings.Contains(lower, "/") && strings.HasSuffix(lower, ".qde") {
			if a.QDE != "" {
				return nil, fmt.Errorf("not a .qdpx project: it holds two projects, %s and %s", a.QDE, f.Name)
			}
			a.QDE = f.Name
		}
	}
	if a.QDE == "" {
		return nil, errors.New("not a .qdpx project: there is no project.qde in it")
	}
	qde, err := a.read(a.files[strings.ToLower(a.QDE)], lim.Entry)
	if err != nil {
		return nil, err
	}
	p, err := ParseProject(qde, lim)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", a.QDE, err)
	}
	a.Project = p
	return a, nil
}

// looksXML tells a bare project.qde, given instead of the .qdpx, from
// anything else that is not a zip.
func looksXML(data []byte) bool {
	d, err := utf8XML(data[:min(len(data), 512)])
	return err == nil && bytes.HasPrefix(bytes.TrimSpace(d), []byte("<"))
}

// openQDE reads a project.qde on its own: text in PlainTextContent
// travels, text in files is reported missing.
func openQDE(r io.ReaderAt, size int64, lim Limits) (*Archive, error) {
	if size > lim.Entry {
		return nil, fmt.Errorf("%w: the project is %s, more than the %s qda reads", ErrUnsafe, mb(size), mb(lim.Entry))
	}
	data, err := io.ReadAll(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, err
	}
	p, err := ParseProject(data, lim)
	if err != nil {
		return nil, err
	}
	return &Archive{Project: p, QDE: "project.qde", files: map[string]*zip.File{}, limits: lim}, nil
}

// checkEntry refuses a name that is not a plain relative path inside the
// archive, and anything but a regular file or folder.
func checkEntry(name string, f *zip.File) error {
	switch {
	case strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':'):
		return fmt.Errorf("%w: entry %q has an absolute path", ErrUnsafe, name)
	case strings.ContainsRune(name, 0):
		return fmt.Errorf("%w: entry %q has a NUL in its name", ErrUnsafe, name)
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return fmt.Errorf("%w: entry %q climbs out of the archive with '..'", ErrUnsafe, name)
		}
	}
	if mode := f.Mode(); mode&(fs.ModeSymlink|fs.ModeDevice|fs.ModeCharDevice|fs.ModeNamedPipe|fs.ModeSocket|fs.ModeIrregular) != 0 {
		return fmt.Errorf("%w: entry %q is not a regular file (%s)", ErrUnsafe, name, f.Mode().Type())
	}
	return nil
}

// read reads an entry of at most most bytes, counting against the
// limits: a header can lie about the size it unpacks to.
func (a *Archive) read(f *zip.File, most int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot unzip: %v", f.Name, err)
	}
	defer rc.Close()
	limit := min(most, a.limits.Total-a.readSum)
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot unzip: %v", f.Name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: entry %q unpacks to more than its header says, past the limit", ErrUnsafe, f.Name)
	}
	a.readSum += int64(len(data))
	return data, nil
}

// mb writes a size for a person: "64 MB" (rounded up, so that a size
// over a limit never reads as the limit), or bytes below a megabyte.
func mb(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d MB", (n+1<<20-1)>>20)
}

// ErrTooLarge marks a source whose text is more than a transcript may
// hold: it is left out, not read.
var ErrTooLarge = errors.New("more than a transcript may hold")

func tooLarge(what string, limit int64) error {
	return fmt.Errorf("%s, %w (%s); split it into parts in the tool that wrote it and export again", what, ErrTooLarge, mb(limit))
}

// Source reads a file a project refers to: "internal://NAME" is
// sources/NAME (Sources/ and any case of the name too), and so is a bare
// NAME, as qc writes it. ok is false for a path outside the archive (an
// absolute path, file:// or another scheme, one that climbs with ".."),
// which qda does not follow.
func (a *Archive) Source(ref string) (data []byte, ok bool, err error) {
	name, internal := strings.CutPrefix(ref, "internal://")
	if !internal && !bareName(ref) {
		return nil, false, nil
	}
	name = strings.ReplaceAll(name, `\`, "/")
	f := a.files["sources/"+strings.ToLower(name)]
	if f == nil {
		f = a.files[strings.ToLower(name)]
	}
	if f == nil {
		return nil, true, fmt.Errorf("%s is not in the archive (no sources/%s)", ref, name)
	}
	if f.UncompressedSize64 > uint64(a.limits.Text) {
		return nil, true, tooLarge(ref+" unpacks to "+mb(int64(f.UncompressedSize64)), a.limits.Text)
	}
	data, err = a.read(f, a.limits.Text)
	return data, true, err
}

// bareName tells a file name in the archive's sources ("x.txt",
// "sources/x.txt") from a path outside it.
func bareName(ref string) bool {
	ref = strings.ReplaceAll(strings.TrimSpace(ref), `\`, "/")
	switch {
	case ref == "", strings.Contains(ref, ":"), strings.HasPrefix(ref, "/"), strings.HasPrefix(ref, "~"):
		return false // a scheme (file://, relative://), a drive (C:) or an absolute path
	}
	for _, seg := range strings.Split(ref, "/") {
		if seg == ".." {
			return false
		}
	}
	return true
}
