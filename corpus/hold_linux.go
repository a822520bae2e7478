package corpus

import "golang.org/x/sys/unix"

// holdOld opens the file name of the folder dirfd, about to be replaced
// by a rename, so that the rename does not free it (replaced, in
// rename_unix.go); it returns -1 where there is no file. O_PATH opens
// the name itself, never what it names: a link, a FIFO or a device is
// held, not opened, and nothing is read. isDir reports a folder there,
// which a batch refuses to replace.
func holdOld(dirfd int, name string) (fd int, isDir bool) {
	fd, err := unix.Openat(dirfd, name, unix.O_PATH|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, false
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR {
		unix.Close(fd)
		return -1, true
	}
	return fd, false
}
