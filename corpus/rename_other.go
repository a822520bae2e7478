//go:build !unix

package corpus

import (
	"os"
	"path/filepath"
)

// rename renames a batch's temporary file temp over the study's file rel
// through the study's root (rename_unix.go opens each folder once
// instead).
func (d *folders) rename(r *os.Root, temp, rel string) error {
	if err := refuseFolder(r, rel); err != nil {
		return err
	}
	return r.Rename(filepath.FromSlash(temp), filepath.FromSlash(rel))
}

// replaced holds nothing here (rename_unix.go).
type replaced struct{}

func (*replaced) wait() {}
