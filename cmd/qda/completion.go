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
	s, err := peekStudy(g)
	if err != nil {
		return nil
	}
	t, _ := corpus.ReadTable(s.Root, corpus.TranscriptsFile, "id", "participant")
	ids := make([]string, len(t.Rows))
	for i, r := range t.Rows {
		ids[i] = r.ID
	}
	return withPrefix(ids, prefix)
}

func codePaths(g *globals, prefix string) []string {
	s, err := peekStudy(g)
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
			paths = append(paths, c.Path+"\t"+c.DisplayLabel())
		}
	}
	// Former names complete too, since a branch may still use them; the
	// description says what they stand for now.
	for _, c := range cb.All() {
		for _, a := range c.Aliases {
			alias := a
			if !strings.Contains(a, "/") && c.Parent != nil {
				alias = c.Parent.Path + "/" + a
			}
			if strings.HasPrefix(alias, prefix) {
				paths = append(paths, alias+"\tformer name of "+c.Path)
			}
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
		s, err := peekStudy(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ix, _, err := s.LoadIndex()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return withPrefix(ix.AttributeNames(), prefix), cobra.ShellCompDirectiveNoFileComp
	}
}

func completeCoders(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		s, err := peekStudy(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		coders, _ := s.Coders()
		return withPrefix(coders, prefix), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeWhere completes attr=value: attribute names first, then the
// values that attribute takes in the study.
func completeWhere(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		s, err := peekStudy(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ix, _, err := s.LoadIndex()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		attr, value, hasValue := strings.Cut(prefix, "=")
		if !hasValue {
			var out []string
			for _, a := range ix.AttributeNames() {
				if strings.HasPrefix(a, attr) {
					out = append(out, a+"=")
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
		}
		seen := map[string]bool{}
		var out []string
		for _, r := range ix.Transcripts.Rows {
			v := ix.Attrs(r)[attr]
			if v != "" && !seen[v] && strings.HasPrefix(v, value) {
				seen[v] = true
				out = append(out, attr+"="+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// registerCompletions adds the completions of the flags several commands share.
func registerCompletions(root *cobra.Command, g *globals) {
	root.RegisterFlagCompletionFunc("coder", completeCoders(g))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Flags().Lookup("where") != nil {
			c.RegisterFlagCompletionFunc("where", completeWhere(g))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// withPrefix keeps the candidates that start with what was typed.
func withPrefix(candidates []string, prefix string) []string {
	var out []string
	for _, c := range candidates {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// peekStudy finds the study for completion without opening it: opening
// completes an interrupted change, and a shell prompt must not write.
func peekStudy(g *globals) (*corpus.Study, error) {
	root, err := corpus.Find(g.dir)
	if err != nil {
		return nil, err
	}
	return &corpus.Study{Root: root}, nil
}
