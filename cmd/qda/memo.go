package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
)

// memoEditsDir keeps an edit qda could not use, so it is never lost.
const memoEditsDir = corpus.EditsDir

func newMemoCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "memo",
		Short: "Write, list and read analytic memos",
		Long: `Memos are Markdown files in memos/ with a small front matter saying what
they are about (the study, a code, a transcript or a participant), who wrote
them and when. Plain Markdown files in memos/ are memos about the study.`,
		Example: `  qda memo add confidence --title "Confidence before referral" --text "..."
  qda memo list --about code:confidence --segments
  qda memo show confidence-before-referral`,
		Args: cobra.ArbitraryArgs,
		RunE: groupRun,
	}
	cmd.AddCommand(newMemoAddCmd(g), newMemoEditCmd(g), newMemoListCmd(g), newMemoShowCmd(g))
	return cmd
}

type memoAddOptions struct {
	title, text, file, date string
	textGiven               bool
}

func newMemoAddCmd(g *globals) *cobra.Command {
	var opt memoAddOptions
	cmd := &cobra.Command{
		Use:   "add ABOUT",
		Short: "Write a new memo about the study, a code, a transcript or a participant",
		Long: `Write a new memo as the current coder. ABOUT is study, code:PATH,
transcript:ID or participant:ID, or a code path, transcript id or participant
id on its own when it names one thing. A code may be given by a former name,
or a name or label only it has; the memo stores its canonical path.

The text is --text, or the contents of --file (- for standard input), or
else what you write in $VISUAL or $EDITOR on a template. The memo goes to
memos/TITLE-CODER-DATE.md (the about instead of the title when there is
none), made unique with -2, -3...; an existing file is never replaced.`,
		Example: `  qda memo add code:confidence/daily-tasks --title "Confidence before referral" --text "Fall as the trigger."
  qda memo add may --file notes.md        # participant may, if no code or transcript is called may
  qda memo add study                       # write it in your editor`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeAbout(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.textGiven = cmd.Flags().Changed("text")
			return runMemoAdd(g, args[0], opt)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.title, "title", "", "the memo's `TITLE`")
	f.StringVar(&opt.text, "text", "", "the memo's `TEXT` (Markdown)")
	f.StringVar(&opt.file, "file", "", "read the text from `FILE` (- for standard input)")
	f.StringVar(&opt.date, "date", "", "the memo's `DATE`, YYYY-MM-DD (default today, or $SOURCE_DATE_EPOCH)")
	cmd.RegisterFlagCompletionFunc("date", cobra.NoFileCompletions)
	return cmd
}

func runMemoAdd(g *globals, ref string, opt memoAddOptions) error {
	if opt.textGiven && opt.file != "" {
		return usageErr(errors.New("give the text with --text or --file, not both"))
	}
	date, err := memoDate(opt.date)
	if err != nil {
		return err
	}
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	coder, err := whoWrites(g, s.study)
	if err != nil {
		return err
	}
	about, err := s.resolveAbout(ref)
	if err != nil {
		return err
	}
	if !strings.Contains(ref, ":") && about.Kind != corpus.AboutStudy {
		g.sayf("qda: ", "%q is %s", ref, about)
	}
	m := &corpus.Memo{About: about, Coder: coder, Date: date, Title: strings.Join(strings.Fields(opt.title), " "), FrontMatter: true}
	var data []byte
	switch {
	case opt.file != "" || opt.textGiven:
		text := opt.text
		if opt.file != "" {
			if text, err = readMemoText(g, opt.file); err != nil {
				return err
			}
		}
		if strings.TrimSpace(text) == "" {
			return usageErr(errors.New("the memo has no text"))
		}
		m.Text = text
		data = corpus.MarshalMemo(m)
		if len(data) > corpus.MaxFileSize {
			return memoTooLarge(cmp.Or(opt.file, "--text"))
		}
	default:
		if data, m, err = s.writeMemoInEditor(g, m); err != nil || m == nil {
			return err
		}
	}
	unlock, err := s.lockForWrite(g)
	if err != nil {
		return err
	}
	defer unlock()
	file, err := s.study.AddMemoData(m, data)
	if err != nil {
		return err
	}
	g.sayf("qda: ", "wrote %s (about %s)", file, m.About)
	if g.json {
		return printJSON(g.stdout, memoToJSON(m))
	}
	return nil
}

// writeMemoInEditor lets the person write a new memo on a template. It
// returns nil when they left no text.
func (s *session) writeMemoInEditor(g *globals, m *corpus.Memo) ([]byte, *corpus.Memo, error) {
	template := corpus.MarshalMemo(m)
	if m.Title == "" {
		template = bytes.Replace(template, []byte("\n---\n"), []byte("\ntitle:\n---\n"), 1)
	}
	planned := corpus.MemosDir + "/" + corpus.MemoName(m) + ".md"
	var got *corpus.Memo
	data, err := s.editMemo(g, corpus.MemoName(m), "write the memo below the front matter, then save and close; leave no text to cancel",
		template, planned, func(body []byte) ([]byte, diag.List) {
			mm, fs := corpus.ParseMemo(planned, body)
			if mm != nil && strings.TrimSpace(mm.Text) == "" {
				return nil, nil
			}
			out, fs := s.acceptMemo(mm, body, fs)
			got = mm
			return out, fs
		})
	if err != nil {
		return nil, nil, err
	}
	if data == nil {
		g.say("qda: ", "the memo has no text; nothing written")
		return nil, nil, nil
	}
	return data, got, nil
}

// acceptMemo checks what a parsed memo is about, and writes its about
// canonical. Findings that are errors send the person back to the editor.
func (s *session) acceptMemo(m *corpus.Memo, body []byte, fs diag.List) ([]byte, diag.List) {
	if m == nil {
		return nil, fs
	}
	fs = append(fs, corpus.CheckMemo(m, s.cb, s.ix)...)
	if fs.HasErrors() {
		return nil, fs
	}
	out := body
	if m.About.Kind == corpus.AboutCode {
		if c, _, err := s.cb.Resolve(m.About.Target); err == nil {
			canon := corpus.About{Kind: corpus.AboutCode, Target: c.Path}
			out = corpus.CanonicalAbout(body, m, canon)
			m.About = canon
		}
	}
	return out, fs
}

func newMemoShowCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:               "show FILE|NAME",
		Short:             "Print a memo: what it is about, who wrote it and when, then its text",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeMemos(g),
		RunE:              func(cmd *cobra.Command, args []string) error { return runMemoShow(g, args[0]) },
	}
}

func runMemoShow(g *globals, ref string) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	file, err := s.memoFile(g, ref)
	if err != nil {
		return err
	}
	m, _, findings, err := s.study.ReadMemo(file)
	if err != nil {
		return err
	}
	if m == nil {
		return withHint(findings, "fix it with 'qda memo edit %s'", strings.TrimSuffix(filepath.Base(file), ".md"))
	}
	if m.About.Kind == corpus.AboutCode {
		if c, _, err := s.cb.Resolve(m.About.Target); err == nil {
			m.About.Target = c.Path
		}
	}
	if g.json {
		return printJSON(g.stdout, memoToJSON(m))
	}
	title := m.Title
	if title == "" {
		title = filepath.Base(file)
	}
	coder, date := m.Coder, m.Date
	if coder == "" {
		coder = "coder unknown"
	}
	if date == "" {
		date = "undated"
	}
	fmt.Fprintf(g.stdout, "%s · %s · %s · %s\n", title, m.About, coder, date)
	if m.Text != "" {
		fmt.Fprintf(g.stdout, "\n%s", m.Text)
	}
	return nil
}

// resolveAbout resolves ABOUT as misuse when it names nothing.
func (s *session) resolveAbout(ref string) (corpus.About, error) {
	a, err := corpus.ResolveAbout(ref, s.cb, s.ix)
	var re *codebook.ResolveError
	if errors.As(err, &re) && strings.HasPrefix(strings.TrimSpace(ref), string(corpus.AboutCode)+":") {
		return a, codeRefErr(err, re.Ref, addCodeCmd)
	}
	if err != nil {
		return a, withHint(usageErr(err), "write %s, or a code path, transcript id or participant id that names one thing", corpus.AboutForms)
	}
	return a, nil
}

// memoFile finds the memo ref names: a path (relative to -C DIR) or a name in memos/.
func (s *session) memoFile(g *globals, ref string) (string, error) {
	if strings.ContainsAny(ref, `/\`) {
		p := ref
		if !filepath.IsAbs(p) {
			p = filepath.Join(g.dir, p)
		}
		if abs, err := filepath.Abs(p); err == nil {
			if rel, err := filepath.Rel(s.study.Root, abs); err == nil {
				ref = filepath.ToSlash(rel)
			}
		}
	}
	file, err := s.study.FindMemo(ref)
	if err != nil {
		return "", withHint(usageErr(err), "'qda memo list' lists the memos")
	}
	return file, nil
}

// memoDate is --date, else the day of $SOURCE_DATE_EPOCH (for
// reproducible output), else today.
func memoDate(flag string) (string, error) {
	if flag != "" {
		if _, err := time.Parse(time.DateOnly, flag); err != nil {
			return "", usageErr(fmt.Errorf("--date %q is not a date: write YYYY-MM-DD", flag))
		}
		return flag, nil
	}
	if e := os.Getenv("SOURCE_DATE_EPOCH"); e != "" {
		n, err := strconv.ParseInt(e, 10, 64)
		if err != nil {
			return "", usageErr(fmt.Errorf("$SOURCE_DATE_EPOCH %q is not a number of seconds", e))
		}
		return time.Unix(n, 0).UTC().Format(time.DateOnly), nil
	}
	return time.Now().Format(time.DateOnly), nil
}

// readMemoText reads --file: a path relative to -C DIR, or - for stdin.
// Either is read up to the most qda reads from one file, so that
// /dev/zero or an endless pipe is refused rather than read without end.
func readMemoText(g *globals, file string) (string, error) {
	if file == "-" {
		data, err := io.ReadAll(io.LimitReader(os.Stdin, corpus.MaxFileSize+1))
		if err != nil {
			return "", fmt.Errorf("standard input: %w", err)
		}
		if len(data) > corpus.MaxFileSize {
			return "", memoTooLarge("standard input")
		}
		return string(data), nil
	}
	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(g.dir, path)
	}
	data, err := corpus.ReadInput(path)
	var f *diag.Finding
	if errors.As(err, &f) {
		return "", memoTooLarge(file)
	}
	if err != nil {
		return "", usageErr(err)
	}
	return string(data), nil
}

// memoTooLarge is the error of a memo text larger than a memo can be.
func memoTooLarge(from string) error {
	return withHint(fmt.Errorf("%s: larger than %d MB, more than a memo can hold", from, corpus.MaxFileSize>>20),
		"is it the right file? a memo is a few pages of Markdown; give a shorter text")
}

// completeAbout completes ABOUT: the kinds, then codes, transcripts or
// participants after the kind, or codes and transcripts on their own.
func completeAbout(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 && cmd.Name() == "add" {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		kind, rest, ok := strings.Cut(prefix, ":")
		var out []string
		switch {
		case ok && kind == "code":
			for _, p := range codePaths(g, rest) {
				out = append(out, "code:"+p)
			}
		case ok && kind == "transcript":
			for _, id := range transcriptIDs(g, rest) {
				out = append(out, "transcript:"+id)
			}
		case ok && kind == "participant":
			for _, id := range memoParticipantIDs(g, rest) {
				out = append(out, "participant:"+id)
			}
		case !ok:
			for _, k := range []string{"study", "code:", "transcript:", "participant:"} {
				if strings.HasPrefix(k, prefix) {
					out = append(out, k)
				}
			}
			if prefix != "" {
				out = append(out, codePaths(g, prefix)...)
				out = append(out, transcriptIDs(g, prefix)...)
				out = append(out, memoParticipantIDs(g, prefix)...)
			}
		}
		dir := cobra.ShellCompDirectiveNoFileComp
		if len(out) > 0 && !slices.ContainsFunc(out, func(c string) bool { return !strings.HasSuffix(c, ":") }) {
			dir |= cobra.ShellCompDirectiveNoSpace // a kind: its target follows
		}
		return out, dir
	}
}

func memoParticipantIDs(g *globals, prefix string) []string {
	s, err := peekStudy(g)
	if err != nil {
		return nil
	}
	t, _ := corpus.ReadTable(s.Root, corpus.ParticipantsFile, "id")
	var ids []string
	for _, r := range t.Rows {
		if strings.HasPrefix(r.ID, prefix) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// completeMemos completes the names of memos in memos/.
func completeMemos(g *globals) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		s, err := peekStudy(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		files, _ := s.MemoFiles()
		var out []string
		for _, f := range files {
			if name := strings.TrimSuffix(strings.TrimPrefix(f, corpus.MemosDir+"/"), ".md"); strings.HasPrefix(name, prefix) {
				out = append(out, name)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
