package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/export"
)

func newExportAgreementCmd(g *globals) *cobra.Command {
	var opt agreeOptions
	var out string
	cmd := &cobra.Command{
		Use:   "agreement -o FILE.xlsx|FILE.csv|FILE.md",
		Short: "Write the inter-coder agreement tables and the disagreements for a report",
		Long: `Write what 'qda agree' prints, with every disagreement, for a report. The
format follows the extension of -o:

  .xlsx  sheets Agreement, Pairs (three coders or more), Disagreements, About
  .md    the same tables under headings
  .csv   one table per file: FILE.csv the per-code table, FILE-pairs.csv
         (three coders or more) and FILE-disagreements.csv beside it

The flags choosing coders, codes, unit, speaker and transcripts are those of
'qda agree'. SOURCE_DATE_EPOCH, when set, dates the workbook, so the same
study gives the same bytes; it is laid out and printed as the other
workbooks are.`,
		Example: `  qda export agreement -o agreement.xlsx --coders jt,eh
  qda export agreement -o agreement.md --depth 1 --unit turn`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExportAgreement(g, opt, out, commandLine())
		},
	}
	agreeFlags(cmd, g, &opt)
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` (.xlsx, .csv or .md)")
	return cmd
}

func runExportAgreement(g *globals, opt agreeOptions, out, command string) error {
	if out == "" {
		return withHint(usageErr(errors.New("no output file")), "give -o FILE.xlsx, FILE.csv or FILE.md")
	}
	ext := strings.ToLower(filepath.Ext(out))
	if ext != ".xlsx" && ext != ".csv" && ext != ".md" {
		return withHint(usageErr(fmt.Errorf("%s: unknown format %q", out, ext)), "give -o FILE.xlsx, FILE.csv or FILE.md")
	}
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	path := out
	if !filepath.IsAbs(path) {
		path = filepath.Join(g.dir, path)
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return withHint(fmt.Errorf("%s: no folder %s to write into", out, filepath.Dir(out)), "create the folder first, or give another -o")
	}
	spill, err := export.NewDisagreementSpill()
	if err != nil {
		return err
	}
	defer spill.Close()
	rep, err := s.agreement(g, opt, true, spill)
	if err != nil {
		return err
	}
	if err := nothingCompared(rep); err != nil {
		return err // a file of n/a figures and "0 disagreements" would read as agreement
	}
	about := export.AgreementAbout(rep, s.study.Config.Title, command)
	// Each file is written as it is made (a large study has thousands
	// of disagreements) and replaces its old version only when whole, so
	// a failed file is left as it was; but the files of a CSV export are
	// written one after another, so a failure in a later one (the
	// -disagreements.csv, made from the spill) leaves the earlier ones
	// already replaced.
	var files []string
	var writes []func(io.Writer) error
	switch ext {
	case ".xlsx":
		var date time.Time
		if date, err = exportDate(); err != nil {
			return err
		}
		files = []string{path}
		writes = []func(io.Writer) error{func(w io.Writer) error {
			return export.WriteAgreementXLSX(w, rep, about, s.study.Config.Title, date)
		}}
	case ".md":
		files = []string{path}
		writes = []func(io.Writer) error{func(w io.Writer) error { return export.WriteAgreementMarkdown(w, rep, about) }}
	case ".csv":
		for _, table := range export.AgreementCSVTables(rep) {
			name := path
			if table != "" {
				name = strings.TrimSuffix(path, filepath.Ext(path)) + "-" + table + ".csv"
			}
			files = append(files, name)
			writes = append(writes, func(w io.Writer) error { return export.WriteAgreementCSV(w, rep, table) })
		}
	}
	for i, f := range files {
		rel := f
		if r, err := filepath.Rel(g.dir, f); err == nil && !strings.HasPrefix(r, "..") {
			rel = r
		}
		if err := (exportTarget{given: rel, path: f}).write(g, writes[i]); err != nil {
			return err
		}
		files[i] = rel
	}
	g.sayf("qda: ", "wrote %s: %s, %s", strings.Join(files, ", "), plural(len(rep.Codes), "code"), plural(rep.DisagreementCount(), "disagreement"))
	return nil
}
