//go:build unix && !linux

package corpus

import "golang.org/x/sys/unix"

// holdOld, without Linux's O_PATH, holds nothing (opening the file could
// block on a FIFO or act on a device): it only reports a folder at name,
// which a batch refuses to replace.
func holdOld(dirfd int, name string) (fd int, isDir bool) {
	var st unix.Stat_t
	err := unix.Fstatat(dirfd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	return -1, err == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR
}
