package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
)

type codeOptions struct {
	newCode // the flags of --new (code_new.go)

	memo string
	edit bool
	none bool
	// the full-screen workspace (workspace.go)
	interactive, plain bool
}

func newCodeCmd(g *globals) *cobra.Command {
	var opt codeOptions
	cmd := &cobra.Command{
		Use:   "code [ID LINES CODE... | -i [ID] | --edit ID | --none ID]",
		Short: "Code lines of a transcript",
		Long: `Code lines LINES (N or A-B) of transcript ID with one or more codes, as the
current coder (--coder, else $QDA_CODER, else git config user.name made a
slug). The segment goes into codings/CODER/ID.yaml with the quote of its
first line, so check can tell when the transcript changes under it.

A code may be given by its path, a former name (an alias), or its name or
label alone when no other code has it ("shopping" for
confidence/daily-tasks/shopping); qda stores and prints the canonical
path. A name several codes have is refused with the paths it could mean.
Blank lines at the edges of the range are left out. Coding lines that
touch or overlap a segment with the same codes extends that segment. An
unknown code, a range outside the transcript or an unknown transcript is
refused and no file is touched; the hint of an unknown code is the
command that adds it.

With --new, NEWCODE is a code to make while coding: it is added to
codebook.yaml (under --parent P, or the parent in its path, or at the top)
and the lines are coded with it, both files in one all-or-nothing change.
P may be a unique name or label too; --parents makes missing parents, as
'qda codebook add --parents' does. --label and --description describe the
new code.

With --edit, qda opens transcript ID in $VISUAL, else $EDITOR, else vi, one
row per line with your codes in a margin after |>: add, change or remove
codes there, save and quit, and qda writes your codings file. An edit with
problems reopens with them listed on top; quit without saving to give up,
and the edit is kept in .qda/edits/ for 'qda code --edit FILE' to go on
with. See docs/format.md for the file.

With no range, or with -i, qda opens the coding workspace on the terminal:
the transcript list (or transcript ID), where you select lines and pick
codes, make codes, undo and redo; every action is written at once. '?'
shows its keys; see docs/workspace.md.

With --none, record that you read transcript ID and nothing in it applies:
your file then says so ('- none: true', with --memo as the reason), and
agreement counts every line of it as a "no" from you. Without a file, the
transcript is one you have not coded, which agreement leaves out for you.`,
		Example: `  qda code may-1 14-16 confidence/daily-tasks
  qda code may-1 20 tea-and-company sustainability/ending-support --memo "tea as the reason to stay"
  QDA_CODER=jt qda code may-2 3-5 confidence
  qda code may-1 14-16 shopping   # a unique name or label is enough
  qda code may-1 14-16 keeping-busy --new --parent confidence --label "Keeping busy"
  qda code --edit may-1         # code in your editor, codes in a margin
  qda code ted-2 --none --memo "only arranging the next visit"
  qda code                      # the coding workspace: pick a transcript
  qda code -i may-1             # the coding workspace on may-1`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opt.edit || opt.none {
				return cobra.ExactArgs(1)(cmd, args)
			}
			if opt.interactive || len(args) < 2 {
				return cobra.MaximumNArgs(1)(cmd, args)
			}
			return cobra.MinimumNArgs(3)(cmd, args)
		},
		ValidArgsFunction: completeCodeArgs(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opt.none && opt.edit {
				return usageErr(errors.New("--none and --edit do not go together"))
			}
			if opt.new && (opt.none || opt.edit || len(args) != 3) {
				return usageErr(errors.New("--new makes one code at a time: give ID LINES NEWCODE, without --edit or --none"))
			}
			if !opt.new && (opt.parent != "" || opt.parents || opt.label != "" || opt.desc != "") {
				return usageErr(errors.New("--parent, --parents, --label and --description go with --new"))
			}
			if opt.none {
				return runCodeNone(g, args[0], opt.memo)
			}
			if (opt.interactive || len(args) < 2) && !opt.edit {
				return runWorkspace(g, strings.Join(args, ""), opt.plain)
			}
			if opt.edit {
				if opt.memo != "" {
					return usageErr(errors.New("--memo goes with 'qda code ID LINES CODE...', not with --edit"))
				}
				return runCodeEdit(g, args[0])
			}
			if opt.new {
				return runCodeNew(g, args[0], args[1], args[2], opt)
			}
			return runCode(g, args[0], args[1], args[2:], opt)
		},
	}
	opt.newCode.bind(g, cmd)
	cmd.Flags().StringVar(&opt.memo, "memo", "", "a memo for the segment")
	cmd.Flags().BoolVar(&opt.edit, "edit", false, "edit your codes of transcript ID in $VISUAL or $EDITOR, in a margin beside its lines")
	cmd.Flags().BoolVar(&opt.none, "none", false, "record that you read transcript ID and nothing in it applies")
	cmd.Flags().BoolVarP(&opt.interactive, "interactive", "i", false, "open the coding workspace (the default with no range)")
	cmd.Flags().BoolVar(&opt.plain, "plain", false, "draw the workspace for a screen reader: no colour, ASCII marks")
	return cmd
}

// editTarget is what code and uncode both need before they change a file.
type editTarget struct {
	s       *session
	coder   string
	t       *corpus.Transcript
	r       corpus.Range
	codings *corpus.Codings
	canon   func(string) string
}

func prepareEdit(g *globals, id, lines string) (*editTarget, error) {
	s, err := openStudyWriteFor(g, id)
	if err != nil {
		return nil, err
	}
	coder, err := writingCoder(g, s.study)
	if err != nil {
		return nil, err
	}
	t, cs, _, err := s.codingsOf(coder, id)
	if err != nil {
		return nil, err
	}
	r, err := corpus.ParseRange(lines)
	if err != nil {
		return nil, usageErr(err)
	}
	if r.End > t.Len() {
		return nil, withHint(usageErr(fmt.Errorf("lines %s are outside %s, which has %d lines", r, corpus.TranscriptFile(id), t.Len())),
			"'qda show %s' shows the line numbers", id)
	}
	canon := corpus.NewResolver(s.cb).Canon
	return &editTarget{s: s, coder: coder, t: t, r: r, codings: cs, canon: canon}, nil
}

func runCode(g *globals, id, lines string, refs []string, opt codeOptions) error {
	e, err := prepareEdit(g, id, lines)
	if err != nil {
		return err
	}
	codes, err := e.s.resolvePaths(refs, func(path string) string { return fmt.Sprintf("qda code %s %s %s --new", id, lines, path) })
	if err != nil {
		return err
	}
	r, ok := e.t.TrimBlank(e.r)
	if !ok {
		return withHint(usageErr(fmt.Errorf("lines %s of %s are blank", e.r, corpus.TranscriptFile(id))), "'qda show %s' shows the line numbers", id)
	}
	segs, changed := corpus.AddCoding(e.codings.Segments, e.t, r, codes, opt.memo, e.canon)
	if !changed {
		g.sayf("qda: ", "%s:%s already coded %s by %s; nothing changed", id, r, strings.Join(codes, ", "), e.coder)
		return nil
	}
	e.codings.Segments = segs
	if err := e.s.study.WriteCodings(e.codings); err != nil {
		return err
	}
	g.sayf("qda: ", "coded %s:%s %s (%s)", id, r, strings.Join(codes, ", "), e.codings.File)
	return nil
}

func newUncodeCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "uncode ID LINES [CODE...]",
		Short: "Remove codings from lines of a transcript",
		Long: `Remove the current coder's codings from lines LINES (N or A-B) of transcript
ID: only the codes given, or every code when none is given. A segment that
reaches beyond LINES is split and keeps its codes on the lines outside.
Removing your last segment removes your codings file (and your folder,
when it was your last file): the transcript is then one you have not
coded, which agreement leaves out for you. To record instead that you read
it and nothing applies, run 'qda code ID --none'.`,
		Example: `  qda uncode may-1 14-16 confidence/daily-tasks
  qda uncode may-1 20          # every code of yours on line 20`,
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: completeCodeArgs(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runUncode(g, args[0], args[1], args[2:])
		},
	}
}

func runUncode(g *globals, id, lines string, refs []string) error {
	e, err := prepareEdit(g, id, lines)
	if err != nil {
		return err
	}
	codes, err := e.s.resolvePaths(refs, addCodeCmd)
	if err != nil {
		return err
	}
	segs, removed := corpus.RemoveCoding(e.codings.Segments, e.t, e.r, codes, e.canon)
	if removed == 0 {
		what := "any code"
		if codes != nil {
			what = strings.Join(codes, ", ")
		}
		return withHint(errors.New(fmt.Sprintf("%s:%s: %s has not coded these lines with %s", id, e.r, e.coder, what)),
			"'qda show %s --coder %s' shows your codes", id, e.coder)
	}
	e.codings.Segments = segs
	if err := e.s.study.WriteCodings(e.codings); err != nil {
		return err
	}
	g.sayf("qda: ", "removed %s from %s:%s (%s)", plural(removed, "coding"), id, e.r, e.codings.File)
	if len(segs) == 0 {
		g.sayf("qda: ", "%s has no codings left in %s: %s removed, so %s is not coded by %s; 'qda code %s --none' records that nothing applies instead",
			e.coder, id, e.codings.File, id, e.coder, id)
	}
	return nil
}

// runCodeNone records that the coder read transcript id and nothing in it
// applies.
func runCodeNone(g *globals, id, memo string) error {
	s, err := openStudyWriteFor(g, id)
	if err != nil {
		return err
	}
	coder, err := writingCoder(g, s.study)
	if err != nil {
		return err
	}
	t, cs, existed, err := s.codingsOf(coder, id)
	if err != nil {
		return err
	}
	switch {
	case len(cs.Segments) > 0:
		return withHint(usageErr(fmt.Errorf("%s has %s in %s: a transcript where nothing applies has none", coder, plural(len(cs.Segments), "segment"), id)),
			"'qda uncode %s 1-%d' removes them first, if nothing applies after all", id, t.Len())
	case existed && cs.None && cs.NoneMemo == memo:
		g.sayf("qda: ", "%s already says nothing in %s applies; nothing changed", cs.File, id)
		return nil
	}
	c := &corpus.Codings{Coder: coder, Transcript: id, File: corpus.CodingsFile(coder, id), None: true, NoneMemo: memo}
	if err := s.study.WriteCodings(c); err != nil {
		return err
	}
	g.sayf("qda: ", "%s read %s and nothing applies (%s)", coder, id, c.File)
	return nil
}
