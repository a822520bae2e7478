package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADME runs every qda command that README.md shows, in order, in a
// fresh folder, and fails if any of them fails: the README must stay
// honest. "go ..." lines are what CI runs itself (go test ./...), or the
// same as the qda line that follows (go run ./cmd/qda demo is qda demo).
func TestREADME(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(string(data))
	if len(cmds) < 8 {
		t.Fatalf("found only %d qda commands in README.md: has the tour moved?", len(cmds))
	}
	dir := t.TempDir()
	t.Setenv("QDA_CODER", "")
	t.Setenv("NO_COLOR", "1")
	for _, c := range cmds {
		args := strings.Fields(c)
		switch args[0] {
		case "cd":
			dir = filepath.Join(dir, args[1])
			continue
		case "go":
			if len(args) > 2 && args[1] == "run" && args[2] == "./cmd/qda" {
				args = append([]string{"qda"}, args[3:]...)
			} else {
				continue
			}
		case "qda":
		default:
			t.Fatalf("README.md shows %q, which this test does not know how to run", c)
		}
		var out, errb bytes.Buffer
		if code := run(append([]string{"-C", dir}, args[1:]...), &out, &errb); code != 0 {
			t.Errorf("README command %q exited %d:\n%s%s", c, code, out.String(), errb.String())
		}
	}
}

// readmeCommands returns the command lines of README.md's sh blocks,
// comments dropped.
func readmeCommands(md string) []string {
	var cmds []string
	in := false
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
		case strings.HasPrefix(line, "```"):
			in = false
		case in:
			if i := strings.Index(line, " #"); i >= 0 {
				line = line[:i]
			}
			if line = strings.TrimSpace(line); line != "" {
				cmds = append(cmds, line)
			}
		}
	}
	return cmds
}
