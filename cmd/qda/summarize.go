package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/export"
)

type summarizeOptions struct {
	text string
	edit bool
}

func newSummarizeCmd(g *globals) *cobra.Command {
	var opt summarizeOptions
	cmd := &cobra.Command{
		Use:   "summarize PARTICIPANT THEME [--text T | --edit]",
		Short: "Keep a researcher's summary of one cell of the framework matrix",
		Long: `Keep your summary of what PARTICIPANT says about THEME (any code), as in
NVivo's framework matrices and MAXQDA's summary grid. Summaries live in
memos/summaries/PARTICIPANT.yaml, one "code path: text" entry each, sorted,
so they diff well in git. The matrix workbook shows them on its Summaries
sheet, and 'qda export matrix --summaries' puts them in the cells.

Without --text or --edit, prints the summary. --text T sets it (--text ''
removes it); --edit opens it in $VISUAL or $EDITOR.`,
		Example: `  qda summarize may tea-and-company --text "Weekly tea; keeps going after the scheme."
  qda summarize may confidence --edit
  qda summarize may tea-and-company`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: completeSummarize(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSummarize(g, args[0], args[1], opt, cmd.Flags().Changed("text"))
		},
	}
	cmd.Flags().StringVar(&opt.text, "text", "", "set the summary to `T` ('' removes it)")
	cmd.Flags().BoolVar(&opt.edit, "edit", false, "edit the summary in $VISUAL or $EDITOR")
	return cmd
}

func runSummarize(g *globals, participant, theme string, opt summarizeOptions, setText bool) error {
	if setText && opt.edit {
		return usageErr(errors.New("give --text or --edit, not both"))
	}
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	if _, ok := s.ix.Participants.Lookup(participant); !ok {
		return withHint(usageErr(fmt.Errorf("unknown participant %s", quote(participant))), "participants.csv lists the participants")
	}
	code, err := s.resolveCode(theme)
	if err != nil {
		return err
	}
	sums, err := export.ReadSummaries(s.study)
	if err != nil {
		return withHint(err, "fix the file: it holds the summaries 'qda summarize' writes")
	}
	file := export.SummaryFile(participant)
	current := sums.Get(participant, code.Path)
	text := opt.text
	switch {
	case opt.edit:
		if text, err = editSummaryText(g, s, participant, code.Path, current); err != nil {
			return err
		}
		if strings.TrimSpace(text) == "" {
			g.sayf("qda: ", "the edit was empty; %s is unchanged (--text '' removes a summary)", file)
			return nil
		}
	case !setText:
		if current == "" {
			g.sayf("qda: ", "no summary of %s for %s yet; add one with --text or --edit", code.Path, participant)
			return nil
		}
		fmt.Fprintln(g.stdout, current)
		return nil
	}
	if strings.TrimSpace(text) == current {
		g.sayf("qda: ", "%s is unchanged", file)
		return nil
	}
	// SetSummary reads the participant's file again and changes one
	// entry: under the lock, no other qda changes it in between.
	unlock, err := s.lockForWrite(g)
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := export.SetSummary(s.study, participant, code.Path, text); err != nil {
		return err
	}
	verb := "saved"
	if strings.TrimSpace(text) == "" {
		verb = "removed"
	}
	g.sayf("qda: ", "%s the summary of %s for %s in %s", verb, code.Path, participant, file)
	return nil
}

// editSummaryText opens the summary in the editor, in a file under .qda/edits/
// that stays there if the editor fails, and returns the text without the
// comment lines.
func editSummaryText(g *globals, s *session, participant, path, current string) (string, error) {
	editor, err := chooseEditor(true)
	if err != nil {
		return "", err
	}
	rel, err := s.study.NewScratchFile("summary-"+participant, ".txt")
	if err != nil {
		return "", err
	}
	name := s.study.Path(rel)
	text := fmt.Sprintf("# qda summarize: %s, %s\n# Write the summary below, then save and close. Lines starting with # are left out.\n%s\n", participant, path, current)
	if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
		return "", err
	}
	if err := runEditor(g, editor, name); err != nil {
		return "", withHint(err, "your text is in %s", rel)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	os.Remove(name)
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, strings.TrimRight(l, " \t\r"))
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n")), nil
}

// completeSummarize completes participants, then codes.
func completeSummarize(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 1 {
			return codePaths(g, prefix), cobra.ShellCompDirectiveNoFileComp
		}
		if len(args) > 1 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		s, err := peekStudy(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ix, _, err := s.LoadIndex()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var ids []string
		for _, r := range ix.Participants.Rows {
			ids = append(ids, r.ID)
		}
		return withPrefix(ids, prefix), cobra.ShellCompDirectiveNoFileComp
	}
}
