package refi

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/corpus"
	qdaexport "github.com/qdatool/qda/export"
	"github.com/qdatool/qda/internal/scratch"
)

// Write creates the planned study in dir, which must not exist or be
// empty. The study is built in a folder beside dir and renamed into
// place, so a failure leaves nothing behind.
func (p *Plan) Write(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: import into a new folder", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	// Named for this process, so that the next import sweeps it away
	// if this one is killed before the rename.
	tmp, err := scratch.Beside(parent, filepath.Base(filepath.Clean(dir)))
	if err != nil {
		return err
	}
	if err := p.build(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	os.Remove(dir) // an empty folder is replaced
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

func (p *Plan) build(root string) error {
	if err := corpus.Init(root, p.Title); err != nil {
		return err
	}
	if p.Description != "" {
		cfg, err := os.ReadFile(filepath.Join(root, corpus.ConfigFile))
		if err != nil {
			return err
		}
		line := "description: " + strings.TrimSpace(yamlScalar(p.Description)) + "\n"
		if err := corpus.WriteFile(filepath.Join(root, corpus.ConfigFile), append(cfg, line...)); err != nil {
			return err
		}
	}
	if err := corpus.WriteFile(filepath.Join(root, corpus.CodebookFile), p.Codebook); err != nil {
		return err
	}
	if err := p.transcriptsHeader(root); err != nil {
		return err
	}
	st, err := corpus.Open(root)
	if err != nil {
		return err
	}
	ix, findings, err := st.LoadIndex()
	if err != nil {
		return err
	}
	if err := findings.Err(); err != nil {
		return err
	}
	for _, t := range p.Transcripts {
		if _, err := st.PutTranscript(ix, corpus.NewTranscript{ID: t.ID, Participant: t.Participant, Source: t.Source, Attrs: t.Attrs, Text: t.Text}); err != nil {
			return fmt.Errorf("transcript %s: %w", t.ID, err)
		}
	}
	parts := ix.Participants.Clone()
	for _, pp := range p.Participants {
		parts.Set(pp.ID, "id", pp.ID)
		for _, k := range p.Columns {
			if v, ok := pp.Attrs[k]; ok {
				parts.Set(pp.ID, k, v)
			}
		}
	}
	if err := st.WriteTable(parts); err != nil {
		return err
	}
	for _, c := range p.Codings {
		if err := st.WriteCodings(c); err != nil {
			return err
		}
	}
	for _, m := range p.Memos {
		if _, err := st.AddMemo(m); err != nil {
			return err
		}
	}
	for _, participant := range sortedKeys(p.Summaries) {
		if err := st.WriteStudyFile(qdaexport.SummaryFile(participant), qdaexport.MarshalSummaries(p.Summaries[participant])); err != nil {
			return err
		}
	}
	return nil
}

// transcriptsHeader puts the transcripts' attribute columns in the
// planned order in the new study's transcripts.csv, before the columns a
// new study starts with (source and sha256 last), so that adding
// transcripts, which adds new columns sorted, keeps the project's order.
func (p *Plan) transcriptsHeader(root string) error {
	if len(p.TranscriptColumns) == 0 {
		return nil
	}
	t, findings := corpus.ReadTable(root, corpus.TranscriptsFile, "id", "participant")
	if err := findings.Err(); err != nil {
		return err
	}
	header := append([]string{"id", "participant"}, p.TranscriptColumns...)
	for _, h := range t.Header {
		if !slices.Contains(header, h) {
			header = append(header, h)
		}
	}
	t.Header = header
	return corpus.WriteFile(filepath.Join(root, corpus.TranscriptsFile), t.Marshal())
}

// yamlScalar renders s as a YAML value, quoted only where it must be.
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return string(out)
}
