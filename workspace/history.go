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
	h := &w.history
	if len(h.undo) == 0 {
		return "", fmt.Errorf("nothing to undo")
	}
	c := h.undo[len(h.undo)-1]
	if err := w.swap(c, c.After, c.Before); err != nil {
		return "", err
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, c)
	return "undid " + c.What, w.after(c)
}

// Redo does again the last action undone.
func (w *Workspace) Redo() (string, error) {
	h := &w.history
	if len(h.redo) == 0 {
		return "", fmt.Errorf("nothing to redo")
	}
	c := h.redo[len(h.redo)-1]
	if err := w.swap(c, c.Before, c.After); err != nil {
		return "", err
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, c)
	return "redid " + c.What, w.after(c)
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
