package mcpserver

import (
	"context"
	"errors"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/qdatool/qda/assistant"
)

const (
	codebookURI   = "qda://codebook"
	transcriptURI = "qda://transcripts/"
)

// addResources offers the codebook and each transcript; the template
// reads any transcript, also one ingested after the server started.
func addResources(s *mcp.Server, a *assistant.Assistant) {
	s.AddResource(&mcp.Resource{URI: codebookURI, Name: "codebook", Title: "Codebook (codebook.yaml)", MIMEType: "application/yaml",
		Description: "The study's codes with their definitions, inclusion and exclusion rules and examples."},
		func(_ context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
			text, err := a.CodebookText()
			if err != nil {
				return nil, err
			}
			return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: codebookURI, MIMEType: "application/yaml", Text: text}}}, nil
		})
	read := func(_ context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
		uri := req.Params.URI
		id, ok := strings.CutPrefix(uri, transcriptURI)
		if !ok {
			return nil, mcp.ResourceNotFoundError(uri)
		}
		text, err := a.TranscriptText(id)
		if errors.Is(err, assistant.ErrUnknownTranscript) {
			return nil, mcp.ResourceNotFoundError(uri)
		}
		if err != nil {
			// A study that cannot be read says why and what to fix,
			// not that the transcript is missing.
			return nil, err
		}
		return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: uri, MIMEType: "text/plain", Text: text}}}, nil
	}
	s.AddResourceTemplate(&mcp.ResourceTemplate{URITemplate: transcriptURI + "{id}", Name: "transcript", MIMEType: "text/plain",
		Description: "A transcript, each line with the number propose_coding takes."}, read)
	ids, err := a.TranscriptIDs()
	if err != nil {
		return // the tools say what is wrong with the study
	}
	for _, id := range ids {
		s.AddResource(&mcp.Resource{URI: transcriptURI + id, Name: id, Title: "Transcript " + id, MIMEType: "text/plain"}, read)
	}
}

// addPrompt offers the prompt that codes a transcript against the codebook.
func addPrompt(s *mcp.Server, a *assistant.Assistant) {
	s.AddPrompt(&mcp.Prompt{Name: "code_transcript", Title: "Code a transcript",
		Description: "Code a transcript against the codebook's definitions and inclusion/exclusion rules, as proposals for a person to review.",
		Arguments:   []*mcp.PromptArgument{{Name: "transcript", Description: "the transcript id", Required: true}}},
		func(_ context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			text, err := a.CodingPrompt(req.Params.Arguments["transcript"])
			if err != nil {
				return nil, err
			}
			return &mcp.GetPromptResult{Description: "Code a transcript against the codebook",
				Messages: []*mcp.PromptMessage{{Role: "user", Content: &mcp.TextContent{Text: text}}}}, nil
		})
}
