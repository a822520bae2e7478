//go:build !unix

package search

import (
	"fmt"
	"os"
)

// home is unknown where the system gives no inode: every open then asks
// git whether it tracks the index, as after a copy.
func home(string) string { return "" }

// fileID is what moves when a file's bytes may have: its size and mtime.
func fileID(fi os.FileInfo) string {
	return fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano())
}

// inode is unknown: the quick file is never used (quickfile.go).
func inode(os.FileInfo) uint64 { return 0 }
