package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
)

type agreeOptions struct {
	coders  []string
	depth   int
	codes   []string
	unit    string
	speaker string
	where   []string
	// minKappa is checked only when the flag was given.
	minKappa float64
	show     bool
	max      int
}

func newAgreeCmd(g *globals) *cobra.Command {
	var opt agreeOptions
	cmd := &cobra.Command{
		Use:   "agree",
		Short: "Inter-coder agreement per code: percent agreement, kappa, alpha, and the disagreements",
		Long: `Compare coders on every transcript that two of them or more have a codings
file for; a coder who did not code a transcript gives it no answer, rather
than a "no". Each unit gets a yes or no from each coder for each code, rolled
up from its descendants. --unit line (default): every text line; turn: each
speaker turn, yes when any of its lines is coded; transcript: yes when the
code is used anywhere. --speaker participant keeps only the participant's
speech; --speaker all lists disagreements on the interviewer's lines too.

Per code: units, how many each coder marked, percent agreement (units on
which every coder who coded them agrees), specific agreement (of the answers
paired on a unit with one yes, the share with both yes: not inflated by the
many lines nobody codes), Cohen's kappa (two coders) or Fleiss' kappa (three
or more, over the transcripts all of them coded, with each pair's Cohen's
kappa over the transcripts that pair shares), Krippendorff's alpha (nominal,
over every unit two coders answered). The overall row pools every listed
code. A statistic that is undefined prints n/a with the reason. Then the
disagreements: runs of lines where the coders differ, with their text, each
listed once under the deepest code that differs.

--min-kappa K exits 1 when any code's kappa is below K (with three coders
or more, Fleiss' kappa or any pair's Cohen's kappa); an undefined kappa does
not fail unless the overall kappa is undefined. Nothing to compare (no
transcript coded by two of the coders) is an error. docs/agreement.md gives
the formulas, their references and which figure to quote.`,
		Example: `  qda agree --coders jt,eh
  qda agree --depth 1 --unit turn --speaker participant
  qda agree --coders jt,eh,ah --codes confidence,tea-and-company --min-kappa 0.6
  qda agree --json > agreement.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAgree(g, opt, cmd.Flags().Changed("min-kappa"))
		},
	}
	agreeFlags(cmd, g, &opt)
	f := cmd.Flags()
	f.Float64Var(&opt.minKappa, "min-kappa", 0, "exit 1 when any code's kappa is below `K`")
	f.BoolVar(&opt.show, "show-disagreements", true, "print the disagreements after the tables")
	f.IntVar(&opt.max, "max-disagreements", 20, "print at most `N` disagreements (0: all; --json has all)")
	return cmd
}

// agreeFlags binds the flags that choose what to compare, shared with
// qda export agreement.
func agreeFlags(cmd *cobra.Command, g *globals, opt *agreeOptions) {
	f := cmd.Flags()
	f.StringSliceVar(&opt.coders, "coders", nil, "compare coders `A,B[,C...]` (default every coder)")
	f.IntVar(&opt.depth, "depth", 0, "compare the codes at depth `N`, each rolled up from its descendants (0: every code)")
	f.StringSliceVar(&opt.codes, "codes", nil, "compare only codes `C,...` (with --depth: the codes at that depth under them)")
	f.StringVar(&opt.unit, "unit", corpus.UnitLine, "the `UNIT` of comparison: line, turn or transcript")
	f.StringVar(&opt.speaker, "speaker", "", "`participant`: only the participant's speech; all: list disagreements on the interviewer's lines too")
	f.StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	cmd.RegisterFlagCompletionFunc("coders", completeCoders(g))
	cmd.RegisterFlagCompletionFunc("codes", completeCodesAny(g))
	cmd.RegisterFlagCompletionFunc("unit", cobra.FixedCompletions(corpus.UnitNames, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("speaker", cobra.FixedCompletions([]string{"participant", "all"}, cobra.ShellCompDirectiveNoFileComp))
}

func runAgree(g *globals, opt agreeOptions, checkKappa bool) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	rep, err := s.agreement(g, opt, g.json || opt.show, nil)
	if err != nil {
		return err
	}
	if err := nothingCompared(rep); err != nil {
		return err
	}
	if g.json {
		if err := printJSON(g.stdout, rep); err != nil {
			return err
		}
	} else if err := printAgreement(g, s.cb, rep, opt); err != nil {
		return err
	} else {
		fmt.Fprintln(g.stderr, comparedNote(rep))
	}
	if !checkKappa {
		return nil
	}
	var low []string
	for _, row := range rep.Codes {
		if row.Kappa.Defined && row.Kappa.V < opt.minKappa {
			low = append(low, fmt.Sprintf("%s (%s)", row.Path, row.Kappa))
		}
		if len(rep.Coders) < 3 {
			continue
		}
		// Fleiss' kappa rests on the transcripts every coder coded; each
		// pair's on all the pair shares, which a gate must see too.
		for _, p := range row.Pairs {
			if p.Kappa.Defined && p.Kappa.V < opt.minKappa {
				low = append(low, fmt.Sprintf("%s %s/%s (%s)", row.Path, p.Coders[0], p.Coders[1], p.Kappa))
			}
		}
	}
	if !rep.Overall.Kappa.Defined {
		return &exitError{code: exitProblems, err: fmt.Errorf("--min-kappa %g: the overall kappa is n/a: %s", opt.minKappa, rep.Overall.Kappa.Reason)}
	}
	if len(low) > 0 {
		return &exitError{code: exitProblems, err: fmt.Errorf("kappa below %g for %s: %s", opt.minKappa, plural(len(low), "code"), strings.Join(low, ", ")),
			hint: "the disagreements show where the coders differ; undefined kappas (n/a) do not count"}
	}
	return nil
}
