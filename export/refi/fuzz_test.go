package refi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// FuzzReadProject feeds project.qde documents, with the QualCoder
// fixture's sources beside them, through reading and planning an import:
// no panic, and whatever is planned is a study qda can read: a codebook
// that parses and segments inside their transcripts.
func FuzzReadProject(f *testing.F) {
	dir := filepath.Join("..", "..", "testdata", "refi")
	for _, name := range []string{"qualcoder/project.qde", "nvivo/Project.qde", "qc/project.qde"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	// What screen refuses, with the line: one GUID twice, a position
	// that is empty or out of range.
	for _, body := range []string{
		`<CodeBook><Codes><Code guid="c1" name="a" isCodable="true"/><Code guid="{C1}" name="b" isCodable="true"/></Codes></CodeBook>`,
		`<Sources><TextSource guid="s1" name="a"><PlainTextContent>Ann: hi.</PlainTextContent></TextSource><TextSource guid="s1" name="b"/></Sources>`,
		`<Sources><TextSource guid="s1" name="a"><PlainTextContent>Ann: hi.</PlainTextContent><PlainTextSelection guid="x" startPosition="" endPosition="3"/></TextSource></Sources>`,
		`<Sources><TextSource guid="s1" name="a"><PlainTextContent>Ann: hi.</PlainTextContent><PlainTextSelection guid="x" startPosition="0" endPosition="99999999999999999999"/></TextSource></Sources>`,
	} {
		f.Add([]byte(`<Project xmlns="urn:QDA-XML:project:1.0" name="p">` + body + `</Project>`))
	}
	// The draft namespace, a bare source name, a case of selections.
	f.Add([]byte(`<q:Project xmlns:q="urn:QDA-XML:project:0:4" name="p"><q:Cases><q:Case guid="k" name="K"><q:SelectionRef targetGUID="x"/><q:SourceRef targetGUID="nowhere"/></q:Case></q:Cases><q:Sources><q:TextSource guid="s1" name="a" plainTextPath="8d3f5f0e-9c1a-4b7e-a2d4-1f6e8b9c0a11.txt"><q:PlainTextSelection guid="x" startPosition="0" endPosition="3"/></q:TextSource></q:Sources><q:Notes><q:Note guid="n" name="N" plainTextPath="../n.txt"><q:Description>qda summary of participant:k code:a</q:Description></q:Note></q:Notes></q:Project>`))
	sources := map[string][]byte{}
	entries, _ := os.ReadDir(filepath.Join(dir, "qualcoder", "sources"))
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, "qualcoder", "sources", e.Name()))
		sources["sources/"+e.Name()] = data
	}
	lim := Limits{Archive: 8 << 20, Entry: 1 << 20, Total: 4 << 20, Entries: 100, Depth: 50, Text: 1 << 20, Codes: 1000}
	f.Fuzz(func(t *testing.T, qde []byte) {
		files := map[string][]byte{"project.qde": qde}
		for k, v := range sources {
			files[k] = v
		}
		a, err := OpenArchive(zipOf(t, files), lim)
		if err != nil {
			return
		}
		p, err := PlanImport(a, "2026-01-01")
		if err != nil {
			return
		}
		if _, fs := codebook.Parse("codebook.yaml", p.Codebook); fs.HasErrors() {
			t.Fatalf("planned codebook does not parse: %v\n%s", fs, p.Codebook)
		}
		lines := map[string]int{}
		for _, tr := range p.Transcripts {
			if !corpus.ValidName(tr.ID) || !corpus.ValidName(tr.Participant) {
				t.Fatalf("invalid transcript %q or participant %q", tr.ID, tr.Participant)
			}
			lines[tr.ID] = corpus.ParseTranscript(tr.ID, tr.Text).Len()
		}
		for _, c := range p.Codings {
			if !corpus.ValidName(c.Coder) {
				t.Fatalf("invalid coder %q", c.Coder)
			}
			for _, s := range c.Segments {
				if s.Lines.Start < 1 || s.Lines.End < s.Lines.Start || s.Lines.End > lines[c.Transcript] {
					t.Fatalf("segment %s outside %s (%d lines)", s.Lines, c.Transcript, lines[c.Transcript])
				}
			}
		}
	})
}

// FuzzReadCodebook feeds .qdc files through reading and merging into a
// study's codebook, as 'qda import qdc' does: no panic, and a merge that
// succeeds gives a codebook.yaml that parses without errors and keeps
// every code the study had.
func FuzzReadCodebook(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="51cffa88-2e09-547c-923b-ed44f8862a32" name="Coming to the scheme" isCodable="true" color="#9c755f"><Description>Who suggested it.

qda name: referral</Description>
<Code guid="90749c05-00e3-563f-9f9e-ec94dd60247e" name="By the GP" isCodable="true"/></Code>
<Code guid="0d7e2a8e-5f0c-4f6b-9a43-7b1f1a3c9e11" name="Tea &amp; company" isCodable="false"/>
</Codes><Sets><Set guid="6a0c3a47-2b6e-4c61-8f2f-0a4e6a3c2b10" name="Themes"><MemberCode targetGUID="51cffa88-2e09-547c-923b-ed44f8862a32"/></Set></Sets></CodeBook>
`))
	f.Add([]byte(`<CodeBook><Codes><Code guid="a" name="Same" isCodable="true"/><Code guid="b" name="Same" isCodable="true"/><Code guid="{A}" name="Other" isCodable="true"/></Codes></CodeBook>`))
	f.Add([]byte("\xef\xbb\xbf<CodeBook><Codes><Code guid=\"1\" name=\"a/b\"><Code guid=\"1\" name=\"\"/></Code></Codes></CodeBook>"))
	src := []byte("# ours\ntitle: Mine\ncodes:\n  - name: referral\n    label: How people came\n  - name: own-code\n")
	cb, findings := codebook.Parse("codebook.yaml", src)
	if findings.HasErrors() {
		f.Fatal(findings)
	}
	f.Fuzz(func(t *testing.T, qdc []byte) {
		file, err := ParseCodebook(qdc, DefaultLimits)
		if err != nil {
			return
		}
		out, _, err := MergeCodebook(cb, src, file, "Mine")
		if err != nil {
			return
		}
		merged, fs := codebook.Parse("codebook.yaml", out)
		if fs.HasErrors() {
			t.Fatalf("merged codebook does not parse: %v\n%s", fs, out)
		}
		for _, c := range cb.All() {
			if _, _, err := merged.Resolve(c.Path); err != nil {
				t.Fatalf("the merge lost %s: %v\n%s", c.Path, err, out)
			}
		}
	})
}
