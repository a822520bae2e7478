package refi

import (
	"os"
	"time"

	"github.com/qdatool/qda/corpus"
)

// dater dates what a project carries that has no date of its own (a
// selection, a source, a memo without front matter): the last commit of
// the file it comes from, else the export's epoch ($SOURCE_DATE_EPOCH),
// else the file's modification time. Every dated element gets a date,
// since QualCoder's import stops halfway at a note without one, and the
// same study gives the same dates, so exports stay reproducible.
type dater struct {
	st      *corpus.Study
	commits map[string]time.Time
	epoch   time.Time
}

func newDater(st *corpus.Study, epoch time.Time) *dater {
	// Outside git, or without git, no file has a commit: the epoch or
	// the modification time dates them.
	commits, err := st.GitFileTimes()
	if err != nil {
		commits = nil
	}
	return &dater{st: st, commits: commits, epoch: epoch}
}

// of is the creationDateTime of what file (relative to the study) holds.
func (d *dater) of(file string) string {
	if t, ok := d.commits[file]; ok {
		return stamp(t)
	}
	if !d.epoch.IsZero() {
		return stamp(d.epoch)
	}
	if fi, err := os.Stat(d.st.Path(file)); err == nil {
		return stamp(fi.ModTime())
	}
	return stamp(zipTime)
}

// day is the creationDateTime of a memo's date, YYYY-MM-DD.
func day(date string) string { return date + "T00:00:00Z" }

// stamp writes t as the schema's xsd:dateTime, in UTC to the second.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
