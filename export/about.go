package export

import (
	"strings"
	"time"

	"github.com/qdatool/qda/corpus"
)

// About is where a report came from, for its About sheet: enough to make
// it again and to trust it.
type About struct {
	Title   string
	Command string // the exact command line
	Version string // qda's version
	// Commit is the study's git commit, "" outside git; Dirty is set when
	// the study's files differed from it.
	Commit string
	Dirty  bool
	InGit  bool
	Date   time.Time
	Coders []string // the coders counted
	// Filters are the --where filters; Measure, Rows and Depth describe
	// the matrix.
	Filters []corpus.Filter
	Measure string
	Rows    string
	Depth   int
	Columns []string
}

// DateFromEnv is the time a report is dated: SOURCE_DATE_EPOCH (seconds
// since 1970, the reproducible-builds convention) when sourceDateEpoch is
// a number, else now, to the second.
func DateFromEnv(sourceDateEpoch string, now time.Time) (time.Time, error) {
	if sourceDateEpoch == "" {
		return now.UTC().Truncate(time.Second), nil
	}
	var secs int64
	for _, r := range sourceDateEpoch {
		if r < '0' || r > '9' || secs > 1<<40 {
			return time.Time{}, &epochError{sourceDateEpoch}
		}
		secs = secs*10 + int64(r-'0')
	}
	return time.Unix(secs, 0).UTC(), nil
}

type epochError struct{ v string }

func (e *epochError) Error() string {
	return "SOURCE_DATE_EPOCH=" + e.v + " is not a number of seconds since 1970"
}

// Table is the About sheet: one field a row.
func (a About) Table() *Table {
	t := &Table{Title: "About", Header: []string{"field", "value"}}
	add := func(k, v string) { t.Row(Text(k), Text(v)) }
	add("study", a.Title)
	add("command", a.Command)
	add("qda version", a.Version)
	switch {
	case !a.InGit:
		add("git commit", "(the study is not in a git repository)")
	case a.Commit == "":
		add("git commit", "(no commit yet)")
	default:
		add("git commit", a.Commit)
	}
	if a.InGit {
		state := "clean: the files are as committed"
		if a.Dirty {
			state = "dirty: the study had changes not committed"
		}
		add("working tree", state)
	}
	add("date", a.Date.Format("2006-01-02 15:04:05 UTC"))
	coders := "(all)"
	if len(a.Coders) > 0 {
		coders = strings.Join(a.Coders, ", ")
	}
	add("coders", coders)
	var fs []string
	for _, f := range a.Filters {
		fs = append(fs, f.Key+"="+strings.Join(f.Values, "|"))
	}
	filters := "(none: every transcript)"
	if len(fs) > 0 {
		filters = strings.Join(fs, "; ")
	}
	add("filters", filters)
	if a.Rows != "" {
		add("rows", a.Rows)
		add("measure", a.Measure)
		depth := "all codes"
		if a.Depth > 0 {
			depth = itoa(a.Depth)
		}
		add("depth", depth)
		add("columns", strings.Join(a.Columns, ", "))
	}
	return t
}
