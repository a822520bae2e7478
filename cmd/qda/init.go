package main

import (
	"errors"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
)

type initOptions struct {
	title string
}

func newInitCmd(g *globals) *cobra.Command {
	var opt initOptions
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create an empty study",
		Long: `Create an empty study in DIR (default: the current folder): qda.yaml,
codebook.yaml, participants.csv, transcripts.csv, the transcripts/, codings/
and memos/ folders, and a .gitignore that keeps the derived .qda/ folder out
of git. It refuses a folder that already holds a study.`,
		Example: `  qda init interviews
  qda init --title "Service users' experiences" .`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := g.dir
			if len(args) == 1 {
				dir = args[0]
				if !filepath.IsAbs(dir) {
					dir = filepath.Join(g.dir, dir)
				}
			}
			return runInit(g, dir, opt)
		},
	}
	cmd.Flags().StringVar(&opt.title, "title", "", "the study's title (default: the folder's name)")
	return cmd
}

func runInit(g *globals, dir string, opt initOptions) error {
	if err := corpus.Init(dir, opt.title); err != nil {
		if errors.Is(err, corpus.ErrStudyExists) {
			return withHint(err, "choose another folder; qda never overwrites a study")
		}
		return err
	}
	g.sayf("qda: ", "created a study in %s", dir)
	g.sayf("qda: ", "next: add codes to codebook.yaml, participants to participants.csv, and transcripts")
	return nil
}
