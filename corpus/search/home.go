package search

import (
	"errors"
	"fmt"
	"slices"

	"github.com/qdatool/qda/corpus"
)

// An index is derived data that git can carry all the same (git add -f
// passes .qda/.gitignore): a cloned study may bring an index its author
// made, or forged, and bleve's files were not written to be read from an
// adversary. So the manifest records the index folder's home, its device
// and inode, which no copy or clone carries. An index found in another
// home is rebuilt, as qda rebuilds any index it cannot vouch for (a copy
// of the study pays one rebuild); one that git tracks is refused, since
// rebuilding it would change files of the person's commits. The check
// costs a git call only when the home differs.

// errTracked is wrapped by the error of an index that git tracks.
var errTracked = errors.New("tracked by git")

// checkHome returns nil for an index made where it is, an error saying
// why it is rebuilt otherwise, and one wrapping errTracked for an index
// git tracks.
func (ix *Index) checkHome(m *manifest) error {
	h := home(ix.study.Path(Dir))
	if h != "" && m.Home == h {
		return nil
	}
	tracked, err := ix.study.TrackedData()
	if err != nil {
		return fmt.Errorf("%s: cannot tell whether git tracks it: %w", Dir, err)
	}
	if slices.Contains(tracked, Dir) {
		return fmt.Errorf("%s: %w, and qda never trusts a search index that came with a commit: run 'git rm -r --cached %s' and commit; qda then rebuilds it", Dir, errTracked, corpus.DataDir)
	}
	return errElsewhere
}

// errElsewhere is the reason an index made in another folder is rebuilt.
var errElsewhere = errors.New("it was made in another folder (a copy or a clone of the study)")
