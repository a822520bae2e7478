//go:build !unix

package search

import (
	"os"
	"path/filepath"
)

// statAt stats name in dir; a missing file or folder is size -1. Where
// there is no fstatat (Windows), by the folder's path.
func statAt(dir *os.File, name string) fileState {
	if dir == nil {
		return fileState{Size: -1}
	}
	fi, err := os.Stat(filepath.Join(dir.Name(), name))
	if err != nil {
		return fileState{Size: -1}
	}
	return fileState{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
}

// openState is the size and mtime of an open file or folder.
func openState(f *os.File) (fileState, error) {
	fi, err := f.Stat()
	if err != nil {
		return fileState{}, err
	}
	return fileState{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}, nil
}
