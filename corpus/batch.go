package corpus

import (
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// Batch stages several files and replaces them together: every new
// content is written and synced to a temporary file beside its target
// first, and only when all of them are on disk are they renamed into
// place. A failure while staging leaves every file as it was.
type Batch struct {
	s     *Study
	files []staged
}

type staged struct {
	rel  string
	data []byte
}

// NewBatch starts an empty batch.
func (s *Study) NewBatch() *Batch { return &Batch{s: s} }

// Put stages data for rel (a path relative to the study); a later Put of
// the same path wins.
func (b *Batch) Put(rel string, data []byte) {
	for i := range b.files {
		if b.files[i].rel == rel {
			b.files[i].data = data
			return
		}
	}
	b.files = append(b.files, staged{rel, data})
}

// Len is the number of files staged.
func (b *Batch) Len() int { return len(b.files) }

// Commit writes the staged files.
func (b *Batch) Commit() error {
	pending := make([]*renameio.PendingFile, 0, len(b.files))
	cleanup := func() {
		for _, p := range pending {
			p.Cleanup()
		}
	}
	for _, f := range b.files {
		path := b.s.Path(f.rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			cleanup()
			return err
		}
		perm := os.FileMode(0o644)
		if st, err := os.Stat(path); err == nil {
			perm = st.Mode().Perm()
		}
		p, err := renameio.NewPendingFile(path, renameio.WithPermissions(perm))
		if err != nil {
			cleanup()
			return err
		}
		pending = append(pending, p)
		if _, err := p.Write(f.data); err != nil {
			cleanup()
			return err
		}
	}
	for i, p := range pending {
		if err := p.CloseAtomicallyReplace(); err != nil {
			for _, q := range pending[i+1:] {
				q.Cleanup()
			}
			return err
		}
	}
	return nil
}
