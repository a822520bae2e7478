// Package scratch makes the temporary files an export spills to.
package scratch

import "os"

// File creates a temporary file for pattern (as os.CreateTemp in the
// system's folder) and, where the system allows it, removes its name at
// once: the file lives on while it is open, and a process killed while
// it writes (kill -9, a crash) leaves nothing behind in the temporary
// folder, where a large export spills hundreds of megabytes. Callers use
// the *os.File only; their own removal of the name after closing is then
// a harmless no-op. Where an open file cannot be removed (Windows), the
// name stays until the caller removes it.
func File(pattern string) (*os.File, error) {
	f, err := os.CreateTemp("", pattern)
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name())
	return f, nil
}
