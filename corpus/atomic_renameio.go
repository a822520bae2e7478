//go:build !windows

package corpus

import (
	"bufio"
	"io"

	"github.com/google/renameio/v2"
)

// WriteFile replaces path with data atomically: a temp file in the same
// folder, synced, then renamed over the old one, so a crash leaves either
// the old file or the new one and never half of either. A file replaced
// keeps its mode exactly (renameio copies it from a plain file, not
// through a link, and past the umask); a new one gets the mode of an
// ordinary document.
func WriteFile(path string, data []byte) error {
	return renameio.WriteFile(path, data, 0o644, renameio.WithExistingPermissions())
}

// WriteFileFrom is WriteFile for a file written piece by piece: write
// fills the temporary file, which replaces path only if write succeeds.
// An export of a large study (a qdpx of tens of megabytes) streams to its
// file this way instead of being held whole in memory first.
func WriteFileFrom(path string, write func(io.Writer) error) error {
	pf, err := renameio.NewPendingFile(path, renameio.WithPermissions(0o644), renameio.WithExistingPermissions())
	if err != nil {
		return err
	}
	defer pf.Cleanup()
	fileOpened(path)
	bw := bufio.NewWriterSize(pf, 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return pf.CloseAtomicallyReplace()
}
