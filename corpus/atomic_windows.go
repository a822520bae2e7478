package corpus

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// renameio does not build on Windows (it says why: a rename over an
// open file fails there), so WriteFile and WriteFileFrom are written
// here: a temporary file in the same folder, synced, then moved over
// the old one with os.Rename (MoveFileEx with MOVEFILE_REPLACE_EXISTING).
// A replaced file's mode is not kept: Windows has only the read-only
// bit, which a file qda replaces cannot have.

// WriteFile replaces path with data: see the renameio version.
func WriteFile(path string, data []byte) error {
	return WriteFileFrom(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFileFrom is WriteFile for a file written piece by piece.
func WriteFileFrom(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	// Removed on every way out but the rename, a panic in write too.
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	fileOpened(path)
	bw := bufio.NewWriterSize(f, 256<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	done = true
	return nil
}
