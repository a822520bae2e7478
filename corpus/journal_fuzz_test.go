package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzJournal gives Recover and Pending any journal, with a staging
// folder of temporary files the journal may name or not: neither may
// panic, Pending may change nothing, and Recover may change nothing but
// the study's data files (never .git/, never a file of the person's own,
// never .qda/ beyond its own journal and staging).
func FuzzJournal(f *testing.F) {
	id := strings.Repeat("ab", 16)
	for _, seed := range []string{
		`{"renames":[{"temp":"memos/notes.sh","target":".git/hooks/pre-commit"}]}`,
		`{"renames":[{"temp":"transcripts/may-1.txt","target":"codebook.yaml"}]}`,
		`{"version":2,"id":"` + id + `","renames":[{"target":"codebook.yaml","sha256":"d85d3a85aae4872b5d925a68c0c3534c2df14be1ba83e22357fdcb2569177c7d"},{"target":"transcripts/may-1.txt","sha256":"x"}]}`,
		`{"version":2,"id":"` + id + `","renames":[{"target":".git/hooks/pre-commit","sha256":"d85d3a85aae4872b5d925a68c0c3534c2df14be1ba83e22357fdcb2569177c7d"}]}`,
		`{"version":2,"id":"` + id + `","renames":[{"target":"codings/jt/../../.git/config","sha256":""}]}`,
		`{"version":2,"id":"../../..","renames":[]}`,
		`not json`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &Study{Root: t.TempDir()}
		defer s.Close()
		for rel, text := range map[string]string{
			".git/hooks/pre-commit.sample": "#!/bin/sh\n",
			".git/config":                  "[core]\n",
			"notes.sh":                     "#!/bin/sh\n",
			"codebook.yaml":                "codes: [x]\n",
			"transcripts/may-1.txt":        "May: hi.\n",
			".qda/staging/" + id + "/0":    "codes: []\n",
			".qda/staging/" + id + "/1":    "#!/bin/sh\necho pwned\n",
		} {
			must(t, os.MkdirAll(filepath.Dir(s.Path(rel)), 0o755))
			must(t, os.WriteFile(s.Path(rel), []byte(text), 0o644))
		}
		must(t, os.WriteFile(s.Path(JournalFile), data, 0o644))
		before := tree(t, s.Root)
		s.Pending()
		if after := tree(t, s.Root); after != before {
			t.Fatalf("Pending changed the study:\n%s\n%s", before, after)
		}
		s.Recover()
		for _, line := range strings.Split(tree(t, s.Root), "\n") {
			rel := strings.Fields(line + " x")[0]
			if rel == "" || rel == "." || strings.HasSuffix(rel, "/") {
				continue
			}
			slash := filepath.ToSlash(rel)
			if DataFile(slash) || strings.HasPrefix(slash, DataDir+"/") || slash == DataDir {
				continue
			}
			if !strings.Contains(before, line) {
				t.Fatalf("Recover changed %s, which is not a data file", slash)
			}
		}
	})
}
