package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/ahead"
	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/layout"
)

// Exit statuses, as the root command's help documents them.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

// globals are the flags every command shares.
type globals struct {
	dir    string
	coder  []string
	json   bool
	stdout io.Writer
	stderr io.Writer
	open   []*corpus.Study // studies to close (and unlock) when the command ends
}

// closeAtExit closes st when the command ends, whatever way it ends.
func (g *globals) closeAtExit(st *corpus.Study) { g.open = append(g.open, st) }

// coders returns the --coder values, nil when none were given.
func (g *globals) coders() []string {
	if len(g.coder) == 0 {
		return nil
	}
	return g.coder
}

// version is set by the linker for releases; otherwise the module's
// build information answers, with the git commit qda was built from.
var version = ""

func qdaVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	v, rev, dirty := "devel", "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) >= 12 {
		v += " " + rev[:12]
		if dirty {
			v += "+dirty"
		}
	}
	return v
}

// Main runs qda with args and returns the exit status.
func Main(args []string) int {
	return run(args, os.Stdout, os.Stderr)
}

func run(args []string, stdout, stderr io.Writer) int {
	code, _ := runSignal(args, stdout, stderr)
	return code
}

// runSignal runs qda and returns its exit status and, when a signal
// interrupted it (an export's write), that signal: main ends by it.
func runSignal(args []string, stdout, stderr io.Writer) (int, os.Signal) {
	g := &globals{stdout: stdout, stderr: stderr}
	setCrashHook()
	corpus.LockCommand = lockCommand(args)
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	// qda's start turned the collector off if it read the line as a
	// search (internal/ahead); a search sets it again for its query. A
	// line it misread (an unknown flag it took for one with a value)
	// runs another command: the collector is put back for it.
	if c, _, err := root.Find(args); err != nil || c.Name() != "search" || c.Parent() != root {
		ahead.StartGC()
	}
	err := root.Execute()
	for _, st := range g.open {
		st.Close()
	}
	if err == nil {
		return exitOK, nil
	}
	var sig os.Signal
	if ie := (*interruptedError)(nil); errors.As(err, &ie) {
		sig = ie.sig
	}
	code := exitProblems
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	} else if isCobraUsage(err) {
		code = exitUsage
	}
	if ee != nil && ee.silent {
		return code, sig
	}
	printError(g, err, code)
	return code, sig
}

// lockCommand is the command line a waiting qda is told holds the lock,
// cut short: a memo's text may be on it.
func lockCommand(args []string) string {
	c := "qda " + strings.Join(args, " ")
	if r := []rune(c); len(r) > 60 {
		c = string(r[:59]) + "…"
	}
	return c
}

func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "qda",
		Short: "Qualitative interview analysis: code, check, count and export a study kept as plain text",
		Long: `qda keeps a qualitative study as a folder of plain text under git: transcripts,
a hierarchical codebook in YAML, and each coder's codings in their own files.
It codes line ranges, checks every file, counts codes, and exports tables.

Start with 'qda demo' to write the example study and take the tour in README.md,
or 'qda init' to start a study of your own.`,
		Example: `  qda demo                      # write the example study to ./qda-demo and summarise it
  qda -C qda-demo show may-1    # read a transcript with its codes in the margin
  qda -C qda-demo stats --depth 1`,
		Version:       qdaVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetHelpTemplate(root.HelpTemplate() + exitStatusHelp)
	root.SetVersionTemplate("qda {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr(fmt.Errorf("%v\nrun '%s --help' for usage", err, c.CommandPath()))
	})
	pf := root.PersistentFlags()
	pf.StringVarP(&g.dir, "dir", "C", ".", "run as if qda was started in `DIR`")
	pf.StringSliceVar(&g.coder, "coder", nil, "the coder whose codings to write (default $QDA_CODER, else git user.name); when reading, the coders to include (repeat or comma-separate; default all)")
	pf.BoolVar(&g.json, "json", false, "print JSON instead of a table")
	defer registerCompletions(root, g)
	root.AddCommand(
		newInitCmd(g),
		newDemoCmd(g),
		newCheckCmd(g),
		newShowCmd(g),
		newCodeCmd(g),
		newUncodeCmd(g),
		newExcerptsCmd(g),
		newStatsCmd(g),
		newAgreeCmd(g),
		newCodebookCmd(g),
		newParticipantsCmd(g),
		newIngestCmd(g),
		newAnonymiseCmd(g),
		newFixCmd(g),
		newMemoCmd(g),
		newExportCmd(g),
		newImportCmd(g),
		newSummarizeCmd(g),
		newSearchCmd(g),
		newAutocodeCmd(g),
		newCoderCmd(g),
		newTranscriptsCmd(g),
		newMCPCmd(g),
		newReviewCmd(g),
		newReportCmd(g),
	)
	return root
}

const exitStatusHelp = `
Exit status:
  0  success
  1  a check found problems, or the study could not be read or written
  2  misuse: unknown command or flag, wrong arguments, an unknown code or transcript
An export interrupted while it writes its file (Ctrl-C, SIGTERM) cleans up and
then ends by that signal (a shell sees 130 or 143), so a script stops there.
`

// exitError carries an exit status, and a hint saying what to do.
type exitError struct {
	code   int
	err    error
	hint   string
	silent bool // the command already reported (check prints its findings)
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr marks err as misuse: exit status 2.
func usageErr(err error) error { return &exitError{code: exitUsage, err: err} }

// withHint attaches a hint line to err, keeping its exit status.
func withHint(err error, format string, args ...any) error {
	var ee *exitError
	if errors.As(err, &ee) {
		return &exitError{code: ee.code, err: ee.err, hint: fmt.Sprintf(format, args...)}
	}
	return &exitError{code: exitProblems, err: err, hint: fmt.Sprintf(format, args...)}
}

// isCobraUsage recognises cobra's own argument errors, which it returns
// as plain errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, s := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "received ", "unknown flag", "invalid argument", "flag needs an argument"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// printError prints err once, as "qda: ..." lines and hint lines, or as
// JSON on stderr when --json was given.
func printError(g *globals, err error, code int) {
	var lines, hints []string
	var list diag.List
	var f *diag.Finding
	var ee *exitError
	switch {
	case errors.As(err, &list):
		for _, f := range list {
			l := *f
			l.Hint = ""
			lines = append(lines, l.Error())
			if f.Hint != "" {
				hints = append(hints, f.Hint)
			}
		}
	case errors.As(err, &f):
		l := *f
		l.Hint = ""
		lines = append(lines, l.Error())
		if f.Hint != "" {
			hints = append(hints, f.Hint)
		}
	default:
		lines = append(lines, err.Error())
	}
	if errors.As(err, &ee) && ee.hint != "" {
		hints = append(hints, ee.hint)
	}
	if g.json {
		out := map[string]any{"error": strings.Join(lines, "\n"), "exit": code}
		if len(hints) > 0 {
			out["hint"] = strings.Join(hints, "\n")
		}
		enc := json.NewEncoder(g.stderr)
		enc.SetEscapeHTML(false)
		enc.Encode(out)
		return
	}
	for _, l := range lines {
		g.say("qda: ", l)
	}
	for _, h := range hints {
		g.say("qda: hint: ", h)
	}
}

// sayf is say with the message formatted as fmt.Sprintf does.
func (g *globals) sayf(prefix, format string, args ...any) {
	g.say(prefix, fmt.Sprintf(format, args...))
}

// say writes a message to stderr after its prefix, each of its lines
// wrapped to the terminal's width under the prefix ("qda: hint: ...");
// piped, it is one line as ever, for grep.
func (g *globals) say(prefix, msg string) {
	width := termWidth(g.stderr)
	for _, l := range strings.Split(msg, "\n") {
		for _, row := range layout.Hanging(prefix, l, width) {
			fmt.Fprintln(g.stderr, strings.TrimRight(row, " "))
		}
		prefix = "" // a message's further lines stand on their own, as they always have
	}
}

// groupRun makes a command that only groups subcommands say so when given
// an unknown one, instead of printing its help and succeeding.
func groupRun(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr(fmt.Errorf("unknown command %q for %q\nrun '%s --help' for its commands", args[0], cmd.CommandPath(), cmd.CommandPath()))
	}
	return cmd.Help()
}
