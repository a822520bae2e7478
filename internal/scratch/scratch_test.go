package scratch

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestFileIsUsableAndNameless(t *testing.T) {
	f, err := File("qda-scratch-test-*")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("spilled"); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := f.ReadAt(buf, 0); err != nil && err != io.EOF {
		t.Fatal(err)
	}
	if string(buf) != "spilled" {
		t.Fatalf("read back %q", buf)
	}
	if _, err := os.Stat(f.Name()); runtime.GOOS != "windows" && !os.IsNotExist(err) {
		t.Errorf("%s is still in the temporary folder (stat: %v): a killed export would leave it", f.Name(), err)
	}
}

func TestDirSweepsDeadProcesses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no sweep where a process's life cannot be told")
	}
	t.Setenv("TMPDIR", t.TempDir())
	// A process that has ended: this test's child, waited for.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1) to make an ended process")
	}
	dead := cmd.Process.Pid
	tests := []struct {
		name string
		kept bool
	}{
		{fmt.Sprintf("%s%d-1", dirPrefix, dead), false},        // its process is gone
		{fmt.Sprintf("%s%d-2", dirPrefix, os.Getppid()), true}, // its process runs
		{fmt.Sprintf("%s%d-3", dirPrefix, os.Getpid()), true},  // this process's own
		{"qda-tmp-notanumber-4", true},                         // not one of Dir's
		{fmt.Sprintf("excelize-%d", dead), true},               // not qda's
	}
	for _, tc := range tests {
		if err := os.MkdirAll(filepath.Join(os.TempDir(), tc.name, "sheet"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dir, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(dir), fmt.Sprintf("%s%d-", dirPrefix, os.Getpid())) {
		t.Errorf("Dir() = %s; want it named for this process", dir)
	}
	for _, tc := range tests {
		_, err := os.Stat(filepath.Join(os.TempDir(), tc.name))
		if kept := err == nil; kept != tc.kept {
			t.Errorf("%s kept = %v; want %v", tc.name, kept, tc.kept)
		}
	}
}

func TestBesideSweepsDeadProcesses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no sweep where a process's life cannot be told")
	}
	parent := t.TempDir()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1) to make an ended process")
	}
	dead := cmd.Process.Pid
	tests := []struct {
		name string
		kept bool
	}{
		{fmt.Sprintf(".imp.import-%d-123", dead), false},        // its process is gone
		{fmt.Sprintf(".other.import-%d-9", dead), false},        // another target's, gone too
		{fmt.Sprintf(".a.import-b.import-%d-9", dead), false},   // a name with the mark in it
		{fmt.Sprintf(".imp.import-%d-123", os.Getppid()), true}, // its process runs
		{fmt.Sprintf(".imp.import-%d-x", dead), true},           // not MkdirTemp's
		{fmt.Sprintf("imp.import-%d-1", dead), true},            // not hidden
		{fmt.Sprintf(".imp.export-%d-1", dead), true},           // not an import's
		{fmt.Sprintf("%d-1", dead), true},                       // a bare number
		{".imp.import-123456", true},                            // an older qda's: whose cannot be told
		{fmt.Sprintf(".imp.import-%d-5", os.Getpid()), true},    // this process's own
	}
	for _, tc := range tests {
		if err := os.MkdirAll(filepath.Join(parent, tc.name, "transcripts"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dir, err := Beside(parent, "imp")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(".imp.import-%d-", os.Getpid()); filepath.Dir(dir) != parent || !strings.HasPrefix(filepath.Base(dir), want) {
		t.Errorf("Beside() = %s; want %s/%s*", dir, parent, want)
	}
	for _, tc := range tests {
		_, err := os.Stat(filepath.Join(parent, tc.name))
		if kept := err == nil; kept != tc.kept {
			t.Errorf("%s kept = %v; want %v", tc.name, kept, tc.kept)
		}
	}
}
