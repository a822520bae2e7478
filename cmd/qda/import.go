package main

import "github.com/spf13/cobra"

func newImportCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Read projects and codebooks written by other analysis tools",
		Long: `Read what other qualitative analysis tools exchange: a REFI-QDA project
(.qdpx) becomes a new study; a REFI-QDA codebook (.qdc) is merged into this
study's codebook. Anything qda cannot hold is listed, never dropped silently.`,
		RunE: groupRun,
	}
	cmd.AddCommand(
		newImportQDPXCmd(g),
		newImportQDCCmd(g),
	)
	return cmd
}
