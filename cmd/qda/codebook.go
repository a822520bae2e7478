package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/layout"
)

func newCodebookCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "codebook",
		Short: "View and refine the coding framework",
		Long: `View the coding framework in codebook.yaml (tree, show), refine it (add,
rename, move, merge, delete, edit: each rewrites codebook.yaml and every
codings file that uses the changed codes in one step, leaving aliases so
other branches still resolve), and compare it with a git revision (diff).`,
		RunE: groupRun,
	}
	cmd.AddCommand(newCodebookTreeCmd(g), newCodebookShowCmd(g),
		newCodebookAddCmd(g), newCodebookRenameCmd(g), newCodebookMoveCmd(g), newCodebookMergeCmd(g),
		newCodebookDeleteCmd(g), newCodebookEditCmd(g), newCodebookDiffCmd(g))
	return cmd
}

type treeOptions struct {
	depth int
}

func newCodebookTreeCmd(g *globals) *cobra.Command {
	var opt treeOptions
	cmd := &cobra.Command{
		Use:   "tree",
		Short: "Print the code tree with labels and reference counts",
		Long: `Print the code tree, indented, with each code's label and its references
(rolled up from its descendants, over every coder unless --coder is given).`,
		Example: `  qda codebook tree
  qda codebook tree --depth 1 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runCodebookTree(g, opt) },
	}
	cmd.Flags().IntVar(&opt.depth, "depth", 0, "show codes down to depth `N` (0: all)")
	return cmd
}

type treeJSON struct {
	Path       string     `json:"path"`
	Name       string     `json:"name"`
	Label      string     `json:"label"`
	References int        `json:"references"`
	Children   []treeJSON `json:"children,omitempty"`
}

// codeStats counts every code for the views of the codebook.
func (s *session) codeStats(g *globals, depth int) (*corpus.StatsResult, error) {
	scan, err := s.scanOptions(g, nil)
	if err != nil {
		return nil, err
	}
	return s.study.Stats(s.ix, s.cb, corpus.StatsOptions{Scan: scan, Depth: depth})
}

func runCodebookTree(g *globals, opt treeOptions) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	res, err := s.codeStats(g, opt.depth)
	if err != nil {
		return err
	}
	refs := map[*codebook.Code]int{}
	for _, cs := range res.Codes {
		refs[cs.Code] = cs.Total.References
	}
	if g.json {
		var build func(codes []*codebook.Code) []treeJSON
		build = func(codes []*codebook.Code) []treeJSON {
			out := []treeJSON{}
			for _, c := range codes {
				if opt.depth > 0 && c.Depth() > opt.depth {
					continue
				}
				out = append(out, treeJSON{c.Path, c.Name, c.DisplayLabel(), refs[c], build(c.Children)})
			}
			return out
		}
		return printJSON(g.stdout, build(s.cb.Codes))
	}
	t := newTable(g.stdout, "code", "label", "references").paths(0).wrap(1).colourCodes(s.cb)
	for _, cs := range res.Codes {
		t.codeRow(cs.Code.Path, strings.Repeat("  ", cs.Code.Depth()-1)+cs.Code.Name, cs.Code.Label, fmt.Sprint(cs.Total.References))
	}
	if len(res.Codes) == 0 {
		g.sayf("qda: ", "the codebook has no codes yet; add them to %s", corpus.CodebookFile)
		return nil
	}
	return t.flush()
}

func newCodebookShowCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "show CODE",
		Short: "Print one code in full: fields, aliases, children and usage",
		Example: `  qda codebook show confidence
  qda codebook show endings --json   # a former name resolves too`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeCodes(g),
		RunE:              func(cmd *cobra.Command, args []string) error { return runCodebookShow(g, args[0]) },
	}
}

type codeJSON struct {
	Path        string                     `json:"path"`
	Name        string                     `json:"name"`
	Label       string                     `json:"label"`
	Description string                     `json:"description,omitempty"`
	Include     string                     `json:"include,omitempty"`
	Exclude     string                     `json:"exclude,omitempty"`
	Examples    []string                   `json:"examples,omitempty"`
	Color       string                     `json:"color,omitempty"`
	Aliases     []string                   `json:"aliases,omitempty"`
	Patterns    []string                   `json:"patterns,omitempty"`
	Category    bool                       `json:"category,omitempty"` // codable: false
	Parent      string                     `json:"parent,omitempty"`
	Children    []string                   `json:"children"`
	Line        int                        `json:"line"`
	Usage       corpus.Measures            `json:"usage"`
	Coders      map[string]corpus.Measures `json:"coders"`
	Memos       []codeMemoJSON             `json:"memos"`
}

type codeMemoJSON struct {
	File  string `json:"file"`
	About string `json:"about"`
	Coder string `json:"coder"`
	Date  string `json:"date"`
	Title string `json:"title"`
}

func runCodebookShow(g *globals, ref string) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	code, err := s.resolveCode(ref)
	if err != nil {
		return err
	}
	res, err := s.codeStats(g, 0)
	if err != nil {
		return err
	}
	j := codeJSON{Path: code.Path, Name: code.Name, Label: code.DisplayLabel(), Description: code.Description,
		Include: code.Include, Exclude: code.Exclude, Examples: code.Examples, Color: code.Color,
		Aliases: code.Aliases, Patterns: code.Patterns, Category: code.NotCodable, Children: []string{}, Line: code.Line}
	if code.Parent != nil {
		j.Parent = code.Parent.Path
	}
	for _, c := range code.Children {
		j.Children = append(j.Children, c.Path)
	}
	for _, cs := range res.Codes {
		if cs.Code == code {
			j.Usage, j.Coders = cs.Total, cs.ByCoder
		}
	}
	memos, findings, err := s.study.MemosAbout(s.cb, s.ix, "code", code.Path)
	if err != nil {
		return err
	}
	for _, f := range findings {
		f.Severity = diag.Warning
		g.sayf("qda: ", "%s", f.Error())
	}
	j.Memos = []codeMemoJSON{}
	for _, m := range memos {
		j.Memos = append(j.Memos, codeMemoJSON{m.File, m.About.Target, m.Coder, m.Date, m.Title})
	}
	if g.json {
		return printJSON(g.stdout, j)
	}
	w := g.stdout
	width := termWidth(w)
	title := j.Path
	if isTerminal(w) {
		title = layout.Colour(codeColours(s.cb)(j.Path), title)
	}
	fmt.Fprintln(w, title)
	field := func(name, value string) {
		if value != "" {
			for _, l := range layout.Hanging(fmt.Sprintf("  %-12s ", name+":"), value, width) {
				fmt.Fprintln(w, l)
			}
		}
	}
	field("label", j.Label)
	field("description", j.Description)
	field("include", j.Include)
	field("exclude", j.Exclude)
	for _, e := range j.Examples {
		field("example", fmt.Sprintf("%q", e))
	}
	field("color", j.Color)
	field("aliases", strings.Join(j.Aliases, ", "))
	field("patterns", strings.Join(j.Patterns, "  "))
	if j.Category {
		field("codable", "false: a category, its children are coded")
	}
	field("parent", j.Parent)
	field("children", strings.Join(j.Children, ", "))
	field("defined at", fmt.Sprintf("%s:%d", corpus.CodebookFile, j.Line))
	u := j.Usage
	field("usage", fmt.Sprintf("%s, %s, %s, %s, %s", plural(u.References, "reference"), plural(u.Transcripts, "transcript"),
		plural(u.Participants, "participant"), plural(u.Lines, "line"), plural(u.Words, "word")))
	for _, c := range s.ix.Coders {
		if m, ok := j.Coders[c]; ok {
			fmt.Fprintf(w, "  %-12s %s, %s\n", "by "+c+":", plural(m.References, "reference"), plural(m.Transcripts, "transcript"))
		}
	}
	for _, m := range j.Memos {
		what := m.Title
		if m.About != j.Path {
			what = strings.TrimSpace(m.About + ": " + what)
		}
		field("memo", strings.Join(nonEmpty(m.File, m.Coder, m.Date, what), "  "))
	}
	return nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
