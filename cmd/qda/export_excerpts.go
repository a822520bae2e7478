package main

import (
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/export"
)

type exportExcerptsOptions struct {
	out, format string
	depth       int
	where       []string
	lineNumbers bool
}

func newExportExcerptsCmd(g *globals) *cobra.Command {
	var opt exportExcerptsOptions
	cmd := &cobra.Command{
		Use:   "excerpts [CODE] -o FILE",
		Short: "Write the passages of a code, or of every theme, grouped by code then participant",
		Long: `Write every passage (reference) of CODE, with its descendants' passages,
or, without CODE, of each code at --depth (1: the themes), grouped by code,
then participant (with their attributes), then transcript and line. Each
passage names its transcript and lines, the codes on it and its coders
(with the lines each coded, "jt 9-10, eh 7-9", when they differ), and
shows its speaker turns, one paragraph each (in a cell, one line each)
with the speaker's label, also for a turn begun before the passage; the
interviewer's in italics in Markdown. --line-numbers prefixes each line
with its number ("[12] "). .md writes a document to quote from; .xlsx,
.csv and .json a table.`,
		Example: `  qda export excerpts tea-and-company -o tea.md
  qda export excerpts --depth 2 --coder jt -o excerpts.xlsx
  qda export excerpts tea-and-company --line-numbers -o tea.csv`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeCodes(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			ref := ""
			if len(args) == 1 {
				ref = args[0]
			}
			return runExportExcerpts(g, ref, opt, cmd.Flags().Changed("depth"))
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opt.out, "output", "o", "", "write to `FILE` (.xlsx, .csv, .md, .json; - for stdout)")
	f.StringVar(&opt.format, "format", "", "the format, when not the extension of -o")
	f.IntVar(&opt.depth, "depth", 1, "the codes at depth `N` (with CODE: its codes at that depth)")
	f.StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	f.BoolVar(&opt.lineNumbers, "line-numbers", false, "prefix each line of a passage with its number")
	return cmd
}

func runExportExcerpts(g *globals, ref string, opt exportExcerptsOptions, depthGiven bool) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	if opt.depth < 0 {
		return usageErr(errors.New("--depth must be 0 or more"))
	}
	scan, err := s.scanOptions(g, opt.where)
	if err != nil {
		return err
	}
	codes := export.Columns(s.cb, opt.depth, nil)
	title := "Excerpts"
	if ref != "" {
		code, err := s.resolveCode(ref)
		if err != nil {
			return err
		}
		codes = []*codebook.Code{code}
		if depthGiven {
			codes = export.Columns(s.cb, opt.depth, codes)
		}
		title = "Excerpts: " + code.DisplayLabel()
	}
	t, err := newExportTarget(g, opt.out, opt.format, "xlsx", "csv", "md", "json")
	if err != nil {
		return err
	}
	about, err := exportAbout(s, t, scan, "")
	if err != nil {
		return err
	}
	step, done := progress(g, s, "reading")
	ex, err := export.CollectExcerpts(s.study, s.ix, s.cb, export.ExcerptsOptions{Scan: scan, Codes: codes, LineNumbers: opt.lineNumbers}, step)
	done()
	if err != nil {
		return err
	}
	defer ex.Close()
	md := func(w io.Writer) error { return ex.WriteMarkdown(w, title) }
	if err := t.writeTable(g, ex.Table(), about, export.SheetExcerpts, md, 24, 24, 12, 12, 8, 16, 28, 10, 80); err != nil {
		return err
	}
	t.written(g, plural(ex.Len(), "passage")+" of "+plural(len(codes), "code"))
	return nil
}
