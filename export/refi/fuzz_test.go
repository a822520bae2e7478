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
	for _, name := range []string{"qualcoder/project.qde", "nvivo/Project.qde"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	sources := map[string][]byte{}
	entries, _ := os.ReadDir(filepath.Join(dir, "qualcoder", "sources"))
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, "qualcoder", "sources", e.Name()))
		sources["sources/"+e.Name()] = data
	}
	lim := Limits{Entry: 1 << 20, Total: 4 << 20, Entries: 100, Depth: 50}
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
