//go:build unix

package search

import (
	"os"

	"golang.org/x/sys/unix"
)

// openState is the size and mtime of an open file or folder.
func openState(f *os.File) (fileState, error) {
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return fileState{}, err
	}
	return fileState{Size: st.Size, MTime: st.Mtim.Nano()}, nil
}
