package corpus

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// syncAll makes the n temporary files of a batch durable with one
// syncfs(2) of the file system that holds them: one wait for the disk
// instead of one a file. dir was opened before the files were written,
// so a write-back error since then is reported here (Linux 5.8 on). A
// system without syncfs (some sandboxes) syncs each file.
func syncAll(dir *os.File, in *os.Root, n int) error {
	err := unix.Syncfs(int(dir.Fd()))
	if errors.Is(err, unix.ENOSYS) {
		return syncEach(dir, in, n)
	}
	return err
}
