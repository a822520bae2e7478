package search

import "golang.org/x/sys/unix"

// dropMapped removes a read-only file mapping's pages from the
// process's resident set. The mapping stays valid: for a shared file
// mapping, MADV_DONTNEED only unmaps the pages, and the next read maps
// them again from the page cache (or the file). An error leaves the
// pages resident, which costs memory, not correctness.
func dropMapped(m []byte) {
	if len(m) > 0 {
		_ = unix.Madvise(m, unix.MADV_DONTNEED)
	}
}

// dropsMapped says dropMapped does something (dropWhile ticks only then).
const dropsMapped = true
