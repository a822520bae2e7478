//go:build unix

package search

import (
	"os"

	"golang.org/x/sys/unix"
)

// statAt stats name in dir; a missing file or folder is size -1. fstatat
// on the folder's descriptor, not a path: no path walk from the study's
// root for each of tens of thousands of files, and no os.FileInfo made.
func statAt(dir *os.File, name string) fileState {
	if dir == nil {
		return fileState{Size: -1}
	}
	var st unix.Stat_t
	if err := unix.Fstatat(int(dir.Fd()), name, &st, 0); err != nil {
		return fileState{Size: -1}
	}
	return fileState{Size: st.Size, MTime: st.Mtim.Nano()}
}

// openState is the size and mtime of an open file or folder.
func openState(f *os.File) (fileState, error) {
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return fileState{}, err
	}
	return fileState{Size: st.Size, MTime: st.Mtim.Nano()}, nil
}
