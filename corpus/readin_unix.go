//go:build unix

package corpus

import (
	"errors"

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
	buf := make([]byte, 0, max(st.Size+1, 512))
	for {
		if len(buf) == cap(buf) {
			if len(buf) > MaxFileSize {
				return nil, false // grew while read: ReadFile says so
			}
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := retry(func() (int, error) { return unix.Read(fd, buf[len(buf):cap(buf)]) })
		if err != nil {
			return nil, false
		}
		if n == 0 {
			return buf, true
		}
		buf = buf[:len(buf)+n]
	}
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
