package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ErrNotGit is returned when the study is not inside a git repository.
var ErrNotGit = errors.New("the study is not in a git repository: 'git init' it first (qda keeps a study as plain text under git)")

// git runs the git binary in the study's root.
func (s *Study) git(args ...string) ([]byte, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("git is not installed: qda needs the git binary for this")
	}
	// A study's repository may come from anywhere: no pager, and no
	// fsmonitor hook named in its config, whatever the command.
	cmd := exec.Command("git", append([]string{"--no-pager", "-c", "core.fsmonitor=false", "-C", s.Root}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "not a git repository") {
			return nil, ErrNotGit
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}

// GitShow returns file rel of the study (a slash path relative to its
// root) as it was at revision rev.
func (s *Study) GitShow(rev, rel string) ([]byte, error) {
	prefix, err := s.git("rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	if _, err := s.git("rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%q is not a revision of this repository: give a branch, tag or commit (see 'git log')", rev)
	}
	path := strings.TrimSpace(string(prefix)) + rel
	out, err := s.git("show", rev+":"+path)
	if err != nil {
		return nil, fmt.Errorf("%s has no %s", rev, rel)
	}
	return out, nil
}

// GitHead returns the commit the study's repository has checked out and
// whether the study's files differ from it; exclude names study-relative
// paths to leave out of that test (a report written into the study must
// not make the next export of the same inputs say "dirty"). It returns
// ErrNotGit outside a repository, and "" for a repository with no commit.
func (s *Study) GitHead(exclude ...string) (commit string, dirty bool, err error) {
	if _, err := s.git("rev-parse", "--git-dir"); err != nil {
		return "", false, err
	}
	if out, err := s.git("rev-parse", "--verify", "--quiet", "HEAD"); err == nil {
		commit = strings.TrimSpace(string(out))
	}
	args := []string{"status", "--porcelain", "--", "."}
	for _, e := range exclude {
		args = append(args, ":(exclude)"+e)
	}
	out, err := s.git(args...)
	if err != nil {
		return commit, false, err
	}
	return commit, len(bytes.TrimSpace(out)) > 0, nil
}

// GitFileTimes returns, for each file of the study that git has a commit
// of, the time of the last commit that changed it, by its slash path
// relative to the study's root. One git process reads the whole history,
// so asking for thousands of files costs one walk. It returns ErrNotGit
// outside a repository and an empty map for a repository with no commit.
func (s *Study) GitFileTimes() (map[string]time.Time, error) {
	if _, err := s.git("rev-parse", "--git-dir"); err != nil {
		return nil, err
	}
	out := map[string]time.Time{}
	if _, err := s.git("rev-parse", "--verify", "--quiet", "HEAD"); err != nil {
		return out, nil
	}
	log, err := s.git("-c", "core.quotepath=false", "log", "-z", "--format=%x01%ct", "--name-only", "--relative", "--no-renames", "--", ".")
	if err != nil {
		return nil, err
	}
	for _, commit := range bytes.Split(log, []byte{1}) {
		head, names, _ := bytes.Cut(commit, []byte{0})
		secs, err := strconv.ParseInt(string(bytes.TrimSpace(head)), 10, 64)
		if err != nil {
			continue
		}
		for _, name := range bytes.Split(names, []byte{0}) {
			name = bytes.TrimLeft(name, "\n")
			if len(name) == 0 {
				continue
			}
			if _, seen := out[string(name)]; !seen { // newest first
				out[string(name)] = time.Unix(secs, 0).UTC()
			}
		}
	}
	return out, nil
}
