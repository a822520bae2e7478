package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
	"github.com/qdatool/qda/figure"
	"github.com/qdatool/qda/report"
)

// figureWidth reads --width: a column of a two-column page, or the page.
func figureWidth(w string) (float64, error) {
	if width, ok := figure.Width(w); ok {
		return width, nil
	}
	return 0, usageErr(fmt.Errorf("--width %q: use column (3.5 in) or page (7 in)", w))
}

// figureFormats are the formats of -o for a figure.
var figureFormats = []string{"svg", "pdf", "png"}

// writeFigure writes f to the target as SVG (text as outlines), PDF (fonts
// embedded, dated as the workbooks are) or PNG.
func writeFigure(g *globals, t exportTarget, f *figure.Figure, width float64, what string) error {
	var date time.Time
	if t.format == "pdf" {
		var err error
		if date, err = exportDate(); err != nil {
			return err
		}
	}
	err := t.write(g, func(w io.Writer) error {
		switch t.format {
		case "png":
			return f.WritePNG(w)
		case "pdf":
			return f.WritePDF(w, figure.PDFOptions{Date: date})
		}
		return f.WriteSVG(w, figure.SVGOptions{Outline: true})
	})
	if err != nil {
		return err
	}
	t.written(g, fmt.Sprintf("%s (%.1f × %.1f in)", what, f.W/72, f.H/72))
	// Too big for the place asked for: said, with what makes it fit, as
	// a journal would scale it down and its labels with it.
	fit := f.Fit(width)
	if fit.Wide() {
		g.sayf("qda: ", "note: the figure is wider than %s: its text shrinks to %.0f%% when placed there", figure.WidthName(width), 100*fit.Shrink)
		g.sayf("qda: hint: ", "fewer codes fit: --depth 1, or --codes C,...%s", map[bool]string{true: "; or --width page"}[width == figure.Column])
	}
	if fit.Tall {
		g.sayf("qda: ", "note: the figure is taller than a page of text (%.0f in)", figure.PageHeight/72)
	}
	return nil
}

// figureSizeErr says figure.CheckSize's refusal of a figure of more rows,
// codes or series than a reader can take in, with the ways to fewer.
// rowsBy names the rows; by is --by, whose values are the series.
func figureSizeErr(err error, rowsBy, by string) error {
	var tl *figure.TooLarge
	if !errors.As(err, &tl) {
		return err
	}
	switch tl.What {
	case figure.Rows:
		what := "rows"
		if rowsBy == export.RowsParticipant || rowsBy == export.RowsTranscript {
			what = rowsBy + "s"
		}
		return withHint(usageErr(fmt.Errorf("a figure of %d %s is not read in a paper (at most %d rows)", tl.N, what, tl.Max)),
			"group them with --rows ATTR (e.g. --rows gender), keep some with --where attr=value, or see every row in 'qda report'")
	case figure.Cols:
		return withHint(usageErr(fmt.Errorf("a figure of %d codes is not read in a paper (at most %d)", tl.N, tl.Max)),
			"fewer codes: --depth 1 (the themes), or --codes C,...")
	}
	return withHint(usageErr(fmt.Errorf("--by %s has %d values: a chart tells at most %d apart by colour", by, tl.N, tl.Max)),
		"choose an attribute of fewer values, or keep some with --where %s=VALUE", by)
}

type exportHeatmapOptions struct {
	exportMatrixOptions
	width string
}

func newExportHeatmapCmd(g *globals) *cobra.Command {
	var opt exportHeatmapOptions
	cmd := &cobra.Command{
		Use:   "heatmap -o FIG.svg|FIG.pdf|FIG.png",
		Short: "Draw the theme-by-participant matrix as a heat map for a paper (SVG, PDF or PNG)",
		Long: `Draw the matrix 'qda export matrix' writes as a heat map: a row per
participant (or transcript, or value of --rows ATTR), a column per code,
each cell shaded by its count on a colour-blind-safe scale (ColorBrewer
Blues) with the count written in it and in its title. .svg is vector with
the text as outlines, so it looks the same without the font (Word, the
web, journals that take SVG); .pdf is vector with its font embedded, for
pdflatex's \includegraphics; .png is 300 dpi. --width column fits one column of a two-column page (3.5 in), page
the text width (7 in).`,
		Example: `  qda export heatmap -o themes.svg
  qda export heatmap -o themes.pdf
  qda export heatmap --rows trigger_group --measure participants -o groups.png`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExportHeatmap(g, opt) },
	}
	f := cmd.Flags()
	f.StringVarP(&opt.out, "output", "o", "", "write to `FILE` (.svg, .pdf or .png)")
	f.StringVar(&opt.format, "format", "", "the format, when not the extension of -o: svg, pdf, png")
	matrixFlags(cmd, g, &opt.exportMatrixOptions)
	f.StringVar(&opt.width, "width", "column", "the figure's width: column (3.5 in) or page (7 in)")
	cmd.RegisterFlagCompletionFunc("width", cobra.FixedCompletions([]string{"column", "page"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runExportHeatmap(g *globals, opt exportHeatmapOptions) error {
	width, err := figureWidth(opt.width)
	if err != nil {
		return err
	}
	t, err := newExportTarget(g, opt.out, opt.format, figureFormats...)
	if err != nil {
		return err
	}
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	mo, err := s.matrixOptions(g, opt.exportMatrixOptions)
	if err != nil {
		return err
	}
	// The rows are laid out from the study's tables before a transcript
	// is read: a study of 10,000 is refused before it is read.
	m, err := export.BuildMatrixWithin(s.study, s.ix, s.cb, mo, nil, func(rows, cols int) error {
		return figureSizeErr(figure.CheckSize(rows, cols, 0), mo.Rows, "")
	})
	if err != nil {
		return err
	}
	return writeFigure(g, t, report.HeatmapFigure(m, width), width,
		fmt.Sprintf("a heat map of %s by %s (%s, %s)", mo.Measure, mo.Rows, plural(len(m.Rows), "row"), plural(len(m.Columns), "code")))
}

type exportChartOptions struct {
	out, format, width string
	by, measure        string
	depth              int
	where, codes       []string
}

func newExportChartCmd(g *globals) *cobra.Command {
	var opt exportChartOptions
	cmd := &cobra.Command{
		Use:   "chart frequencies|cooccurrence -o FIG.svg|FIG.pdf|FIG.png",
		Short: "Draw code frequencies or co-occurrence for a paper (SVG, PDF or PNG)",
		Long: `frequencies: each code's references (or --measure participants, ...) as
bars, one per value of --by ATTR in Okabe and Ito's colour-blind-safe
colours, counted as 'qda stats --by' counts them.
cooccurrence: the codes-by-codes table of 'qda export cooccurrence' as a
heat map.

Codes are those at --depth (1: the themes), or those within --codes. .svg
is vector with the text as outlines; .pdf is vector with its font
embedded (for LaTeX); .png is 300 dpi. --width column
fits one column of a two-column page (3.5 in), page the text width (7 in).`,
		Example: `  qda export chart frequencies --by gender -o freq.svg
  qda export chart cooccurrence --depth 2 -o together.png`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"frequencies", "cooccurrence"},
		RunE:      func(cmd *cobra.Command, args []string) error { return runExportChart(g, args[0], opt) },
	}
	f := cmd.Flags()
	f.StringVarP(&opt.out, "output", "o", "", "write to `FILE` (.svg, .pdf or .png)")
	f.StringVar(&opt.format, "format", "", "the format, when not the extension of -o: svg, pdf, png")
	f.StringVar(&opt.by, "by", "", "frequencies: a bar per value of attribute `ATTR`")
	f.StringVar(&opt.measure, "measure", "references", "frequencies: references, transcripts, participants, lines, words")
	f.IntVar(&opt.depth, "depth", 1, "the codes at depth `N` (0: every code)")
	f.StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	f.StringSliceVar(&opt.codes, "codes", nil, "keep the codes within these `C,...`")
	f.StringVar(&opt.width, "width", "column", "the figure's width: column (3.5 in) or page (7 in)")
	cmd.RegisterFlagCompletionFunc("by", completeAttributes(g))
	cmd.RegisterFlagCompletionFunc("codes", completeCodes(g))
	cmd.RegisterFlagCompletionFunc("width", cobra.FixedCompletions([]string{"column", "page"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runExportChart(g *globals, kind string, opt exportChartOptions) error {
	if kind != "frequencies" && kind != "cooccurrence" {
		return withHint(usageErr(fmt.Errorf("unknown chart %q", kind)), "use frequencies or cooccurrence")
	}
	width, err := figureWidth(opt.width)
	if err != nil {
		return err
	}
	if err := report.CheckFrequencyMeasure(opt.measure); err != nil {
		return usageErr(fmt.Errorf("--measure: %v", err))
	}
	t, err := newExportTarget(g, opt.out, opt.format, figureFormats...)
	if err != nil {
		return err
	}
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	mo, err := s.matrixOptions(g, exportMatrixOptions{rows: export.RowsParticipant, measure: "references", depth: opt.depth, where: opt.where, codes: opt.codes})
	if err != nil {
		return err
	}
	codes := export.Columns(s.cb, mo.Depth, mo.Codes)
	if err := figure.CheckSize(0, len(codes), 0); err != nil {
		return figureSizeErr(err, "", opt.by)
	}
	if kind == "cooccurrence" {
		c, err := export.CountCooccurrence(s.study, s.ix, s.cb, export.CooccurrenceOptions{Scan: mo.Scan, Depth: mo.Depth, Codes: mo.Codes}, nil)
		if err != nil {
			return err
		}
		return writeFigure(g, t, report.CooccurrenceFigure(c, width), width, fmt.Sprintf("the co-occurrence of %s", plural(len(c.Codes), "code")))
	}
	if opt.by != "" {
		if err := s.ix.CheckAttribute(opt.by); err != nil {
			return usageErr(fmt.Errorf("--by: %v", err))
		}
	}
	stats, err := s.study.Stats(s.ix, s.cb, corpus.StatsOptions{Scan: mo.Scan, By: opt.by})
	if err != nil {
		return err
	}
	// A bar's colour is its group's.
	if err := figure.CheckSize(0, len(codes), len(stats.Groups)); err != nil {
		return figureSizeErr(err, "", opt.by)
	}
	what := fmt.Sprintf("the %s of %s", opt.measure, plural(len(codes), "code"))
	if opt.by != "" {
		what += " by " + opt.by
	}
	return writeFigure(g, t, report.FrequencyFigure(stats, codes, opt.measure, width), width, what)
}
