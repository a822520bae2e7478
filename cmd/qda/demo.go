package main

import (
	"github.com/spf13/cobra"
)

func newDemoCmd(g *globals) *cobra.Command {
	return &cobra.Command{Use: "demo [DIR]", Short: "Write the built-in example study", RunE: func(cmd *cobra.Command, args []string) error { return nil }}
}
