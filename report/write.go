package report

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/qdatool/qda/corpus"
)

// generator marks a page qda report wrote, so that a folder holding one
// may be written again and any other folder is left alone.
const generator = `<meta name="generator" content="qda report">`

// Destination is where a report is written: a folder, or one file.
type Destination struct {
	path   string
	single bool
}

// NewDestination checks path as the report's destination: for a site, a
// folder that does not exist, is empty, or holds an earlier qda report
// (its index.html says so); for a single file, anything but a folder.
func NewDestination(path string, single bool) (*Destination, error) {
	d := &Destination{path: path, single: single}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	if single {
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a folder: --single-file writes one file", path)
		}
		return d, nil
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is a file: the report is a folder of pages", path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return d, nil
	}
	index, err := os.ReadFile(filepath.Join(path, "index.html"))
	if err != nil || !bytes.Contains(index, []byte(generator)) {
		return nil, fmt.Errorf("%s holds files qda report did not write", path)
	}
	return d, nil
}

// Write writes files, each atomically, then removes the pages of codes an
// earlier report of the same folder had and this one has not.
func (d *Destination) Write(files []File) error {
	if d.single {
		return corpus.WriteFile(d.path, files[0].Data)
	}
	keep := map[string]bool{}
	for _, f := range files {
		p := filepath.Join(d.path, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := corpus.WriteFile(p, f.Data); err != nil {
			return err
		}
		keep[f.Name] = true
	}
	old, err := filepath.Glob(filepath.Join(d.path, "code-*.html"))
	if err != nil {
		return err
	}
	for _, p := range old {
		if name := filepath.Base(p); !keep[name] && strings.HasSuffix(name, ".html") {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	return nil
}
