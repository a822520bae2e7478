package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
)

func newMemoEditCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "edit FILE|NAME",
		Short: "Edit a memo in $VISUAL or $EDITOR",
		Long: `Open a memo (a file in memos/, or its name with or without .md, or the start
of one name) in $VISUAL or $EDITOR. When the front matter is not valid
after editing, the editor opens again with the errors at the top; saving it
unchanged gives up and keeps your edit in ` + memoEditsDir + `/.`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeMemos(g),
		RunE:              func(cmd *cobra.Command, args []string) error { return runMemoEdit(g, args[0]) },
	}
}

func runMemoEdit(g *globals, ref string) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	file, err := s.memoFile(g, ref)
	if err != nil {
		return err
	}
	old, err := s.study.ReadFile(file)
	if err != nil {
		return err
	}
	var warnings diag.List
	name := strings.TrimSuffix(filepath.Base(file), ".md")
	data, err := s.editMemo(g, name, "edit the memo, then save and close; delete everything to cancel", old, file,
		func(body []byte) ([]byte, diag.List) {
			m, fs := corpus.ParseMemo(file, body)
			out, fs := s.acceptMemo(m, body, fs)
			warnings = fs
			return out, fs
		})
	switch {
	case err != nil:
		return err
	case data == nil:
		g.sayf("qda: ", "the edit was empty; %s is unchanged", file)
		return nil
	case bytes.Equal(data, old):
		g.sayf("qda: ", "%s is unchanged", file)
		return nil
	}
	unlock, err := s.lockForWrite(g)
	if err != nil {
		return err
	}
	defer unlock()
	if err := s.study.ReplaceMemo(file, old, data); err != nil {
		return err
	}
	for _, w := range warnings {
		g.sayf("qda: ", "%s", w)
	}
	g.sayf("qda: ", "saved %s", file)
	return nil
}

// editMemo opens the editor on buf, a memo to be saved as target, in a
// file under .qda/edits/, until accept takes what was written. accept gets
// the text without qda's notes and returns the bytes to save, or findings;
// nil and none for a memo left empty, which editMemo returns as nil. When
// the person saves an edit with errors unchanged, or the editor fails, the
// edit stays in .qda/edits/ and the error says where.
func (s *session) editMemo(g *globals, name, note string, buf []byte, target string, accept func([]byte) ([]byte, diag.List)) ([]byte, error) {
	editor, err := chooseEditor(true)
	if err != nil {
		return nil, err
	}
	rel, err := s.study.NewScratchFile(name, ".md")
	if err != nil {
		return nil, err
	}
	path := s.study.Path(rel)
	keep := func(body []byte, err error) error {
		if werr := corpus.WriteFile(path, body); werr != nil {
			return werr
		}
		var list diag.List
		if errors.As(err, &list) {
			for _, f := range list {
				f.File = rel
			}
		}
		return withHint(err, "your edit is kept in %s; fix it and copy it to %s", rel, target)
	}
	shown := corpus.MemoEditBuffer(buf, note, nil)
	for try := 0; ; try++ {
		if err := corpus.WriteFile(path, shown); err != nil {
			return nil, err
		}
		if err := runEditor(g, editor, path); err != nil {
			got, _ := corpus.ReadInput(path)
			if try == 0 && bytes.Equal(got, shown) {
				os.Remove(path) // nothing was typed: nothing to keep
				return nil, err
			}
			return nil, keep(corpus.StripMemoEditNotes(got), err)
		}
		got, err := corpus.ReadInput(path) // as bounded as any file qda reads
		if err != nil {
			return nil, err
		}
		body := corpus.StripMemoEditNotes(got)
		if len(bytes.TrimSpace(body)) == 0 {
			os.Remove(path)
			return nil, nil
		}
		out, findings := accept(body)
		if !findings.HasErrors() {
			os.Remove(path)
			return out, nil
		}
		var errs diag.List
		for _, f := range findings {
			if f.Severity == diag.Error {
				errs = append(errs, f)
			}
		}
		if try > 0 && bytes.Equal(got, shown) {
			return nil, keep(body, errs)
		}
		shown = corpus.MemoEditBuffer(body, "fix the errors above, then save and close; save it unchanged to give up (your edit is kept)", errs)
	}
}
