package search

// LockFile serialises qda processes that update or read the index: the
// second waits for the first instead of writing beside it.
const LockFile = ".qda/index.lock"
