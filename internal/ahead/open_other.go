//go:build !unix

package ahead

// openNoBlock: no named pipes to wait on here.
const openNoBlock = 0
