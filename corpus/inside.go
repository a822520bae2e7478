package corpus

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/qdatool/qda/internal/diag"
)

// A study is read and written only inside its folder: ids, coder names
// and file names are validated where they enter, and on top of that every
// file is read and every folder made through an os.Root, which refuses a
// path that leaves the folder by '..' or through a symbolic link. A link
// inside the study to a file or folder elsewhere is refused, not followed:
// a shared transcript folder linked in from another project, or a hostile
// checkout, must not make qda read or write outside the study.

// fsRoot opens the study folder as an os.Root once, for all goroutines.
func (s *Study) fsRoot() (*os.Root, error) {
	if r := s.root.Load(); r != nil {
		return r, nil
	}
	r, err := os.OpenRoot(s.Root)
	if err != nil {
		return nil, err
	}
	if !s.root.CompareAndSwap(nil, r) {
		r.Close()
	}
	return s.root.Load(), nil
}

// ReadFile reads the study's file rel (slash-separated, relative to the
// root), refusing a path that leads outside the study, and a file larger
// than MaxFileSize.
func (s *Study) ReadFile(rel string) ([]byte, error) {
	f, err := s.OpenFile(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(rel, f)
}

// OpenFile opens the study's file rel for reading, with ReadFile's
// refusals, for a reader that streams it rather than holding it whole.
// Anything but a plain file (a named pipe, a device) is refused, without
// blocking on it (special.go).
func (s *Study) OpenFile(rel string) (*os.File, error) {
	r, err := s.fsRoot()
	if err != nil {
		return nil, err
	}
	return openIn(r, rel, rel, wantFile)
}

// MaxFileSize bounds what qda reads from one file: a two-hour interview
// is a few hundred kilobytes, so a file this large is a mistake (a video
// saved as .txt, a generated bomb) that would otherwise exhaust memory.
const MaxFileSize = 64 << 20

// ReadInput reads a file given on the command line (to ingest or import),
// as bounded as the study's own files.
func ReadInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(path, f)
}

func readLimited(name string, r io.Reader) ([]byte, error) {
	// Read into a pooled buffer, then copy out exactly what was read:
	// io.ReadAll grows its slice from 512 bytes, which for the tens of
	// thousands of small files of a large study allocated twice their
	// size and copied them several times.
	bp := readBufs.Get().(*[]byte)
	buf := (*bp)[:0]
	defer func() {
		if cap(buf) <= maxPooledRead {
			*bp = buf[:0]
			readBufs.Put(bp)
		}
	}()
	buf, err := readInto(buf, r)
	if errors.Is(err, errTooLarge) {
		return nil, tooLarge(name)
	}
	if err != nil {
		return nil, err
	}
	return append(make([]byte, 0, len(buf)), buf...), nil
}

// readInto reads r to its end, appending to buf and growing it as needed
// (a buffer with room for the whole file and a byte more reads it with
// no copy, ending with a read of nothing). More than MaxFileSize is
// errTooLarge: at most a byte more is read. The one read loop of the
// package: readLimited's, and readIn's on a file descriptor.
func readInto(buf []byte, r io.Reader) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), MaxFileSize+1)])
		buf = buf[:len(buf)+max(n, 0)]
		switch {
		case len(buf) > MaxFileSize:
			return buf, errTooLarge
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return buf, err
		}
	}
}

// errTooLarge is readInto's refusal, which its callers name (tooLarge).
var errTooLarge = errors.New("larger than qda reads from one file")

// readBufs are readLimited's buffers; one that grew past maxPooledRead
// (a file that large is rare) is left to the collector.
var readBufs = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

const maxPooledRead = 1 << 20

// tooLarge is the finding of a file larger than qda reads.
func tooLarge(name string) *diag.Finding {
	return diag.Errorf(name, 0, "larger than %d MB, more than qda reads from one file", MaxFileSize>>20).
		WithHint("is it the right file? transcripts, codebooks and spreadsheets are a few MB at most; split a longer transcript")
}

// mkdirAll makes the study's folder dir (slash-separated) and its
// parents through the study's root, refusing a link to outside the study.
func (s *Study) mkdirAll(dir string) error {
	if dir == "." || dir == "" {
		return nil
	}
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	if err := r.MkdirAll(filepath.FromSlash(dir), 0o755); err != nil {
		return insideErr(dir, err)
	}
	return nil
}

// insideErr explains an os.Root refusal; other errors pass unchanged.
func insideErr(rel string, err error) error {
	switch {
	case !escapes(err):
		return err
	case rel == DataDir || strings.HasPrefix(rel, DataDir+"/"):
		return fmt.Errorf("%s: %w through a symbolic link; delete the link: %s holds only data qda rebuilds", rel, ErrOutside, DataDir)
	}
	return fmt.Errorf("%s: %w through a symbolic link or '..'; qda reads and writes only inside the study: copy the file in instead of linking it", rel, ErrOutside)
}

// ErrOutside is wrapped by the errors of a path refused because it leads
// outside the study.
var ErrOutside = errors.New("leads outside the study")

// escapes reports whether err is an os.Root refusing a path that leaves it.
func escapes(err error) bool {
	var pe *fs.PathError
	return err != nil && errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes")
}

// ReadDir lists the study's folder rel through the study's root: a folder
// that is, or leads through, a link to outside the study is refused (an
// error wrapping ErrOutside), and a folder not there is empty.
func (s *Study) ReadDir(rel string) ([]os.DirEntry, error) {
	r, err := s.fsRoot()
	if err != nil {
		return nil, err
	}
	return list(rel)(openIn(r, rel, rel, wantFolder))
}

// folderFiles reads many files of the study, each folder opened once
// through the study's root and each file then opened by name in it: a
// path walked from the root costs system calls for every folder on the
// way, a tenth of the CPU of a command that reads the whole study. A file
// that cannot be read that way (a link out of its folder, a folder that
// is not there) is read by ReadFile, so the answer and the error are
// ReadFile's. Used for one pass over the study: a folder removed and made
// again meanwhile would not be seen.
type folderFiles struct {
	s    *Study
	mu   sync.Mutex
	dirs map[string]*openFolder // nil where the folder could not be opened
	done bool
}

// openFolder is a folder of the study opened through its root, as a root
// to open files in and as a file (fd, -1 where none) for readIn.
type openFolder struct {
	root *os.Root
	file *os.File
	fd   int
}

func (s *Study) folderFiles() *folderFiles {
	return &folderFiles{s: s, dirs: map[string]*openFolder{}}
}

// read is ReadFile.
func (f *folderFiles) read(rel string) ([]byte, error) {
	dir, name := path.Split(rel)
	if d := f.dir(dir); d != nil && name != "" {
		if data, ok := readIn(d.fd, name); ok {
			return data, nil
		}
		if fh, err := openIn(d.root, name, rel, wantFile); err == nil {
			defer fh.Close()
			return readLimited(rel, fh)
		}
	}
	return f.s.ReadFile(rel)
}

func (f *folderFiles) dir(dir string) *openFolder {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.dirs[dir]
	if !ok && !f.done {
		if r, err := f.s.fsRoot(); err == nil && dir != "" {
			if root, err := openRootIn(r, strings.TrimSuffix(dir, "/")); err == nil {
				d = &openFolder{root: root, fd: -1}
				if file, err := root.Open("."); err == nil {
					d.file, d.fd = file, int(file.Fd())
				}
			}
		}
		f.dirs[dir] = d
	}
	return d
}

// close closes the folders; a read after it goes through ReadFile.
func (f *folderFiles) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, d := range f.dirs {
		if d != nil {
			if d.file != nil {
				d.file.Close()
			}
			d.root.Close()
		}
	}
	clear(f.dirs)
	f.done = true
}
