package workspace

import (
	"errors"
	"fmt"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// CodeAdder makes the new text of codebook.yaml with a code added at
// path ("parent/name", or "name" at the top level) and returns it with
// the code's canonical path; it writes nothing. The workspace writes the
// codebook and the codings that apply the code in one batch, under its
// lock, so that undo can take both back. The CLI's own add (with missing
// parents made, 'qda code --new') can stand in for the default here.
type CodeAdder interface {
	AddCode(cb *codebook.Codebook, src []byte, path string, f codebook.Fields) (data []byte, canonical string, err error)
}

// CodebookAdder adds as 'qda codebook add' does (codebook.AddPath): the
// parent chosen in the picker is a canonical path, so no parent is made.
type CodebookAdder struct{}

// AddCode implements CodeAdder.
func (CodebookAdder) AddCode(cb *codebook.Codebook, src []byte, path string, f codebook.Fields) ([]byte, string, error) {
	rw, added, err := codebook.AddPath(cb, src, path, f, false)
	if err != nil {
		return nil, "", err
	}
	return rw.Data, added[len(added)-1], nil
}

// NewCode adds a code named name (a slug made of it; the name itself
// kept as the label when it is not one) under parent ("" for the top
// level) to codebook.yaml and codes the selection with it: both files in
// one all-or-nothing write, undone together.
func (w *Workspace) NewCode(parent, name string) (string, error) {
	r, err := w.target()
	if err != nil {
		return "", err
	}
	name = strings.TrimSpace(name)
	slug := corpus.Slug(name)
	if slug == "" {
		return "", fmt.Errorf("%q makes no code name: use letters or digits", name)
	}
	var f codebook.Fields
	if slug != name {
		label := name
		f.Label = &label
	}
	path := slug
	if parent != "" {
		path = parent + "/" + slug
	}
	d := w.Doc
	file := corpus.CodingsFile(w.Coder, d.ID)
	if err := w.codebookFile(); err != nil {
		return "", err
	}
	var canonical string
	_, err = w.transact("", []string{corpus.CodebookFile, file}, func(cur []content) ([]content, error) {
		src := cur[0].data
		cb, fs := codebook.Parse(corpus.CodebookFile, src)
		if err := fs.Err(); err != nil {
			return nil, fmt.Errorf("%w (fix %s first)", err, corpus.CodebookFile)
		}
		data, c, err := w.Adder.AddCode(cb, src, path, f)
		if err != nil {
			return nil, err
		}
		canonical = c
		segs, err := parseCodings(file, cur[1])
		if err != nil {
			return nil, err
		}
		out, _ := corpus.AddCoding(segs, d.T, r, []string{c}, "", w.canon)
		return []content{{data, true}, codingsContent(out)}, nil
	})
	if err != nil {
		if errors.Is(err, ErrUnchanged) {
			return "", fmt.Errorf("code %s is in the codebook already", path)
		}
		return "", err
	}
	// What the change says is known only once the adder named the code.
	w.history.undo[len(w.history.undo)-1].What = fmt.Sprintf("new code %s on %s:%s", canonical, d.ID, r)
	if err := w.reloadCodebook(); err != nil {
		return "", err
	}
	if _, err := w.refresh(d); err != nil {
		return "", err
	}
	d.ClearSelection()
	return fmt.Sprintf("added %s to %s and coded %s", canonical, corpus.CodebookFile, r), nil
}

// emptyCodebook is codebook.yaml with no codes, which a study without the
// file has.
const emptyCodebook = "codes: []\n"

// codebookFile writes an empty codebook.yaml where there is none, before
// a new code goes in: undo then puts back a file, which it can, rather
// than take one away, which qda does not do to the study's own files.
func (w *Workspace) codebookFile() error {
	return w.locked(func() error {
		if _, exists, err := w.read(corpus.CodebookFile); err != nil || exists {
			return err
		}
		return w.Study.WriteStudyFile(corpus.CodebookFile, []byte(emptyCodebook))
	})
}
