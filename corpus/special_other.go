//go:build !unix

package corpus

// openNoBlock is nothing here: Windows has no named pipes in a folder
// (they live in \\.\pipe\), and its devices are not files of a folder.
const openNoBlock = 0
