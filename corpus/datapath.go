package corpus

import (
	"path/filepath"
	"strings"
	"unicode"
)

// DataFile reports whether rel (slash-separated, relative to the study)
// is one of the files a person keeps in the study and qda may replace:
// the settings, the codebook, the two tables, a transcript, a coder's
// codings, a memo, a framework summary, or an assistant's proposed
// codes and the review of its proposals. Nothing else (.git/, .qda/, a
// file of the person's own beside the study's) is ever the target of a
// write to the study's data, whatever a file read from the study says.
func DataFile(rel string) bool {
	switch rel {
	case ConfigFile, CodebookFile, ParticipantsFile, TranscriptsFile:
		return true
	}
	parts := strings.Split(rel, "/")
	switch {
	case len(parts) == 2 && parts[0] == TranscriptsDir:
		id, ok := strings.CutSuffix(parts[1], ".txt")
		return ok && ValidName(id)
	case len(parts) == 3 && parts[0] == CodingsDir:
		id, ok := strings.CutSuffix(parts[2], ".yaml")
		return ok && ValidName(parts[1]) && ValidName(id)
	case len(parts) == 2 && parts[0] == MemosDir:
		// Memos are named by people too ("Notes on May.md"), so any
		// visible .md name that is one plain file name.
		name, ok := strings.CutSuffix(parts[1], ".md")
		return ok && plainFileName(name)
	case len(parts) == 3 && parts[0] == ProposalsDir:
		return ValidName(parts[1]) && (parts[2] == ProposedCodesName || parts[2] == ReviewLogName)
	case len(parts) == 3 && parts[0] == MemosDir && parts[1] == summariesDir:
		id, ok := strings.CutSuffix(parts[2], ".yaml")
		return ok && ValidName(id)
	}
	return false
}

// summariesDir is the folder of memos/ holding the framework summaries
// (export.SummariesDir), one YAML file a participant.
const summariesDir = "summaries"

// plainFileName reports whether name is a visible file name with no path
// in it and nothing a terminal or a shell would act on.
func plainFileName(name string) bool {
	if name == "" || name[0] == '.' || len(name) > 200 {
		return false
	}
	for _, r := range name {
		if r == '/' || r == '\\' || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// derivedFile reports whether rel is a file of qda's derived data under
// .qda/ (an index's manifest, the .gitignore that keeps .qda/ out of git).
func derivedFile(rel string) bool {
	rest, ok := strings.CutPrefix(rel, DataDir+"/")
	if !ok || rest == "" {
		return false
	}
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(rel)))
	return clean == rel && !strings.Contains(rest, "..")
}
