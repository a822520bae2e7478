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
	"github.com/qdatool/qda/corpus/sheet"
)

func newParticipantsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "participants",
		Short: "List the participants, or merge attributes from a spreadsheet into participants.csv",
		Long: `With no subcommand, or 'list': every participant of participants.csv with
their transcripts and attributes (--json for scripts).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runParticipantsList(g) },
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the participants: id, transcripts, attributes",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return runParticipantsList(g) },
	}
	cmd.AddCommand(list, newParticipantsImportCmd(g))
	return cmd
}

func runParticipantsList(g *globals) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	attrs := s.ix.Participants.Header[1:]
	rows := s.ix.ParticipantList(nil)
	if g.json {
		return printJSON(g.stdout, rows)
	}
	t := newTable(g.stdout, append([]string{"id", "transcripts"}, attrs...)...)
	for _, r := range rows {
		cells := []string{r.ID, strings.Join(r.Transcripts, ", ")}
		for _, a := range attrs {
			cells = append(cells, r.Attributes[a])
		}
		t.row(cells...)
	}
	if err := t.flush(); err != nil {
		return err
	}
	g.sayf("qda: ", "%s", plural(len(rows), "participant"))
	return nil
}

type participantsImportOptions struct {
	idColumn string
	sheet    string
	add      bool
	dryRun   bool
}

func newParticipantsImportCmd(g *globals) *cobra.Command {
	var opt participantsImportOptions
	cmd := &cobra.Command{
		Use:   "import FILE.csv|FILE.xlsx",
		Short: "Merge participant attributes from a spreadsheet into participants.csv",
		Long: `Merge the attributes of participants from a spreadsheet (.csv, or the first
sheet of an .xlsx workbook unless --sheet) into participants.csv.

The id column is --id-column, else the column called id, participant_id,
participant, or pseudonym (when its values, as ids, are participants').
An id that is not a valid id is matched by its slug ("May" → may). Each
other column is set for the participant of each row; a header becomes a
column name in lowercase with '_' for spaces ("Age range" → age_range),
and a new column is added at the end. Nothing is deleted: a blank cell
leaves a value alone. Numbers are read as the spreadsheet shows them,
dates as yyyy-mm-dd.

A row whose participant is not in participants.csv is refused, and nothing
is written, unless --add appends it. The changed cells are printed; the
file is written only when every row checked out. FILE is relative to -C DIR,
as qda runs as if started there.`,
		Example: `  qda participants import people.xlsx
  qda participants import people.csv --id-column "Participant ID" --dry-run
  qda participants import recruitment.xlsx --sheet Wave2 --add --json`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"csv", "tsv", "xlsx", "xlsm"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runParticipantsImport(g, args[0], opt) },
	}
	f := cmd.Flags()
	f.StringVar(&opt.idColumn, "id-column", "", "the spreadsheet's `COLUMN` of participant ids (default id, participant_id, participant or pseudonym)")
	f.StringVar(&opt.sheet, "sheet", "", "the workbook's `SHEET` to read (default the first)")
	f.BoolVar(&opt.add, "add", false, "append participants that are not in participants.csv")
	f.BoolVar(&opt.dryRun, "dry-run", false, "report what would change; write nothing")
	cmd.RegisterFlagCompletionFunc("sheet", func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		data, err := os.ReadFile(importPath(g, args[0]))
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		names, _ := sheet.Sheets(data)
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// importPath is FILE as given, relative to -C DIR: qda runs as if started there.
func importPath(g *globals, file string) string {
	if filepath.IsAbs(file) {
		return file
	}
	return filepath.Join(g.dir, file)
}

func runParticipantsImport(g *globals, file string, opt participantsImportOptions) error {
	if opt.sheet != "" && !sheet.IsWorkbook(file) {
		return usageErr(fmt.Errorf("--sheet: %s is not a workbook, so it has no sheets", file))
	}
	st, err := corpus.OpenWrite(g.dir, lockWait(g))
	if err != nil {
		return openError(err)
	}
	g.closeAtExit(st)
	if err := sheet.CheckName(file); err != nil {
		return withHint(usageErr(err), "save it as .xlsx, or as CSV UTF-8")
	}
	data, err := corpus.ReadInput(importPath(g, file))
	if errors.Is(err, fs.ErrNotExist) {
		return withHint(fmt.Errorf("%s: no such file", file), "give the path of a .csv or .xlsx file (relative to -C DIR when given)")
	} else if err != nil {
		return err
	}
	in, err := sheet.Read(file, data, opt.sheet)
	var se *sheet.UnknownSheetError
	if errors.As(err, &se) {
		return withHint(usageErr(err), "its sheets are: %s", strings.Join(se.Sheets, ", "))
	} else if err != nil {
		return err
	}
	if opt.idColumn != "" && len(in.Header) > 0 && in.Column(opt.idColumn) < 0 {
		return withHint(usageErr(fmt.Errorf("%s: no column %q", file, opt.idColumn)), "its columns are: %s", strings.Join(in.Names(), ", "))
	}
	rep, err := st.ImportParticipants(in, corpus.MergeOptions{IDColumn: opt.idColumn, Add: opt.add, DryRun: opt.dryRun})
	if err != nil {
		return err
	}
	if g.json {
		return printJSON(g.stdout, rep)
	}
	return printImport(g, rep, opt.dryRun)
}

// printImport prints the changed cells to stdout, then notes and a summary
// to stderr.
func printImport(g *globals, rep *corpus.MergeReport, dryRun bool) error {
	if len(rep.Changes) > 0 {
		t := newTable(g.stdout, "participant", "column", "old → new")
		for _, c := range rep.Changes {
			t.row(c.Participant, c.Column, cellText(c.Old)+" → "+cellText(c.New))
		}
		if err := t.flush(); err != nil {
			return err
		}
	}
	for _, r := range rep.Renamed {
		g.sayf("qda: ", "%s: column %q imported as %s", rep.File, r.Header, r.Column)
	}
	if n := len(rep.BySlug); n > 5 {
		s := rep.BySlug[0]
		g.sayf("qda: ", "%s: %d ids are not valid ids and were taken as their slugs (%q as %s, ...)", rep.File, n, s.Value, s.Participant)
	} else {
		for _, s := range rep.BySlug {
			how := "matched participant"
			if s.Added {
				how = "added as"
			}
			g.sayf("qda: ", "%s:%d: id %q %s %s", rep.File, s.Line, s.Value, how, s.Participant)
		}
	}
	var parts []string
	if !rep.Changed() {
		parts = append(parts, "nothing to change")
	} else {
		parts = append(parts, plural(rep.UpdatedParticipants, "participant")+" updated", plural(len(rep.Changes), "cell")+" changed",
			plural(len(rep.AddedColumns), "column")+" added", plural(len(rep.AddedParticipants), "participant")+" added")
	}
	if rep.SkippedBlank > 0 {
		parts = append(parts, plural(rep.SkippedBlank, "blank cell")+" skipped (blanks never erase a value)")
	}
	summary := strings.Join(parts, ", ")
	if dryRun && rep.Changed() {
		summary += " (dry run: nothing written)"
	}
	g.sayf("qda: ", "%s: %s", corpus.ParticipantsFile, summary)
	return nil
}

// cellText shows a cell in the table: an empty one as (empty), line
// breaks as \n so that a row stays one line.
func cellText(s string) string {
	if s == "" {
		return "(empty)"
	}
	return strings.ReplaceAll(s, "\n", `\n`)
}
