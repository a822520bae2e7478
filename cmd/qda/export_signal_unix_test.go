//go:build unix

package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// TestExportWriteInterrupted interrupts a text export while it writes
// (Ctrl-C, SIGTERM): it stops with an error that says so, the earlier
// file is as it was, and no temporary file is left beside it or in
// $TMPDIR. Without the signal handling the test process itself dies.
func TestExportWriteInterrupted(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			g, tg, tmp := oldExport(t)
			path, dir := tg.path, g.dir
			err := tg.write(g, func(w io.Writer) error {
				if _, err := w.Write([]byte("a first passage\n")); err != nil {
					return err
				}
				if err := syscall.Kill(os.Getpid(), sig); err != nil {
					return err
				}
				// The signal arrives soon after; the writes go on until it does.
				for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
					if _, err := w.Write([]byte("a passage\n")); err != nil {
						return err
					}
					time.Sleep(time.Millisecond)
				}
				return nil
			})
			if err == nil || err.Error() != "interrupted: out.md was not written" {
				t.Fatalf("got %v, want the interruption", err)
			}
			oldKept(t, path, dir, tmp)
		})
	}
}

// TestExportFileInterrupted interrupts every export that writes a file
// (a workbook, a REFI-QDA project or codebook, a figure) the moment its
// temporary file is made (corpus.FileOpened): each stops with the
// interruption, the earlier file is as it was, and nothing is left
// beside it or in $TMPDIR. The test keeps the signals from killing
// itself, so an export that does not watch them runs to the end and
// replaces the file.
func TestExportFileInterrupted(t *testing.T) {
	study := t.TempDir()
	if _, err := demo.Write(study, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	keep := make(chan os.Signal, 1)
	signal.Notify(keep, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(keep)
	for _, tc := range []struct {
		out  string
		args []string
		sig  syscall.Signal
	}{
		{"out.xlsx", []string{"export", "matrix"}, syscall.SIGINT},
		{"out.xlsx", []string{"export", "matrix", "--rows", "gender"}, syscall.SIGTERM},
		{"out.xlsx", []string{"export", "excerpts"}, syscall.SIGINT},
		{"out.xlsx", []string{"export", "codebook"}, syscall.SIGINT},
		{"out.xlsx", []string{"export", "cooccurrence"}, syscall.SIGINT},
		{"out.xlsx", []string{"export", "crosstab", "--by", "gender"}, syscall.SIGINT},
		{"out.xlsx", []string{"export", "agreement"}, syscall.SIGINT},
		{"out.qdpx", []string{"export", "qdpx"}, syscall.SIGINT},
		{"out.qdpx", []string{"export", "qdpx", "--combined"}, syscall.SIGTERM},
		{"out.qdc", []string{"export", "qdc"}, syscall.SIGINT},
		{"out.svg", []string{"export", "heatmap"}, syscall.SIGINT},
	} {
		t.Run(strings.Join(tc.args[1:], " ")+" "+tc.sig.String(), func(t *testing.T) {
			dir, tmp := t.TempDir(), t.TempDir()
			t.Setenv("TMPDIR", tmp)
			path := filepath.Join(dir, tc.out)
			if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			sent := false
			corpus.FileOpened = func(string) {
				if sent {
					return
				}
				sent = true
				ch := make(chan os.Signal, 1)
				signal.Notify(ch, tc.sig)
				if err := syscall.Kill(os.Getpid(), tc.sig); err != nil {
					t.Error(err)
				}
				select {
				case <-ch:
				case <-time.After(10 * time.Second):
					t.Error("the signal did not come")
				}
				// Stop waits for os/signal to have handed the signal to
				// every channel waiting for it (qda's too).
				signal.Stop(ch)
			}
			defer func() { corpus.FileOpened = nil }()
			var stderr strings.Builder
			code := run(append([]string{"-C", study}, append(tc.args, "-o", path)...), io.Discard, &stderr)
			if !sent {
				t.Fatal("no output file was opened")
			}
			if want := "interrupted: " + path + " was not written"; code != exitProblems || !strings.Contains(stderr.String(), want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr.String(), exitProblems, want)
			}
			oldKept(t, path, dir, tmp)
		})
	}
}

// oldKept checks that path holds "old" still and that nothing but it is
// in dirs: no temporary file of the export was left behind.
func oldKept(t *testing.T, path string, dirs ...string) {
	t.Helper()
	if b, err := os.ReadFile(path); err != nil || string(b) != "old\n" {
		t.Errorf("the earlier file: %.20q, %v", b, err)
	}
	for _, d := range dirs {
		es, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if e.Name() != filepath.Base(path) {
				t.Errorf("left behind: %s", filepath.Join(d, e.Name()))
			}
		}
	}
}

// init makes the test binary, run as qda (QDA_TEST_MAIN=1), send itself
// the signal QDA_TEST_SIGNAL_ON_OPEN names (INT, TERM) the moment the
// export's temporary file is made, and wait until qda has it; a signal
// qda ignores is discarded as it is sent, with nothing to wait for.
func init() {
	name := os.Getenv("QDA_TEST_SIGNAL_ON_OPEN")
	if os.Getenv("QDA_TEST_MAIN") != "1" || name == "" {
		return
	}
	sig := map[string]syscall.Signal{"INT": syscall.SIGINT, "TERM": syscall.SIGTERM}[name]
	sent := false
	corpus.FileOpened = func(string) {
		if sent || sig == 0 {
			return
		}
		sent = true
		if signal.Ignored(sig) {
			syscall.Kill(os.Getpid(), sig)
			return
		}
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, sig)
		syscall.Kill(os.Getpid(), sig)
		select {
		case <-ch:
		case <-time.After(10 * time.Second):
		}
		signal.Stop(ch)
	}
}

// runSignalled runs qda (this test binary) through sh with shPrefix
// before it (e.g. `trap "" INT;`), exporting the demo study to a file
// holding "old" while it is sent sig as the file is opened; it returns
// the file, its folders, qda's stderr and how it ended.
func runSignalled(t *testing.T, shPrefix, sig string, args ...string) (path string, dirs []string, stderr string, err error) {
	t.Helper()
	study, dir, tmp := t.TempDir(), t.TempDir(), t.TempDir()
	if _, err := demo.Write(study, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "out.qdpx")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", append([]string{"-c", shPrefix + ` exec "$0" "$@"`, os.Args[0], "-C", study}, append(args, "-o", path)...)...)
	cmd.Env = append(os.Environ(), "QDA_TEST_MAIN=1", "QDA_TEST_SIGNAL_ON_OPEN="+sig, "QDA_CODER=", "NO_COLOR=1", "TMPDIR="+tmp)
	var buf strings.Builder
	cmd.Stderr = &buf
	err = cmd.Run()
	return path, []string{dir, tmp}, buf.String(), err
}

// TestExportInterruptedDies runs qda as a program and interrupts its
// export as the file is opened: it says so, removes its temporary file,
// keeps the earlier file and then ends by the signal itself, not exit 1,
// so that a shell stops a script there (`qda export ...; echo next`
// does not go on after Ctrl-C).
func TestExportInterruptedDies(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			name := map[syscall.Signal]string{syscall.SIGINT: "INT", syscall.SIGTERM: "TERM"}[sig]
			path, dirs, stderr, err := runSignalled(t, "", name, "export", "qdpx")
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("qda ended with %v, stderr %q; want killed by %v", err, stderr, sig)
			}
			if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("qda ended with %v, stderr %q; want killed by %v", err, stderr, sig)
			}
			if want := "interrupted: " + path + " was not written"; !strings.Contains(stderr, want) {
				t.Errorf("stderr %q, want %q", stderr, want)
			}
			oldKept(t, path, dirs...)
		})
	}
}

// TestExportIgnoredSignal starts qda with SIGINT ignored, as bash starts
// `qda export ... &` in a script, and sends it SIGINT as the file is
// opened: qda must not turn the signal on to watch it; the export ends
// as if nothing came, the file written.
func TestExportIgnoredSignal(t *testing.T) {
	path, dirs, stderr, err := runSignalled(t, `trap "" INT;`, "INT", "export", "qdpx")
	if err != nil {
		t.Fatalf("qda: %v\n%s", err, stderr)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) == "old\n" {
		t.Errorf("the export is %.20q, %v; want it written", b, err)
	}
	for _, d := range dirs {
		es, _ := os.ReadDir(d)
		for _, e := range es {
			if e.Name() != filepath.Base(path) {
				t.Errorf("left behind: %s", filepath.Join(d, e.Name()))
			}
		}
	}
}
