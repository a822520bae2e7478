package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/export"
	"github.com/qdatool/qda/export/refi"
)

type exportQDPXOptions struct {
	out      string
	combined bool
}

func newExportQDPXCmd(g *globals) *cobra.Command {
	var opt exportQDPXOptions
	cmd := &cobra.Command{
		Use:   "qdpx -o FILE.qdpx [--combined]",
		Short: "Write the study as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA and QualCoder",
		Long: `Write the study as a REFI-QDA project (.qdpx): project.qde and each
transcript as a plain-text source. It carries the coders as users, the
codebook (labels as code names, made unique where labels repeat; include,
exclude, examples and memo in the description), a selection per segment
and code (--combined: one per segment, with a coding per code), the
participants as cases with their attributes as variables, the transcripts'
attributes, and the memos and framework summaries as notes.

Positions count Unicode code points from 0, end exclusive, over the
transcript's text. GUIDs derive from the study's title and each object's
path, so exporting an unchanged study again gives the same file. Every
selection, source and note is dated: a memo by its date, else by the last
commit of its file, else by $SOURCE_DATE_EPOCH, else by the file's time.
--coder limits the codings to those coders. See docs/refi.md.`,
		Example: `  qda export qdpx -o study.qdpx
  qda export qdpx -o jt.qdpx --coder jt`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runExportQDPX(g, opt) },
	}
	cmd.Flags().StringVarP(&opt.out, "output", "o", "", "write the project to `FILE.qdpx`")
	cmd.Flags().BoolVar(&opt.combined, "combined", false, "write one selection per segment with a coding per code (some readers take only the first)")
	return cmd
}

func runExportQDPX(g *globals, opt exportQDPXOptions) error {
	out, err := exchangeOutput(g, opt.out, ".qdpx")
	if err != nil {
		return err
	}
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	coders, err := s.chosenCoders(g.coders())
	if err != nil {
		return err
	}
	var epoch time.Time
	if e := os.Getenv("SOURCE_DATE_EPOCH"); e != "" {
		if epoch, err = export.DateFromEnv(e, time.Time{}); err != nil {
			return withHint(usageErr(err), "unset SOURCE_DATE_EPOCH or give seconds since 1970")
		}
	}
	var rep *refi.ExportReport
	err = exportTarget{given: opt.out, path: out}.explain(writeOutput(out, func(w io.Writer) error {
		var err error
		rep, err = refi.ExportProject(s.study, s.cb, s.ix, refi.ExportOptions{Coders: coders, Origin: "qda " + qdaVersion(), Epoch: epoch, Combined: opt.combined}, w)
		return err
	}))
	if err != nil {
		return err
	}
	for _, sk := range rep.Skipped {
		g.sayf("qda: ", "left out: %s", sk)
	}
	g.sayf("qda: ", "wrote %s: %s, %s, %s, %s (%s), %s, %s, %s", opt.out,
		plural(rep.Users, "user"), plural(rep.Codes, "code"), plural(rep.Sources, "source"),
		plural(rep.Selections, "selection"), plural(rep.Codings, "coding"), plural(rep.Cases, "case"),
		plural(rep.Variables, "variable"), plural(rep.Notes, "note"))
	return nil
}

// exchangeOutput checks -o for an exchange file: given, with the right
// extension; relative to -C DIR like every other path.
func exchangeOutput(g *globals, out, ext string) (string, error) {
	if out == "" {
		return "", withHint(usageErr(errors.New("no output file")), "give -o FILE%s", ext)
	}
	if filepath.Ext(out) != ext {
		return "", withHint(usageErr(fmt.Errorf("%s: the output file must end in %s", out, ext)), "give -o FILE%s", ext)
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(g.dir, out)
	}
	return out, nil
}
