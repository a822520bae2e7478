//go:build unix && !linux

package corpus

import "testing"

// mknodNull: devices are made only on Linux (mknod_linux_test.go).
func mknodNull(t *testing.T, path string) {
	t.Skip("mknod: devices are made in this test only on Linux")
}
