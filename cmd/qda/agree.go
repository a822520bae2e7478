package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
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
		Long: `Compare coders on the transcripts every one of them has a codings file for.
Each unit gets a yes or no from each coder for each code, rolled up from its
descendants. --unit line (default): every text line; turn: each speaker turn,
yes when any of its lines is coded; transcript: yes when the code is used
anywhere. --speaker participant keeps only the participant's speech.

Per code: units, how many each coder marked, percent agreement (units on
which every coder agrees), Cohen's kappa (two coders) or Fleiss' kappa (three
or more, with a pairwise Cohen's kappa table), Krippendorff's alpha (nominal).
The overall row pools every listed code, each unit and code a yes/no decision.
A statistic that is undefined prints n/a with the reason. Then the
disagreements: runs of lines where the coders differ, with their text.

--min-kappa K exits 1 when any code's kappa is below K; an undefined kappa
does not fail. docs/agreement.md gives the formulas and their references.`,
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
	f.StringSliceVar(&opt.coders, "coders", nil, "the coders to compare, `A,B[,C...]` (default every coder)")
	f.IntVar(&opt.depth, "depth", 0, "compare the codes at depth `N`, each rolled up from its descendants (0: every code)")
	f.StringSliceVar(&opt.codes, "codes", nil, "compare only these codes `C,...` (with --depth: the codes at that depth under them)")
	f.StringVar(&opt.unit, "unit", corpus.UnitLine, "the unit: line, turn or transcript")
	f.StringVar(&opt.speaker, "speaker", "", "with 'participant', only the participant's speech")
	f.StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	cmd.RegisterFlagCompletionFunc("coders", completeCoders(g))
	cmd.RegisterFlagCompletionFunc("codes", completeCodesAny(g))
	cmd.RegisterFlagCompletionFunc("unit", cobra.FixedCompletions(corpus.UnitNames, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("speaker", cobra.FixedCompletions([]string{"participant"}, cobra.ShellCompDirectiveNoFileComp))
}

func runAgree(g *globals, opt agreeOptions, checkKappa bool) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	rep, err := s.agreement(g, opt, g.json || opt.show)
	if err != nil {
		return err
	}
	if g.json {
		if err := printJSON(g.stdout, rep); err != nil {
			return err
		}
	} else if err := printAgreement(g, rep, opt); err != nil {
		return err
	} else {
		fmt.Fprintf(g.stderr, "qda: %s compared, %d skipped (not coded by every chosen coder); coders %s\n",
			plural(rep.Transcripts, "transcript"), rep.Skipped, strings.Join(rep.Coders, ", "))
		if rep.Transcripts == 0 {
			fmt.Fprintln(g.stderr, "qda: hint: no transcript is coded by every chosen coder (and matches --where): nothing was compared")
		}
	}
	if !checkKappa {
		return nil
	}
	var low []string
	for _, row := range rep.Codes {
		if row.Kappa.Defined && row.Kappa.V < opt.minKappa {
			low = append(low, fmt.Sprintf("%s (%s)", row.Path, row.Kappa))
		}
	}
	if len(low) > 0 {
		return &exitError{code: exitProblems, err: fmt.Errorf("kappa below %g for %s: %s", opt.minKappa, plural(len(low), "code"), strings.Join(low, ", ")),
			hint: "the disagreements show where the coders differ; undefined kappas (n/a) do not count"}
	}
	return nil
}

// agreement checks the options and computes the report; all disagreements
// are kept for JSON, the first few for the table.
func (s *session) agreement(g *globals, opt agreeOptions, withDisagreements bool) (*export.Agreement, error) {
	names := opt.coders
	if len(names) == 0 {
		names = g.coders()
	}
	coders, err := s.chosenCoders(names)
	if err != nil {
		return nil, err
	}
	if coders == nil {
		coders = s.ix.Coders
	}
	for i, c := range coders {
		if slices.Contains(coders[:i], c) {
			return nil, usageErr(fmt.Errorf("coder %q given twice", c))
		}
	}
	if len(coders) < 2 {
		return nil, withHint(usageErr(fmt.Errorf("agreement needs two coders or more, got %s", plural(len(coders), "coder"))),
			"give --coders A,B; the study's coders are: %s", strings.Join(s.ix.Coders, ", "))
	}
	if !slices.Contains(corpus.UnitNames, opt.unit) {
		return nil, usageErr(fmt.Errorf("unknown unit %q: use %s", opt.unit, strings.Join(corpus.UnitNames, ", ")))
	}
	if opt.speaker != "" && opt.speaker != "participant" {
		return nil, usageErr(fmt.Errorf("unknown speaker %q: --speaker takes 'participant'", opt.speaker))
	}
	if opt.depth < 0 || opt.max < 0 {
		return nil, usageErr(errors.New("--depth and --max-disagreements must be 0 or more"))
	}
	codes, err := s.agreeCodes(opt)
	if err != nil {
		return nil, err
	}
	scan, err := s.scanOptions(g, opt.where)
	if err != nil {
		return nil, err
	}
	var ds []export.AgreementDisagreement
	count := 0
	aopt := corpus.AgreeOptions{Coders: coders, Codes: codes, Unit: opt.unit, ParticipantOnly: opt.speaker == "participant", Filters: scan.Filters}
	if withDisagreements {
		aopt.OnDisagreement = func(d *corpus.Disagreement) error {
			count++
			if g.json || opt.max == 0 || len(ds) < opt.max {
				ds = append(ds, export.NewAgreementDisagreement(d))
			}
			return nil
		}
	}
	res, err := s.study.Agree(s.ix, s.cb, aopt)
	if err != nil {
		return nil, err
	}
	rep := export.NewAgreement(res, opt.unit, aopt.ParticipantOnly)
	rep.Disagreements = append(rep.Disagreements, ds...)
	rep.Found = count
	for _, f := range scan.Filters {
		if rep.Filters == nil {
			rep.Filters = map[string][]string{}
		}
		rep.Filters[f.Key] = f.Values
	}
	return rep, nil
}

// agreeCodes are the codes to compare: --codes, or the codes at --depth
// (every code without it), or the codes at --depth under --codes.
func (s *session) agreeCodes(opt agreeOptions) ([]*codebook.Code, error) {
	var given []*codebook.Code
	for _, ref := range opt.codes {
		code, err := s.resolveCode(ref)
		if err != nil {
			return nil, err
		}
		given = append(given, code)
	}
	if len(given) > 0 && opt.depth == 0 {
		return given, nil
	}
	var codes []*codebook.Code
	for _, c := range s.cb.AtDepth(opt.depth) {
		if len(given) == 0 || slices.ContainsFunc(given, func(g *codebook.Code) bool { return g.Contains(c) }) {
			codes = append(codes, c)
		}
	}
	if len(codes) == 0 {
		return nil, withHint(usageErr(errors.New("no codes to compare")), "'qda codebook tree' shows the codes and their depths")
	}
	return codes, nil
}
