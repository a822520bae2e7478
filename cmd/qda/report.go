package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/export"
	"github.com/qdatool/qda/report"
)

type reportOptions struct {
	exportMatrixOptions
	by               string
	single           bool
	allowIdentifiers bool
}

func newReportCmd(g *globals) *cobra.Command {
	var opt reportOptions
	cmd := &cobra.Command{
		Use:   "report -o DIR",
		Short: "Write a self-contained HTML report: overview, heat map, codebook, charts",
		Long: `Write the study's findings as a static site in DIR: index.html (the
overview and the theme-by-participant heat map; choose a cell to read its
passages), codebook.html, a page for each code with its passages by
participant, and charts.html (code frequencies, co-occurrence, agreement).
It needs no network and no server: open index.html from the folder, or put
the folder on any static host. --single-file writes one HTML file to email.

Every number is counted as 'qda export matrix' and 'qda stats' count it;
--rows, --depth, --measure, --codes and --where choose the heat map as they
choose the matrix, and --by groups its rows by an attribute.

The report is scanned for identifiers as 'qda check' scans transcripts
(emails, phone numbers, postcodes, listed names); with any found nothing
is written and the findings are listed, unless --allow-identifiers.
SOURCE_DATE_EPOCH, when set, dates the report: the same study gives the
same bytes.`,
		Example: `  qda report -o report
  qda report --by trigger_group --measure participants -o report
  qda report --single-file -o findings.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runReport(g, opt) },
	}
	f := cmd.Flags()
	f.StringVarP(&opt.out, "output", "o", "", "write the report into `DIR` (with --single-file, the FILE.html)")
	f.BoolVar(&opt.single, "single-file", false, "write one HTML file with everything inlined")
	matrixFlags(cmd, g, &opt.exportMatrixOptions)
	f.StringVar(&opt.by, "by", "", "group the heat map's rows, and split the frequencies, by attribute `ATTR`")
	f.BoolVar(&opt.allowIdentifiers, "allow-identifiers", false, "write the report even when it holds possible identifiers")
	cmd.RegisterFlagCompletionFunc("by", completeAttributes(g))
	return cmd
}

func runReport(g *globals, opt reportOptions) error {
	if opt.out == "" || opt.out == "-" {
		return withHint(usageErr(errors.New("no output: give -o DIR")), "the report is a folder of pages; --single-file -o FILE.html writes one file")
	}
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	mo, err := s.matrixOptions(g, opt.exportMatrixOptions)
	if err != nil {
		return err
	}
	if err := (report.Options{Matrix: mo, By: opt.by}).CheckBy(s.ix); errors.Is(err, report.ErrByRows) {
		return withHint(usageErr(fmt.Errorf("--by %v", err)), "drop --rows, or --by")
	} else if err != nil {
		return usageErr(fmt.Errorf("--by: %v", err))
	}
	out := opt.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(g.dir, out)
	}
	dest, err := report.NewDestination(out, opt.single)
	if err != nil {
		return withHint(usageErr(err), "give an empty or new folder, or one an earlier 'qda report' wrote")
	}
	about, err := exportAbout(s, exportTarget{given: opt.out, path: out}, mo.Scan, opt.command)
	if err != nil {
		return err
	}
	about.Measure, about.Rows, about.Depth = mo.Measure, mo.Rows, mo.Depth
	sums, err := export.ReadSummaries(s.study)
	if err != nil {
		return withHint(err, "fix the file; it holds the summaries 'qda summarize' writes")
	}
	agree := mo.Scan.Coders // as qda agree: the named coders, or every person
	if agree == nil {
		agree = s.people()
	}
	step, done := progress(g, s, "reporting")
	rep, err := report.Build(s.study, s.ix, s.cb, report.Options{Matrix: mo, By: opt.by, About: about, Summaries: sums, AgreeCoders: agree, Progress: step})
	done()
	if err != nil {
		return err
	}
	files, err := rep.Render(opt.single)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("%s (%s by %s, %s, %s)", plural(len(files), "file"), mo.Measure, mo.Rows, plural(len(rep.Matrix.Rows), "row"), plural(len(rep.Matrix.Columns), "code"))
	rep = nil // the pages hold what is written; the model may go before the scan
	names, fs := s.study.IdentifyingNames()
	if err := fs.Err(); err != nil {
		return err
	}
	if found := report.Scan(files, names); len(found) > 0 && !opt.allowIdentifiers {
		for _, f := range found {
			fmt.Fprintf(g.stderr, "%s\n", f)
		}
		return withHint(&exitError{code: exitProblems, err: fmt.Errorf("the report holds %s: nothing written", plural(len(found), "possible identifier"))},
			"anonymise the transcripts ('qda anonymise scan'), or write it anyway with --allow-identifiers")
	}
	if err := dest.Write(files); err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "qda: wrote %s to %s\n", what, opt.out)
	if !opt.single {
		fmt.Fprintf(g.stderr, "qda: open %s\n", filepath.Join(opt.out, "index.html"))
	}
	return nil
}
