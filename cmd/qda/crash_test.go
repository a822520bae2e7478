package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus/demo"
)

// TestCrashAnywhere kills qda at points spread over every stage of a
// multi-file change on the demo study (while staging, once the journal is
// written, between renames) and checks that the study is found exactly in
// its old or its new state, never between: before the journal exists the
// change is lost as a whole; after it, a command that only reads refuses
// to count half a change and changes nothing, and the next command that
// writes completes it.
func TestCrashAnywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("runs qda a few hundred times")
	}
	orig := t.TempDir()
	if _, err := demo.Write(orig, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	// A corrected transcript: a line added near the top moves every
	// coder's segments, so ingest --replace rewrites several files.
	text, err := os.ReadFile(filepath.Join(orig, "transcripts", "may-1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	corrected := filepath.Join(t.TempDir(), "may-1.txt")
	if err := os.WriteFile(corrected, append([]byte("Interviewer: Thank you for seeing me again.\n\n"), text...), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
	}{
		{"ingest replace", []string{"ingest", corrected, "--replace"}},
		{"rename", []string{"codebook", "rename", "confidence", "self-belief"}},
		{"merge", []string{"codebook", "merge", "expectations/remit", "--into", "expectations/hopes"}},
		{"move", []string{"codebook", "move", "confidence/travel", "tea-and-company"}},
		{"code new", []string{"code", "may-1", "17-19", "not-what-i-expected", "--new", "--parent", "expectations", "--coder", "jt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old := snapshot(t, orig)
			done := copyStudy(t, orig)
			log := filepath.Join(t.TempDir(), "points")
			qdaIn(t, done, 0, append(tc.args, "QDA_TEST_CRASH_POINTS="+log)...)
			updated := snapshot(t, done)
			if sameState(old, updated) {
				t.Fatal("the command changed nothing")
			}
			data, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			points := spread(strings.Fields(strings.ReplaceAll(string(data), " ", "_")))
			if len(points) < 5 {
				t.Fatalf("only %d crash points: %q", len(points), points)
			}
			for _, p := range points {
				point := strings.ReplaceAll(p, "_", " ")
				dir := copyStudy(t, orig)
				qdaIn(t, dir, 3, append(tc.args, "QDA_TEST_CRASH_AT="+point)...)
				want, state := updated, "new"
				if strings.HasPrefix(point, "staged") || point == "synced" {
					want, state = old, "old"
					qdaIn(t, dir, 0, "stats")
				} else {
					killed := snapshot(t, dir)
					qdaIn(t, dir, 1, "stats")
					qdaIn(t, dir, 1, "check")
					if got := snapshot(t, dir); !sameState(got, killed) {
						t.Errorf("killed at %q: a command that only reads changed the study: %s", point, diffState(got, killed))
					}
				}
				qdaIn(t, dir, 0, "fix")
				qdaIn(t, dir, 0, "check")
				if left, _ := os.ReadDir(filepath.Join(dir, ".qda", "staging")); len(left) > 0 {
					t.Errorf("killed at %q: %d temporary files left in .qda/staging after the next writer", point, len(left))
				}
				if got := snapshot(t, dir); !sameState(got, want) {
					t.Errorf("killed at %q: after the next command the study is not in its %s state: %s", point, state, diffState(got, want))
				}
			}
		})
	}
}

// spread keeps every stage's first two points, its last, and some between,
// so a change of a hundred files is tried at a dozen points, not two hundred.
func spread(points []string) []string {
	byStage := map[string][]string{}
	var stages []string
	for _, p := range points {
		stage, _, _ := strings.Cut(p, "_")
		if byStage[stage] == nil {
			stages = append(stages, stage)
		}
		byStage[stage] = append(byStage[stage], p)
	}
	var out []string
	for _, s := range stages {
		ps := byStage[s]
		for i, p := range ps {
			if i < 2 || i == len(ps)-1 || i%(len(ps)/4+1) == 0 {
				out = append(out, p)
			}
		}
	}
	return out
}

// qdaIn runs qda in dir and wants the exit status want. Arguments of the
// form NAME=value that start with QDA_TEST_ are set in its environment.
func qdaIn(t *testing.T, dir string, want int, args ...string) {
	t.Helper()
	env := append(os.Environ(), "QDA_TEST_MAIN=1", "QDA_CODER=", "NO_COLOR=1")
	var argv []string
	for _, a := range args {
		if strings.HasPrefix(a, "QDA_TEST_") {
			env = append(env, a)
		} else {
			argv = append(argv, a)
		}
	}
	cmd := exec.Command(os.Args[0], argv...)
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != want {
		t.Fatalf("qda %s: exit %d, want %d\n%s", strings.Join(args, " "), code, want, stderr.String())
	}
}

func copyStudy(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "study")
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return to
}

// snapshot hashes every file of the study but qda's derived data.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() && rel == ".qda" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files[filepath.ToSlash(rel)] = sha256.Sum256(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameState(a, b map[string][32]byte) bool { return diffState(a, b) == "" }

// diffState names the files that differ, a few at most.
func diffState(got, want map[string][32]byte) string {
	var diff []string
	for f, h := range got {
		if w, ok := want[f]; !ok {
			diff = append(diff, "extra "+f)
		} else if w != h {
			diff = append(diff, "changed "+f)
		}
	}
	for f := range want {
		if _, ok := got[f]; !ok {
			diff = append(diff, "missing "+f)
		}
	}
	if len(diff) > 5 {
		diff = append(diff[:5], "…")
	}
	return strings.Join(diff, ", ")
}

// TestKillDuringRename kills qda with SIGKILL (not at a crash point, but
// wherever it is when the signal lands) once it has passed a point of
// each stage of a rename, and checks what TestCrashAnywhere checks: the
// next command that writes leaves the study in its old or its new state.
// The study has 300 participants, so the rename rewrites hundreds of
// files and the signal lands inside the stage it was sent in, not after
// the last rename.
func TestKillDuringRename(t *testing.T) {
	if testing.Short() {
		t.Skip("runs qda a few dozen times")
	}
	orig := t.TempDir()
	if _, err := demo.Write(orig, demo.Options{Participants: 300}); err != nil {
		t.Fatal(err)
	}
	args := []string{"codebook", "rename", "confidence", "self-belief"}
	old := snapshot(t, orig)
	done := copyStudy(t, orig)
	log := filepath.Join(t.TempDir(), "points")
	qdaIn(t, done, 0, append(args, "QDA_TEST_CRASH_POINTS="+log)...)
	updated := snapshot(t, done)
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	killed := 0
	for _, after := range spread(strings.Fields(strings.ReplaceAll(string(data), " ", "_"))) {
		after = strings.ReplaceAll(after, "_", " ")
		dir := copyStudy(t, orig)
		points := filepath.Join(t.TempDir(), "points")
		cmd := exec.Command(os.Args[0], args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "QDA_TEST_MAIN=1", "QDA_CODER=", "NO_COLOR=1", "QDA_TEST_CRASH_POINTS="+points)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		var status error
	wait:
		for {
			select {
			case status = <-exited:
				break wait
			default:
			}
			if passed, _ := os.ReadFile(points); bytes.Contains(passed, []byte(after+"\n")) {
				cmd.Process.Signal(os.Kill)
				status = <-exited
				break
			}
			time.Sleep(100 * time.Microsecond)
		}
		if status != nil {
			killed++
		}
		// A dry run of fix completes the change (every writer does) and
		// changes nothing else: a fix would also heal half a rename, whose
		// codebook keeps the old name as an alias.
		qdaIn(t, dir, 0, "fix", "--dry-run")
		got := snapshot(t, dir)
		qdaIn(t, dir, 0, "check")
		if !sameState(got, old) && !sameState(got, updated) {
			t.Errorf("killed after %q: the study is neither old (%s) nor new (%s)", after, diffState(got, old), diffState(got, updated))
		}
		if left, _ := os.ReadDir(filepath.Join(dir, ".qda", "staging")); len(left) > 0 {
			t.Errorf("killed after %q: %d temporary files left in .qda/staging after the next writer", after, len(left))
		}
	}
	if killed == 0 {
		t.Fatal("every run finished before its kill: the test killed nothing")
	}
	t.Logf("%d runs killed by SIGKILL", killed)
}
