package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/assistant"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
	"github.com/qdatool/qda/internal/diag"
)

type checkOptions struct {
	strict bool
	fix    bool
}

func newCheckCmd(g *globals) *cobra.Command {
	var opt checkOptions
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate every file of the study",
		Long: `Check every file of the study and print each problem as file:line: message,
sorted, one per line, with what to do about it:

  - YAML syntax errors in qda.yaml, codebook.yaml and codings files
  - codebook problems: names that are not slugs, duplicate siblings, clashing aliases
  - unknown or ambiguous codes in codings
  - line ranges outside the transcript (one that starts or ends on a blank
    line is a warning)
  - quote drift: a segment's quote is no longer at the start of its first
    line (and where the text is now, if found)
  - transcripts missing from transcripts.csv or the other way round, sha256
    mismatches, participants missing from participants.csv, duplicate ids,
    codings for unknown transcripts
  - the anonymisation scan of transcripts and memos: emails, UK phone
    numbers and postcodes, URLs, NHS numbers that pass the check digit, and
    the names listed under anonymise.names in qda.yaml or in
    .qda/identifiers.txt

Warnings (a former code name still in use, a code nothing uses) do not fail
the check unless --strict is given. Exit status 1 when there are problems.`,
		Example: `  qda check
  qda check --strict        # in CI: warnings fail too
  qda check --json | jq '.findings[] | select(.severity == "error")'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runCheck(g, opt) },
	}
	cmd.Flags().BoolVar(&opt.strict, "strict", false, "fail on warnings too")
	cmd.Flags().BoolVar(&opt.fix, "fix", false, "run 'qda fix' first")
	return cmd
}

type checkFinding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

type checkJSON struct {
	Findings     []checkFinding `json:"findings"`
	Errors       int            `json:"errors"`
	Warnings     int            `json:"warnings"`
	Transcripts  int            `json:"transcripts"`
	CodingsFiles int            `json:"codings_files"`
	Segments     int            `json:"segments"`
}

func runCheck(g *globals, opt checkOptions) error {
	if opt.fix {
		if err := runFix(g, fixOptions{checked: true}); err != nil {
			return err
		}
	}
	st, err := corpus.Locate(g.dir, false, nil)
	if err != nil {
		return openError(err)
	}
	noteRecovered(g, st)
	rep, err := st.Check()
	if err != nil {
		return err
	}
	// The summaries' format is export's; a file export would stop at is
	// a finding of check's like any other.
	rep.Findings = append(rep.Findings, export.CheckSummaries(st)...)
	rep.Findings = append(rep.Findings, assistant.Check(st)...)
	rep.Findings.Sort()
	if env := os.Getenv(corpus.KeyEnv); env != "" {
		if _, err := st.KeyPath(env); err != nil {
			rep.Findings = append(rep.Findings, &diag.Finding{File: "$" + corpus.KeyEnv, Msg: err.Error()})
		}
	}
	errs, warns := 0, 0
	out := checkJSON{Findings: []checkFinding{}, Transcripts: rep.Transcripts, CodingsFiles: rep.CodingsFiles, Segments: rep.Segments}
	for _, f := range rep.Findings {
		if f.Severity == diag.Warning {
			warns++
		} else {
			errs++
		}
		out.Findings = append(out.Findings, checkFinding{f.File, f.Line, f.Severity.String(), f.Msg, f.Hint})
	}
	out.Errors, out.Warnings = errs, warns
	if g.json {
		if err := printJSON(g.stdout, out); err != nil {
			return err
		}
	} else {
		for _, f := range rep.Findings {
			fmt.Fprintln(g.stdout, f.Error())
		}
		g.sayf("qda: ", "checked %s, %s, %s: %s",
			plural(rep.Transcripts, "transcript"), plural(rep.CodingsFiles, "codings file"), plural(rep.Segments, "segment"), summarise(errs, warns))
	}
	if errs > 0 || (opt.strict && warns > 0) {
		return &exitError{code: exitProblems, err: fmt.Errorf("check found problems"), silent: true}
	}
	return nil
}

func summarise(errs, warns int) string {
	if errs == 0 && warns == 0 {
		return "no problems"
	}
	return fmt.Sprintf("%s, %s", plural(errs, "error"), plural(warns, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	if strings.HasSuffix(word, "s") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
