package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrStudyExists is returned by Init for a folder that already holds a study.
var ErrStudyExists = errors.New("a study already exists here")

const gitignoreText = "# derived data only: search index and caches, rebuilt when stale\n.qda/\n"

// starter files of a new study, with comments that say what goes where.
var starterFiles = []struct{ name, text string }{
	{ConfigFile, `# qda study settings. See 'qda --help' and README.md.
title: %s
# description: what the study is about, for the About sheet of exports
anonymise:
  # Identifying names (people, streets, places) that 'qda check' must flag
  # in transcripts and memos. Names you would rather keep out of git go in
  # .qda/identifiers.txt, one per line.
  names: []
`},
	{CodebookFile, `# The coding framework. Top-level codes are the themes; children nest.
# A code: name (a slug), label, description, include, exclude, examples,
# color, aliases (former names), patterns (auto-coding queries), children.
title: %s
codes: []
`},
	{ParticipantsFile, "id\n"},
	{TranscriptsFile, "id,participant,wave,mode,date,source,sha256\n"},
	{".gitignore", gitignoreText},
	{TranscriptsDir + "/.gitkeep", ""},
	{CodingsDir + "/.gitkeep", ""},
	{MemosDir + "/.gitkeep", ""},
}

// Init writes a new, empty study into dir (created if needed). It refuses
// a folder that already holds qda.yaml, and writes nothing over any file
// that exists.
func Init(dir, title string) error {
	if _, err := os.Stat(filepath.Join(dir, ConfigFile)); err == nil {
		return fmt.Errorf("%s: %w", filepath.Join(dir, ConfigFile), ErrStudyExists)
	}
	for _, f := range starterFiles {
		if _, err := os.Lstat(filepath.Join(dir, f.name)); err == nil && f.name != ".gitignore" {
			return fmt.Errorf("%s already exists: start the study in an empty folder", filepath.Join(dir, f.name))
		}
	}
	// A .gitignore qda cannot read (a named pipe, a folder) is refused
	// before anything is written.
	if f, err := openPath(filepath.Join(dir, ".gitignore"), ".gitignore", wantFile); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if title == "" {
		title = filepath.Base(dir)
	}
	for _, f := range starterFiles {
		path := filepath.Join(dir, f.name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		text := f.text
		if text != "" && (f.name == ConfigFile || f.name == CodebookFile) {
			text = fmt.Sprintf(text, yamlString(title))
		}
		if f.name == ".gitignore" {
			if err := appendGitignore(path); err != nil {
				return err
			}
			continue
		}
		if err := WriteFile(path, []byte(text)); err != nil {
			return err
		}
	}
	return nil
}

// appendGitignore adds .qda/ to an existing .gitignore rather than
// replacing the user's.
func appendGitignore(path string) error {
	// Opened as a study's files are: a named pipe there does not make
	// qda init wait for a writer.
	f, err := openPath(path, ".gitignore", wantFile)
	if errors.Is(err, fs.ErrNotExist) {
		return WriteFile(path, []byte(gitignoreText))
	}
	if err != nil {
		return err
	}
	old, err := readLimited(".gitignore", f)
	f.Close()
	if err != nil {
		return err
	}
	for _, line := range splitLines(string(old)) {
		if line == ".qda/" || line == ".qda" || line == "/.qda/" {
			return nil
		}
	}
	if len(old) > 0 && old[len(old)-1] != '\n' {
		old = append(old, '\n')
	}
	return WriteFile(path, append(old, ".qda/\n"...))
}
