package corpus

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/qdatool/qda/internal/diag"
)

// The study's own files are written here, through the study's os.Root,
// and not with renameio (which WriteFile keeps for files outside the
// study, such as exports): renameio takes a path and follows every link
// in it, so a folder of a cloned study that is a link (codings/jt ->
// ../.git/hooks) would be written through. Here a folder that is a link is
// refused, even one that stays inside the study; a temporary file is
// created beside nothing a link could redirect (O_EXCL never follows one);
// and the rename replaces a link at the target rather than writing where
// it points.

// WriteStudyFile replaces the study's file rel (slash-separated, relative
// to the root) with data atomically: a synced temporary file under
// .qda/staging/, renamed over the old file, so a crash leaves the old file
// or the new one. rel must be one of the study's data files (DataFile) or
// qda's derived data under .qda/; nothing over MaxFileSize is written.
func (s *Study) WriteStudyFile(rel string, data []byte) error {
	if !DataFile(rel) && !derivedFile(rel) {
		return fmt.Errorf("%s: not a file of the study qda writes", rel)
	}
	if err := checkWriteSize(rel, len(data)); err != nil {
		return err
	}
	if err := s.MakeDataDir(); err != nil {
		return err
	}
	// Derived data is written by processes that do not hold the writer
	// lock (a search updating its index), so its temporary file goes
	// beside it, out of the staging folder the next writer sweeps.
	dir := stagingDir
	if derivedFile(rel) {
		dir = path.Dir(rel)
	}
	temp, err := s.stageTemp(dir, path.Base(rel), data, s.permOf(rel))
	if err != nil && dir == stagingDir {
		return orStageErr(rel, err) // named by rel, not by its temporary file
	}
	if err != nil {
		return err
	}
	if err := s.renameInto(temp, rel, nil); err != nil {
		s.removeQuietly(temp)
		return err
	}
	return nil
}

// checkWriteSize holds the limit on what qda reads on what it writes too:
// a file qda wrote but cannot read back would leave the study broken.
func checkWriteSize(rel string, n int) error {
	if n <= MaxFileSize {
		return nil
	}
	return diag.Errorf(rel, 0, "would be %d MB, over the %d MB qda reads from one file: nothing was written", n>>20, MaxFileSize>>20).
		WithHint("split the input into smaller files (a transcript of one interview is a few hundred KB)")
}

// stagingDir holds the temporary files of every write until they are
// renamed into place: qda makes it, so nothing under it is a file of the
// study, and a write killed midway leaves its temporary file here, where
// the next writer sweeps it, not beside the study's files.
const stagingDir = DataDir + "/staging"

// stageTemp writes data to a new synced file in the folder dir (under
// .qda/) and returns its path.
func (s *Study) stageTemp(dir, base string, data []byte, perm os.FileMode) (string, error) {
	if err := s.mkdirAll(dir); err != nil {
		return "", err
	}
	if err := s.noLinks(dir); err != nil {
		return "", err
	}
	for range 100 {
		name := dir + "/" + randomID()[:12] + "-" + base
		err := s.writeNew(name, data, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return name, err
	}
	return "", fmt.Errorf("%s: cannot make a temporary file", dir)
}

// writeNew writes data to rel, a file that must not exist yet, and syncs
// it; its folder is the caller's to have made. O_EXCL: a name that
// exists, a link included, is never opened.
func (s *Study) writeNew(rel string, data []byte, perm os.FileMode) error {
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	err = createIn(r, filepath.FromSlash(rel), data, perm, true)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return insideErr(rel, err)
	}
	return err
}

// createIn writes data to the new file name of r, synced when sync is
// set (a batch syncs all its files together instead); a file left half
// written is removed. An existing name is fs.ErrExist, unwrapped.
func createIn(r *os.Root, name string, data []byte, perm os.FileMode, sync bool) error {
	err := createNew(func() (newFile, error) {
		return r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	}, func() { r.Remove(name) }, data, sync)
	if errors.Is(err, fs.ErrExist) {
		return fs.ErrExist
	}
	return err
}

// newFile is a file just created, for createNew.
type newFile interface {
	Write([]byte) (int, error)
	Sync() error
	Close() error
}

// createNew creates a file with create, writes data to it, syncs it when
// sync is set, and closes it; when any of that fails after create,
// remove removes the file left half written. Every temporary file of a
// study's writes (WriteStudyFile, a Batch) is written by it: through os
// (createIn), or with three system calls (stageFile, stage_unix.go).
func createNew(create func() (newFile, error), remove func(), data []byte, sync bool) error {
	f, err := create()
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		remove()
	}
	return err
}

// renameInto renames the temporary file temp over the study's file rel,
// through the study's root, after making rel's folder; a folder that is a
// link is refused. A batch passes its folders (below), so each target
// folder is made, checked and synced once, not once a file; with nil,
// both folders are synced now.
func (s *Study) renameInto(temp, rel string, dirs *folders) error {
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	dir := path.Dir(rel)
	if dirs == nil || !dirs.checked[dir] {
		if err := s.mkdirAll(dir); err != nil {
			return err
		}
		if err := s.noLinks(dir); err != nil {
			return err
		}
		if dirs != nil {
			dirs.checked[dir] = true
		}
	}
	if dirs != nil {
		if err := dirs.rename(r, temp, rel); err != nil {
			return insideErr(rel, err)
		}
		dirs.touched[dir] = true
		return nil
	}
	if err := refuseFolder(r, rel); err != nil {
		return err
	}
	if err := r.Rename(filepath.FromSlash(temp), filepath.FromSlash(rel)); err != nil {
		return insideErr(rel, err)
	}
	s.syncDir(dir)
	s.syncDir(path.Dir(temp))
	return nil
}

// refuseFolder refuses to rename a file over the study's folder rel.
func refuseFolder(r *os.Root, rel string) error {
	if st, err := r.Lstat(filepath.FromSlash(rel)); err == nil && st.IsDir() {
		return errFolder(rel)
	}
	return nil
}

func errFolder(rel string) error {
	return fmt.Errorf("%s: a folder where qda writes a file: move it away", rel)
}

// folders is what a batch's renames have learnt of the folders they
// write into: which were made and found free of links (checked once a
// batch: the batch holds the writer lock, and the rename goes through the
// study's root whatever happens to a folder meanwhile), which are open
// (rename_unix.go), and which to sync once every rename is made.
type folders struct {
	checked, touched map[string]bool
	open             map[string]*os.File
	replaced         replaced // the old files, let go of together
}

func newFolders() *folders {
	return &folders{checked: map[string]bool{}, touched: map[string]bool{}, open: map[string]*os.File{}}
}

// sync makes the renames into every folder touched durable, each folder
// once, and closes the folders open.
func (d *folders) sync(s *Study) {
	for _, dir := range slices.Sorted(maps.Keys(d.touched)) {
		if f := d.open[dir]; f != nil {
			f.Sync()
		} else {
			s.syncDir(dir)
		}
	}
	d.close()
}

// close closes the folders open, once the files the renames replaced
// are let go of; a batch stopped by an error closes them too.
func (d *folders) close() {
	d.replaced.wait()
	for _, f := range d.open {
		f.Close()
	}
	clear(d.open)
}

// noLinks refuses a folder rel of the study (slash-separated) that is, or
// passes through, a symbolic link, even one that stays inside the study:
// qda writes only into the study's own folders.
func (s *Study) noLinks(dir string) error {
	if dir == "." || dir == "" {
		return nil
	}
	r, err := s.fsRoot()
	if err != nil {
		return err
	}
	parts := strings.Split(dir, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		st, err := r.Lstat(filepath.FromSlash(p))
		if errors.Is(err, fs.ErrNotExist) {
			return nil // made by mkdirAll next, as a real folder
		}
		if err != nil {
			return insideErr(p, err)
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			if p == DataDir || strings.HasPrefix(p, DataDir+"/") {
				return fmt.Errorf("%s: a symbolic link, which qda does not write through; delete the link: %s holds only data qda rebuilds", p, DataDir)
			}
			return fmt.Errorf("%s: a symbolic link, which qda does not write through: replace the link with the folder itself", p)
		}
		if !st.IsDir() {
			return fmt.Errorf("%s: not a folder: move the file away", p)
		}
	}
	return nil
}

// permOf is the mode of the study's file rel, kept when it is replaced;
// a new file gets the mode of an ordinary document.
func (s *Study) permOf(rel string) os.FileMode {
	if r, err := s.fsRoot(); err == nil {
		return permIn(r, filepath.FromSlash(rel))
	}
	return 0o644
}

func permIn(r *os.Root, name string) os.FileMode {
	if st, err := r.Lstat(name); err == nil && st.Mode().IsRegular() {
		return st.Mode().Perm()
	}
	return 0o644
}

// perms is permOf for the many files of a batch: each folder is opened
// once, and each file's mode read by name in it, rather than by a path
// walked from the study's root (a tenth of a rename's system time).
type perms struct {
	s    *Study
	dirs map[string]*os.Root // nil for a folder that could not be opened
}

func (p *perms) of(rel string) os.FileMode {
	dir, name := path.Split(rel)
	d, ok := p.dirs[dir]
	if !ok {
		if r, err := p.s.fsRoot(); err == nil {
			d, _ = openRootIn(r, cmp.Or(strings.TrimSuffix(dir, "/"), "."))
		}
		p.dirs[dir] = d
	}
	if d == nil {
		return 0o644
	}
	return permIn(d, name)
}

func (p *perms) close() {
	for _, d := range p.dirs {
		if d != nil {
			d.Close()
		}
	}
}

// syncDir makes a rename in the study's folder dir durable; where a file
// system cannot sync a folder, the rename is as durable as it gets.
func (s *Study) syncDir(dir string) {
	r, err := s.fsRoot()
	if err != nil {
		return
	}
	if d, err := openIn(r, dir, dir, wantFolder); err == nil {
		d.Sync()
		d.Close()
	}
}

// removeQuietly removes the study's file rel, through its root; for
// clean-up after a failure, where a second error would hide the first.
func (s *Study) removeQuietly(rel string) {
	if r, err := s.fsRoot(); err == nil {
		r.Remove(filepath.FromSlash(rel))
	}
}

// randomID is 32 hex digits from the system's random source.
func randomID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
