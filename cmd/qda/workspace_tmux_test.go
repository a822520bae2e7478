package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus/demo"
)

// tmuxSession runs the test binary as qda in a tmux of its own (its own
// server socket) at 80x24, for the workspace's end-to-end test.
type tmuxSession struct {
	t    *testing.T
	sock string
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", s.sock}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", "qda") }

// keys sends keys as tmux names them ("Enter", "S-Down", "C-r", text).
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.tmux("send-keys", "-t", "qda", k)
	}
}

// waitFor waits (up to half a minute, however slow the machine) for the
// screen to show text.
func (s *tmuxSession) waitFor(text string) string {
	s.t.Helper()
	var screen string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if screen = s.screen(); strings.Contains(screen, text) {
			return screen
		}
	}
	s.t.Fatalf("the screen never showed %q:\n%s", text, screen)
	return ""
}

// demoStudy writes the demo study (the standard 26 participants) to
// dir/study and returns that folder.
func demoStudy(t *testing.T, dir string) string {
	t.Helper()
	study := filepath.Join(dir, "study")
	if err := os.Mkdir(study, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Write(study, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	return study
}

// runQda runs the test binary as qda, as another terminal would.
func runQda(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := qdaAs(dir, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// qdaAs is runQda for a goroutine of its own, where t.Fatal must not be
// called: a failed run is an error naming the command, with its output.
func qdaAs(dir string, args ...string) (string, error) {
	cmd := exec.Command(os.Args[0], append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "QDA_TEST_MAIN=1", "QDA_CODER=me", "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("qda %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// TestWorkspaceTmux is a researcher's session replayed in tmux at 80x24:
// open a transcript from the list, code passages with the picker, make a
// code inductively, undo, see another terminal's 'qda code' of the same
// transcript, quit; the codings file and the codebook hold exactly that,
// and the study checks clean.
func TestWorkspaceTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the workspace's end-to-end test needs it (apt-get install tmux)")
	}
	if testing.Short() {
		t.Skip("drives a terminal: not with -short")
	}
	dir := t.TempDir()
	study := demoStudy(t, dir)
	s := &tmuxSession{t: t, sock: filepath.Join(dir, "tmux.sock")}
	cmdline := "env QDA_TEST_MAIN=1 QDA_CODER=me NO_COLOR=1 TERM=xterm-256color " + os.Args[0] + " -C " + study + " code"
	s.tmux("new-session", "-d", "-s", "qda", "-x", "80", "-y", "24", cmdline)
	t.Cleanup(func() { exec.Command("tmux", "-S", s.sock, "kill-server").Run() })

	s.waitFor("TRANSCRIPT")
	s.keys("may-1")
	s.waitFor("1 shown")
	s.keys("Enter")
	s.waitFor("may-1 · may (May)")
	// Lines 10-13 with shift+arrows, coded from the picker.
	s.keys("j", "j", "j", "j", "j", "j", "j", "j", "j", "S-Down", "S-Down", "S-Down")
	s.waitFor("selected 10-13")
	s.keys("Enter", "self-ref")
	s.waitFor("[ ] referral/self-referral")
	s.keys("Enter")
	s.waitFor("coded 10-13 referral/self-referral")
	// Lines 17-19 with v, and a code made there under expectations.
	s.keys("j", "j", "j", "j", "v", "j", "j", "c", "Not knowing")
	s.waitFor(`+ new code "Not knowing"`)
	s.keys("Enter")
	s.waitFor("Where does the new code")
	s.keys("expectations")
	s.keys("Enter")
	s.waitFor("added expectations/not-knowing")
	// A third passage, then undo it.
	s.keys("j", "j", "j", "j", "j", "Enter", "remit")
	s.waitFor("[ ] expectations/remit")
	s.keys("Enter")
	s.waitFor("coded 24 expectations/remit")
	s.keys("u")
	s.waitFor("undid code may-1:24 expectations/remit")

	// Another terminal codes the same transcript: the workspace shows it
	// on its next redraw, and its next action keeps it.
	runQda(t, study, "code", "may-1", "31-32", "confidence/travel")
	s.waitFor("me coded 9") // 4 + 3 + 2 lines
	s.keys("G", "Enter", "companion")
	s.waitFor("[ ] tea-and-company/companionship")
	s.keys("Enter")
	screen := s.waitFor("coded ")
	if !strings.Contains(screen, "▌") && !strings.Contains(screen, "…/companionship") {
		t.Errorf("no margin of codes:\n%s", screen)
	}
	s.keys("q")
	s.waitFor("TRANSCRIPT")
	s.keys("Escape")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if exec.Command("tmux", "-S", s.sock, "has-session", "-t", "qda").Run() != nil {
			break
		}
	}

	data, err := os.ReadFile(filepath.Join(study, "codings", "me", "may-1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	for _, want := range []string{"- lines: 10-13\n  codes: [referral/self-referral]", "- lines: 17-19\n  codes: [expectations/not-knowing]",
		"- lines: 31-32\n  codes: [confidence/travel]", "codes: [tea-and-company/companionship]"} {
		if !strings.Contains(got, want) {
			t.Errorf("codings file lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "expectations/remit") {
		t.Errorf("the undone coding is in the file:\n%s", got)
	}
	if n := strings.Count(got, "- lines:"); n != 4 {
		t.Errorf("%d segments, want 4:\n%s", n, got)
	}
	cb, _ := os.ReadFile(filepath.Join(study, "codebook.yaml"))
	if !strings.Contains(string(cb), "- name: not-knowing\n        label: Not knowing") {
		t.Errorf("codebook.yaml lacks the new code")
	}
	if out := runQda(t, study, "check"); !strings.Contains(out, "no problems") {
		t.Errorf("check: %s", out)
	}
}
