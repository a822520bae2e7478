package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export/refi"
)

func newImportQDPXCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "qdpx FILE.qdpx [DIR]",
		Short: "Make a new study from a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)",
		Long: `Make a new study in DIR (default: the project file's name as a slug) from a
REFI-QDA project. Text sources become transcripts, normalised as 'qda
ingest' does (one sentence per line); each coded selection becomes a
segment over the lines it touches, so a selection of part of a line
covers the whole line (the report says how many grew, and by how much).
Users become coders, codes keep their hierarchy, descriptions and colours,
cases and variables become participants and attributes, notes become memos
(and framework summaries, where qda wrote them).
Names that are not qda names become slugs, the original kept as the label.

What a study cannot hold (pictures, PDFs, audio, video, sets, graphs,
links) is listed; --json prints the report as JSON. DIR must not exist or be empty; on any error nothing is
written. Archives that climb out of their folder, hold links, unpack to
too much or declare XML entities are refused. See docs/refi.md.`,
		Example: `  qda import qdpx interviews.qdpx
  qda import qdpx nvivo-export.qdpx my-study`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error { return runImportQDPX(g, args) },
	}
}

func runImportQDPX(g *globals, args []string) error {
	file := args[0]
	if !filepath.IsAbs(file) {
		file = filepath.Join(g.dir, file)
	}
	f, err := os.Open(file)
	var st fs.FileInfo
	if err == nil {
		defer f.Close()
		st, err = f.Stat()
	}
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a file", args[0])
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%s: no such file", args[0])
		}
		return withHint(usageErr(err), "give the path of a .qdpx file")
	}
	dir := corpus.Slug(strings.TrimSuffix(filepath.Base(args[0]), filepath.Ext(args[0])))
	if len(args) > 1 {
		dir = args[1]
	}
	shown := dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(g.dir, dir)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return withHint(usageErr(fmt.Errorf("%s is not empty", shown)), "give a new folder: qda import qdpx %s DIR", args[0])
	}
	// The archive is read where it lies: its directory and the entries a
	// project uses, never the whole file into memory.
	a, err := refi.ReadArchive(f, st.Size(), refi.DefaultLimits)
	if err != nil {
		err = fmt.Errorf("%s: %w", args[0], err)
		if errors.Is(err, refi.ErrUnsafe) {
			return withHint(err, "qda reads nothing from this file; ask for a fresh export from the tool that wrote it")
		}
		return withHint(err, "export the project again as REFI-QDA (.qdpx) from the tool that wrote it")
	}
	date, err := memoDate("")
	if err != nil {
		return err
	}
	plan, err := refi.PlanImport(a, date)
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	if err := plan.Write(dir); err != nil {
		return err
	}
	r := plan.Report
	if g.json {
		return printJSON(g.stdout, r)
	}
	for _, s := range r.Recounted {
		g.sayf("qda: ", "recounted: %s", s)
	}
	for _, s := range r.Renamed {
		g.sayf("qda: ", "renamed: %s", s)
	}
	for _, s := range r.Dropped {
		g.sayf("qda: ", "not carried over: %s", s)
	}
	g.sayf("qda: ", "created %s: %s, %s, %s, %s, %s (%s), %s", shown,
		plural(r.Transcripts, "transcript"), plural(r.Participants, "participant"), plural(r.Codes, "code"),
		plural(r.Coders, "coder"), plural(r.Segments, "segment"), plural(r.Selections, "selection"), plural(r.Memos, "memo"))
	if r.Summaries > 0 {
		what := fmt.Sprintf("%d framework summaries", r.Summaries)
		if r.Summaries == 1 {
			what = "1 framework summary"
		}
		g.sayf("qda: ", "%s in memos/summaries/", what)
	}
	if r.Widened > 0 {
		g.sayf("qda: ", "%s of %d covered part of a line and now cover whole lines: %d characters more in all, %d at most",
			plural(r.Widened, "selection"), r.Selections, r.WidenedChars, r.MaxWidened)
	}
	if len(r.Dropped) > 0 {
		g.sayf("qda: ", "%s not carried over (listed above)", plural(len(r.Dropped), "item"))
	}
	return nil
}
