package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

type fixOptions struct {
	dryRun bool
	// checked is set by check --fix, which checks next anyway: fix then
	// does not check the study a second time to tell what remains.
	checked bool
}

func newFixCmd(g *globals) *cobra.Command {
	var opt fixOptions
	cmd := &cobra.Command{
		Use:   "fix",
		Short: "Rewrite former code names to canonical paths and re-anchor drifted quotes",
		Long: `Repair what 'qda check' warns about and can be repaired without a person:

  - a code written by a former name (an alias) is rewritten as its canonical path;
  - a segment whose quote drifted is moved to the one line that now starts
    with its quote, keeping its length. A quote found nowhere, or at several
    lines, is left alone and listed for a person to place.

Each change is printed as file:line: what changed. All files are written
together. 'qda check --fix' runs fix, then check. Exit 1 when problems
remain after it: quotes left for a person to place, or errors 'qda check'
reports that fix cannot repair (an unknown code, a missing participant).`,
		Example: `  qda fix --dry-run
  qda fix && qda check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runFix(g, opt) },
	}
	cmd.Flags().BoolVar(&opt.dryRun, "dry-run", false, "print what would change; write nothing")
	return cmd
}

func runFix(g *globals, opt fixOptions) error {
	s, err := openStudyWrite(g)
	if err != nil {
		return err
	}
	rep, err := s.study.Fix(s.ix, s.cb, opt.dryRun)
	if err != nil {
		return err
	}
	if g.json {
		return printJSON(g.stdout, map[string]any{"changes": orEmpty(rep.Changes), "files": orEmpty(rep.Files), "left": orEmpty(rep.Left)})
	}
	printLines(g.stdout, "%s\n", rep.Changes)
	printLines(g.stdout, "%s (left for you: recode the passage)\n", rep.Left)
	verb := "fixed"
	if opt.dryRun {
		verb = "would fix"
	}
	g.sayf("qda: ", "%s %s in %s; %d left", verb, plural(len(rep.Changes), "thing"), plural(len(rep.Files), "file"), len(rep.Left))
	if opt.dryRun || opt.checked {
		return nil
	}
	return remaining(s, len(rep.Left))
}

// remaining is fix's exit: problems left after it are problems, and a
// script running 'qda fix' in CI must not read success.
func remaining(s *session, left int) error {
	errs := 0
	if rep, err := s.study.Check(); err == nil {
		errs = rep.Findings.Errors()
	}
	switch {
	case left == 0 && errs == 0:
		return nil
	case errs == 0:
		return &exitError{code: exitProblems, err: fmt.Errorf("problems remain: %s to place by hand, listed above", plural(left, "quote")),
			hint: "recode those passages; 'qda show ID' shows the lines"}
	}
	return &exitError{code: exitProblems, err: fmt.Errorf("problems remain: 'qda check' finds %s", plural(errs, "error")),
		hint: "'qda check' lists them; the quotes fix could not place are listed above"}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
