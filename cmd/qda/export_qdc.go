package main

import (
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export/refi"
)

type exportQDCOptions struct {
	out string
}

func newExportQDCCmd(g *globals) *cobra.Command {
	var opt exportQDCOptions
	cmd := &cobra.Command{
		Use:   "qdc -o FILE.qdc",
		Short: "Write the codebook as a REFI-QDA codebook (.qdc)",
		Long: `Write the codebook alone in the REFI-QDA codebook format, for another
tool or another qda study ('qda import qdc'). Codes carry the same GUIDs
as in 'qda export qdpx'. See docs/refi.md.`,
		Example: `  qda export qdc -o framework.qdc`,
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runExportQDC(g, opt) },
	}
	cmd.Flags().StringVarP(&opt.out, "output", "o", "", "write the codebook to `FILE.qdc`")
	return cmd
}

func runExportQDC(g *globals, opt exportQDCOptions) error {
	out, err := exchangeOutput(g, opt.out, ".qdc")
	if err != nil {
		return err
	}
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	if len(s.cb.Codes) == 0 {
		return withHint(errors.New(corpus.CodebookFile+": the codebook has no codes, and a .qdc file must hold at least one"), "add codes with 'qda codebook add'")
	}
	err = exportTarget{given: opt.out, path: out}.explain(writeOutput(out, func(w io.Writer) error {
		return refi.ExportCodebook(s.cb, refi.Title(s.study, s.cb), w)
	}))
	if err != nil {
		return err
	}
	g.sayf("qda: ", "wrote %s: %s", opt.out, plural(len(s.cb.All()), "code"))
	return nil
}
