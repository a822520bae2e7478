package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/corpus"
)

func newAnonymiseCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "anonymise",
		Aliases: []string{"anonymize"},
		Short:   "Pseudonymise transcripts through a key kept outside the study",
		Long: `Find the identifiers in the transcripts and replace them through a key that
can be reviewed and reversed. The key file holds the real identifiers, so it
lives outside the study and out of git: its path is anonymise.key in qda.yaml
(relative to the study) or $QDA_KEY; qda refuses a key inside the study.

  qda anonymise scan    proposes terms: emails, phone numbers, postcodes, URLs,
                        NHS numbers, listed names, and capitalised words that look
                        like names or places; adds them to the key
  (edit the key)        choose a pseudonym or marker for each term, or keep: true
  qda anonymise apply   replaces every term in transcripts, memos and codings`,
		RunE: groupRun,
	}
	cmd.AddCommand(newAnonymiseScanCmd(g), newAnonymiseApplyCmd(g))
	return cmd
}

// openKey opens the study and finds its anonymisation key's path.
func openKey(g *globals, write bool) (*session, string, error) {
	open := openStudy
	if write {
		open = openStudyWrite
	}
	s, err := open(g)
	if err != nil {
		return nil, "", err
	}
	p, err := s.study.KeyPath(os.Getenv(corpus.KeyEnv))
	if errors.Is(err, corpus.ErrNoKey) {
		return nil, "", withHint(usageErr(err), "e.g. add 'key: ../study-key.yaml' under anonymise: in qda.yaml")
	}
	if err != nil {
		return nil, "", usageErr(err)
	}
	return s, p, nil
}

func newAnonymiseScanCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "scan",
		Short: "Propose identifiers for the anonymisation key",
		Long: `Scan every transcript for identifiers and add the ones the key does not
hold yet, each with a marker as its replacement. Choices already in the key
(replacements, keep: true) are never changed. Prints the terms found.`,
		Example: `  QDA_KEY=../key.yaml qda anonymise scan
  qda anonymise scan --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runAnonymiseScan(g) },
	}
}

func runAnonymiseScan(g *globals) error {
	s, path, err := openKey(g, false)
	if err != nil {
		return err
	}
	key, err := corpus.LoadKey(path)
	if err != nil {
		return withHint(err, "fix the key file, or move it away to start a new one")
	}
	props, err := s.study.ScanKey(s.ix)
	if err != nil {
		return err
	}
	added := key.Merge(props)
	data, err := key.Marshal()
	if err != nil {
		return err
	}
	if err := corpus.WriteFile(path, data); err != nil {
		return err
	}
	if g.json {
		type termJSON struct {
			Term    string `json:"term"`
			Kind    string `json:"kind"`
			Replace string `json:"replace"`
			Keep    bool   `json:"keep"`
			Found   int    `json:"found"`
		}
		out := []termJSON{}
		for _, t := range key.Terms {
			out = append(out, termJSON{t.Term, t.Kind, t.Replace, t.Keep, t.Found})
		}
		return printJSON(g.stdout, out)
	}
	t := newTable(g.stdout, "term", "kind", "found", "replace")
	for _, k := range key.Terms {
		rep := k.Replace
		if k.Keep {
			rep = "(kept)"
		}
		t.row(k.Term, k.Kind, fmt.Sprint(k.Found), rep)
	}
	if err := t.flush(); err != nil {
		return err
	}
	g.sayf("qda: ", "%s: %s, %d new; review it, then run 'qda anonymise apply'", path, plural(len(key.Terms), "term"), added)
	return nil
}

func newAnonymiseApplyCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "apply",
		Short: "Replace the key's terms in transcripts, memos and codings",
		Long: `Replace every term of the key (whole words, any case; keep: true terms are
left alone) in the transcripts, the memos and the codings files' quotes and
memos, all in one step, and update the transcripts' sha256. Replacements stay
on their line, so segments keep their line numbers. Afterwards no term of the
key is left in any of that text: when a replacement holds another term, nothing
is written and the error names the file, line and term. Code names are the
researchers' words and are not changed: a code that holds a term as a word
(tea in tea-and-company) is reported, for you to rename if it identifies
someone. Prints counts by kind, not the terms.`,
		Example: `  qda anonymise apply`,
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runAnonymiseApply(g) },
	}
}

func runAnonymiseApply(g *globals) error {
	s, path, err := openKey(g, true)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err != nil {
		return withHint(usageErr(fmt.Errorf("no key at %s", path)), "run 'qda anonymise scan' first")
	}
	key, err := corpus.LoadKey(path)
	if err != nil {
		return withHint(err, "fix the key file")
	}
	rep, err := s.study.ApplyKey(s.ix, key)
	if err != nil {
		return err
	}
	for _, w := range rep.Codes {
		g.sayf("qda: ", "%s", w)
	}
	if g.json {
		return printJSON(g.stdout, map[string]any{"replaced": rep.Counts, "files": rep.Files})
	}
	var parts []string
	for _, k := range sortedKeys(rep.Counts) {
		parts = append(parts, plural(rep.Counts[k], kindNoun(k)))
	}
	if len(parts) == 0 {
		g.sayf("qda: ", "no term of the key is in the study; nothing changed")
		return nil
	}
	for _, f := range rep.Files {
		fmt.Fprintln(g.stdout, f)
	}
	g.sayf("qda: ", "replaced %s in %s", strings.Join(parts, ", "), plural(len(rep.Files), "file"))
	return nil
}

// kindNoun names a kind of identifier for a count ("3 phone numbers").
func kindNoun(kind string) string {
	switch kind {
	case "email":
		return "email address"
	case "phone":
		return "phone number"
	case "url":
		return "web address"
	case "nhs-number":
		return "NHS number"
	case "":
		return "term"
	}
	return kind
}
