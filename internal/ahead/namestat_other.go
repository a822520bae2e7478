//go:build !linux

package ahead

import "os"

// NameStat is StatAt where there is no statx (namestat_linux.go).
type NameStat struct{ dir *os.File }

// NewNameStat stats files in dir, which stays the caller's to close.
func NewNameStat(dir *os.File) *NameStat { return &NameStat{dir: dir} }

// Stat is the state of the folder's file name+ext.
func (n *NameStat) Stat(name, ext string) State { return StatAt(n.dir, name+ext) }
