package corpus

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestGitHead(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	s := &Study{Root: dir}
	if _, _, err := s.GitHead(); !errors.Is(err, ErrNotGit) {
		t.Fatalf("outside git: %v, want ErrNotGit", err)
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.org"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("qda.yaml", "title: t\n")
	if commit, dirty, err := s.GitHead(); err != nil || commit != "" || !dirty {
		t.Errorf("no commit yet: %q %v %v, want no commit, dirty", commit, dirty, err)
	}
	git("add", ".")
	git("commit", "-qm", "start")
	commit, dirty, err := s.GitHead()
	if err != nil || len(commit) != 40 || dirty {
		t.Errorf("committed: %q %v %v, want a commit, clean", commit, dirty, err)
	}
	write("themes.xlsx", "x")
	if _, dirty, _ := s.GitHead("themes.xlsx"); dirty {
		t.Error("the excluded report made the tree dirty")
	}
	if _, dirty, _ := s.GitHead(); !dirty {
		t.Error("a new file did not make the tree dirty")
	}
}

// TestGitFileTimes: each file's time is its last commit's, in a study
// that is a folder of a larger repository, names with spaces and accents
// included.
func TestGitFileTimes(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	dir := filepath.Join(repo, "study")
	if err := os.MkdirAll(filepath.Join(dir, "memos"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := &Study{Root: dir}
	if _, err := s.GitFileTimes(); !errors.Is(err, ErrNotGit) {
		t.Fatalf("outside git: %v, want ErrNotGit", err)
	}
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.org"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "GIT_COMMITTER_DATE="+date, "GIT_AUTHOR_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("@1000000000", "init", "-q")
	if times, err := s.GitFileTimes(); err != nil || len(times) != 0 {
		t.Fatalf("no commit yet: %v %v", times, err)
	}
	write("study/qda.yaml", "title: t\n")
	write("study/memos/Café notes.md", "x\n")
	write("outside.txt", "x\n")
	git("@1000000000", "add", ".")
	git("@1000000000", "commit", "-qm", "one")
	write("study/qda.yaml", "title: u\n")
	git("@1100000000", "commit", "-qam", "two")
	times, err := s.GitFileTimes()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"qda.yaml": 1100000000, "memos/Café notes.md": 1000000000}
	if len(times) != len(want) {
		t.Errorf("times %v, want %v", times, want)
	}
	for name, secs := range want {
		if got := times[name]; got.Unix() != secs {
			t.Errorf("%s: %v, want %d", name, got, secs)
		}
	}
}
