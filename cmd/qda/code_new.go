package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// newCode is the flags of 'qda code --new'.
type newCode struct {
	new         bool
	parent      string
	parents     bool
	label, desc string
}

func (o *newCode) bind(g *globals, cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.new, "new", false, "add NEWCODE to the codebook and code the lines with it, in one change")
	cmd.Flags().StringVar(&o.parent, "parent", "", "with --new: the code `P` to add NEWCODE under (default: the top level, or NEWCODE's own path)")
	cmd.Flags().BoolVar(&o.parents, "parents", false, "with --new: add the missing codes above NEWCODE too")
	cmd.Flags().StringVar(&o.label, "label", "", "with --new: the new code's label")
	cmd.Flags().StringVar(&o.desc, "description", "", "with --new: the new code's description")
	cmd.RegisterFlagCompletionFunc("parent", completeCodesAny(g))
}

// runCodeNew adds the code ref (under --parent, or the parent in its own
// path) to the codebook and codes lines of transcript id with it, in one
// change (corpus.Study.AddCodeAndApply).
func runCodeNew(g *globals, id, lines, ref string, opt codeOptions) error {
	e, err := prepareEdit(g, id, lines)
	if err != nil {
		return err
	}
	if _, ok := e.t.TrimBlank(e.r); !ok {
		return withHint(usageErr(fmt.Errorf("lines %s of %s are blank", e.r, corpus.TranscriptFile(id))), "'qda show %s' shows the line numbers", id)
	}
	parent, name := strings.TrimSpace(opt.parent), strings.TrimSpace(ref)
	if i := strings.LastIndex(name, "/"); i >= 0 {
		parent = strings.Trim(parent+"/"+name[:i], "/")
		name = name[i+1:]
	}
	if c := existing(e.s.cb, parent, name); c != nil {
		return withHint(usageErr(fmt.Errorf("code %q is in the codebook already", c.Path)),
			"code with it without --new: 'qda code %s %s %s'", id, lines, c.Path)
	}
	var f codebook.Fields
	if opt.label != "" {
		f.Label = &opt.label
	}
	if opt.desc != "" {
		f.Description = &opt.desc
	}
	done, err := e.s.study.AddCodeAndApply(corpus.NewCoding{Coder: e.coder, Transcript: id, Lines: e.r,
		Parent: parent, Name: name, Fields: f, Parents: opt.parents, Memo: opt.memo}, lockWait(g))
	if err != nil {
		return codeNewErr(err, id, lines, name)
	}
	for _, p := range done.Added {
		g.sayf("qda: ", "added %s to %s", p, corpus.CodebookFile)
	}
	g.sayf("qda: ", "coded %s:%s %s (%s)", id, done.Lines, done.Path, done.Codings.File)
	return nil
}

// existing is the code name under parent when the codebook has it
// already: one the person meant to code with, not to make.
func existing(cb *codebook.Codebook, parent, name string) *codebook.Code {
	if parent == "" {
		return cb.Lookup(name)
	}
	p, _, err := cb.ResolveArg(parent)
	if err != nil {
		return nil
	}
	return cb.Lookup(p.Path + "/" + name)
}

// codeNewErr explains a refused 'qda code --new': what was asked is
// misuse, with what to do; a problem of the study's files is not.
func codeNewErr(err error, id, lines, name string) error {
	var mp *codebook.MissingParentError
	var re *codebook.ResolveError
	var ce *codebook.CheckError
	var refused *corpus.RefusedError
	switch {
	case errors.As(err, &mp):
		if p := codePathOf(mp.Parent); p != "" {
			return withHint(usageErr(err), "'qda code %s %s %s/%s --new --parents' adds the missing parents too", id, lines, p, name)
		}
		return withHint(usageErr(err), "'qda codebook tree' lists the codes")
	case errors.As(err, &re):
		return codeRefErr(err, re.Ref, addCodeCmd)
	case errors.As(err, &ce):
		return withHint(err, "codebook.yaml and the codings are unchanged; please report the layout that defeated the rewrite")
	case errors.As(err, &refused):
		return withHint(usageErr(err), "nothing was changed; 'qda codebook tree' shows the codes")
	}
	return err
}
