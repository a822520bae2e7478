package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/export"
)

type exportCrosstabOptions struct {
	out, format, by, measure string
	depth                    int
	where, codes             []string
}

func newExportCrosstabCmd(g *globals) *cobra.Command {
	var opt exportCrosstabOptions
	cmd := &cobra.Command{
		Use:   "crosstab --by ATTR -o FILE",
		Short: "Write codes by the values of an attribute, with column percentages",
		Long: `Write codes down and the values of an attribute across: for each value,
how many of its participants a code covers and what percentage of them
(--measure participants, the default), or how many references it has and
what share of the group's references to the themes (--measure references).
The first row, n, is the base of each percentage; the last columns are
every transcript together. Codes are every code (--depth N: the codes at
depth N), or those within --codes. The format follows the extension of -o:
.xlsx, .csv, .md, .json.`,
		Example: `  qda export crosstab --by age_range -o ages.xlsx
  qda export crosstab --by gender --measure references --depth 1 -o gender.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExportCrosstab(g, opt) },
	}
	f := cmd.Flags()
	f.StringVarP(&opt.out, "output", "o", "", "write to `FILE` (.xlsx, .csv, .md, .json; - for stdout)")
	f.StringVar(&opt.format, "format", "", "the format, when not the extension of -o")
	f.StringVar(&opt.by, "by", "", "the attribute `ATTR` whose values are the columns")
	f.StringVar(&opt.measure, "measure", "participants", "participants or references")
	f.IntVar(&opt.depth, "depth", 0, "the codes at depth `N` (0: every code)")
	f.StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	f.StringSliceVar(&opt.codes, "codes", nil, "keep the codes within these `C,...`")
	cmd.RegisterFlagCompletionFunc("by", completeAttributes(g))
	cmd.RegisterFlagCompletionFunc("codes", completeCodes(g))
	return cmd
}

func runExportCrosstab(g *globals, opt exportCrosstabOptions) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	if opt.by == "" {
		return withHint(usageErr(errors.New("crosstab needs --by ATTR")), "the study's attributes are: %s", strings.Join(s.ix.AttributeNames(), ", "))
	}
	if err := s.ix.CheckAttribute(opt.by); err != nil {
		return usageErr(err)
	}
	if !slices.Contains(export.CrosstabMeasures, opt.measure) {
		return usageErr(fmt.Errorf("unknown crosstab measure %q: use participants or references", opt.measure))
	}
	mo, err := s.matrixOptions(g, exportMatrixOptions{rows: export.RowsParticipant, measure: opt.measure, depth: opt.depth, where: opt.where, codes: opt.codes})
	if err != nil {
		return err
	}
	t, err := newExportTarget(g, opt.out, opt.format, "xlsx", "csv", "md", "json")
	if err != nil {
		return err
	}
	about, err := exportAbout(s, t, mo.Scan, "")
	if err != nil {
		return err
	}
	step, done := progress(g, s, "counting")
	tb, err := export.Crosstab(s.study, s.ix, s.cb, export.CrosstabOptions{Scan: mo.Scan, By: opt.by, Measure: opt.measure, Depth: opt.depth, Codes: mo.Codes}, step)
	done()
	if err != nil {
		return err
	}
	if err := t.writeTable(g, tb, about, "Crosstab", nil, 28, 28); err != nil {
		return err
	}
	t.written(g, fmt.Sprintf("%s by %s (%s)", opt.measure, opt.by, plural(len(tb.Rows)-1, "code")))
	return nil
}
