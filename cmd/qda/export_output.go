package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
)

// exportTarget is where an export goes: a file (path as given and as
// opened) or stdout ("-"), and its format.
type exportTarget struct {
	given, path, format string
}

// newExportTarget checks -o and --format: the format is --format, else the
// extension of -o; allowed are the formats the command writes.
func newExportTarget(g *globals, out, format string, allowed ...string) (exportTarget, error) {
	if out == "" {
		return exportTarget{}, withHint(usageErr(errors.New("no output file: give -o FILE")), "the extension chooses the format: %s", extList(allowed))
	}
	t := exportTarget{given: out, path: out, format: strings.TrimPrefix(strings.ToLower(format), ".")}
	if out != "-" && !filepath.IsAbs(out) {
		t.path = filepath.Join(g.dir, out)
	}
	if t.format == "" {
		switch {
		case out == "-" && g.json:
			t.format = "json"
		case out == "-":
			return t, withHint(usageErr(errors.New("-o - writes to stdout: say in which format")), "add --format %s", strings.Join(textFormats(allowed), "|"))
		default:
			t.format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
		}
	}
	if !slices.Contains(allowed, t.format) {
		what := fmt.Sprintf("%q has no extension qda writes", out)
		if format != "" || out == "-" {
			what = fmt.Sprintf("unknown format %q", t.format)
		}
		return t, withHint(usageErr(errors.New(what)), "use %s", extList(allowed))
	}
	if out == "-" && t.format == "xlsx" {
		return t, withHint(usageErr(errors.New("a workbook is not written to stdout")), "give -o FILE.xlsx")
	}
	if st, err := os.Stat(t.path); err == nil && st.IsDir() {
		return t, withHint(usageErr(fmt.Errorf("%s is a folder", out)), "give a file name, e.g. -o %s", filepath.Join(out, "themes."+t.format))
	}
	return t, nil
}

func extList(formats []string) string {
	var exts []string
	for _, f := range formats {
		exts = append(exts, "."+f)
	}
	return strings.Join(exts, ", ")
}

func textFormats(formats []string) []string {
	var out []string
	for _, f := range formats {
		if f != "xlsx" {
			out = append(out, f)
		}
	}
	return out
}

// write writes a text format through fn: to stdout, or to the file
// atomically, so a failed export leaves an earlier file as it was. The
// file is written as fn makes it, not held whole first: an excerpts
// export of a large study is hundreds of megabytes.
func (t exportTarget) write(g *globals, fn func(io.Writer) error) error {
	if t.given == "-" {
		return fn(g.stdout)
	}
	return t.explain(writeOutput(t.path, fn))
}

// explain says what went wrong in writeOutput: an interruption, or the
// output file's own failure naming the file as given (not the temporary
// file beside it); the export's own errors (e.g. its scratch file's) are
// returned as they are.
func (t exportTarget) explain(err error) error {
	var oe *outputError
	var se *signalError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		return &interruptedError{given: t.given, sig: se.sig}
	case errors.As(err, &oe):
		return t.place(oe.err)
	}
	return err
}

// errInterrupted is what the output file's writes return once qda is
// interrupted (Ctrl-C, SIGTERM).
var errInterrupted = errors.New("interrupted")

// signalError is writeOutput's error once a signal came: every
// errInterrupted of the writes ends as one, with the signal.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string { return errInterrupted.Error() }
func (e *signalError) Unwrap() error { return errInterrupted }

// interruptedError says that an export was interrupted and its file not
// written. It carries the signal so that qda's main, once it has said
// so and cleaned up, ends by that signal (a shell running a script then
// stops it, as after any command killed by Ctrl-C) rather than exit 1.
type interruptedError struct {
	given string
	sig   os.Signal
}

func (e *interruptedError) Error() string {
	return fmt.Sprintf("interrupted: %s was not written", e.given)
}

// outputError is a failure of the output file itself (a full disk), not
// of making what goes into it.
type outputError struct{ err error }

func (e *outputError) Error() string { return e.err.Error() }

// writeOutput writes path through fn with corpus.WriteFileFrom. A large
// export takes a while: an interruption while it writes (Ctrl-C, SIGTERM)
// makes the next write fail, or the rename not happen when fn has
// written everything, so that the temporary file beside path is removed
// on the way out, as on any failure, rather than left behind by a
// process killed by the signal. Every export that writes a file comes
// here (workbooks, REFI-QDA files, figures, text). Before and after, the
// signals act as ever: one that comes once the file is complete (its
// rename) is raised again when the file is in place.
func writeOutput(path string, fn func(io.Writer) error) error {
	// A channel read at each write rather than signal.NotifyContext:
	// os/signal has handed the signal over by the time any other
	// receiver of it has it, with no goroutine between (the test that
	// interrupts every export relies on it).
	sigs := make(chan os.Signal, 1)
	if watch := watchedSignals(); len(watch) > 0 { // Notify with none would take every signal
		signal.Notify(sigs, watch...)
	}
	defer signal.Stop(sigs) // on a panic too
	out := &outputWriter{sigs: sigs}
	var failed error
	err := corpus.WriteFileFrom(path, func(w io.Writer) error {
		out.w = w
		failed = fn(out)
		if failed == nil && out.interrupted() {
			failed = errInterrupted
		}
		return failed
	})
	signal.Stop(sigs)
	switch {
	case err == nil:
		if out.interrupted() {
			raise(out.sig)
		}
		return nil
	case out.interrupted():
		return &signalError{out.sig}
	case out.err != nil:
		return &outputError{out.err}
	case failed != nil:
		return failed
	}
	return &outputError{err} // its creation, flush, close or rename
}

// watchedSignals are the signals writeOutput stops on: Ctrl-C and
// SIGTERM, but not one qda was started with ignored (bash ignores SIGINT
// for `qda ... &` in a script): watching it would turn it on, and a
// Ctrl-C meant for the script would stop the background export.
func watchedSignals() []os.Signal {
	var watch []os.Signal
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(s) {
			watch = append(watch, s)
		}
	}
	return watch
}

// raise sends sig to qda itself, as it came while qda held it. On
// Windows a process cannot send itself os.Interrupt (Signal fails): a
// Ctrl-C during the rename is then lost and the export ends as written.
func raise(sig os.Signal) {
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		p.Signal(sig)
	}
}

// outputWriter keeps the first error of writing the output file, to tell
// it from an error of making the export, and stops the writes once a
// signal has come.
type outputWriter struct {
	sigs <-chan os.Signal
	sig  os.Signal // the signal that came, once it has
	w    io.Writer
	err  error
}

// interrupted says whether a signal has come.
func (o *outputWriter) interrupted() bool {
	if o.sig == nil {
		select {
		case o.sig = <-o.sigs:
		default:
		}
	}
	return o.sig != nil
}

func (o *outputWriter) Write(p []byte) (int, error) {
	if o.interrupted() {
		return 0, errInterrupted
	}
	n, err := o.w.Write(p)
	if err != nil && o.err == nil {
		o.err = err
	}
	return n, err
}

// place explains a file that could not be written.
func (t exportTarget) place(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, os.ErrNotExist) {
		return withHint(fmt.Errorf("cannot write %s: its folder does not exist", t.given), "create the folder first, or write elsewhere with -o")
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err // its path is the temporary file's
	}
	return fmt.Errorf("cannot write %s: %v", t.given, err)
}

// saveWorkbook writes a workbook to the target as writeOutput writes
// every file; the workbook is closed however it ends.
func (t exportTarget) saveWorkbook(wb *export.Workbook) error {
	defer wb.Close()
	return t.explain(writeOutput(t.path, wb.Write))
}

// written says where an export went (on stderr: stdout may be the data).
func (t exportTarget) written(g *globals, what string) {
	if t.given != "-" {
		g.sayf("qda: ", "wrote %s to %s", what, t.given)
	}
}

// progress returns a function to call once per transcript read that
// draws a bar on a terminal (never with NO_COLOR) for a study large
// enough to wait for, and a function to call when done; both do nothing
// otherwise.
func progress(g *globals, s *session, what string) (step func(), done func()) {
	n := len(s.ix.Transcripts.Rows)
	if n < 200 || !isTerminal(g.stderr) {
		return nil, func() {}
	}
	bar := progressbar.NewOptions(n, progressbar.OptionSetWriter(g.stderr), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
	return func() { bar.Add(1) }, func() { bar.Finish() }
}

// exportDate is the date an export carries: $SOURCE_DATE_EPOCH's when
// set, so that the same study gives the same bytes, else now. A value
// that is not seconds since 1970 is misuse.
func exportDate() (time.Time, error) {
	date, err := export.DateFromEnv(os.Getenv("SOURCE_DATE_EPOCH"), time.Now())
	if err != nil {
		return date, withHint(usageErr(err), "unset SOURCE_DATE_EPOCH or give seconds since 1970")
	}
	return date, nil
}

// exportAbout describes an export for the About sheet: the study, the
// exact command, qda's version, the git commit, the date.
// command, when not "", is the command to show: the demo runs the export
// itself and shows the command a user would type.
func exportAbout(s *session, t exportTarget, scan corpus.ScanOptions, command string) (export.About, error) {
	date, err := exportDate()
	if err != nil {
		return export.About{}, err
	}
	a := export.About{
		Title:   s.study.Config.Title,
		Command: command,
		Version: qdaVersion(),
		Date:    date,
		Coders:  scan.Coders,
		Filters: scan.Filters,
	}
	if a.Command == "" {
		a.Command = commandLine()
	}
	var exclude []string
	if rel, err := filepath.Rel(s.study.Root, absPath(t.path)); err == nil && !strings.HasPrefix(rel, "..") {
		exclude = append(exclude, filepath.ToSlash(rel))
	}
	commit, dirty, err := s.study.GitHead(exclude...)
	a.InGit = err == nil
	a.Commit, a.Dirty = commit, dirty
	return a, nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// commandLine is the command as typed, quoted where a shell would need it.
func commandLine() string {
	parts := []string{"qda"}
	for _, a := range os.Args[1:] {
		if a == "" || strings.ContainsAny(a, " \t\n'\"$`\\|&;<>()*?[]#~!{}") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}

// writeTable writes tb in the target's format; md, when not nil, writes
// the Markdown form (a document rather than a table). A workbook gets the
// table on sheet and an About sheet.
func (t exportTarget) writeTable(g *globals, tb *export.Table, about export.About, sheet string, md func(io.Writer) error, widths ...float64) error {
	switch t.format {
	case "xlsx":
		wb, err := export.NewWorkbook(about.Date)
		if err != nil {
			return err
		}
		if err := wb.Table(sheet, tb, widths...); err != nil {
			return err
		}
		if err := wb.Table(export.SheetAbout, about.Table(), 16, 90); err != nil {
			return err
		}
		return t.saveWorkbook(wb)
	case "csv":
		return t.write(g, func(w io.Writer) error { return export.WriteCSV(w, tb) })
	case "json":
		return t.write(g, func(w io.Writer) error { return export.WriteTableJSON(w, tb) })
	}
	if md != nil {
		return t.write(g, md)
	}
	return t.write(g, func(w io.Writer) error { return export.WriteMarkdown(w, tb) })
}
