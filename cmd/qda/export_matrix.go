package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
)

type exportMatrixOptions struct {
	out, format   string
	rows, measure string
	depth         int
	where, codes  []string
	summaries     bool
	lineNumbers   bool
	command       string // the demo's stand-in for the command line
}

func newExportMatrixCmd(g *globals) *cobra.Command {
	var opt exportMatrixOptions
	cmd := &cobra.Command{
		Use:   "matrix -o FILE",
		Short: "Write the theme-by-participant matrix: a workbook, or CSV, Markdown or JSON",
		Long: `Write the study's codes across and participants (or transcripts, or the
values of an attribute) down, one measure in each cell, counted as qda stats
counts (see 'qda help stats'). The format follows the extension of -o:

  .xlsx  a workbook: Matrix (totals, colour scale, frozen headers, filters),
         Excerpts (the passages behind each cell, as turns, each with
         who coded which lines; --line-numbers numbers their lines), Summaries (when there are
         any), Segments (one row per reference, for pivot tables), Codebook,
         Participants and About (the command, qda version, git commit, date)
  .csv   the matrix with attributes and totals (text cells that start like
         a formula are prefixed with ')
  .md    the matrix as a Markdown table
  .json  {rows_by, measure, depth, columns, rows: [{key, attributes, values,
         total}], totals}

Columns are the codes at --depth (1: the themes; a code without children
above that depth is its own column), each rolled up from its descendants;
--codes keeps the columns within the codes given. Totals are the sums of
the cells for references, lines, words and presence; for transcripts and
participants they count each transcript or participant once (a participant
who mentions three themes is one participant). SOURCE_DATE_EPOCH, when set, dates the workbook, so the same
inputs give the same bytes.`,
		Example: `  qda export matrix -o themes.xlsx
  qda export matrix --rows gender --measure participants -o by-gender.csv
  qda export matrix --depth 2 --codes sustainability --coder jt -o sust.md
  qda export matrix -o - --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExportMatrix(g, opt) },
	}
	f := cmd.Flags()
	f.StringVarP(&opt.out, "output", "o", "", "write to `FILE` (.xlsx, .csv, .md, .json; - for stdout)")
	f.StringVar(&opt.format, "format", "", "the format, when not the extension of -o: xlsx, csv, md, json")
	matrixFlags(cmd, g, &opt)
	f.BoolVar(&opt.summaries, "summaries", false, "put the framework summaries (qda summarize) in the cells instead of numbers")
	f.BoolVar(&opt.lineNumbers, "line-numbers", false, "in the workbook's Excerpts, start each line of a passage with its number")
	return cmd
}

// matrixFlags are the flags that choose a matrix, shared by export matrix,
// export heatmap and report, so the three draw the same table.
func matrixFlags(cmd *cobra.Command, g *globals, opt *exportMatrixOptions) {
	f := cmd.Flags()
	f.StringVar(&opt.rows, "rows", export.RowsParticipant, "rows: participant, transcript, or an attribute `ATTR`")
	f.StringVar(&opt.measure, "measure", "references", "the measure in each cell: references, transcripts, participants, lines, words, presence")
	f.IntVar(&opt.depth, "depth", 1, "columns are the codes at depth `N` (0: every code)")
	f.StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	f.StringSliceVar(&opt.codes, "codes", nil, "keep the columns within these codes `C,...`")
	cmd.RegisterFlagCompletionFunc("rows", completeAttributes(g))
	cmd.RegisterFlagCompletionFunc("codes", completeCodes(g))
	cmd.RegisterFlagCompletionFunc("measure", cobra.FixedCompletions(corpus.MeasureNames, cobra.ShellCompDirectiveNoFileComp))
}

func runExportMatrix(g *globals, opt exportMatrixOptions) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	mo, err := s.matrixOptions(g, opt)
	if err != nil {
		return err
	}
	t, err := newExportTarget(g, opt.out, opt.format, "xlsx", "csv", "md", "json")
	if err != nil {
		return err
	}
	var sums export.Summaries
	if opt.summaries || t.format == "xlsx" {
		if sums, err = export.ReadSummaries(s.study); err != nil {
			return withHint(err, "fix the file; it holds the summaries 'qda summarize' writes")
		}
	}
	step, done := progress(g, s, "exporting")
	var m *export.Matrix
	if t.format == "xlsx" {
		m, err = writeMatrixWorkbook(s, t, mo, sums, opt, step)
	} else {
		m, err = writeMatrixText(g, s, t, mo, sums, step)
	}
	done()
	if err != nil {
		return err
	}
	what := mo.Measure
	if opt.summaries {
		what = "summaries"
	}
	t.written(g, fmt.Sprintf("%s by %s (%s, %s)", what, mo.Rows, plural(len(m.Rows), "row"), plural(len(m.Columns), "code")))
	return nil
}

func writeMatrixWorkbook(s *session, t exportTarget, mo export.MatrixOptions, sums export.Summaries, opt exportMatrixOptions, step func()) (*export.Matrix, error) {
	about, err := exportAbout(s, t, mo.Scan, opt.command)
	if err != nil {
		return nil, err
	}
	about.Measure, about.Rows, about.Depth = mo.Measure, mo.Rows, mo.Depth
	for _, c := range export.Columns(s.cb, mo.Depth, mo.Codes) {
		about.Columns = append(about.Columns, c.Path)
	}
	wb, m, err := export.MatrixWorkbook(s.study, s.ix, s.cb, export.WorkbookOptions{Matrix: mo, About: about, Summaries: sums, InCells: opt.summaries, LineNumbers: opt.lineNumbers, Progress: step})
	if err != nil {
		return nil, err
	}
	return m, t.saveWorkbook(wb)
}

// writeMatrixText writes csv, md or json; sums is nil without --summaries.
func writeMatrixText(g *globals, s *session, t exportTarget, mo export.MatrixOptions, sums export.Summaries, step func()) (*export.Matrix, error) {
	var visit export.Visit
	if step != nil {
		visit = func(*corpus.Item, int, *corpus.Coverage) error { step(); return nil }
	}
	m, err := export.BuildMatrix(s.study, s.ix, s.cb, mo, visit)
	if err != nil {
		return nil, err
	}
	return m, t.write(g, func(w io.Writer) error {
		switch t.format {
		case "csv":
			return export.WriteCSV(w, m.Table(false, sums))
		case "md":
			return export.WriteMarkdown(w, m.Table(true, sums))
		}
		return m.WriteJSON(w, sums)
	})
}

// matrixOptions checks the matrix flags against the study.
func (s *session) matrixOptions(g *globals, opt exportMatrixOptions) (export.MatrixOptions, error) {
	scan, err := s.scanOptions(g, opt.where)
	if err != nil {
		return export.MatrixOptions{}, err
	}
	mo := export.MatrixOptions{Scan: scan, Rows: opt.rows, Depth: opt.depth, Measure: opt.measure}
	if mo.Rows != export.RowsParticipant && mo.Rows != export.RowsTranscript {
		if err := s.ix.CheckAttribute(mo.Rows); err != nil {
			return mo, withHint(usageErr(fmt.Errorf("--rows: %v", err)), "rows are participant, transcript, or an attribute")
		}
	}
	if err := export.CheckMeasure(mo.Measure); err != nil {
		return mo, usageErr(err)
	}
	if mo.Depth < 0 {
		return mo, usageErr(errors.New("--depth must be 0 or more"))
	}
	if opt.summaries && mo.Rows != export.RowsParticipant && mo.Rows != export.RowsTranscript {
		return mo, withHint(usageErr(errors.New("--summaries needs rows by participant or transcript: summaries are kept per participant")), "drop --rows %s, or --summaries", mo.Rows)
	}
	for _, ref := range opt.codes {
		code, err := s.resolveCode(ref)
		if err != nil {
			return mo, err
		}
		mo.Codes = append(mo.Codes, code)
	}
	if len(export.Columns(s.cb, mo.Depth, mo.Codes)) == 0 {
		return mo, withHint(usageErr(errors.New("no codes to export: the codebook has none")), "add codes with 'qda codebook add'")
	}
	return mo, nil
}
