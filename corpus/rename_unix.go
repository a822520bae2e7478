//go:build unix

package corpus

import (
	"os"
	"path"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// rename renames a batch's temporary file temp over the study's file rel
// with one renameat(2) between their two folders, each opened once a
// batch through the study's root: the root would walk both paths from the
// top, a few system calls a folder, for each of tens of thousands of
// files. The names given are single path elements, so the rename stays
// in those folders and replaces a link at rel rather than following it.
func (d *folders) rename(r *os.Root, temp, rel string) error {
	from, err := d.folder(r, path.Dir(temp))
	if err != nil {
		return err
	}
	to, err := d.folder(r, path.Dir(rel))
	if err != nil {
		return err
	}
	var st unix.Stat_t
	if err := unix.Fstatat(int(to.Fd()), path.Base(rel), &st, unix.AT_SYMLINK_NOFOLLOW); err == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return errFolder(rel)
	}
	if err := unix.Renameat(int(from.Fd()), path.Base(temp), int(to.Fd()), path.Base(rel)); err != nil {
		return &os.LinkError{Op: "rename", Old: temp, New: rel, Err: err}
	}
	return nil
}

// folder is the study's folder dir, opened through its root the first
// time a batch needs it.
func (d *folders) folder(r *os.Root, dir string) (*os.File, error) {
	if f := d.open[dir]; f != nil {
		return f, nil
	}
	f, err := r.Open(filepath.FromSlash(dir))
	if err != nil {
		return nil, err
	}
	d.open[dir] = f
	return f, nil
}
