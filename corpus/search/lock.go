package search

import (
	"errors"
	"os"
	"syscall"
)

// LockFile serialises qda processes that update or read the index: the
// second waits for the first instead of writing beside it.
const LockFile = ".qda/index.lock"

// lock takes an exclusive flock on path, calling wait once first if
// another process holds it. The kernel drops the lock when the process
// dies, so a killed qda never leaves the index locked.
func lock(path string, wait func()) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		if wait != nil {
			wait()
		}
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func unlock(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}
