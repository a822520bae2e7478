package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
)

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
	cmd.RegisterFlagCompletionFunc("reassign", completeCodesAny(g))
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
