package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// refactorOptions are the flags every refactoring shares.
type refactorOptions struct {
	dryRun bool
}

// A refactoring rewrites codebook.yaml and every codings file that uses the
// codes it changes, in one journaled batch (see corpus.Batch).
type refactorFunc func(cb *codebook.Codebook, src []byte) (*codebook.Rewrite, error)

func runRefactor(g *globals, opt refactorOptions, op refactorFunc, check func(*session, *codebook.Rewrite) error) error {
	s, err := openStudyWrite(g)
	if err != nil {
		return err
	}
	linked, err := s.study.LinkedCodings()
	if err != nil {
		return err
	}
	if err := linked.Err(); err != nil {
		return err
	}
	src, err := s.study.ReadFile(corpus.CodebookFile)
	if err != nil {
		return err
	}
	rw, err := op(s.cb, src)
	if err != nil {
		var ce *codebook.CheckError
		if errors.As(err, &ce) {
			return withHint(err, "codebook.yaml is unchanged; please report the layout that defeated the rewrite")
		}
		var mp *codebook.MissingParentError
		if errors.As(err, &mp) {
			return withHint(usageErr(err), "add it first, or add both with 'qda codebook add %s/%s --parents'", orName(codePathOf(mp.Parent), mp.Parent), mp.Name)
		}
		var re *codebook.ResolveError
		if errors.As(err, &re) {
			return codeRefErr(err, re.Ref, addCodeCmd)
		}
		return withHint(usageErr(err), "'qda codebook tree' shows the codes")
	}
	if check != nil {
		if err := check(s, rw); err != nil {
			return err
		}
	}
	rep, err := s.study.Recode(s.ix, s.cb, rw.Map, rw.Data, opt.dryRun)
	if err != nil {
		return err
	}
	if g.json {
		return printJSON(g.stdout, map[string]any{"summary": orEmpty(rw.Summary), "map": rw.Map, "files": orEmpty(rep.Files),
			"segments": rep.Segments, "removed_segments": rep.Removed, "dry_run": opt.dryRun})
	}
	printLines(g.stdout, "%s\n", rw.Summary)
	printLines(g.stdout, "  %s\n", rep.Files)
	verb := "rewrote"
	if opt.dryRun {
		verb = "would rewrite"
	}
	removed := ""
	if rep.Removed > 0 {
		removed = fmt.Sprintf(" (%s left without a code removed)", plural(rep.Removed, "segment"))
	}
	g.sayf("qda: ", "%s %s and %s in %s%s", verb, corpus.CodebookFile, plural(rep.Segments, "segment"), plural(len(rep.Files), "codings file"), removed)
	return nil
}

// orName is path, or name when path is "".
func orName(path, name string) string {
	if path == "" {
		return name
	}
	return path
}

func addRefactorFlags(cmd *cobra.Command, opt *refactorOptions) {
	cmd.Flags().BoolVar(&opt.dryRun, "dry-run", false, "print what would change (files, segments); write nothing")
}

func newCodebookRenameCmd(g *globals) *cobra.Command {
	var opt refactorOptions
	cmd := &cobra.Command{
		Use:   "rename PATH NEWNAME",
		Short: "Rename a code, keeping its old name as an alias",
		Long: `Give the code at PATH a new name among its siblings. The old name stays in
its aliases, so codings on other branches that still use it resolve, and
every codings file here is rewritten to the new path in the same step.`,
		Example:           `  qda codebook rename confidence/travel journeys`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: completeCodes(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRefactor(g, opt, func(cb *codebook.Codebook, src []byte) (*codebook.Rewrite, error) {
				return codebook.Rename(cb, src, args[0], args[1])
			}, nil)
		},
	}
	addRefactorFlags(cmd, &opt)
	return cmd
}

func newCodebookMoveCmd(g *globals) *cobra.Command {
	var opt refactorOptions
	cmd := &cobra.Command{
		Use:   "move PATH NEWPARENT",
		Short: "Move a code under another parent (/ for the top level)",
		Long: `Move the code at PATH, with its children, under NEWPARENT, or to the top
level with '/'. Its old full path stays as an alias, so old references and
paths below it resolve; codings are rewritten to the new paths.`,
		Example:           `  qda codebook move confidence/travel sustainability/infrastructure`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: completeCodes(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRefactor(g, opt, func(cb *codebook.Codebook, src []byte) (*codebook.Rewrite, error) {
				return codebook.Move(cb, src, args[0], args[1])
			}, nil)
		},
	}
	addRefactorFlags(cmd, &opt)
	return cmd
}

type mergeOptions struct {
	refactorOptions
	into string
}

func newCodebookMergeCmd(g *globals) *cobra.Command {
	var opt mergeOptions
	cmd := &cobra.Command{
		Use:   "merge SRC... --into DST",
		Short: "Merge codes into another; their names become its aliases",
		Long: `Merge each SRC into DST: SRC's children move under DST, SRC's name (or full
path, across branches of the tree) becomes an alias of DST, and every
coding of SRC becomes a coding of DST.`,
		Example:           `  qda codebook merge tea-and-company/home-visits tea-and-company/outings --into tea-and-company/companionship`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: completeCodesAny(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opt.into == "" {
				return usageErr(errors.New("merge needs --into DST: the code to merge into"))
			}
			return runRefactor(g, opt.refactorOptions, func(cb *codebook.Codebook, src []byte) (*codebook.Rewrite, error) {
				return codebook.Merge(cb, src, args, opt.into)
			}, nil)
		},
	}
	cmd.Flags().StringVar(&opt.into, "into", "", "the code to merge into")
	cmd.RegisterFlagCompletionFunc("into", completeCodesAny(g))
	addRefactorFlags(cmd, &opt.refactorOptions)
	return cmd
}

// completeCodesAny completes codes for every argument (merge takes many).
func completeCodesAny(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		return codePaths(g, prefix), cobra.ShellCompDirectiveNoFileComp
	}
}
