package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/rogpeppe/go-internal/testscript"
)

// cmdMCPClient is a real MCP client for the scripts: it starts the
// script's qda as 'qda mcp ARGS...' over stdio, as a host does, and calls
// the tools listed in FILE (a JSON list of {"tool": ..., "arguments":
// {...}}), one at a time, printing "TOOL: ok JSON" or "TOOL: error TEXT"
// a line each:
//
//	mcpclient FILE [ARGS...]
func cmdMCPClient(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: mcpclient FILE [ARGS...]")
	}
	var calls []struct {
		Tool      string         `json:"tool"`
		Arguments map[string]any `json:"arguments"`
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &calls))
	qda, err := lookPath(ts, "qda")
	ts.Check(err)
	cmd := exec.Command(qda, append([]string{"mcp"}, args[1:]...)...)
	cmd.Dir = ts.MkAbs(".")
	for _, kv := range []string{"PATH", "HOME", "QDA_CODER", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "NO_COLOR", "SOURCE_DATE_EPOCH", "QDA_TEST_TIMEOUT"} {
		cmd.Env = append(cmd.Env, kv+"="+ts.Getenv(kv))
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	ctx := context.Background()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "qda-script", Version: "1"}, nil).Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	ts.Check(err)
	defer cs.Close()
	var out strings.Builder
	for _, c := range calls {
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: c.Tool, Arguments: c.Arguments})
		ts.Check(err)
		if res.IsError {
			var text []string
			for _, ct := range res.Content {
				if t, ok := ct.(*mcp.TextContent); ok {
					text = append(text, t.Text)
				}
			}
			fmt.Fprintf(&out, "%s: error %s\n", c.Tool, strings.Join(text, " "))
			continue
		}
		data, err := json.Marshal(res.StructuredContent)
		ts.Check(err)
		fmt.Fprintf(&out, "%s: ok %s\n", c.Tool, data)
	}
	ts.Check(cs.Close())
	ts.Stdout().Write([]byte(out.String()))
	ts.Stderr().Write([]byte(stderr.String()))
}

// lookPath finds name on the script's PATH, where testscript puts qda.
func lookPath(ts *testscript.TestScript, name string) (string, error) {
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not on the script's PATH", name)
}
