package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
)

// Completion reads only what it needs (the index or the codebook) and
// stays silent on errors: a shell prompt is no place for them.

type completeFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

func completeTranscripts(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return transcriptIDs(g, prefix), cobra.ShellCompDirectiveNoFileComp
	}
}

func transcriptIDs(g *globals, prefix string) []string {
	s, err := corpus.Open(g.dir)
	if err != nil {
		return nil
	}
	t, _ := corpus.ReadTable(s.Root, corpus.TranscriptsFile, "id", "participant")
	var ids []string
	for _, r := range t.Rows {
		if strings.HasPrefix(r.ID, prefix) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func codePaths(g *globals, prefix string) []string {
	s, err := corpus.Open(g.dir)
	if err != nil {
		return nil
	}
	cb, _ := s.Codebook()
	if cb == nil {
		return nil
	}
	var paths []string
	for _, c := range cb.All() {
		if strings.HasPrefix(c.Path, prefix) {
			label := c.DisplayLabel()
			paths = append(paths, c.Path+"\t"+label)
		}
	}
	return paths
}

func completeCodes(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return codePaths(g, prefix), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeCodeArgs completes ID, then nothing for LINES, then codes.
func completeCodeArgs(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		switch len(args) {
		case 0:
			return transcriptIDs(g, prefix), cobra.ShellCompDirectiveNoFileComp
		case 1:
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return codePaths(g, prefix), cobra.ShellCompDirectiveNoFileComp
	}
}

func completeAttributes(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		s, err := corpus.Open(g.dir)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ix, _, err := s.LoadIndex()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, a := range ix.AttributeNames() {
			if strings.HasPrefix(a, prefix) {
				out = append(out, a)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
