package search

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
)

// plainTree reports the first thing under dir that is neither a plain
// file nor a folder. bleve opens its files itself, blocking on a named
// pipe there (a read of it waits for a writer that never comes), so an
// index holding one is not opened but rebuilt, as any index that cannot
// be used. The walk reads only the folders' listings (a handful of
// files): nothing in them is opened. An index is opened only where it
// was made (checkHome) and never from a commit, so this guards against a
// pipe put into qda's own index since, not one that came with a copy.
func plainTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir && errors.Is(err, fs.ErrNotExist) {
				return nil // bleve says what is missing
			}
			return err
		}
		if t := d.Type(); !t.IsDir() && !t.IsRegular() {
			rel, _ := filepath.Rel(dir, path)
			return fmt.Errorf("%s is not a plain file", filepath.ToSlash(rel))
		}
		return nil
	})
}
