package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/qdatool/qda/workspace"
)

// Run shows the workspace on the terminal until the user quits. Every
// action was written when it was made, so there is nothing to save.
func Run(w *workspace.Workspace, opt Options) error {
	_, err := tea.NewProgram(New(w, opt)).Run()
	return err
}
