//go:build !unix

package scratch

// alive cannot tell here, so every folder is taken to be in use and none
// is swept.
func alive(int) bool { return true }
