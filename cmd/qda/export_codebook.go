package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/export"
)

type exportCodebookOptions struct {
	out, format string
	where       []string
}

func newExportCodebookCmd(g *globals) *cobra.Command {
	var opt exportCodebookOptions
	cmd := &cobra.Command{
		Use:   "codebook -o FILE",
		Short: "Write the codebook for an appendix: every code with its definition and counts",
		Long: `Write the codebook: every code in tree order with its label, description,
include and exclude rules, examples, former names (aliases) and colour, and
its references, transcripts, participants, lines and words over the chosen
coders' codings (--coder, --where). .md writes a document with a heading
per code, for a report's appendix; .xlsx, .csv and .json a table.`,
		Example: `  qda export codebook -o codebook.md
  qda export codebook -o codebook.xlsx --coder jt`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExportCodebook(g, opt) },
	}
	f := cmd.Flags()
	f.StringVarP(&opt.out, "output", "o", "", "write to `FILE` (.xlsx, .csv, .md, .json; - for stdout)")
	f.StringVar(&opt.format, "format", "", "the format, when not the extension of -o")
	f.StringArrayVar(&opt.where, "where", nil, "count over transcripts whose `attr=value` matches")
	return cmd
}

func runExportCodebook(g *globals, opt exportCodebookOptions) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	scan, err := s.scanOptions(g, opt.where)
	if err != nil {
		return err
	}
	t, err := newExportTarget(g, opt.out, opt.format, "xlsx", "csv", "md", "json")
	if err != nil {
		return err
	}
	about, err := exportAbout(s, t, scan, "")
	if err != nil {
		return err
	}
	step, done := progress(g, s, "counting")
	counts, err := export.CountCodes(s.study, s.ix, s.cb, scan, step)
	done()
	if err != nil {
		return err
	}
	tb := export.CodebookTable(s.cb, counts)
	md := func(w io.Writer) error { return export.WriteCodebookMarkdown(w, s.cb, counts) }
	if err := t.writeTable(g, tb, about, export.SheetCodebook, md, 28, 6, 16, 28, 50, 40, 40, 40, 20, 10); err != nil {
		return err
	}
	t.written(g, "the codebook ("+plural(len(tb.Rows), "code")+")")
	return nil
}
