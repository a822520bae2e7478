// Package scratch makes the temporary files an export spills to.
package scratch

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/qdatool/qda/internal/diag"
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
	sweep(os.TempDir(), func(name string) string {
		if rest, ok := strings.CutPrefix(name, dirPrefix); ok {
			return rest
		}
		return ""
	})
	return os.MkdirTemp("", fmt.Sprintf("%s%d-", dirPrefix, os.Getpid()))
}

const dirPrefix = "qda-tmp-"

// Beside makes a hidden folder in parent for building what will be
// renamed to parent/name (an imported study), named
// ".NAME.import-PID-RANDOM" so that a later run can tell whose it is. A
// process killed before its rename (kill -9, a crash) leaves its folder
// behind, so Beside first removes the folders it made in parent for any
// name, of processes that are gone; one whose process still runs is left
// alone.
func Beside(parent, name string) (string, error) {
	sweep(parent, func(n string) string {
		if !strings.HasPrefix(n, ".") {
			return ""
		}
		_, rest, _ := strings.Cut(n[1:], besideMark)
		for strings.Contains(rest, besideMark) { // a name with ".import-" in it
			_, rest, _ = strings.Cut(rest, besideMark)
		}
		return rest
	})
	return os.MkdirTemp(parent, fmt.Sprintf(".%s%s%d-", name, besideMark, os.Getpid()))
}

const besideMark = ".import-"

// sweep removes the folders in dir whose names, after rest takes off
// their prefix, are "PID-RANDOM" for a process that has ended.
func sweep(dir string, rest func(name string) string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		num, random, ok := strings.Cut(rest(e.Name()), "-")
		if !ok || !e.IsDir() || !digits(random) {
			continue
		}
		pid, err := strconv.Atoi(num)
		if err != nil || pid <= 0 || pid == os.Getpid() || alive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// digits reports whether s is the random part os.MkdirTemp puts in a
// name: digits only, at least one.
func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// Failed explains err, met while keeping what (e.g. "the passages") in a
// scratch file: the scratch file's own name means nothing to a user (its
// name is removed at once, see File), the folder it is in does, and what
// to do about a missing or full one. A nil err stays nil.
func Failed(what string, err error) error {
	if err == nil {
		return nil
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return diag.Errorf("", 0, "cannot keep %s in a scratch file in %s: %v", what, os.TempDir(), err).
		WithHint("set TMPDIR to a folder with room")
}

// Reader reads r, a scratch file holding what, with its errors said by
// Failed: the caller can return what it copies r to as it is (the
// output file's own errors) and still have the scratch file's named.
func Reader(what string, r io.Reader) io.Reader { return failedIO{what: what, r: r} }

// Writer is Reader for writes to w.
func Writer(what string, w io.Writer) io.Writer { return failedIO{what: what, w: w} }

type failedIO struct {
	what string
	r    io.Reader
	w    io.Writer
}

func (f failedIO) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err != nil && err != io.EOF {
		err = Failed(f.what, err)
	}
	return n, err
}

func (f failedIO) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	return n, Failed(f.what, err)
}
