package ahead

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// NameStat stats files by name in one open folder, as StatAt does, for
// the stat of every transcript and codings file that a search's update
// and quick check take: statx asking for the size and mtime alone, the
// name made NUL-terminated in a buffer kept between calls rather than in
// a new allocation for each. At 10,000 participants these stats are most
// of a search's fixed cost, and this takes about a sixth off each.
//
// statx is asked to sync as stat does (AT_STATX_SYNC_AS_STAT), not to
// skip it: on NFS, CIFS or FUSE the other would take cached attributes
// as they are, and a colleague's edit on a shared drive could look
// unchanged for as long as the cache lasts. Where statx fails for any
// reason but the file's absence (no statx in the kernel, or a sandbox's
// seccomp filter refusing it with EPERM), StatAt answers, for that call
// and every later one: a stat that failed must not read as a missing
// file, which the manifest would then record and match for ever.
//
// A NameStat is one goroutine's: its buffers are not shared.
type NameStat struct {
	dir     *os.File
	fd      uintptr
	buf     []byte
	noStatx bool
	// sx is the answer's buffer, kept here: a local handed to the Statx
	// variable escaped, and allocated 256 bytes per stat (3.7 MB of
	// garbage per search at 10,000 participants).
	sx unix.Statx_t
}

// NewNameStat stats files in dir, which stays the caller's to close.
func NewNameStat(dir *os.File) *NameStat {
	return &NameStat{dir: dir, fd: dir.Fd(), buf: make([]byte, 0, 128)}
}

// Stat is the state of the folder's file name+ext (not a path: the
// caller checked name), Size -1 when it does not exist or cannot be
// stat'ed.
func (n *NameStat) Stat(name, ext string) State {
	if n.noStatx {
		return StatAt(n.dir, name+ext)
	}
	n.buf = append(append(append(n.buf[:0], name...), ext...), 0)
	sx := &n.sx
	errno := Statx(n.fd, &n.buf[0], sx)
	switch {
	case errno == unix.ENOENT || errno == unix.ENOTDIR:
		return State{Size: -1}
	case errno != 0 || sx.Mask&(unix.STATX_SIZE|unix.STATX_MTIME) != unix.STATX_SIZE|unix.STATX_MTIME:
		n.noStatx = true
		return StatAt(n.dir, name+ext)
	}
	return State{Size: int64(sx.Size), MTime: sx.Mtime.Sec*1e9 + int64(sx.Mtime.Nsec)}
}

// Statx asks for name's size and mtime in the folder fd; a variable so
// that a test can make it fail as a sandbox would.
var Statx = func(fd uintptr, name *byte, sx *unix.Statx_t) unix.Errno {
	_, _, errno := unix.Syscall6(unix.SYS_STATX, fd, uintptr(unsafe.Pointer(name)), unix.AT_STATX_SYNC_AS_STAT,
		unix.STATX_SIZE|unix.STATX_MTIME, uintptr(unsafe.Pointer(sx)), 0)
	return errno
}
