//go:build unix

package corpus

import (
	"errors"
	"io"

	"golang.org/x/sys/unix"
)

// readIn reads the plain file name of the folder dirfd (opened through
// the study's root) in about four system calls: opening it through os
// costs six more (the poller's fcntl and epoll calls, which a plain file
// refuses) and io.ReadAll reads in growing pieces, a tenth of the system
// time of a command that reads every codings file. Anything else (a
// link, which O_NOFOLLOW does not open; a FIFO or device, not read; a
// file over MaxFileSize; any error) is not ok, and the caller reads it
// the ordinary way, whose answer and error stand.
func readIn(dirfd int, name string) ([]byte, bool) {
	if dirfd < 0 {
		return nil, false
	}
	fd, err := retry(func() (int, error) {
		return unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size > MaxFileSize {
		return nil, false
	}
	// One byte over the size, so a file read whole ends with a read of 0.
	buf, err := readInto(make([]byte, 0, max(st.Size+1, 512)), fdReader(fd))
	if err != nil {
		return nil, false // grown past the limit while read, or failed: ReadFile says so
	}
	return buf, true
}

// fdReader reads a file descriptor with read(2), for readInto: os would
// put the file in its poller first.
type fdReader int

func (fd fdReader) Read(p []byte) (int, error) {
	n, err := retry(func() (int, error) { return unix.Read(int(fd), p) })
	switch {
	case err != nil:
		return 0, err
	case n == 0 && len(p) > 0:
		return 0, io.EOF
	}
	return n, nil
}

// retry makes a system call again when a signal interrupted it, as os
// does.
func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
