package corpus

import (
	"errors"
	"os/exec"
	"slices"
	"strings"
)

// TrackedData lists what git tracks under .qda/, one entry for each
// file or folder directly in it (".qda/index", ".qda/journal.json"), so
// that a tracked index of ten thousand files is one finding. Outside a
// repository, or without git, nothing is tracked.
func (s *Study) TrackedData() ([]string, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, nil
	}
	out, err := s.git("ls-files", "-z", "--cached", "--", DataDir)
	if errors.Is(err, ErrNotGit) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var tops []string
	for _, f := range strings.Split(string(out), "\x00") {
		rest, ok := strings.CutPrefix(f, DataDir+"/")
		if !ok {
			continue
		}
		top, _, _ := strings.Cut(rest, "/")
		tops = append(tops, DataDir+"/"+top)
	}
	slices.Sort(tops)
	return slices.Compact(tops), nil
}
