package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

func newTranscriptsCmd(g *globals) *cobra.Command {
	var where []string
	cmd := &cobra.Command{
		Use:   "transcripts",
		Short: "List the transcripts: id, participant, lines, who coded each, attributes",
		Long: `List every transcript of transcripts.csv: its id, participant, number of
lines, the coders who have a codings file for it (those who said nothing
applies marked "(none)"), and its attributes. --where keeps the transcripts
whose attributes match, as in qda stats.`,
		Example: `  qda transcripts
  qda transcripts --where wave=2 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runTranscripts(g, where) },
	}
	cmd.Flags().StringArrayVar(&where, "where", nil, "keep transcripts whose `attr=value` matches")
	return cmd
}

func runTranscripts(g *globals, where []string) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	scan, err := s.scanOptions(g, where)
	if err != nil {
		return err
	}
	rows, err := s.study.Transcripts(s.ix, scan.Filters)
	if err != nil {
		return withHint(err, "'qda check' lists every problem")
	}
	attrs := s.ix.TranscriptAttributes()
	if g.json {
		return printJSON(g.stdout, rows)
	}
	t := newTable(g.stdout, append([]string{"id", "participant", "lines", "coded by"}, attrs...)...)
	for _, r := range rows {
		var by []string
		for _, c := range r.CodedBy {
			if slices.Contains(r.None, c) {
				c += " (none)"
			}
			by = append(by, c)
		}
		cells := []string{r.ID, r.Participant, fmt.Sprint(r.Lines), strings.Join(by, ", ")}
		for _, a := range attrs {
			cells = append(cells, r.Attributes[a])
		}
		t.row(cells...)
	}
	if err := t.flush(); err != nil {
		return err
	}
	g.sayf("qda: ", "%s", plural(len(rows), "transcript"))
	return nil
}
