package demo

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/qdatool/qda/corpus"
)

// marker is how the first line of a demo study's qda.yaml starts: a folder
// carrying it is one Create may replace, since 'qda demo' wrote it.
const marker = "# qda demo study"

// ErrNotDemo is returned by Create for a folder it must not replace.
var ErrNotDemo = errors.New("the folder exists and is not a demo study")

// Create writes the demo study to dir. It builds the study in a temporary
// folder beside dir and renames it into place, so an interrupted run never
// leaves half a study. An existing dir is replaced only when it is empty
// or a demo study written earlier; anything else is refused untouched.
// replaced reports whether an earlier demo study was replaced.
func Create(dir string, opt Options) (sum Summary, replaced bool, err error) {
	if err := replaceable(dir); err != nil {
		return Summary{}, false, err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Summary{}, false, err
	}
	tmp, err := os.MkdirTemp(parent, ".qda-demo-*")
	if err != nil {
		return Summary{}, false, err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Summary{}, false, err
	}
	if sum, err = Write(tmp, opt); err != nil {
		return Summary{}, false, err
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return Summary{}, false, err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return Summary{}, false, err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return sum, old != "", nil
}

// replaceable returns nil when dir is absent, empty, or a demo study.
func replaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	// Not blocking on a named pipe there: anything but a plain file
	// is not the demo's.
	f, err := corpus.OpenPlain(filepath.Join(dir, corpus.ConfigFile), corpus.ConfigFile)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, ErrNotDemo)
	}
	defer f.Close()
	first, _ := bufio.NewReader(f).ReadString('\n')
	if !strings.HasPrefix(first, marker) {
		return fmt.Errorf("%s: %w", dir, ErrNotDemo)
	}
	return nil
}
