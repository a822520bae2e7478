//go:build !unix

package corpus

import "os"

// stageFile writes data to the new file name of a batch's staging folder
// in, through os (stage_unix.go saves system calls).
func stageFile(dir *os.File, in *os.Root, name string, data []byte, perm os.FileMode) error {
	return createIn(in, name, data, perm, false)
}
