package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/ingest"
	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/lazyre"
)

type ingestOptions struct {
	participant string
	id          string
	attrs       []string
	speakerMap  []string
	dryRun      bool
	replace     bool
}

func newIngestCmd(g *globals) *cobra.Command {
	var opt ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest FILE...",
		Short: "Normalise transcripts (.txt .md .docx .odt .vtt .srt) and add them to the study",
		Long: `Read each FILE, normalise it into transcripts/ID.txt (turns split by a blank
line, "Speaker: " on a turn's first line, one sentence per line, UTF-8, LF)
and record it in transcripts.csv with its source file name and the sha256
of the text; a new participant gets a row in participants.csv.

Speakers are found in the common styles: "Interviewer:", "I:", "Int:", "Q:",
"A:", "R:", "P1:", "[00:01:02] May:", "May (00:01:02):", "MAY:", "**May:**",
a label alone on its line ("Speaker 1", "May Smith 0:05"), and WebVTT voice
tags. Timestamps are dropped. The conventional interviewer labels (I, Int,
Q, Interviewer) become "Interviewer"; the participant's (R, A, P, P1,
Respondent, Interviewee, Participant) become the participant's id, unless
--speaker-map renames them. Redaction markers such as [name removed] are
kept as they are. The anonymise rules of qda.yaml are applied, and counted.

The id defaults to the file name as a slug (May-2.docx → may-2); the
participant to the id up to its last -N (may-2 → may). An existing id is
refused unless --replace, which re-anchors every coder's segments to the new
text by their quotes; a segment whose text is gone is kept where it was and
reported, for 'qda check' to flag. A file that cannot be read is reported
and the others still go in (exit 1).`,
		Example: `  qda ingest interviews/may-1.docx interviews/may-2.docx
  qda ingest teams/call.vtt --id ted-1 --speaker-map "Jane Doe=Interviewer" --speaker-map "Ted Smith=Ted"
  qda ingest raw/*.txt --attr wave=1 --attr mode=telephone
  qda ingest may-1.txt --dry-run          # show the normalised text, write nothing
  qda ingest may-1.docx --replace         # a corrected transcript; codings follow it`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runIngest(g, args, opt) },
	}
	f := cmd.Flags()
	f.StringVar(&opt.participant, "participant", "", "the participant `ID` (default: the id up to its last -N)")
	f.StringVar(&opt.id, "id", "", "the transcript `ID` (default: the file name as a slug; one FILE only)")
	f.StringArrayVar(&opt.attrs, "attr", nil, "a transcript attribute `key=value` for transcripts.csv (repeatable)")
	f.StringArrayVar(&opt.speakerMap, "speaker-map", nil, "rename a speaker label `OLD=NEW` (repeatable)")
	f.BoolVar(&opt.dryRun, "dry-run", false, "print the normalised text and what would change; write nothing")
	f.BoolVar(&opt.replace, "replace", false, "replace a transcript that exists, re-anchoring its codings")
	return cmd
}

var trailingNumberRE = lazyre.New(`-\d+$`)

func runIngest(g *globals, files []string, opt ingestOptions) error {
	if opt.id != "" && len(files) > 1 {
		return usageErr(errors.New("--id names one transcript: give one FILE with it"))
	}
	attrs, err := keyValues("--attr", opt.attrs)
	if err != nil {
		return err
	}
	for k := range attrs {
		if !corpus.ValidName(k) {
			return withHint(usageErr(fmt.Errorf("--attr %s: %q is not a valid attribute name", k, k)),
				"use lowercase letters, digits, '_' and '-', e.g. %q", corpus.AttrSlug(k))
		}
		if k == "id" || k == "participant" || k == "sha256" || k == "source" {
			return usageErr(fmt.Errorf("--attr %s: qda sets %s itself", k, k))
		}
	}
	mapping, err := keyValues("--speaker-map", opt.speakerMap)
	if err != nil {
		return err
	}
	s, err := openStudyWrite(g)
	if err != nil {
		return err
	}
	rules, findings := corpus.CompileRules(s.study.Config.Anonymise.Rules)
	if err := findings.Err(); err != nil {
		return withHint(err, "fix the anonymise rules in %s", corpus.ConfigFile)
	}
	var bar *progressbar.ProgressBar
	if len(files) > 1 && !opt.dryRun && isTerminal(g.stderr) {
		bar = progressbar.NewOptions(len(files), progressbar.OptionSetWriter(g.stderr),
			progressbar.OptionSetDescription("ingesting"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	sum := ingestSummary{speakers: map[string]int{}, replaced: make([]int, len(rules))}
	failed := 0
	for _, file := range files {
		if err := ingestOne(g, s, file, opt, attrs, mapping, rules, &sum, bar != nil); err != nil {
			failed++
			if bar != nil {
				bar.Clear()
			}
			var f *diag.Finding
			if !errors.As(err, &f) || f.File == "" {
				err = fmt.Errorf("%s: %w", file, err)
			}
			printError(g, err, exitProblems)
		}
		if bar != nil {
			bar.Add(1)
		}
	}
	sum.print(g, rules, opt.dryRun)
	if failed > 0 {
		return &exitError{code: exitProblems, err: fmt.Errorf("%s of %d could not be ingested", plural(failed, "file"), len(files)), silent: false}
	}
	return nil
}

type ingestSummary struct {
	files, turns, lines, unlabelled int
	speakers                        map[string]int
	replaced                        []int
}

// ingestOne ingests one file; quiet leaves the line per file out, while a
// progress bar stands in for it.
func ingestOne(g *globals, s *session, file string, opt ingestOptions, attrs, mapping map[string]string, rules []*corpus.Rule, sum *ingestSummary, quiet bool) error {
	// -C DIR means "as if started in DIR", so relative names start there.
	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(g.dir, path)
	}
	data, err := corpus.ReadInput(path)
	if err != nil {
		return err
	}
	id := opt.id
	if id == "" {
		id = corpus.Slug(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	}
	participant := opt.participant
	if participant == "" {
		participant = trailingNumberRE().ReplaceAllString(id, "")
	}
	res, err := ingest.File(file, data, ingest.Options{Participant: participant, SpeakerMap: mapping, Rules: rules})
	if err != nil {
		return err
	}
	if len(res.Text) == 0 {
		return errors.New("no text found in it")
	}
	if opt.dryRun {
		sum.add(res)
		fmt.Fprintf(g.stdout, "==> %s (from %s, participant %s) <==\n%s\n", corpus.TranscriptFile(id), file, participant, res.Text)
		return nil
	}
	rep, err := s.study.PutTranscript(s.ix, corpus.NewTranscript{
		ID: id, Participant: participant, Source: filepath.Base(file), Attrs: attrs, Text: res.Text, Replace: opt.replace,
	})
	var exists *corpus.ErrExists
	if errors.As(err, &exists) {
		return withHint(err, "give --replace to replace it (its codings are re-anchored), or --id for another id")
	}
	if err != nil {
		return err
	}
	sum.add(res)
	if quiet && len(rep.Moved) == 0 && len(rep.Lost) == 0 {
		return nil
	}
	verb := "added"
	if rep.Replaced {
		verb = "replaced"
	}
	g.sayf("qda: ", "%s %s (%s, %s, participant %s%s)", verb, corpus.TranscriptFile(id), plural(res.Turns, "turn"), plural(res.Lines, "line"), participant, map[bool]string{true: ", new", false: ""}[rep.NewParticipant])
	for _, f := range sortedKeys(rep.Moved) {
		g.sayf("qda: ", "%s: %s re-anchored", f, plural(len(rep.Moved[f]), "segment"))
	}
	for _, f := range sortedKeys(rep.Lost) {
		for _, m := range rep.Lost[f] {
			g.sayf("qda: ", "%s: segment on lines %s: its text is not in the new transcript; kept where it was for 'qda check' to flag", f, m.Old)
		}
	}
	return nil
}

func (sum *ingestSummary) add(res *ingest.Result) {
	sum.files++
	sum.turns += res.Turns
	sum.lines += res.Lines
	sum.unlabelled += res.Unlabelled
	for k, v := range res.Speakers {
		sum.speakers[k] += v
	}
	for i, n := range res.Replaced {
		sum.replaced[i] += n
	}
}

func (sum ingestSummary) print(g *globals, rules []*corpus.Rule, dryRun bool) {
	var names []string
	for n := range sum.speakers {
		names = append(names, n)
	}
	sortByCount(names, sum.speakers)
	var sp []string
	for _, n := range names {
		sp = append(sp, fmt.Sprintf("%s (%d)", n, sum.speakers[n]))
	}
	verb := "ingested"
	if dryRun {
		verb = "would ingest"
	}
	speakers := ""
	if len(sp) > 0 {
		speakers = "; speakers: " + strings.Join(sp, ", ")
	}
	g.sayf("qda: ", "%s %s: %s, %s%s", verb, plural(sum.files, "file"), plural(sum.turns, "turn"), plural(sum.lines, "line"), speakers)
	if sum.unlabelled > 0 {
		g.sayf("qda: ", "%s had no speaker label; label them in the source or with --speaker-map", plural(sum.unlabelled, "turn"))
	}
	for i, r := range rules {
		g.sayf("qda: ", "anonymise %s: %s", r.Describe(i), plural(sum.replaced[i], "replacement"))
	}
}

// keyValues reads "k=v" flag values.
func keyValues(flag string, args []string) (map[string]string, error) {
	m := map[string]string{}
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, usageErr(fmt.Errorf("%s %q: write key=value", flag, a))
		}
		m[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return m, nil
}
