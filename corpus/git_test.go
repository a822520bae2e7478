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
