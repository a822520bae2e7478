package corpus

import (
	"io/fs"

	"github.com/qdatool/qda/internal/diag"
)

// LinkedCodings returns a finding for each folder under codings/ that is
// a symbolic link. Coders leaves such a folder out, so a command that
// rewrites every codings file (a codebook rename, move, merge or delete;
// anonymise apply) would leave that coder's codings behind, on the old
// codes or with the identifiers in their quotes: it refuses on these
// before changing anything, as check reports them.
func (s *Study) LinkedCodings() (diag.List, error) {
	entries, err := readDir(s, CodingsDir)
	if err != nil {
		return nil, err
	}
	var findings diag.List
	for _, e := range entries {
		if e.Type()&fs.ModeSymlink != 0 {
			findings = append(findings, diag.Errorf(CodingsDir+"/"+e.Name(), 0,
				"a symbolic link: qda does not read or write codings through a link, so they would be left out; nothing was changed").
				WithHint("replace the link with the folder itself, then run the command again"))
		}
	}
	return findings, nil
}
