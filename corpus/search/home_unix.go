//go:build unix

package search

import (
	"fmt"
	"os"
	"syscall"
)

// home is the device and inode of the folder dir, "" when unknown.
func home(dir string) string {
	fi, err := os.Lstat(dir)
	if err != nil {
		return ""
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
}

// inode is fi's inode number, 0 when unknown (fileID).
func inode(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ino
	}
	return 0
}
