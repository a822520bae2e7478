package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/qdatool/qda/corpus"
)

// ErrUnchanged is an action that would change nothing, so nothing was
// written and nothing goes on the undo stack.
var ErrUnchanged = errors.New("nothing changed")

// content is a file of the study as read or as to be written; a file
// that is not there (a codings file removed with its last segment) has
// exists unset.
type content struct {
	data   []byte
	exists bool
}

func (c content) equal(o content) bool {
	return c.exists == o.exists && bytes.Equal(c.data, o.data)
}

// read reads the study's file rel; a file that is not there is no error.
func (w *Workspace) read(rel string) ([]byte, bool, error) {
	data, err := w.Study.ReadFile(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return data, true, nil
}

// transact is every write of the workspace: under the study's writer
// lock, it reads files again (another terminal may have changed them
// since the last redraw), asks fn for their new contents, and writes them:
// one file by an atomic rename, several in one journaled batch, all or
// none. The change goes on the undo stack.
func (w *Workspace) transact(what string, files []string, fn func(cur []content) ([]content, error)) (*change, error) {
	var ch *change
	err := w.locked(func() error {
		cur, err := w.readAll(files)
		if err != nil {
			return err
		}
		next, err := fn(cur)
		if err != nil {
			return err
		}
		if sameAll(cur, next) {
			return ErrUnchanged
		}
		if err := w.put(files, next); err != nil {
			return err
		}
		ch = &change{What: what, Files: files, Before: cur, After: next}
		if w.Doc != nil {
			ch.ID, ch.Line = w.Doc.ID, w.Doc.Cursor
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	w.history.push(ch)
	return ch, nil
}

// locked runs fn holding the study's writer lock, after completing a
// change another process left half done, as every writer of qda does.
func (w *Workspace) locked(fn func() error) error {
	l, err := w.Study.Lock(nil)
	if err != nil {
		return err
	}
	defer l.Unlock()
	if _, err := w.Study.Recover(); err != nil {
		return err
	}
	return fn()
}

func (w *Workspace) readAll(files []string) ([]content, error) {
	cur := make([]content, len(files))
	for i, f := range files {
		data, ok, err := w.read(f)
		if err != nil {
			return nil, err
		}
		cur[i] = content{data, ok}
	}
	return cur, nil
}

func sameAll(a, b []content) bool {
	for i := range a {
		if !a[i].equal(b[i]) {
			return false
		}
	}
	return true
}

// put writes files with the study's atomic writers: a codings file that
// is to be absent is removed as uncode removes it (its coder's folder
// too, when it was their last file).
func (w *Workspace) put(files []string, cs []content) error {
	if len(files) == 1 {
		return w.putOne(files[0], cs[0])
	}
	b := w.Study.NewBatch()
	var removals []string
	for i, f := range files {
		if cs[i].exists {
			b.Put(f, cs[i].data)
		} else {
			removals = append(removals, f)
		}
	}
	if err := b.Commit(); err != nil {
		return err
	}
	// A batch only replaces files; a codings file emptied in the same
	// change (undoing a new code's first use) is removed after it.
	for _, f := range removals {
		if err := w.putOne(f, content{}); err != nil {
			return err
		}
	}
	return nil
}

func (w *Workspace) putOne(file string, c content) error {
	if c.exists {
		return w.Study.WriteStudyFile(file, c.data)
	}
	coder, id, ok := codingsPath(file)
	if !ok {
		return fmt.Errorf("%s: qda does not remove this file", file)
	}
	return w.Study.RemoveCodings(coder, id)
}

// codingsPath splits codings/CODER/ID.yaml.
func codingsPath(file string) (coder, id string, ok bool) {
	rest, ok := strings.CutPrefix(file, corpus.CodingsDir+"/")
	if !ok {
		return "", "", false
	}
	coder, name, ok := strings.Cut(rest, "/")
	if !ok {
		return "", "", false
	}
	id, ok = strings.CutSuffix(name, ".yaml")
	return coder, id, ok && !strings.Contains(id, "/")
}

// codingsContent is the file that holds segs: none at all when there are
// no segments, as when 'qda uncode' removes a coder's last one.
func codingsContent(segs []corpus.Segment) content {
	if len(segs) == 0 {
		return content{}
	}
	return content{corpus.MarshalCodings(segs), true}
}

// parseCodings reads a codings file as it stands under the lock.
func parseCodings(file string, c content) ([]corpus.Segment, error) {
	if !c.exists {
		return nil, nil
	}
	doc, fs := corpus.ParseCodingsDoc(file, c.data)
	if err := fs.Err(); err != nil {
		return nil, fmt.Errorf("%w (fix the file first; 'qda check' lists its problems)", err)
	}
	return doc.Segments, nil
}
