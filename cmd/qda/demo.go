package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus/demo"
)

type demoOptions struct {
	participants int
	seed         uint64
}

func newDemoCmd(g *globals) *cobra.Command {
	var opt demoOptions
	cmd := &cobra.Command{
		Use:   "demo [DIR]",
		Short: "Write the built-in example study, check it, summarise it and export its workbook",
		Long: `Write the built-in example study to DIR (default ./qda-demo), then check it,
count its themes, export the theme-by-participant workbook to
DIR/themes.xlsx, and say what to try next.

The study is synthetic, written for qda in the shape of a published study of
a social prescribing scheme: 26 service users (pseudonym, gender, age range,
trigger group, location, loneliness scores), 38 telephone and face-to-face
interviews of which 12 are follow-ups, a framework four levels deep, and
three coders (jt, eh, ah) whose codings overlap and sometimes disagree.

--participants N scales the study up for trying qda at size; the same N and
--seed always give the same bytes. DIR is replaced if it holds a demo study
written earlier; any other non-empty folder is refused.`,
		Example: `  qda demo
  qda demo /tmp/big --participants 10000`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "qda-demo"
			if len(args) == 1 {
				dir = args[0]
			}
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(g.dir, dir)
			}
			return runDemo(g, dir, opt)
		},
	}
	cmd.Flags().IntVar(&opt.participants, "participants", demo.DefaultParticipants, "how many participants to generate")
	cmd.Flags().Uint64Var(&opt.seed, "seed", 1, "the random seed: the same seed gives the same study")
	return cmd
}

func runDemo(g *globals, dir string, opt demoOptions) error {
	if opt.participants < 1 {
		return usageErr(errors.New("--participants must be at least 1"))
	}
	sum, replaced, err := demo.Create(dir, demo.Options{Participants: opt.participants, Seed: opt.seed})
	if errors.Is(err, demo.ErrNotDemo) {
		return withHint(usageErr(err), "give another DIR: qda demo only replaces a demo study")
	}
	if err != nil {
		return err
	}
	verb := "wrote"
	if replaced {
		verb = "rewrote"
	}
	g.sayf("qda: ", "%s the demo study in %s: %d participants, %d transcripts (%d follow-ups), %d coders, %d segments",
		verb, dir, sum.Participants, sum.Transcripts, sum.FollowUps, sum.Coders, sum.Segments)

	// The demo shows the everyday commands at work on what it wrote.
	sub := *g
	sub.dir = dir
	fmt.Fprintf(g.stderr, "\n$ qda check\n")
	if err := runCheck(&sub, checkOptions{}); err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "\n$ qda stats --depth 1\n")
	if err := runStats(&sub, statsOptions{depth: 1}); err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "\n$ qda export matrix -o themes.xlsx\n")
	if err := runExportMatrix(&sub, exportMatrixOptions{out: "themes.xlsx", rows: "participant", measure: "references", depth: 1,
		command: "qda export matrix -o themes.xlsx"}); err != nil {
		return err
	}
	rel := dir
	if r, err := filepath.Rel(g.dir, dir); err == nil {
		rel = r
	}
	fmt.Fprintf(g.stderr, `
Try next:
  cd %s
  qda codebook tree                          # the framework, with reference counts
  qda show may-1 --lines 1-30                # a transcript with its codes in the margin
  qda excerpts tea-and-company --coder jt    # every passage jt coded under a theme
  qda stats --depth 2 --by trigger_group     # codes by an attribute
  open themes.xlsx                           # the theme-by-participant workbook
  qda code may-1 3-4 confidence --coder me   # code lines yourself
README.md has the tour; 'qda help COMMAND' explains each command.
`, rel)
	return nil
}
