package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/qdatool/qda/internal/diag"
)

// Only plain files and folders are read from a study. A named pipe
// (FIFO) with no writer blocks whoever opens it for reading, forever, and
// a device (mknod in an unpacked archive) reads without end or with side
// effects: a study that holds one, whether by mistake or planted in a
// shared copy, must not make qda hang. So every file of the study is
// opened without blocking (openNoBlock: O_NONBLOCK, where the system has
// it), and what was opened is looked at (fstat, on the open file, so
// nothing can be swapped in between) before a byte is read from it.

// openIn opens name, in the root r, for reading; rel is how the study
// names it, for errors. want is what the caller reads there: a plain file
// (wantFile) or a folder (wantFolder); anything else is a notPlain
// finding, and the open file is closed.
func openIn(r *os.Root, name, rel string, want kind) (*os.File, error) {
	f, err := r.OpenFile(filepath.FromSlash(name), os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		return nil, explain(r, name, rel, want, insideErr(rel, err))
	}
	if err := isKind(f, rel, want); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// openPath is openIn for a path of the study's own that is not opened
// through its root (a folder listed as the system finds it).
func openPath(path, rel string, want kind) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
			return nil, notPlain(rel, fi.Mode(), want) // a socket does not open
		}
		return nil, err
	}
	if err := isKind(f, rel, want); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// OpenPlain opens the plain file at path, not in a study's root (a
// folder qda is about to write a study into), for reading, as every file
// of a study is opened: without blocking on a named pipe there, and
// refusing anything but a plain file with a finding naming it as name.
func OpenPlain(path, name string) (*os.File, error) {
	return openPath(path, name, wantFile)
}

// openRootIn opens the folder dir, in the root r, as a root. os.Root's
// OpenRoot opens a named pipe as any file, and blocks there, before it
// finds that it is no folder: the folder is looked at first. (Stat
// follows a link inside the root, as OpenRoot does; a folder swapped for
// a pipe between the two is beyond what a copied or cloned study can do.)
func openRootIn(r *os.Root, dir string) (*os.Root, error) {
	name := filepath.FromSlash(dir)
	fi, err := r.Stat(name)
	if err != nil {
		return nil, insideErr(dir, err)
	}
	if !fi.IsDir() {
		return nil, notPlain(dir, fi.Mode(), wantFolder)
	}
	in, err := r.OpenRoot(name)
	if err != nil {
		return nil, insideErr(dir, err)
	}
	return in, nil
}

// explain says why opening name failed when it is for what is there:
// a socket, or a device with no driver, refuses to open (ENXIO), and a
// pipe where a folder of the path belongs gives "openat
// transcripts/t.txt: not a directory"; both are notPlain findings naming
// it. Other errors pass unchanged.
func explain(r *os.Root, name, rel string, want kind, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrOutside) {
		return err
	}
	if fi, serr := r.Lstat(filepath.FromSlash(name)); serr == nil {
		if m := fi.Mode(); !m.IsRegular() && !m.IsDir() && m&fs.ModeSymlink == 0 {
			return notPlain(rel, m, want)
		}
	}
	if !errors.Is(err, syscall.ENOTDIR) || !strings.HasSuffix(rel, name) {
		return err
	}
	parent := path.Dir(strings.TrimSuffix(name, "/"))
	if parent == "." {
		return err
	}
	dir := ""
	for part := range strings.SplitSeq(parent, "/") {
		dir = path.Join(dir, part)
		fi, serr := r.Lstat(filepath.FromSlash(dir))
		if serr != nil {
			return err
		}
		if !fi.IsDir() && fi.Mode()&fs.ModeSymlink == 0 {
			return notPlain(strings.TrimSuffix(rel, name)+dir, fi.Mode(), wantFolder)
		}
	}
	return err
}

// kind is what a caller means to read: a plain file or a folder.
type kind int

const (
	wantFile kind = iota
	wantFolder
)

func isKind(f *os.File, rel string, want kind) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if m := fi.Mode(); want == wantFile && !m.IsRegular() || want == wantFolder && !m.IsDir() {
		return notPlain(rel, m, want)
	}
	return nil
}

// notPlain is the finding of something other than what qda reads there.
func notPlain(rel string, m fs.FileMode, want kind) *diag.Finding {
	if want == wantFolder {
		return diag.Errorf(rel, 0, "not a folder (%s)", modeName(m)).
			WithHint("qda reads only plain files and folders in a study: remove it, or replace it with the folder")
	}
	return diag.Errorf(rel, 0, "not a plain file (%s)", modeName(m)).
		WithHint("qda reads only plain files and folders in a study: remove it, or replace it with a text file")
}

// modeName names a file's type for people.
func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m.IsRegular():
		return "a plain file"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// OpenFolder opens the study's folder rel (slash-separated) to list it
// or to stat files in it, through the study's root: a link to a folder
// inside the study is followed, a link out of it is refused (an error
// wrapping ErrOutside), as for any file. What is there is looked at
// before it is opened, so that nothing but a folder of the study is ever
// opened (opening a device can do what its driver does on open):
// anything else is refused with a finding naming it.
func (s *Study) OpenFolder(rel string) (*os.File, error) {
	r, err := s.fsRoot()
	if err != nil {
		return nil, err
	}
	fi, err := r.Stat(filepath.FromSlash(rel))
	if err != nil {
		return nil, explain(r, rel, rel, wantFolder, insideErr(rel, err))
	}
	if !fi.IsDir() {
		return nil, notPlain(rel, fi.Mode(), wantFolder)
	}
	return openIn(r, rel, rel, wantFolder)
}

// readDir lists the study's folder rel as os.ReadDir does (sorted by
// name, following a link); a folder that is not there is empty, since a
// new study need not have made it yet.
func readDir(s *Study, rel string) ([]os.DirEntry, error) {
	return list(rel)(s.OpenFolder(rel))
}

// list lists the folder rel that an open gave, sorted by name, and
// closes it; a folder not there is empty, since a new study need not
// have made it yet.
func list(rel string) func(f *os.File, err error) ([]os.DirEntry, error) {
	return func(f *os.File, err error) ([]os.DirEntry, error) {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		defer f.Close()
		entries, err := f.ReadDir(-1)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		slices.SortFunc(entries, func(a, b os.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
		return entries, nil
	}
}
