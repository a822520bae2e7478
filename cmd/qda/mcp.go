package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/spf13/cobra"

	"github.com/qdatool/qda/assistant"
	"github.com/qdatool/qda/assistant/mcpserver"
	"github.com/qdatool/qda/export"
)

func newMCPCmd(g *globals) *cobra.Command {
	var model string
	var allow bool
	cmd := &cobra.Command{
		Use:   "mcp [--coder ai-claude] [--model NAME]",
		Short: "Serve the study to an AI assistant over MCP (stdio)",
		Long: `Run a Model Context Protocol server on stdin and stdout for an MCP host
(Claude Desktop, Claude Code, an IDE) to read the study and propose codings,
codes and memos. The host starts it; see README.md for its configuration.

Read tools: overview, codebook, transcripts, participants, transcript_lines,
excerpts, search, stats, matrix, crosstab, cooccurrence, agreement, memos.
Propose tools: propose_coding, propose_code, propose_memo. Resources: the
codebook and each transcript. Prompt: code_transcript.

Proposals are written as the machine coder --coder (default ai-claude),
declared in qda.yaml as a machine coder on the first proposal when it is not
yet: codings in codings/CODER/, proposed codes in proposals/CODER/codes.yaml,
memos under memos/. Nothing the server does writes a person's codings or
deletes a file. A line of text in which check's identifier scan finds a
number, an email, a web address or a listed identifying name is withheld
from what the server sends, unless --allow-identifiers. A person decides with 'qda review'; 'qda agree --coders
CODER,jt' measures the assistant against people. See docs/assistant.md.`,
		Example: `  qda mcp -C ~/studies/befriending
  qda mcp --coder ai-claude --model claude-sonnet-4`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMCP(g, cmd.InOrStdin(), model, allow)
		},
	}
	cmd.Flags().StringVar(&model, "model", "", "the model's `NAME`, recorded with each proposal when the call gives none")
	cmd.Flags().BoolVar(&allow, "allow-identifiers", false, "send lines in which check's identifier scan finds something (withheld otherwise)")
	return cmd
}

func runMCP(g *globals, stdin io.Reader, model string, allowIdentifiers bool) error {
	coders := g.coders()
	if len(coders) > 1 {
		return usageErr(fmt.Errorf("give one --coder: the machine coder the assistant proposes as"))
	}
	coder := ""
	if len(coders) == 1 {
		coder = coders[0]
	}
	a, err := assistant.New(g.dir, coder, model)
	if err != nil {
		return openError(err)
	}
	a.Wait = lockWait(g)
	a.AllowIdentifiers = allowIdentifiers
	if a.Now, err = clock(); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	g.sayf("qda: ", "serving the study over MCP on stdin/stdout; proposals are written as %s", a.Coder)
	s := mcpserver.New(a, qdaVersion())
	err = s.Run(ctx, &mcp.IOTransport{Reader: io.NopCloser(stdin), Writer: nopWriteCloser{g.stdout}})
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// clock dates proposals and decisions: now, or $SOURCE_DATE_EPOCH when
// set, as the exports are dated, so a scripted session is reproducible.
func clock() (func() time.Time, error) {
	epoch := os.Getenv("SOURCE_DATE_EPOCH")
	if epoch == "" {
		return time.Now, nil
	}
	t, err := export.DateFromEnv(epoch, time.Now())
	if err != nil {
		return nil, withHint(usageErr(err), "unset SOURCE_DATE_EPOCH or give seconds since 1970")
	}
	return func() time.Time { return t }, nil
}

// nopWriteCloser keeps stdout open when the server's connection closes.
type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
