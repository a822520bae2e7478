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
// written is removed (createNew). Not synced: the batch syncs them all
// together.
func stageFile(dir *os.File, in *os.Root, name string, data []byte, perm os.FileMode) error {
	dirfd := int(dir.Fd())
	return createNew(func() (newFile, error) {
		fd, err := retry(func() (int, error) {
			return unix.Openat(dirfd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, uint32(perm.Perm()))
		})
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return fdFile(fd), nil
	}, func() { unix.Unlinkat(dirfd, name, 0) }, data, false)
}

// fdFile is a file created with openat(2), written with write(2).
type fdFile int

func (fd fdFile) Write(data []byte) (int, error) {
	for rest := data; len(rest) > 0; {
		n, err := retry(func() (int, error) { return unix.Write(int(fd), rest) })
		if err != nil {
			return len(data) - len(rest), err
		}
		rest = rest[n:]
	}
	return len(data), nil
}

func (fd fdFile) Sync() error  { return unix.Fsync(int(fd)) }
func (fd fdFile) Close() error { return unix.Close(int(fd)) }
