package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
)

type autocodeOptions struct {
	code   string
	apply  bool
	within string
}

func newAutocodeCmd(g *globals) *cobra.Command {
	var opt autocodeOptions
	cmd := &cobra.Command{
		Use:   "autocode",
		Short: "Propose segments from the codebook's patterns, and how they compare with the coders",
		Long: `Run each code's patterns (queries in the syntax of 'qda search', listed under
patterns: in codebook.yaml) and propose its matching lines as segments,
consecutive lines joined. Without --apply nothing is written.

Beside each code, the proposals are compared line by line with every
coder's own codings of that code (or a descendant), over the transcripts
that coder has a codings file for:
  precision  the share of proposed lines the coder also coded
  recall     the share of the coder's coded lines the patterns found
so a pattern can be tuned before it is trusted. "-" is no line to divide by.

--within turn matches each pattern against whole speaker turns, as
'qda search --within turn' does (every + term somewhere in the turn), and
proposes every line of a matching turn: a participant's answer, whose
words are spread over its sentences, is coded whole.

--apply writes the proposals to the files of coder "auto", or of the coder
named with --coder, in one step. qda never writes a person's codings
unless that coder is named with --coder.`,
		Example: `  qda autocode
  qda autocode --code sustainability/infrastructure/transport --json
  qda autocode --apply                  # into codings/auto/
  qda autocode --code confidence --apply --coder jt
  qda autocode --within turn --code sustainability`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runAutocode(g, opt) },
	}
	cmd.Flags().StringVar(&opt.code, "code", "", "only `CODE` and its descendants")
	cmd.Flags().BoolVar(&opt.apply, "apply", false, "write the proposals to the coder's codings files")
	addWithinFlag(cmd, &opt.within, "match each pattern against a `line` or a whole speaker turn (proposing the turn)")
	cmd.RegisterFlagCompletionFunc("code", completeCodes(g))
	return cmd
}

type autocodeJSON struct {
	Code      string          `json:"code"`
	Patterns  []string        `json:"patterns"`
	Lines     int             `json:"lines"`
	Segments  []segmentJSON   `json:"segments"`
	Agreement []agreementJSON `json:"agreement"`
}

type segmentJSON struct {
	Transcript string `json:"transcript"`
	File       string `json:"file"`
	Lines      string `json:"lines"`
}

type agreementJSON struct {
	Coder       string   `json:"coder"`
	Transcripts int      `json:"transcripts"`
	Proposed    int      `json:"proposed"`
	Coded       int      `json:"coded"`
	Both        int      `json:"both"`
	Precision   *float64 `json:"precision"`
	Recall      *float64 `json:"recall"`
}

func runAutocode(g *globals, opt autocodeOptions) error {
	if len(g.coder) > 1 {
		return usageErr(errors.New("give one --coder: the coder whose files autocode writes"))
	}
	within, err := parseWithin(opt.within)
	if err != nil {
		return err
	}
	target := "auto"
	if len(g.coder) == 1 {
		target = g.coder[0]
		if !corpus.ValidName(target) {
			return withHint(usageErr(fmt.Errorf("coder %q is not a valid coder name", target)), "use lowercase letters, digits and '-', e.g. %q", corpus.Slug(target))
		}
	}
	open := openStudy
	if opt.apply {
		open = openStudyWrite
	}
	s, err := open(g)
	if err != nil {
		return err
	}
	if len(g.coder) == 1 && s.study.Config.Declares() {
		if _, ok := s.study.Config.Coder(target); !ok {
			return withHint(usageErr(fmt.Errorf("coder %q from --coder is %w (%s)", target, corpus.ErrUndeclared, strings.Join(s.study.Config.CoderIDs(), ", "))),
				"'qda coder add %s --machine' declares a machine coder", target)
		}
	}
	codes := s.cb.All()
	if opt.code != "" {
		c, err := s.resolveCode(opt.code)
		if err != nil {
			return err
		}
		codes = append([]*codebook.Code{c}, c.Descendants()...)
	}
	ix, err := openSearch(g, s)
	if err != nil {
		return err
	}
	props, err := ix.Autocode(codes, target, within)
	ix.Close()
	if err != nil {
		var pe *search.PatternError
		if errors.As(err, &pe) {
			return withHint(err, "fix the pattern in %s; 'qda search --help' explains the syntax", corpus.CodebookFile)
		}
		return err
	}
	if len(props) == 0 && !g.json {
		g.sayf("qda: ", "no code has patterns to run; add patterns: ['word', '\"a phrase\"'] to a code in %s", corpus.CodebookFile)
		return nil
	}
	out := autocodeResults(props)
	if g.json {
		if err := printJSON(g.stdout, out); err != nil {
			return err
		}
	} else if err := printAutocode(g, out); err != nil {
		return err
	}
	if !opt.apply {
		g.sayf("qda: ", "%s proposed; --apply writes them to %s/%s/", plural(countSegments(props), "segment"), corpus.CodingsDir, target)
		return nil
	}
	if len(g.coder) == 0 { // a coder named with --coder is a person's, or declared already
		if err := declareMachine(g, s.study, target); err != nil {
			return err
		}
	}
	files, err := s.applyProposals(props, target)
	if err != nil {
		return err
	}
	g.sayf("qda: ", "wrote %s of coder %s", plural(files, "codings file"), target)
	return nil
}

// declareMachine declares autocode's coder as a machine coder the first
// time it writes (a person named with --coder is left as declared), so
// agreement between people leaves it out unless named.
func declareMachine(g *globals, st *corpus.Study, id string) error {
	if _, ok := st.Config.Coder(id); ok {
		return nil
	}
	declared, err := st.DeclareCoder(corpus.Coder{ID: id, Name: "qda autocode", Machine: true})
	if err != nil {
		return err
	}
	g.sayf("qda: ", "declared %s in %s; agreement leaves a machine coder out unless named with --coders", strings.Join(declared, ", "), corpus.ConfigFile)
	return nil
}
