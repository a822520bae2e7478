//go:build unix

package ahead

import (
	"os"

	"golang.org/x/sys/unix"
)

// StatAt stats name in dir; a missing file or folder is size -1. fstatat
// on the folder's descriptor, not a path: no path walk from the study's
// root for each of tens of thousands of files, and no os.FileInfo made.
func StatAt(dir *os.File, name string) State {
	if dir == nil {
		return State{Size: -1}
	}
	var st unix.Stat_t
	if err := unix.Fstatat(int(dir.Fd()), name, &st, 0); err != nil {
		return State{Size: -1}
	}
	return State{Size: st.Size, MTime: st.Mtim.Nano()}
}
