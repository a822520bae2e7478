package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/assistant"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/layout"
)

type reviewOptions struct {
	stats    bool
	reviewer string
}

func newReviewCmd(g *globals) *cobra.Command {
	var opt reviewOptions
	cmd := &cobra.Command{
		Use:   "review [--coder ai-claude] [ID] | review --stats",
		Short: "Accept or reject an AI assistant's proposals, one by one",
		Long: `Walk the proposals of a machine coder (--coder, default ai-claude or the
study's only machine coder) that no one has decided yet: its codings (of
transcript ID alone, when given), then the codes it proposed. For each:

  a  accept: the codes go into your codings file, on the same lines
  c  accept with changes: give other lines or codes first
  r  reject (with a reason, if you like)
  s  skip: decide later
  q  quit

You are $QDA_CODER, else your git identity, or --reviewer ID. An accepted
code joins codebook.yaml. Each decision is recorded in
proposals/CODER/review.yaml, so no proposal is asked twice and --stats
reports acceptance per code. The assistant's own codings are left as it
made them: 'qda agree --coders ai-claude,YOU' measures it against people.`,
		Example: `  QDA_CODER=jt qda review
  qda review may-1 --reviewer jt
  qda review --stats`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeTranscripts(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			return runReview(g, cmd.InOrStdin(), id, opt)
		},
	}
	cmd.Flags().BoolVar(&opt.stats, "stats", false, "report acceptance rates per code instead of reviewing")
	cmd.Flags().StringVar(&opt.reviewer, "reviewer", "", "review as coder `ID` (default $QDA_CODER, else your git identity)")
	cmd.RegisterFlagCompletionFunc("reviewer", completeCoders(g))
	return cmd
}

func runReview(g *globals, stdin io.Reader, id string, opt reviewOptions) error {
	st, err := corpus.Open(g.dir)
	if err != nil {
		return openError(err)
	}
	cfg, root := st.Config, st.Root
	who := identity(st, opt.reviewer, "--reviewer")
	st.Close()
	machine, err := reviewedCoder(g, cfg)
	if err != nil {
		return err
	}
	r := &assistant.Review{Dir: root, Machine: machine, Wait: lockWait(g)}
	if r.Now, err = clock(); err != nil {
		return err
	}
	if opt.stats {
		return printReviewStats(g, r)
	}
	if r.Reviewer, err = cfg.ResolveCoder(who); err != nil {
		return withHint(usageErr(err), "say who reviews: --reviewer ID or $QDA_CODER")
	}
	if err := assistant.CheckCoders(cfg, r.Machine, r.Reviewer); err != nil {
		return usageErr(err)
	}
	pending, err := r.Pending(id)
	if errors.Is(err, assistant.ErrUnknownTranscript) {
		return withHint(usageErr(err), "'qda transcripts' lists them")
	}
	if err != nil {
		return err
	}
	if len(pending) == 0 {
		g.sayf("qda: ", "no proposals of %s wait for review", machine)
		return nil
	}
	in := bufio.NewScanner(stdin)
	ask := func(prompt string) (string, bool) {
		fmt.Fprint(g.stdout, prompt)
		if !in.Scan() {
			fmt.Fprintln(g.stdout)
			return "", false
		}
		return strings.TrimSpace(in.Text()), true
	}
	counts := map[string]int{}
	for i, p := range pending {
		printProposal(g, i+1, len(pending), p)
		answer, ok := ask("accept (a), accept with changes (c), reject (r), skip (s), quit (q)? ")
		if !ok || answer == "q" {
			break
		}
		var d *assistant.Decision
		switch answer {
		case "a":
			d, err = r.Accept(p, "", nil, "")
		case "c":
			var lines string
			if p.Kind == "coding" {
				if lines, ok = ask(fmt.Sprintf("  lines [%s]: ", p.Lines)); !ok {
					break
				}
			}
			var codes string
			if codes, ok = ask(fmt.Sprintf("  codes [%s]: ", strings.Join(p.Codes, " "))); !ok {
				break
			}
			d, err = r.Accept(p, lines, strings.FieldsFunc(codes, func(r rune) bool { return r == ' ' || r == ',' }), "")
		case "r":
			why, _ := ask("  reason (optional): ")
			d, err = r.Reject(p, why)
		default:
			counts["skipped"]++
			continue
		}
		if err != nil {
			g.sayf("qda: ", "%v; proposal left for later", err)
			counts["skipped"]++
			continue
		}
		if d != nil {
			counts[d.Decision]++
			fmt.Fprintf(g.stdout, "  %s\n", d.Decision)
		}
	}
	left, err := r.Pending(id)
	if err != nil {
		return err
	}
	g.sayf("qda: ", "accepted %d, accepted with changes %d, rejected %d, skipped %d; %s of %s left (%s)",
		counts[assistant.Accepted], counts[assistant.Changed], counts[assistant.Rejected], counts["skipped"],
		plural(len(left), "proposal"), machine, corpus.ReviewLogFile(machine))
	return nil
}

// reviewedCoder is the machine coder whose proposals are reviewed: --coder,
// else ai-claude when declared, else the study's only machine coder.
func reviewedCoder(g *globals, cfg corpus.Config) (string, error) {
	switch cs := g.coders(); {
	case len(cs) > 1:
		return "", usageErr(errors.New("give one --coder: the machine coder whose proposals to review"))
	case len(cs) == 1:
		return cs[0], nil
	}
	machine, machines := assistant.ReviewedCoder(cfg)
	switch {
	case machine != "":
		return machine, nil
	case len(machines) == 0:
		return "", withHint(usageErr(fmt.Errorf("%s declares no machine coder, so there are no proposals to review", corpus.ConfigFile)),
			"'qda mcp' declares its coder with its first proposal; 'qda coder list' shows the study's coders")
	}
	return "", withHint(usageErr(errors.New("which machine coder's proposals? give --coder")), "the study's machine coders: %s", strings.Join(machines, ", "))
}

// printProposal shows a proposal, its text and fields wrapped to the
// terminal with their labels hanging.
func printProposal(g *globals, i, n int, p assistant.Proposal) {
	width := termWidth(g.stdout)
	put := func(prefix, value string) {
		for _, row := range layout.Hanging(prefix, value, width) {
			fmt.Fprintln(g.stdout, row)
		}
	}
	fmt.Fprintln(g.stdout)
	if p.Kind == "code" {
		c := p.Code
		fmt.Fprintf(g.stdout, "[%d/%d] new code %s\n", i, n, c.Path)
		for _, f := range [][2]string{{"label", c.Label}, {"description", c.Description}, {"include", c.Include}, {"exclude", c.Exclude},
			{"examples", strings.Join(c.Examples, " | ")}, {"rationale", c.Rationale}, {"model", c.Model}} {
			if f[1] != "" {
				put("  "+f[0]+": ", f[1])
			}
		}
		return
	}
	fmt.Fprintf(g.stdout, "[%d/%d] %s:%s  %s\n", i, n, p.Transcript, p.Lines, strings.Join(p.Codes, ", "))
	for _, l := range p.Text {
		put(fmt.Sprintf("  %4d  ", l.N), l.Text)
	}
	for _, l := range strings.Split(strings.TrimSpace(p.Memo), "\n") {
		put("  > ", l)
	}
}

func printReviewStats(g *globals, r *assistant.Review) error {
	s, err := r.Stats()
	if err != nil {
		return err
	}
	if g.json {
		return printJSON(g.stdout, s)
	}
	t := newTable(g.stdout, "code", "proposed", "accepted", "changed", "rejected", "acceptance").paths(0)
	for _, c := range append(s.Codes, s.Total) {
		t.codeRow(c.Code, c.Code, strconv.Itoa(c.Proposed), strconv.Itoa(c.Accepted), strconv.Itoa(c.Changed), strconv.Itoa(c.Rejected), acceptance(c))
	}
	if err := t.flush(); err != nil {
		return err
	}
	g.sayf("qda: ", "%s: %d of %d proposed codes accepted into the codebook; %s waiting",
		s.Coder, s.CodesAccepted, s.CodesProposed, plural(s.Pending, "proposal"))
	return nil
}

func acceptance(c assistant.CodeAcceptance) string {
	if c.Proposed == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*c.Rate)
}
