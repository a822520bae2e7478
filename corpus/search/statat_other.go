//go:build !unix

package search

import "os"

// openState is the size and mtime of an open file or folder.
func openState(f *os.File) (fileState, error) {
	fi, err := f.Stat()
	if err != nil {
		return fileState{}, err
	}
	return fileState{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}, nil
}
