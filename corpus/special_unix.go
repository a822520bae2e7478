//go:build unix

package corpus

import "syscall"

// openNoBlock opens a named pipe without waiting for a writer, and a
// terminal device without making it the process's (special.go); a plain
// file or folder reads as it would without them.
const openNoBlock = syscall.O_NONBLOCK | syscall.O_NOCTTY
