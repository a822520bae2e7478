package main

import (
	"errors"
	"fmt"
	"os"

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
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(s.study.Path(corpus.CodebookFile))
	if err != nil {
		return err
	}
	rw, err := op(s.cb, src)
	if err != nil {
		var ce *codebook.CheckError
		if errors.As(err, &ce) {
			return withHint(err, "codebook.yaml is unchanged; please report the layout that defeated the rewrite")
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
	for _, l := range rw.Summary {
		fmt.Fprintln(g.stdout, l)
	}
	for _, f := range rep.Files {
		fmt.Fprintf(g.stdout, "  %s\n", f)
	}
	verb := "rewrote"
	if opt.dryRun {
		verb = "would rewrite"
	}
	removed := ""
	if rep.Removed > 0 {
		removed = fmt.Sprintf(" (%s left without a code removed)", plural(rep.Removed, "segment"))
	}
	fmt.Fprintf(g.stderr, "qda: %s %s and %s in %s%s\n", verb, corpus.CodebookFile, plural(rep.Segments, "segment"), plural(len(rep.Files), "codings file"), removed)
	return nil
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
	cmd.RegisterFlagCompletionFunc("into", completeCodes(g))
	addRefactorFlags(cmd, &opt.refactorOptions)
	return cmd
}

type deleteOptions struct {
	refactorOptions
	reassign string
	force    bool
}

func newCodebookDeleteCmd(g *globals) *cobra.Command {
	var opt deleteOptions
	cmd := &cobra.Command{
		Use:   "delete PATH [--reassign DST | --force]",
		Short: "Delete a code and its children",
		Long: `Delete the code at PATH and every code below it. A code in use is refused
unless you say what to do with its codings: --reassign DST codes them with
DST instead; --force takes them off (a segment left with no code goes).`,
		Example: `  qda codebook delete expectations/remit --reassign expectations
  qda codebook delete referral --force --dry-run`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeCodes(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opt.force && opt.reassign != "" {
				return usageErr(errors.New("give --reassign or --force, not both"))
			}
			return runRefactor(g, opt.refactorOptions, func(cb *codebook.Codebook, src []byte) (*codebook.Rewrite, error) {
				return codebook.Delete(cb, src, args[0])
			}, func(s *session, rw *codebook.Rewrite) error { return s.planDelete(args[0], rw, opt) })
		},
	}
	cmd.Flags().StringVar(&opt.reassign, "reassign", "", "code the deleted codes' passages with `DST` instead")
	cmd.Flags().BoolVar(&opt.force, "force", false, "take the deleted codes off their passages")
	cmd.RegisterFlagCompletionFunc("reassign", completeCodes(g))
	addRefactorFlags(cmd, &opt.refactorOptions)
	return cmd
}

// planDelete points the deleted codes at --reassign's code, or refuses a
// code in use when neither --reassign nor --force is given.
func (s *session) planDelete(path string, rw *codebook.Rewrite, opt deleteOptions) error {
	if opt.reassign != "" {
		dst, err := s.resolveCode(opt.reassign)
		if err != nil {
			return err
		}
		if _, gone := rw.Map[dst.Path]; gone {
			return usageErr(fmt.Errorf("--reassign %s: that code is deleted too", dst.Path))
		}
		for old := range rw.Map {
			rw.Map[old] = dst.Path
		}
		rw.Summary = append(rw.Summary, fmt.Sprintf("codings of the deleted codes go to %s", dst.Path))
		return nil
	}
	if opt.force {
		return nil
	}
	use, err := s.study.Recode(s.ix, s.cb, rw.Map, nil, true)
	if err != nil {
		return err
	}
	if use.Segments > 0 {
		return withHint(fmt.Errorf("%s is used by %s in %s; nothing was changed", path, plural(use.Segments, "segment"), plural(len(use.Files), "codings file")),
			"give --reassign DST to recode them, or --force to take the code off them")
	}
	return nil
}

// fieldFlags binds the descriptive fields of a code for add and edit.
type fieldFlags struct {
	label, description, include, exclude, color, memo string
	examples, patterns                                []string
}

func (f *fieldFlags) bind(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.label, "label", "", "the label tables show")
	fl.StringVar(&f.description, "description", "", "what the code is for")
	fl.StringVar(&f.include, "include", "", "what to code with it")
	fl.StringVar(&f.exclude, "exclude", "", "what not to code with it")
	fl.StringVar(&f.color, "color", "", "a colour as #rrggbb")
	fl.StringVar(&f.memo, "memo", "", "a note on the code")
	fl.StringArrayVar(&f.examples, "example", nil, "an example passage (repeatable)")
	fl.StringArrayVar(&f.patterns, "pattern", nil, "an auto-coding query (repeatable)")
}

// fields returns only the flags given, so edit changes nothing else; an
// empty value removes the field.
func (f *fieldFlags) fields(cmd *cobra.Command) codebook.Fields {
	var out codebook.Fields
	set := func(name string, v *string, dst **string) {
		if cmd.Flags().Changed(name) {
			*dst = v
		}
	}
	set("label", &f.label, &out.Label)
	set("description", &f.description, &out.Description)
	set("include", &f.include, &out.Include)
	set("exclude", &f.exclude, &out.Exclude)
	set("color", &f.color, &out.Color)
	set("memo", &f.memo, &out.Memo)
	if cmd.Flags().Changed("example") {
		out.Examples = &f.examples
	}
	if cmd.Flags().Changed("pattern") {
		out.Patterns = &f.patterns
	}
	return out
}

func newCodebookAddCmd(g *globals) *cobra.Command {
	var opt refactorOptions
	var f fieldFlags
	cmd := &cobra.Command{
		Use:   "add PATH",
		Short: "Add a code (parent/name, or name for a theme)",
		Example: `  qda codebook add tea-and-company/biscuits --label "Biscuits and cake"
  qda codebook add wellbeing --description "How participants say they feel"`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeCodes(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRefactor(g, opt, func(cb *codebook.Codebook, src []byte) (*codebook.Rewrite, error) {
				return codebook.Add(cb, src, args[0], f.fields(cmd))
			}, nil)
		},
	}
	f.bind(cmd)
	addRefactorFlags(cmd, &opt)
	return cmd
}

func newCodebookEditCmd(g *globals) *cobra.Command {
	var opt refactorOptions
	var f fieldFlags
	cmd := &cobra.Command{
		Use:   "edit PATH --field value...",
		Short: "Change a code's label, description, include, exclude, examples, colour or patterns",
		Long: `Change the fields given and nothing else; an empty value removes a field.
--example and --pattern replace the whole list when given.`,
		Example: `  qda codebook edit confidence --label "Confidence and self-esteem"
  qda codebook edit tea-and-company --exclude ""`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeCodes(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			fields := f.fields(cmd)
			if fields == (codebook.Fields{}) {
				return usageErr(errors.New("edit needs a field to change, e.g. --label"))
			}
			return runRefactor(g, opt, func(cb *codebook.Codebook, src []byte) (*codebook.Rewrite, error) {
				return codebook.Edit(cb, src, args[0], fields)
			}, nil)
		},
	}
	f.bind(cmd)
	addRefactorFlags(cmd, &opt)
	return cmd
}

// completeCodesAny completes codes for every argument (merge takes many).
func completeCodesAny(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		return codePaths(g, prefix), cobra.ShellCompDirectiveNoFileComp
	}
}
