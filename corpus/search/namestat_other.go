//go:build !linux

package search

import "os"

// nameStat is statAt where there is no statx (namestat_linux.go).
type nameStat struct{ dir *os.File }

func newNameStat(dir *os.File) *nameStat { return &nameStat{dir: dir} }

func (n *nameStat) stat(name, ext string) fileState { return statAt(n.dir, name+ext) }
