// Package scratch makes the temporary files an export spills to.
package scratch

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

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

// Dir makes a folder for this process's temporary files in the system's
// temporary folder, for a library (excelize) that makes its own files
// there: the caller removes it when done. A process killed before it can
// (kill -9, a crash) leaves its folder behind, so Dir first removes the
// folders of qda processes that are gone. A folder whose process still
// runs, or whose number a live process has taken since, is left alone.
func Dir() (string, error) {
	sweep()
	return os.MkdirTemp("", fmt.Sprintf("%s%d-", dirPrefix, os.Getpid()))
}

const dirPrefix = "qda-tmp-"

// sweep removes the folders Dir made for processes that have ended.
func sweep() {
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), dirPrefix)
		if !ok || !e.IsDir() {
			continue
		}
		num, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(num)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() || alive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(os.TempDir(), e.Name()))
	}
}
