package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
)

type statsOptions struct {
	by    string
	depth int
	where []string
}

func newStatsCmd(g *globals) *cobra.Command {
	var opt statsOptions
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count each code: references, transcripts, participants, lines, words",
		Long: `Count each code, rolled up from its descendants, over the chosen coders'
codings (--coder, default all):

  references    maximal runs of coded lines (blank lines between turns do
                not break a run; overlaps and two coders count once)
  transcripts   transcripts the code covers at all
  participants  distinct participants it covers
  lines         coded lines; words: words on them (speaker labels excluded)

--by ATTR splits the counts by a participant or transcript attribute;
--depth N lists codes down to depth N (1 = the themes). The second table
is coverage by coder: how much of the transcripts each coder has coded.`,
		Example: `  qda stats
  qda stats --depth 1 --by gender
  qda stats --coder jt --where wave=2 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runStats(g, opt) },
	}
	cmd.Flags().StringVar(&opt.by, "by", "", "split counts by attribute `ATTR`")
	cmd.Flags().IntVar(&opt.depth, "depth", 0, "list codes down to depth `N` (0: all)")
	cmd.Flags().StringArrayVar(&opt.where, "where", nil, "keep transcripts whose `attr=value` matches")
	cmd.RegisterFlagCompletionFunc("by", completeAttributes(g))
	return cmd
}

type statsCodeJSON struct {
	Path  string `json:"path"`
	Label string `json:"label"`
	Depth int    `json:"depth"`
	corpus.Measures
	By     map[string]corpus.Measures `json:"by,omitempty"`
	Coders map[string]corpus.Measures `json:"coders"`
}

func runStats(g *globals, opt statsOptions) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	scan, err := s.scanOptions(g, opt.where)
	if err != nil {
		return err
	}
	if opt.by != "" {
		if err := s.ix.CheckAttribute(opt.by); err != nil {
			return usageErr(err)
		}
	}
	if opt.depth < 0 {
		return usageErr(fmt.Errorf("--depth must be 0 or more"))
	}
	res, err := s.study.Stats(s.ix, s.cb, corpus.StatsOptions{Scan: scan, By: opt.by, Depth: opt.depth})
	if err != nil {
		return err
	}
	if g.json {
		out := []statsCodeJSON{}
		for _, cs := range res.Codes {
			out = append(out, statsCodeJSON{cs.Code.Path, cs.Code.DisplayLabel(), cs.Code.Depth(), cs.Total, cs.By, cs.ByCoder})
		}
		return printJSON(g.stdout, out)
	}
	header := []string{"code", "references", "transcripts", "participants", "lines", "words"}
	for _, grp := range res.Groups {
		header = append(header, grp)
	}
	t := newTable(g.stdout, header...).paths(0).colourCodes(s.cb)
	for _, cs := range res.Codes {
		m := cs.Total
		row := []string{strings.Repeat("  ", cs.Code.Depth()-1) + cs.Code.Name,
			fmt.Sprint(m.References), fmt.Sprint(m.Transcripts), fmt.Sprint(m.Participants), fmt.Sprint(m.Lines), fmt.Sprint(m.Words)}
		for _, grp := range res.Groups {
			row = append(row, fmt.Sprint(cs.By[grp].References))
		}
		t.codeRow(cs.Code.Path, row...)
	}
	if err := t.flush(); err != nil {
		return err
	}
	if opt.by != "" {
		fmt.Fprintf(g.stdout, "(columns after words: references by %s)\n", opt.by)
	}
	fmt.Fprintln(g.stdout)
	ct := newTable(g.stdout, "coder", "transcripts", "segments", "coded lines", "of lines", "coverage")
	for _, c := range res.Coders {
		ct.row(c.Coder, fmt.Sprint(c.Transcripts), fmt.Sprint(c.Segments), fmt.Sprint(c.CodedLines), fmt.Sprint(c.TextLines), percent(c.CodedLines, c.TextLines))
	}
	if err := ct.flush(); err != nil {
		return err
	}
	g.sayf("qda: ", "%s, %s", plural(res.Transcripts, "transcript"), plural(res.Participants, "participant"))
	return nil
}

func percent(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}
