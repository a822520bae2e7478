//go:build !unix

package search

import "os"

// home is unknown where the system gives no inode: every open then asks
// git whether it tracks the index, as after a copy.
func home(string) string { return "" }

// inode is unknown: the quick file is never written (quickfile.go).
func inode(os.FileInfo) uint64 { return 0 }
