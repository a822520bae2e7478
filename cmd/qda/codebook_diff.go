package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

func newCodebookDiffCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "diff [REV] [REV2]",
		Short: "Compare the framework with a git revision, in terms of codes",
		Long: `Compare codebook.yaml at git revision REV (default HEAD) with REV2 (default
the working tree), in terms of codes: added, removed, renamed, moved,
merged, relabelled, and description, include, exclude, examples, colour,
aliases or patterns changed. The aliases of the newer codebook tell a
rename from a removal and an addition. Each change shows how many segments
in the working tree's codings use the code. Reads revisions with git.`,
		Example: `  qda codebook diff            # what the working tree changed since HEAD
  qda codebook diff main       # on a coder's branch: what it changes
  qda codebook diff v1 v2 --json`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return runCodebookDiff(g, args) },
	}
}

type diffJSON struct {
	Kind     string `json:"kind"`
	Path     string `json:"path"`
	From     string `json:"from,omitempty"`
	Detail   string `json:"detail,omitempty"`
	Segments int    `json:"segments"`
}

func runCodebookDiff(g *globals, args []string) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	rev, rev2 := "HEAD", ""
	if len(args) > 0 {
		rev = args[0]
	}
	if len(args) > 1 {
		rev2 = args[1]
	}
	old, err := codebookAt(s, rev)
	if err != nil {
		return err
	}
	newer := s.cb
	if rev2 != "" {
		if newer, err = codebookAt(s, rev2); err != nil {
			return err
		}
	}
	changes := codebook.Diff(old, newer)
	counts, err := s.study.CodeUse(s.ix, old, newer)
	if err != nil {
		return err
	}
	out := []diffJSON{}
	for _, c := range changes {
		n := counts.New[c.Path]
		if c.Kind == codebook.Removed {
			n = counts.Old[c.Path]
		}
		out = append(out, diffJSON{string(c.Kind), c.Path, c.From, c.Detail, n})
	}
	if g.json {
		return printJSON(g.stdout, out)
	}
	if len(out) == 0 {
		g.sayf("qda: ", "no change to the codes between %s and %s", rev, or(rev2, "the working tree"))
		return nil
	}
	t := newTable(g.stdout, "change", "code", "", "segments").wrap(2)
	for _, c := range out {
		what := c.Path
		if c.From != "" {
			what = c.From + " → " + c.Path
		}
		t.row(c.Kind, what, c.Detail, fmt.Sprint(c.Segments))
	}
	return t.flush()
}

// codebookAt parses codebook.yaml as it was at rev.
func codebookAt(s *session, rev string) (*codebook.Codebook, error) {
	data, err := s.study.GitShow(rev, corpus.CodebookFile)
	if errors.Is(err, corpus.ErrNotGit) {
		return nil, withHint(usageErr(err), "codebook diff compares with git revisions; 'git init && git add -A && git commit' starts the history")
	}
	if err != nil {
		return nil, usageErr(err)
	}
	cb, findings := codebook.Parse(rev+":"+corpus.CodebookFile, data)
	if err := findings.Err(); err != nil {
		return nil, err
	}
	return cb, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
