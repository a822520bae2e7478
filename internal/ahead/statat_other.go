//go:build !unix

package ahead

import (
	"os"
	"path/filepath"
)

// StatAt stats name in dir; a missing file or folder is size -1. Where
// there is no fstatat (Windows), by the folder's path.
func StatAt(dir *os.File, name string) State {
	if dir == nil {
		return State{Size: -1}
	}
	fi, err := os.Stat(filepath.Join(dir.Name(), name))
	if err != nil {
		return State{Size: -1}
	}
	return State{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
}
