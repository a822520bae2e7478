//go:build unix

package corpus

import (
	"os"

	"golang.org/x/sys/unix"
)

// stageFile writes data to the new file name of a batch's staging folder
// (dir, opened through the study's root; in is the same folder as a
// root) with three system calls, where os takes eight (the poller's
// fcntl and epoll calls, which a plain file refuses): tens of thousands
// of files are staged for one rename of a code. O_EXCL|O_NOFOLLOW: a
// name that exists, a link included, is never opened. A file left half
// written is removed. Not synced: the batch syncs them all together.
func stageFile(dir *os.File, in *os.Root, name string, data []byte, perm os.FileMode) error {
	dirfd := int(dir.Fd())
	fd, err := retry(func() (int, error) {
		return unix.Openat(dirfd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, uint32(perm.Perm()))
	})
	if err != nil {
		return &os.PathError{Op: "open", Path: name, Err: err}
	}
	for rest := data; len(rest) > 0; {
		n, werr := retry(func() (int, error) { return unix.Write(fd, rest) })
		if werr != nil {
			err = werr
			break
		}
		rest = rest[n:]
	}
	if cerr := unix.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		unix.Unlinkat(dirfd, name, 0)
		return &os.PathError{Op: "write", Path: name, Err: err}
	}
	return nil
}
