package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/export"
)

type exportCooccurrenceOptions struct {
	out, format  string
	depth        int
	within       int
	tidy         bool
	where, codes []string
}

func newExportCooccurrenceCmd(g *globals) *cobra.Command {
	var opt exportCooccurrenceOptions
	cmd := &cobra.Command{
		Use:   "cooccurrence -o FILE",
		Short: "Write which codes are applied together: codes by codes",
		Long: `Write a square table of codes: the cell in row A, column B is how many
references of A overlap a reference of B in the same transcript, or lie
within --within N lines of one. The diagonal is each code's references.
--tidy writes the long form instead: code, with, references, of (the
code's references), one row per pair. Codes are those at --depth (1: the
themes), or those within --codes. The format follows the extension of -o:
.xlsx, .csv, .md, .json.`,
		Example: `  qda export cooccurrence -o together.xlsx
  qda export cooccurrence --depth 2 --within 3 --tidy -o pairs.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExportCooccurrence(g, opt) },
	}
	f := cmd.Flags()
	f.StringVarP(&opt.out, "output", "o", "", "write to `FILE` (.xlsx, .csv, .md, .json; - for stdout)")
	f.StringVar(&opt.format, "format", "", "the format, when not the extension of -o")
	f.IntVar(&opt.depth, "depth", 1, "the codes at depth `N` (0: every code)")
	f.IntVar(&opt.within, "within", 0, "count references up to `N` lines apart as together")
	f.BoolVar(&opt.tidy, "tidy", false, "one row per pair of codes instead of a square table")
	f.StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	f.StringSliceVar(&opt.codes, "codes", nil, "keep the codes within these `C,...`")
	cmd.RegisterFlagCompletionFunc("codes", completeCodes(g))
	return cmd
}

func runExportCooccurrence(g *globals, opt exportCooccurrenceOptions) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	if opt.within < 0 {
		return usageErr(errors.New("--within must be 0 or more lines"))
	}
	mo, err := s.matrixOptions(g, exportMatrixOptions{rows: export.RowsParticipant, measure: "references", depth: opt.depth, where: opt.where, codes: opt.codes})
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
	c, err := export.CountCooccurrence(s.study, s.ix, s.cb, export.CooccurrenceOptions{Scan: mo.Scan, Depth: opt.depth, Codes: mo.Codes, Within: opt.within}, step)
	done()
	if err != nil {
		return err
	}
	tb := c.Table()
	if opt.tidy {
		tb = c.Tidy()
	}
	if err := t.writeTable(g, tb, about, "Cooccurrence", nil, 28, 28); err != nil {
		return err
	}
	t.written(g, "co-occurrence of "+plural(len(c.Codes), "code"))
	return nil
}
