package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
)

func newCoderCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "coder",
		Short: "Declare the study's coders and list them",
		Long: `The study's coders are declared in qda.yaml, as its codes are in
codebook.yaml:

  coders:
    jt: {name: Jill Thompson, email: jill@example.org}
    auto: {name: qda autocode, machine: true}

A command that writes as a coder then takes --coder or $QDA_CODER only when
it names a declared coder, and maps your git identity (user.email, then
user.name, or a coder's git field) to one; anyone else is refused, so that a
forgotten --coder never makes one person two coders. A study without the
list works as before. Machine coders (autocode, an assistant) are left out
of agreement between people unless named with --coders.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newCoderAddCmd(g), newCoderListCmd(g))
	return cmd
}

type coderAddOptions struct {
	name, email, git string
	machine          bool
}

func newCoderAddCmd(g *globals) *cobra.Command {
	var opt coderAddOptions
	cmd := &cobra.Command{
		Use:   "add ID [--name NAME] [--email EMAIL] [--git NAME|EMAIL] [--machine]",
		Short: "Declare a coder in qda.yaml",
		Long: `Add coder ID to the coders list of qda.yaml, one line, leaving the rest of the
file as it is. The first person added also declares every coder that already
has a folder under codings/, so no one already coding is refused afterwards
(add their names to qda.yaml by hand). A list of machine coders alone
(autocode's) holds no one to it.`,
		Example: `  qda coder add jt --name "Jill Thompson" --email jill@example.org
  qda coder add ai-claude --name "Claude (assistant)" --machine`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runCoderAdd(g, args[0], opt) },
	}
	f := cmd.Flags()
	f.StringVar(&opt.name, "name", "", "the coder's full `NAME`")
	f.StringVar(&opt.email, "email", "", "the coder's `EMAIL`, as git config user.email gives it")
	f.StringVar(&opt.git, "git", "", "another git user.name or user.email of the coder")
	f.BoolVar(&opt.machine, "machine", false, "a program, not a person: left out of agreement between people unless named")
	return cmd
}

func runCoderAdd(g *globals, id string, opt coderAddOptions) error {
	if !corpus.ValidName(id) {
		return withHint(usageErr(fmt.Errorf("coder id %q is not a name", id)), "use lowercase letters, digits and '-', e.g. %q", corpus.Slug(id))
	}
	st, err := corpus.OpenWrite(g.dir, lockWait(g))
	if err != nil {
		return openError(err)
	}
	g.closeAtExit(st)
	if _, ok := st.Config.Coder(id); ok {
		return usageErr(fmt.Errorf("coder %q is already declared in %s", id, corpus.ConfigFile))
	}
	declared, err := st.DeclareCoder(corpus.Coder{ID: id, Name: opt.name, Email: opt.email, Git: opt.git, Machine: opt.machine})
	if err != nil {
		return err
	}
	g.sayf("qda: ", "declared %s in %s", strings.Join(declared, ", "), corpus.ConfigFile)
	return nil
}

func newCoderListCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "Each coder: name, declared or not, machine or person, transcripts and segments",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return runCoderList(g) },
	}
}

func runCoderList(g *globals) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	rows, err := s.study.CoderSummaries(s.ix)
	if err != nil {
		return withHint(err, "'qda check' lists every problem")
	}
	if g.json {
		return printJSON(g.stdout, rows)
	}
	t := newTable(g.stdout, "coder", "name", "kind", "transcripts", "nothing applies", "segments")
	for _, r := range rows {
		kind := "person"
		if r.Machine {
			kind = "machine"
		}
		if !r.Declared {
			kind += ", not declared"
		}
		t.row(r.ID, r.Name, kind, fmt.Sprint(r.Transcripts), fmt.Sprint(r.None), fmt.Sprint(r.Segments))
	}
	if err := t.flush(); err != nil {
		return err
	}
	if !s.study.Config.Declares() && len(rows) > 0 {
		g.say("qda: hint: ", "the study does not declare its coders; 'qda coder add ID --name NAME' does, after which an unknown coder is refused")
	}
	return nil
}

// writingCoder says who writes codings: --coder, else $QDA_CODER, else
// the git identity, resolved through the study's declared coders. A coder
// new to a study that declares none is said once, when their folder is
// made.
func writingCoder(g *globals, st *corpus.Study) (string, error) {
	id, err := whoWrites(g, st)
	if err == nil && !st.Config.Declares() {
		if coded, _ := st.CodedBy(id); len(coded) == 0 {
			g.sayf("qda: ", "%s is a new coder of this study; 'qda coder add %s --name NAME' declares the study's coders, after which an unknown coder is refused", id, id)
		}
	}
	return id, err
}

// identity is who runs qda: explicit, given with flag, else $QDA_CODER,
// else the study's git identity.
func identity(st *corpus.Study, explicit, flag string) corpus.Identity {
	who := corpus.Identity{Explicit: explicit, From: flag}
	if who.Explicit == "" {
		who.Explicit, who.From = os.Getenv("QDA_CODER"), "$QDA_CODER"
	}
	if who.Explicit == "" {
		who.GitName, who.GitEmail = st.GitIdentity()
		who.From = "git config"
	}
	return who
}

// whoWrites resolves the writer as writingCoder does, saying nothing: for
// a memo's author, who makes no codings folder.
func whoWrites(g *globals, st *corpus.Study) (string, error) {
	if len(g.coder) > 1 {
		return "", usageErr(errors.New("give one --coder when writing codings"))
	}
	who := identity(st, strings.Join(g.coder, ""), "--coder")
	id, err := st.Config.ResolveCoder(who)
	switch {
	case errors.Is(err, corpus.ErrUndeclared) && who.Explicit != "":
		return "", withHint(usageErr(err), "'qda coder add %s --name NAME' declares a new coder; 'qda coder list' shows them", who.Explicit)
	case errors.Is(err, corpus.ErrUndeclared):
		return "", withHint(usageErr(err), "pass --coder ID, or declare yourself: 'qda coder add ID --name %q --email %q'", who.GitName, who.GitEmail)
	case err != nil && who.Explicit == "" && who.GitName == "" && who.GitEmail == "":
		return "", withHint(usageErr(err), "give --coder NAME, set QDA_CODER, or set git config user.name")
	case err != nil:
		return "", usageErr(err)
	}
	return id, nil
}
