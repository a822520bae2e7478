// Package mcpserver serves an assistant.Assistant over the Model Context
// Protocol with the official Go SDK: each tool is one call of the
// assistant package, whose typed inputs and outputs give the tools'
// schemas. Nothing here reads or writes the study itself.
package mcpserver

import (
	"context"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/qdatool/qda/assistant"
)

// New makes the server for a: its tools, resources and prompt.
func New(a *assistant.Assistant, version string) *mcp.Server {
	s := mcp.NewServer(&mcp.Implementation{Name: "qda", Title: "qda: qualitative interview analysis", Version: version}, &mcp.ServerOptions{
		Instructions: "A qualitative study: interview transcripts, a hierarchical codebook, and each coder's codings. " +
			"Read with the read tools; propose codings, codes and memos with the propose_ tools. Proposals are written as the machine coder " +
			a.Coder + " and decided by a person with 'qda review'; nothing you do changes a person's codings.",
	})
	read := &mcp.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: ptr(false)}
	propose := &mcp.ToolAnnotations{DestructiveHint: ptr(false), IdempotentHint: true}
	add(s, "overview", "The study: title, size, coders, attributes, themes, and who proposals are written as. Start here.", read, a.Overview)
	add(s, "codebook", "The codebook: every code's path, label, description, include and exclude rules (paged), or one code in full with examples.", read, a.Codebook)
	add(s, "transcripts", "Transcripts with participant, lines, who coded them and attributes; filter with where (attribute=value).", read, a.Transcripts)
	add(s, "participants", "Participants with their attributes and transcripts; filter with where (attribute=value).", read, a.Participants)
	add(s, "transcript_lines", "Lines of a transcript, numbered as the file is (the numbers propose_coding takes), with the codes on each line and who put them there.", read, a.TranscriptLines)
	add(s, "excerpts", "The passages coded with a code (or a descendant), with their text, codes and coders.", read, a.Excerpts)
	add(s, "search", "Full-text search of the transcripts with qda's query language, filtered by code, attributes, speaker or uncoded lines.", read, a.Search)
	add(s, "stats", "Per code: references, transcripts, participants, lines and words; split by an attribute with by.", read, a.Stats)
	add(s, "matrix", "Rows (participant, transcript or an attribute) by codes, one measure in each cell.", read, a.Matrix)
	add(s, "crosstab", "Codes by the values of an attribute, with column percentages.", read, a.Crosstab)
	add(s, "cooccurrence", "How often codes' references overlap (or lie within some lines of each other).", read, a.Cooccurrence)
	add(s, "agreement", "Agreement between coders per code (percent agreement, Cohen's or Fleiss' kappa, Krippendorff's alpha); name a machine coder in coders to compare it with people.", read, a.Agreement)
	add(s, "memos", "Memos about the study, codes, transcripts or participants, and optionally segment memos.", read, a.Memos)
	addWith(s, "propose_coding", "Propose codes for lines of a transcript, with a rationale. Written as the assistant's machine coder, for a person to review; never changes a person's codings.", propose,
		func(req *mcp.CallToolRequest, in assistant.ProposeCodingInput) (*assistant.ProposeCodingResult, error) {
			in.Model = model(a, req, in.Model)
			return a.ProposeCoding(in)
		})
	addWith(s, "propose_code", "Propose a new code (parent, name, description, include/exclude, example quotes). Kept as a proposal until a person accepts it into the codebook.", &mcp.ToolAnnotations{DestructiveHint: ptr(false)},
		func(req *mcp.CallToolRequest, in assistant.ProposeCodeInput) (*assistant.ProposeCodeResult, error) {
			in.Model = model(a, req, in.Model)
			return a.ProposeCode(in)
		})
	addWith(s, "propose_memo", "Write a new memo as the assistant's coder about the study, a code, a transcript or a participant.", &mcp.ToolAnnotations{DestructiveHint: ptr(false)},
		func(req *mcp.CallToolRequest, in assistant.ProposeMemoInput) (*assistant.ProposeMemoResult, error) {
			in.Model = model(a, req, in.Model)
			return a.ProposeMemo(in)
		})
	addResources(s, a)
	addPrompt(s, a)
	return s
}

func ptr[T any](v T) *T { return &v }

// add registers one assistant method as a tool.
func add[In, Out any](s *mcp.Server, name, desc string, ann *mcp.ToolAnnotations, fn func(In) (*Out, error)) {
	addWith(s, name, desc, ann, func(_ *mcp.CallToolRequest, in In) (*Out, error) { return fn(in) })
}

// addWith registers a tool that also reads the request: an error it
// returns is a tool error the model reads, not a protocol failure.
func addWith[In, Out any](s *mcp.Server, name, desc string, ann *mcp.ToolAnnotations, fn func(*mcp.CallToolRequest, In) (*Out, error)) {
	mcp.AddTool(s, &mcp.Tool{Name: name, Description: desc, Annotations: ann},
		func(_ context.Context, req *mcp.CallToolRequest, in In) (*mcp.CallToolResult, *Out, error) {
			out, err := fn(req, in)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", name, err)
			}
			return nil, out, nil
		})
}

// model names the model a proposal records: the call's, else qda mcp
// --model, else what the host says it is, so a proposal never goes
// without a clue to who made it.
func model(a *assistant.Assistant, req *mcp.CallToolRequest, given string) string {
	if given != "" || a.Model != "" {
		return given
	}
	if ci := req.ClientInfo(); ci != nil && ci.Name != "" {
		return strings.TrimSpace("unknown, via " + ci.Name + " " + ci.Version)
	}
	return ""
}
