//go:build !linux

package search

// dropMapped does nothing here: the merge's pages stay resident until
// its inputs are closed (clean pages the system may take back).
func dropMapped(m []byte) {}

// dropsMapped says dropMapped does something (dropWhile ticks only then).
const dropsMapped = false
