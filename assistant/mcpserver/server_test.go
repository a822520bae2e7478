package mcpserver_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/qdatool/qda/assistant"
	"github.com/qdatool/qda/assistant/mcpserver"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/demo"
)

// connect makes a demo study, serves it in process and connects a client
// through the SDK's in-memory transports, as a host would over stdio.
func connect(t *testing.T) (string, *mcp.ClientSession) {
	t.Helper()
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{Participants: 6}); err != nil {
		t.Fatal(err)
	}
	return dir, serve(t, dir)
}

func serve(t *testing.T, dir string, opts ...func(*assistant.Assistant)) *mcp.ClientSession {
	t.Helper()
	a, err := assistant.New(dir, "ai-claude", "test-model")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range opts {
		o(a)
	}
	a.Now = func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	st, ct := mcp.NewInMemoryTransports()
	ss, err := mcpserver.New(a, "test").Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test-client", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close(); ss.Wait() })
	return cs
}

// call calls a tool and decodes its structured result into out (when not
// nil); it returns the text of a tool error, "" when the call succeeded.
func call(t *testing.T, cs *mcp.ClientSession, name string, args map[string]any, out any) string {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: protocol error %v", name, err)
	}
	if res.IsError {
		var b strings.Builder
		for _, c := range res.Content {
			if tc, ok := c.(*mcp.TextContent); ok {
				b.WriteString(tc.Text)
			}
		}
		return b.String()
	}
	if out != nil {
		data, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s: %v in %s", name, err, data)
		}
	}
	return ""
}

func mustCall(t *testing.T, cs *mcp.ClientSession, name string, args map[string]any, out any) {
	t.Helper()
	if msg := call(t, cs, name, args, out); msg != "" {
		t.Fatalf("%s(%v): tool error %s", name, args, msg)
	}
}

// snapshot hashes every file of the study but qda's derived data, so a
// test can tell that nothing was written.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel == corpus.DataDir {
				return filepath.SkipDir
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func changed(before, after map[string][32]byte) []string {
	var out []string
	for k, v := range after {
		if w, ok := before[k]; !ok || w != v {
			out = append(out, k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			out = append(out, k+" (removed)")
		}
	}
	return out
}

func fileLine(t *testing.T, dir, id string, n int) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "transcripts", id+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n")[n-1]
}

func TestListTools(t *testing.T) {
	_, cs := connect(t)
	res, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"overview", "codebook", "transcripts", "participants", "transcript_lines", "excerpts", "search", "stats", "matrix",
		"crosstab", "cooccurrence", "agreement", "memos", "propose_coding", "propose_code", "propose_memo"}
	got := map[string]*mcp.Tool{}
	for _, tl := range res.Tools {
		got[tl.Name] = tl
	}
	for _, n := range want {
		tl, ok := got[n]
		if !ok {
			t.Errorf("tool %s missing", n)
			continue
		}
		if tl.Annotations == nil || tl.Annotations.ReadOnlyHint == strings.HasPrefix(n, "propose_") {
			t.Errorf("tool %s: read-only hint wrong: %+v", n, tl.Annotations)
		}
	}
	if len(res.Tools) != len(want) {
		t.Errorf("%d tools, want %d", len(res.Tools), len(want))
	}
}

func TestReadTools(t *testing.T) {
	dir, cs := connect(t)
	before := snapshot(t, dir)
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, _, err := st.LoadIndex()
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	first := ix.Transcripts.Rows[0].ID

	var ov assistant.Overview
	mustCall(t, cs, "overview", nil, &ov)
	if ov.Transcripts != len(ix.Transcripts.Rows) || ov.Participants != len(ix.Participants.Rows) || ov.WritesAs != "ai-claude" || len(ov.Themes) == 0 {
		t.Errorf("overview: %+v", ov)
	}

	var cb assistant.CodebookResult
	mustCall(t, cs, "codebook", map[string]any{"depth": 1}, &cb)
	if len(cb.Codes) != len(ov.Themes) || cb.Codes[0].Depth != 1 {
		t.Errorf("codebook depth 1: %d codes, want %d themes", len(cb.Codes), len(ov.Themes))
	}
	mustCall(t, cs, "codebook", map[string]any{"code": "confidence"}, &cb)
	if len(cb.Codes) != 1 || cb.Codes[0].Path != "confidence" || len(cb.Codes[0].Children) == 0 || cb.Codes[0].Description == "" {
		t.Errorf("codebook confidence: %+v", cb.Codes)
	}
	mustCall(t, cs, "codebook", map[string]any{"limit": 2, "offset": 1}, &cb)
	if len(cb.Codes) != 2 || cb.Page.NextOffset != 3 || cb.Page.Total <= 3 {
		t.Errorf("codebook page: %+v", cb.Page)
	}

	var ts assistant.TranscriptsResult
	mustCall(t, cs, "transcripts", map[string]any{"where": []string{"wave=1"}}, &ts)
	if len(ts.Transcripts) == 0 || ts.Page.Total != len(ts.Transcripts) {
		t.Fatalf("transcripts wave=1: %+v", ts.Page)
	}
	for _, tr := range ts.Transcripts {
		if tr.Attributes["wave"] != "1" {
			t.Errorf("transcripts where wave=1 gave %s with wave %q", tr.ID, tr.Attributes["wave"])
		}
	}

	var ps assistant.ParticipantsResult
	mustCall(t, cs, "participants", map[string]any{"where": []string{"gender=female"}}, &ps)
	if len(ps.Participants) == 0 {
		t.Fatal("no female participants")
	}
	for _, p := range ps.Participants {
		if p.Attributes["gender"] != "female" || len(p.Transcripts) == 0 {
			t.Errorf("participant %+v", p)
		}
	}

	var lines assistant.LinesResult
	mustCall(t, cs, "transcript_lines", map[string]any{"transcript": first}, &lines)
	text, err := os.ReadFile(filepath.Join(dir, "transcripts", first+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	fileLines := strings.Split(string(text), "\n")
	coded := false
	for _, l := range lines.Lines {
		if fileLines[l.N-1] != l.Text {
			t.Errorf("line %d: %q, file has %q", l.N, l.Text, fileLines[l.N-1])
		}
		coded = coded || len(l.Codes) > 0
	}
	if !coded || lines.Total == 0 {
		t.Errorf("transcript_lines %s: no codes shown or no lines", first)
	}
	mustCall(t, cs, "transcript_lines", map[string]any{"transcript": first, "from": 2, "to": 3}, &lines)
	if len(lines.Lines) == 0 || lines.Lines[0].N < 2 || lines.Lines[len(lines.Lines)-1].N > 3 || lines.Next != 4 {
		t.Errorf("transcript_lines 2-3: %+v", lines)
	}

	var ex assistant.ExcerptsResult
	mustCall(t, cs, "excerpts", map[string]any{"code": "confidence", "limit": 3}, &ex)
	if len(ex.Excerpts) != 3 || ex.Page.Total < 3 || len(ex.Excerpts[0].Text) == 0 {
		t.Errorf("excerpts: %+v", ex.Page)
	}

	var hits assistant.SearchResult
	mustCall(t, cs, "search", map[string]any{"query": "connectors", "limit": 5}, &hits)
	if len(hits.Hits) != 5 || hits.Page.Total < 5 || hits.Page.NextOffset != 5 {
		t.Fatalf("search connectors: %+v", hits.Page)
	}
	for _, h := range hits.Hits {
		if !strings.Contains(strings.ToLower(h.Text), "connector") || fileLine(t, dir, h.Transcript, h.Line) != h.Text {
			t.Errorf("search connectors: hit %s:%d %q", h.Transcript, h.Line, h.Text)
		}
	}

	// Within turns, two words on different lines of one answer are found,
	// each hit is told its turn, and the page counts turns.
	var lineHits, turnHits assistant.SearchResult
	mustCall(t, cs, "search", map[string]any{"query": "+taxi +bus"}, &lineHits)
	mustCall(t, cs, "search", map[string]any{"query": "+taxi +bus", "within": "turn", "limit": 1}, &turnHits)
	if turnHits.Page.Returned != 1 || turnHits.Page.Total <= lineHits.Page.Total || (turnHits.Page.NextOffset != 0) != (turnHits.Page.Total > 1) {
		t.Errorf("search within turn: page %+v, against lines' %+v", turnHits.Page, lineHits.Page)
	}
	turns := map[string]bool{}
	for _, h := range turnHits.Hits {
		var first, last int
		if _, err := fmt.Sscanf(h.Turn, "%d-%d", &first, &last); err != nil || h.Line < first || h.Line > last {
			t.Fatalf("search within turn: hit %s:%d in turn %q", h.Transcript, h.Line, h.Turn)
		}
		turns[h.Transcript+":"+h.Turn] = true
		var text string
		for l := first; l <= last; l++ {
			text += strings.ToLower(fileLine(t, dir, h.Transcript, l)) + "\n"
		}
		if !strings.Contains(text, "taxi") || !strings.Contains(text, "bus") {
			t.Errorf("search within turn: turn %s:%s lacks a word:\n%s", h.Transcript, h.Turn, text)
		}
	}
	if len(turns) != 1 {
		t.Errorf("search within turn, limit 1: hits in %d turns: %v", len(turns), turns)
	}

	var tb assistant.Table
	mustCall(t, cs, "stats", map[string]any{"depth": 1}, &tb)
	if len(tb.Rows) != len(ov.Themes) || tb.Header[1] != "references" {
		t.Errorf("stats: %+v", tb)
	}
	mustCall(t, cs, "matrix", map[string]any{"depth": 1, "measure": "presence"}, &tb)
	if len(tb.Rows) != len(ix.Participants.Rows)+1 {
		t.Errorf("matrix: %d rows, want %d participants and the total", len(tb.Rows), len(ix.Participants.Rows))
	}
	mustCall(t, cs, "crosstab", map[string]any{"by": "gender"}, &tb)
	if len(tb.Rows) == 0 {
		t.Errorf("crosstab: %+v", tb)
	}
	mustCall(t, cs, "cooccurrence", nil, &tb)
	if len(tb.Rows) == 0 {
		t.Errorf("cooccurrence: %+v", tb)
	}
	var ag assistant.AgreementResult
	mustCall(t, cs, "agreement", map[string]any{"coders": []string{"jt", "eh"}, "depth": 1}, &ag)
	if ag.Kappa != "cohen" || ag.Transcripts == 0 || len(ag.Codes) != len(ov.Themes) || ag.Overall.Agreement == nil {
		t.Errorf("agreement: %+v", ag)
	}
	var ms assistant.MemosResult
	mustCall(t, cs, "memos", map[string]any{"segments": true}, &ms)
	if ms.Page.Total == 0 {
		t.Errorf("memos: none")
	}
	if c := changed(before, snapshot(t, dir)); len(c) > 0 {
		t.Errorf("reading changed %v", c)
	}
}

func TestProposeCoding(t *testing.T) {
	dir, cs := connect(t)
	before := snapshot(t, dir)
	var res assistant.ProposeCodingResult
	mustCall(t, cs, "propose_coding", map[string]any{"transcript": "may-1", "lines": "9-11", "codes": []string{"referral"},
		"rationale": "She found the scheme through a poster in the library."}, &res)
	if res.File != "codings/ai-claude/may-1.yaml" || res.Lines != "9-11" || !res.Changed {
		t.Errorf("propose_coding: %+v", res)
	}
	// Again: nothing changes, and the host hears so.
	mustCall(t, cs, "propose_coding", map[string]any{"transcript": "may-1", "lines": "9-11", "codes": []string{"referral"},
		"rationale": "She found the scheme through a poster in the library."}, &res)
	if res.Changed {
		t.Errorf("the same proposal again changed the file")
	}
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.ReadCodings("ai-claude", "may-1")
	if err != nil || c == nil {
		t.Fatalf("codings: %v %v", c, err)
	}
	if len(c.Segments) != 1 || c.Segments[0].Lines != (corpus.Range{Start: 9, End: 11}) || c.Segments[0].Codes[0] != "referral" ||
		!strings.Contains(c.Segments[0].Memo, "poster in the library") || !strings.Contains(c.Segments[0].Memo, "model: test-model") {
		t.Errorf("segment: %+v", c.Segments)
	}
	if !st.Config.Machine("ai-claude") {
		t.Errorf("ai-claude not declared a machine coder")
	}
	got := changed(before, snapshot(t, dir))
	for _, f := range got {
		if f != "codings/ai-claude/may-1.yaml" && f != corpus.ConfigFile {
			t.Errorf("propose_coding wrote %s", f)
		}
	}
}

// TestConcurrentProposals: a host may call tools at once; every proposal
// is written, none lost to another's read-modify-write.
func TestConcurrentProposals(t *testing.T) {
	dir, cs := connect(t)
	var lines []string
	for n := 1; len(lines) < 8; n++ {
		if strings.TrimSpace(fileLine(t, dir, "may-1", n)) != "" {
			lines = append(lines, strconv.Itoa(n))
		}
	}
	errs := make(chan string, len(lines))
	for i, l := range lines {
		go func() {
			code := []string{"confidence", "referral"}[i%2]
			errs <- call(t, cs, "propose_coding", map[string]any{"transcript": "may-1", "lines": l, "codes": []string{code}, "rationale": "r " + l}, nil)
		}()
	}
	for range lines {
		if msg := <-errs; msg != "" {
			t.Error(msg)
		}
	}
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.ReadCodings("ai-claude", "may-1")
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range lines {
		code := []string{"confidence", "referral"}[i%2]
		found := false
		for _, seg := range c.Segments {
			found = found || strings.Contains(seg.Memo, "r "+l) && seg.Codes[0] == code
		}
		if !found {
			t.Errorf("the proposal of line %s was lost: %+v", l, c.Segments)
		}
	}
}

func TestProposeCodeAndMemo(t *testing.T) {
	dir, cs := connect(t)
	cbBefore, _ := os.ReadFile(filepath.Join(dir, corpus.CodebookFile))
	var pc assistant.ProposeCodeResult
	mustCall(t, cs, "propose_code", map[string]any{"parent": "confidence", "name": "going-out", "description": "Going out alone again.",
		"include": "Leaving the house without help.", "exclude": "Trips with the connector (see confidence/travel).",
		"examples": []string{"I went to the shops on my own"}, "rationale": "Several participants talk about it."}, &pc)
	if pc.Path != "confidence/going-out" || pc.File != "proposals/ai-claude/codes.yaml" {
		t.Errorf("propose_code: %+v", pc)
	}
	if msg := call(t, cs, "propose_code", map[string]any{"parent": "confidence", "name": "going-out", "description": "x", "rationale": "y"}, nil); !strings.Contains(msg, "already proposed") {
		t.Errorf("proposing it twice: %q", msg)
	}
	if msg := call(t, cs, "propose_code", map[string]any{"name": "confidence", "description": "x", "rationale": "y"}, nil); msg == "" {
		t.Errorf("proposing an existing code was accepted")
	}
	cbAfter, _ := os.ReadFile(filepath.Join(dir, corpus.CodebookFile))
	if string(cbBefore) != string(cbAfter) {
		t.Errorf("propose_code changed codebook.yaml")
	}
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	codes, err := assistant.ReadProposedCodes(st, "ai-claude")
	st.Close()
	if err != nil || len(codes) != 1 || codes[0].Exclude == "" || codes[0].Model != "test-model" || codes[0].Date != "2026-12-07" {
		t.Errorf("proposed codes: %+v %v", codes, err)
	}
	var pm assistant.ProposeMemoResult
	mustCall(t, cs, "propose_memo", map[string]any{"about": "transcript:may-1", "title": "Unsure about line 20", "text": "Is this *referral*?"}, &pm)
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(pm.File)))
	if err != nil || !strings.Contains(string(data), "coder: ai-claude") || !strings.Contains(string(data), "Is this *referral*?") {
		t.Errorf("memo %s: %s %v", pm.File, data, err)
	}
}

// TestBadInput: every wrong input is a tool error, and nothing is written.
func TestBadInput(t *testing.T) {
	dir, cs := connect(t)
	before := snapshot(t, dir)
	coding := func(transcript, lines string, codes ...string) map[string]any {
		return map[string]any{"transcript": transcript, "lines": lines, "codes": codes, "rationale": "because"}
	}
	tests := []struct {
		tool string
		args map[string]any
		want string
	}{
		{"propose_coding", coding("may-1", "9", "no-such-code"), "no-such-code"},
		{"propose_coding", coding("may-1", "9", "referral", "no-such-code"), "no-such-code"},
		{"propose_coding", coding("may-1", "9000-9001", "referral"), "outside"},
		{"propose_coding", coding("may-1", "0", "referral"), ""},
		{"propose_coding", coding("may-1", "5-3", "referral"), ""},
		{"propose_coding", coding("may-1", "1", "referral"), ""}, // fine
		{"propose_coding", coding("../../etc/passwd", "1", "referral"), "not a name"},
		{"propose_coding", coding("../codebook", "1", "referral"), "not a name"},
		{"propose_coding", coding("transcripts/may-1", "1", "referral"), "not a name"},
		{"propose_coding", coding("no-such", "1", "referral"), "unknown transcript"},
		{"propose_coding", coding("may-1", "9"), "code"},
		{"propose_coding", map[string]any{"transcript": "may-1", "lines": "9", "codes": []string{"referral"}, "rationale": " "}, "rationale"},
		{"propose_code", map[string]any{"parent": "no-such", "name": "x", "description": "d", "rationale": "r"}, "no-such"},
		{"propose_code", map[string]any{"name": "../../x", "description": "d", "rationale": "r"}, ""},
		{"propose_code", map[string]any{"name": "Not A Slug", "description": "d", "rationale": "r"}, ""},
		{"propose_memo", map[string]any{"about": "transcript:../../etc", "title": "t", "text": "x"}, ""},
		{"propose_memo", map[string]any{"about": "code:no-such", "title": "t", "text": "x"}, "no-such"},
		{"transcript_lines", map[string]any{"transcript": "../qda"}, "not a name"},
		{"transcript_lines", map[string]any{"transcript": "may-1", "from": 9000}, "outside"},
		{"excerpts", map[string]any{"code": "no-such"}, "no-such"},
		{"search", map[string]any{"query": "tea", "where": []string{"no_such_attr=1"}}, "no_such_attr"},
		{"search", map[string]any{"query": "tea", "coders": []string{"nobody"}}, "nobody"},
		{"search", map[string]any{"query": "AND AND ("}, ""},
		{"search", map[string]any{"query": "tea", "within": "answer"}, "choose line or turn"},
		{"matrix", map[string]any{"measure": "bananas"}, "bananas"},
		{"crosstab", map[string]any{}, "by"},
		{"agreement", map[string]any{"coders": []string{"jt"}}, "two coders"},
		{"transcripts", map[string]any{"where": []string{"nokey"}}, ""},
		{"codebook", map[string]any{"offset": -1}, ""},
	}
	for _, tc := range tests {
		msg := call(t, cs, tc.tool, tc.args, nil)
		if tc.tool == "propose_coding" && tc.args["lines"] == "1" && tc.args["transcript"] == "may-1" {
			// Line 1 is the interviewer's, a valid line: the control case.
			if msg != "" {
				t.Errorf("%s %v: %s", tc.tool, tc.args, msg)
			}
			before = snapshot(t, dir)
			continue
		}
		if msg == "" {
			t.Errorf("%s %v: no error", tc.tool, tc.args)
			continue
		}
		if !strings.Contains(msg, tc.want) {
			t.Errorf("%s %v: error %q does not say %q", tc.tool, tc.args, msg, tc.want)
		}
		if c := changed(before, snapshot(t, dir)); len(c) > 0 {
			t.Errorf("%s %v wrote %v", tc.tool, tc.args, c)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "x")); err == nil {
		t.Errorf("a file was written outside the study")
	}
}

// TestPersonRefused: a coder declared as a person is never written as.
func TestPersonRefused(t *testing.T) {
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{Participants: 2}); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, corpus.ConfigFile)
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(data, "coders:\n  jt: Jill\n"...), 0o644)
	if _, err := assistant.New(dir, "jt", ""); err == nil || !strings.Contains(err.Error(), "as a person") {
		t.Errorf("serving as person jt: %v", err)
	}
}

func TestResourcesAndPrompt(t *testing.T) {
	dir, cs := connect(t)
	ctx := context.Background()
	res, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "qda://codebook"})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(dir, corpus.CodebookFile))
	if res.Contents[0].Text != string(want) {
		t.Errorf("codebook resource differs from codebook.yaml")
	}
	list, err := cs.ListResources(ctx, nil)
	if err != nil || len(list.Resources) < 2 {
		t.Fatalf("resources: %v %v", list, err)
	}
	res, err = cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "qda://transcripts/may-1"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Contents[0].Text, "\n9\t"+fileLine(t, dir, "may-1", 9)+"\n") {
		t.Errorf("transcript resource: %.300s", res.Contents[0].Text)
	}
	if _, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "qda://transcripts/..%2F..%2Fetc%2Fpasswd"}); err == nil {
		t.Errorf("a path read as a transcript")
	}
	p, err := cs.GetPrompt(ctx, &mcp.GetPromptParams{Name: "code_transcript", Arguments: map[string]string{"transcript": "may-1"}})
	if err != nil {
		t.Fatal(err)
	}
	text := p.Messages[0].Content.(*mcp.TextContent).Text
	for _, w := range []string{"may-1", "confidence/daily-tasks", "include:", "exclude:", "propose_coding", "ai-claude"} {
		if !strings.Contains(text, w) {
			t.Errorf("prompt lacks %q", w)
		}
	}
	// A broken codebook is reported as such, not as a missing transcript.
	if err := os.WriteFile(filepath.Join(dir, corpus.CodebookFile), []byte("codes: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: "qda://transcripts/may-1"}); err == nil || !strings.Contains(err.Error(), corpus.CodebookFile) {
		t.Errorf("transcript resource of a study with a broken codebook: %v, want an error naming %s", err, corpus.CodebookFile)
	}
}

// TestIdentifiersWithheld: a line holding a listed identifying name is not
// sent, in any tool or resource, unless the server allows identifiers.
func TestIdentifiersWithheld(t *testing.T) {
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{Participants: 6}); err != nil {
		t.Fatal(err)
	}
	line := fileLine(t, dir, "may-1", 9)
	name := ""
	for _, w := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) > len(name) {
			name = w
		}
	}
	cfg := filepath.Join(dir, corpus.ConfigFile)
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(data), "names: [", "names: ["+name+", ", 1)), 0o644)
	// A codebook's definitions may quote an interview too.
	cbFile := filepath.Join(dir, corpus.CodebookFile)
	cbData, _ := os.ReadFile(cbFile)
	if !strings.Contains(string(cbData), "description: ") {
		t.Fatal("the demo codebook has no description")
	}
	os.WriteFile(cbFile, []byte(strings.Replace(string(cbData), "description: ", "description: As "+name+" said, ", 1)), 0o644)

	cs := serve(t, dir)
	var lines assistant.LinesResult
	mustCall(t, cs, "transcript_lines", map[string]any{"transcript": "may-1", "from": 9, "to": 9}, &lines)
	if lines.Withheld != 1 || len(lines.Lines) != 1 || !strings.HasPrefix(lines.Lines[0].Text, "[withheld by qda: a listed identifying name") || strings.Contains(lines.Lines[0].Text, name) {
		t.Errorf("transcript_lines: %+v", lines)
	}
	var hits assistant.SearchResult
	mustCall(t, cs, "search", map[string]any{"query": strings.ToLower(name)}, &hits)
	if hits.Withheld == 0 {
		t.Errorf("search %s: %d hits, none withheld", name, len(hits.Hits))
	}
	for _, h := range hits.Hits {
		if strings.Contains(strings.ToLower(h.Text), strings.ToLower(name)) {
			t.Errorf("search sent %s:%d %q", h.Transcript, h.Line, h.Text)
		}
	}
	res, err := cs.ReadResource(context.Background(), &mcp.ReadResourceParams{URI: "qda://transcripts/may-1"})
	if err != nil || strings.Contains(res.Contents[0].Text, line) || !strings.Contains(res.Contents[0].Text, "\n9\t[withheld by qda") {
		t.Errorf("transcript resource sends the line: %v", err)
	}

	var cb assistant.CodebookResult
	mustCall(t, cs, "codebook", map[string]any{}, &cb)
	if cb.Withheld != 1 || strings.Contains(fmt.Sprint(cb), name) {
		t.Errorf("codebook tool: withheld %d, sends %s: %v", cb.Withheld, name, strings.Contains(fmt.Sprint(cb), name))
	}
	res, err = cs.ReadResource(context.Background(), &mcp.ReadResourceParams{URI: "qda://codebook"})
	if err != nil || strings.Contains(res.Contents[0].Text, name) || !strings.Contains(res.Contents[0].Text, "# [withheld by qda") {
		t.Errorf("codebook resource sends %s: %v", name, err)
	}

	allowed := serve(t, dir, func(a *assistant.Assistant) { a.AllowIdentifiers = true })
	var sent assistant.LinesResult
	mustCall(t, allowed, "transcript_lines", map[string]any{"transcript": "may-1", "from": 9, "to": 9}, &sent)
	if sent.Withheld != 0 || sent.Lines[0].Text != line {
		t.Errorf("allowed: %+v", sent)
	}
}

// TestModelFromHost: with no model given by the call or the server, a
// proposal names the host the model came through.
func TestModelFromHost(t *testing.T) {
	dir := t.TempDir()
	if _, err := demo.Write(dir, demo.Options{Participants: 2}); err != nil {
		t.Fatal(err)
	}
	cs := serve(t, dir, func(a *assistant.Assistant) { a.Model = "" })
	mustCall(t, cs, "propose_coding", map[string]any{"transcript": "may-1", "lines": "4", "codes": []string{"confidence"}, "rationale": "r"}, nil)
	mustCall(t, cs, "propose_coding", map[string]any{"transcript": "may-1", "lines": "10", "codes": []string{"referral"}, "rationale": "s", "model": "claude-x"}, nil)
	data, err := os.ReadFile(filepath.Join(dir, "codings", "ai-claude", "may-1.yaml"))
	if err != nil || !strings.Contains(string(data), "(model: unknown, via test-client 1)") || !strings.Contains(string(data), "(model: claude-x)") {
		t.Errorf("memos do not name the models: %s %v", data, err)
	}
}
