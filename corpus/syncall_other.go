//go:build !linux

package corpus

import "os"

// syncAll makes the n temporary files of a batch durable: without
// Linux's syncfs, each file is synced (syncEach).
func syncAll(dir *os.File, in *os.Root, n int) error { return syncEach(dir, in, n) }
