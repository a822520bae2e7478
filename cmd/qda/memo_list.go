package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/qdatool/qda/internal/layout"
	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
)

type memoListOptions struct {
	about, kinds []string
	segments     bool
}

func newMemoListCmd(g *globals) *cobra.Command {
	var opt memoListOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List memos: file, about, coder, date, title and first line",
		Long: `List every coder's memos, oldest first, with the first line of each.

--about X keeps the memos about X (as in 'qda memo add'); a code takes in
its descendants, a participant the memos about their transcripts. --kind
keeps memos about a kind of thing: code, transcript, participant, study, or
segment. --segments adds the memos of coded segments in the codings files,
as TRANSCRIPT:LINES with the segment's codes; --about code:X keeps those
with X or a descendant, --about transcript:ID those in that transcript.
--coder keeps one coder's (repeat for more).`,
		Example: `  qda memo list
  qda memo list --about code:confidence --segments
  qda memo list --kind participant --coder jt --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runMemoList(g, opt) },
	}
	f := cmd.Flags()
	f.StringArrayVar(&opt.about, "about", nil, "keep memos about `X` (repeat for more)")
	f.StringSliceVar(&opt.kinds, "kind", nil, "keep memos about a `KIND`: code, transcript, participant, study or segment")
	f.BoolVar(&opt.segments, "segments", false, "add the memos of coded segments")
	cmd.RegisterFlagCompletionFunc("about", completeAbout(g))
	cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions([]string{"code", "transcript", "participant", "study", "segment"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// memoJSON is a memo in --json output; the field names are stable.
type memoJSON struct {
	File  string   `json:"file"`
	Line  int      `json:"line,omitempty"`
	Kind  string   `json:"kind"`
	About string   `json:"about"`
	Lines string   `json:"lines,omitempty"`
	Codes []string `json:"codes,omitempty"`
	Coder string   `json:"coder"`
	Date  string   `json:"date"`
	Title string   `json:"title"`
	Text  string   `json:"text"`
}

func memoToJSON(m *corpus.Memo) memoJSON {
	j := memoJSON{File: m.File, Line: m.Line, Kind: m.Kind(), About: m.About.String(), Codes: m.Codes,
		Coder: m.Coder, Date: m.Date, Title: m.Title, Text: m.Text}
	if m.IsSegment() {
		j.Lines = m.Lines.String()
	}
	return j
}

func runMemoList(g *globals, opt memoListOptions) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	q := corpus.MemoQuery{Coders: g.coders(), Segments: opt.segments}
	for _, c := range q.Coders {
		if !corpus.ValidName(c) {
			return usageErr(fmt.Errorf("%q is not a coder name", c))
		}
	}
	for _, k := range opt.kinds {
		if !slices.Contains(corpus.AboutKinds, corpus.AboutKind(k)) && k != "segment" {
			return usageErr(fmt.Errorf("unknown --kind %q: give code, transcript, participant, study or segment", k))
		}
		q.Kinds = append(q.Kinds, k)
	}
	for _, ref := range opt.about {
		a, err := s.resolveAbout(ref)
		if err != nil {
			return err
		}
		q.About = append(q.About, a)
	}
	memos, findings, err := s.study.FindMemos(s.cb, s.ix, q)
	if err != nil {
		return err
	}
	if g.json {
		out := []memoJSON{}
		for _, m := range memos {
			out = append(out, memoToJSON(m))
		}
		if err := printJSON(g.stdout, out); err != nil {
			return err
		}
	} else if err := printMemoTable(g.stdout, memos, q.Segments || slices.Contains(q.Kinds, "segment")); err != nil {
		return err
	}
	if !g.json {
		g.sayf("qda: ", "%s", plural(len(memos), "memo"))
	}
	if findings.HasErrors() {
		return withHint(findings, "these files were left out; 'qda check' lists every problem")
	}
	return nil
}

func printMemoTable(w io.Writer, memos []*corpus.Memo, codes bool) error {
	if len(memos) == 0 {
		return nil
	}
	header := []string{"file", "about"}
	if codes {
		header = append(header, "codes")
	}
	t := newTable(w, append(header, "coder", "date", "title", "text")...).paths(1)
	t.wrap(len(header)+3, len(header)+2)
	for _, m := range memos {
		file := m.File
		if m.Line > 0 {
			file += ":" + strconv.Itoa(m.Line)
		}
		row := []string{file, m.Ref()}
		if codes {
			row = append(row, strings.Join(m.Codes, ", "))
		}
		// An unknown coder or date is a blank cell, as in the JSON.
		row = append(row, m.Coder, m.Date, layout.Clip(m.Title, 40), layout.Clip(m.FirstLine(), 50))
		t.row(row...)
	}
	return t.flush()
}
