package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus/search"
)

// addWithinFlag adds --within to a command whose queries match a line
// (the default) or a whole speaker turn: search, excerpts --search and
// autocode share the flag so that they share its meaning.
func addWithinFlag(cmd *cobra.Command, p *string, usage string) {
	cmd.Flags().StringVar(p, "within", search.WithinLine, usage)
	cmd.RegisterFlagCompletionFunc("within", cobra.FixedCompletions([]string{search.WithinLine, search.WithinTurn}, cobra.ShellCompDirectiveNoFileComp))
}

// parseWithin checks --within's value.
func parseWithin(v string) (string, error) {
	w, err := search.ParseWithin(v)
	if err != nil {
		return "", usageErr(fmt.Errorf("--%w", err))
	}
	return w, nil
}
