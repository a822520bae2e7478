package main

import (
	"errors"
	"io"
	"log"

	"github.com/schollz/progressbar/v3"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
)

// openSearch opens the study's search index, bringing it up to date: a
// progress bar on a terminal when many transcripts need indexing, and the
// index's notices (a rebuild, a file it could not read) on stderr.
func openSearch(g *globals, s *session) (*searchIndex, error) {
	return openSearchWith(g, s, search.Options{})
}

// openSearchWith is openSearch with the index's options (the hooks are
// openSearch's).
func openSearchWith(g *globals, s *session, opt search.Options) (*searchIndex, error) {
	// bleve reports some damage through the log package as well as in its
	// errors; qda says it once, as a notice.
	log.SetOutput(io.Discard)
	var bar *progressbar.ProgressBar
	opt.Wait = func(h corpus.Holder) {
		g.sayf("qda: ", "waiting for %s to finish with the search index...", h)
	}
	opt.Progress = func(done, total int) {
		if bar == nil && total >= 200 && isTerminal(g.stderr) {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(g.stderr),
				progressbar.OptionSetDescription("indexing"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		}
		if bar != nil {
			bar.Set(done)
		}
	}
	// Piped or logged, a bar would be noise, but a build of minutes
	// (10,000 participants) said nothing at all until done. Only a build
	// from nothing says so: an update re-reads files whose mtimes are too
	// recent to trust (a search just after qda demo), which is no build.
	opt.Building = func(total int) {
		if total >= 200 && !isTerminal(g.stderr) {
			g.sayf("qda: ", "indexing %d transcripts for search (once: later searches read only the files that changed)...", total)
		}
	}
	// The merge after a build shows as a spinner where the bar was.
	var merging *progressbar.ProgressBar
	opt.Merging = func() {
		if bar != nil {
			bar.Finish()
			merging = progressbar.NewOptions(-1, progressbar.OptionSetWriter(g.stderr),
				progressbar.OptionSetDescription("merging the index"), progressbar.OptionClearOnFinish())
			merging.RenderBlank()
		}
	}
	ix, err := search.Open(s.study, s.ix, s.cb, opt)
	if bar != nil {
		bar.Finish()
	}
	if merging != nil {
		merging.Finish()
	}
	if err != nil {
		return nil, withHint(err, "the index is derived data: delete %s and run the command again", search.Dir)
	}
	si := &searchIndex{Index: ix, g: g}
	si.notices()
	return si, nil
}

// searchIndex is an open index that prints its notices as they come: a
// rebuild can also happen during a search, when bleve finds damage then.
type searchIndex struct {
	*search.Index
	g       *globals
	printed int
}

func (si *searchIndex) notices() {
	for _, n := range si.Notices[si.printed:] {
		si.g.say("qda: ", n)
	}
	si.printed = len(si.Notices)
}

// Close prints the notices not printed yet and closes the index.
func (si *searchIndex) Close() error {
	si.notices()
	return si.Index.Close()
}

// queryErr makes a query that does not parse misuse, with a pointer to
// the syntax.
func queryErr(err error) error {
	var qe *search.QueryError
	if errors.As(err, &qe) {
		return withHint(usageErr(err), "'qda search --help' explains the query syntax")
	}
	return err
}
