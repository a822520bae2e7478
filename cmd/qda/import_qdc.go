package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export/refi"
)

type importQDCOptions struct {
	dryRun bool
}

func newImportQDCCmd(g *globals) *cobra.Command {
	var opt importQDCOptions
	cmd := &cobra.Command{
		Use:   "qdc FILE.qdc",
		Short: "Merge a REFI-QDA codebook (.qdc) into the study's codebook",
		Long: `Merge a REFI-QDA codebook into codebook.yaml: codes the study lacks are
added, with their descriptions and colours, where the .qdc puts them;
a code matches one the study has by its GUID (as 'qda export' writes it)
or by its path, and gets the label, description, include, exclude or
colour it lacks. Nothing is deleted or overwritten: where a matched code's
field differs, the study's is kept and the difference reported. codebook.yaml is edited in place, so its comments and
layout stay.`,
		Example: `  qda import qdc framework.qdc
  qda import qdc framework.qdc --dry-run`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runImportQDC(g, args[0], opt) },
	}
	cmd.Flags().BoolVar(&opt.dryRun, "dry-run", false, "report what would change; write nothing")
	return cmd
}

func runImportQDC(g *globals, file string, opt importQDCOptions) error {
	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(g.dir, path)
	}
	data, err := corpus.ReadInput(path)
	if errors.Is(err, fs.ErrNotExist) {
		return withHint(usageErr(fmt.Errorf("%s: no such file", file)), "give the path of a .qdc file")
	} else if err != nil {
		return err
	}
	s, err := openStudyWrite(g)
	if err != nil {
		return err
	}
	f, err := refi.ParseCodebook(data, refi.DefaultLimits)
	if err != nil {
		return withHint(fmt.Errorf("%s: %w", file, err), "export the codebook again as REFI-QDA (.qdc) from the tool that wrote it")
	}
	src, err := s.study.ReadFile(corpus.CodebookFile)
	if err != nil {
		return err
	}
	out, rep, err := refi.MergeCodebook(s.cb, src, f, refi.Title(s.study, s.cb))
	if err != nil {
		return err
	}
	for _, p := range rep.Added {
		fmt.Fprintf(g.stdout, "added %s\n", p)
	}
	for _, f := range rep.Former {
		fmt.Fprintf(g.stdout, "matched %s\n", f)
	}
	for _, f := range rep.Filled {
		fmt.Fprintf(g.stdout, "filled in %s\n", f)
	}
	for _, c := range rep.Conflicts {
		g.sayf("qda: ", "conflict: %s", c)
	}
	for _, d := range rep.Duplicates {
		g.sayf("qda: ", "duplicate: %s", d)
	}
	for _, n := range rep.NotCarried {
		g.sayf("qda: ", "not carried over: %s", n)
	}
	verb := "added"
	if opt.dryRun {
		verb = "would add"
	}
	dups := ""
	if len(rep.Duplicates) > 0 {
		dups = fmt.Sprintf(", %s in the file (listed above)", plural(len(rep.Duplicates), "duplicate"))
	}
	g.sayf("qda: ", "%s %s, %d already in the study%s, %s", verb, plural(len(rep.Added), "code"), rep.Matched, dups, plural(len(rep.Conflicts), "conflict"))
	if opt.dryRun || bytes.Equal(out, src) {
		return nil
	}
	return s.study.WriteStudyFile(corpus.CodebookFile, out)
}
