package workspace

import (
	"fmt"
	"slices"

	"github.com/qdatool/qda/corpus"
)

// change is one action of the session: the files it wrote, as they were
// before and after it. Undo writes Before back, redo After, each only
// when the files are still as this session left them: a file another
// terminal changed since is not written over.
type change struct {
	What          string
	ID            string // the transcript it was made in
	Line          int
	Files         []string
	Before, After []content
}

// history is the session's undo and redo stacks.
type history struct {
	undo, redo []*change
}

func (h *history) push(c *change) {
	h.undo = append(h.undo, c)
	h.redo = nil
}

// CanUndo and CanRedo say whether there is anything to undo or redo.
func (w *Workspace) CanUndo() bool { return len(w.history.undo) > 0 }
func (w *Workspace) CanRedo() bool { return len(w.history.redo) > 0 }

// Undo takes back the last action of the session not yet undone.
func (w *Workspace) Undo() (string, error) {
	return w.step(&w.history.undo, &w.history.redo, "undo", "undid", true)
}

// Redo does again the last action undone.
func (w *Workspace) Redo() (string, error) {
	return w.step(&w.history.redo, &w.history.undo, "redo", "redid", false)
}

// step takes the last change off the stack from, writes its files back
// as they were before it (back) or after it, and puts it on the stack to.
func (w *Workspace) step(from, to *[]*change, verb, did string, back bool) (string, error) {
	if len(*from) == 0 {
		return "", fmt.Errorf("nothing to %s", verb)
	}
	c := (*from)[len(*from)-1]
	was, will := c.Before, c.After
	if back {
		was, will = c.After, c.Before
	}
	if err := w.swap(c, was, will); err != nil {
		return "", err
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, c)
	return did + " " + c.What, w.after(c)
}

// swap writes to under the lock when the files are still from.
func (w *Workspace) swap(c *change, from, to []content) error {
	return w.locked(func() error {
		cur, err := w.readAll(c.Files)
		if err != nil {
			return err
		}
		for i, f := range c.Files {
			if !cur[i].equal(from[i]) {
				return fmt.Errorf("%s changed since (another terminal?): %q left as it is", f, c.What)
			}
		}
		return w.put(c.Files, to)
	})
}

// after brings the session up to date with a change undone or redone:
// the codebook when it was one of its files, and the open transcript.
func (w *Workspace) after(c *change) error {
	if slices.Contains(c.Files, corpus.CodebookFile) {
		if err := w.reloadCodebook(); err != nil {
			return err
		}
	}
	if w.Doc != nil {
		if w.Doc.ID == c.ID {
			w.Doc.MoveTo(c.Line)
		}
		_, err := w.refresh(w.Doc)
		return err
	}
	return nil
}

// reloadCodebook reads codebook.yaml again.
func (w *Workspace) reloadCodebook() error {
	cb, fs := w.Study.Codebook()
	if err := fs.Err(); err != nil {
		return err
	}
	w.cbRaw, _, _ = w.read(corpus.CodebookFile)
	w.setCodebook(cb)
	return nil
}
