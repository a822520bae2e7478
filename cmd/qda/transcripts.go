package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
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

type transcriptJSON struct {
	ID          string            `json:"id"`
	Participant string            `json:"participant"`
	Lines       int               `json:"lines"`
	CodedBy     []string          `json:"coded_by"`
	None        []string          `json:"nothing_applies"`
	Attributes  map[string]string `json:"attributes"`
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
	var rows []transcriptJSON
	var attrs []string
	for _, h := range s.ix.Transcripts.Header {
		if h != "id" && h != "participant" && h != "sha256" {
			attrs = append(attrs, h)
		}
	}
	for _, r := range s.ix.Transcripts.Rows {
		if !corpus.Match(s.ix.Attrs(r), scan.Filters) {
			continue
		}
		row := transcriptJSON{ID: r.ID, Participant: s.ix.Transcripts.Get(r, "participant"), CodedBy: []string{}, None: []string{}, Attributes: map[string]string{}}
		if t, err := s.study.ReadTranscript(r.ID); err == nil {
			row.Lines = t.Len()
		}
		for _, c := range s.ix.Coders {
			if !s.ix.HasCoded(c, r.ID) {
				continue
			}
			row.CodedBy = append(row.CodedBy, c)
			if cs, err := s.study.ReadCodings(c, r.ID); err == nil && cs != nil && cs.None {
				row.None = append(row.None, c)
			}
		}
		for _, a := range attrs {
			row.Attributes[a] = s.ix.Transcripts.Get(r, a)
		}
		rows = append(rows, row)
	}
	if g.json {
		if rows == nil {
			rows = []transcriptJSON{}
		}
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
	fmt.Fprintf(g.stderr, "qda: %s\n", plural(len(rows), "transcript"))
	return nil
}
