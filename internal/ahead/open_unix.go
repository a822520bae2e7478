//go:build unix

package ahead

import "syscall"

// openNoBlock opens a named pipe without waiting for a writer, as corpus
// opens every file of a study (corpus/special.go): the sweep reads from a
// study too, and must not hang qda's start on a pipe planted there.
const openNoBlock = syscall.O_NONBLOCK | syscall.O_NOCTTY
