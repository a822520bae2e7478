package main

import (
	"errors"
	"os"

	"github.com/mattn/go-isatty"

	"github.com/qdatool/qda/workspace"
	"github.com/qdatool/qda/workspace/tui"
)

// runWorkspace opens the full-screen coding workspace: on transcript id,
// or on the transcript list when id is "". The study is opened for
// reading: the workspace takes the writer lock for each action, so
// another terminal's 'qda code' goes on meanwhile.
func runWorkspace(g *globals, id string, plain bool) error {
	if !isatty.IsTerminal(os.Stdin.Fd()) || !isatty.IsTerminal(os.Stdout.Fd()) {
		return withHint(usageErr(errors.New("the coding workspace needs a terminal")),
			"code from a script with 'qda code ID LINES CODE...'")
	}
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	coder, err := writingCoder(g, s.study)
	if err != nil {
		return err
	}
	if id != "" {
		if _, err := s.transcript(id); err != nil {
			return err
		}
	}
	w := workspace.New(s.study, s.cb, s.ix, coder)
	if err := w.LoadList(); err != nil {
		return err
	}
	if id != "" {
		if err := w.Open(id); err != nil {
			return err
		}
	}
	return tui.Run(w, tui.Options{Colour: isTerminal(g.stdout), Plain: plain})
}
