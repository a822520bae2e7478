package main

import (
	"errors"
	"os"
	"strings"
	"time"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
)

// session is an open study with its codebook and index, as most commands need.
type session struct {
	study *corpus.Study
	cb    *codebook.Codebook
	ix    *corpus.Index
}

// openStudy opens the study holding -C DIR, with its codebook and index,
// for a command that only reads it. A broken codebook or table stops the
// command with its findings: counting on a half-read study would give
// wrong numbers.
func openStudy(g *globals) (*session, error) {
	st, err := corpus.Open(g.dir)
	if err != nil {
		return nil, openError(err)
	}
	return loadSession(g, st, st.LoadIndex)
}

// openStudyFor is openStudy for a command about transcript id alone: it
// reads only that transcript's rows of the tables when it can, so it
// costs the same however large the study (see corpus.LoadIndexFor).
func openStudyFor(g *globals, id string) (*session, error) {
	st, err := corpus.Open(g.dir)
	if err != nil {
		return nil, openError(err)
	}
	return loadSession(g, st, func() (*corpus.Index, diag.List, error) { return st.LoadIndexFor(id) })
}

// openStudyWrite is openStudy for a command that changes the study: it
// holds the writer lock from before it reads anything until qda exits, so
// a second qda changing the same files waits instead of undoing this one.
func openStudyWrite(g *globals) (*session, error) {
	return openStudyWriteFor(g, "")
}

// openStudyWriteFor is openStudyWrite for a command that changes
// transcript id alone ("" for the whole study).
func openStudyWriteFor(g *globals, id string) (*session, error) {
	st, err := corpus.OpenWrite(g.dir, lockWait(g))
	if err != nil {
		return nil, openError(err)
	}
	g.closeAtExit(st)
	if d, err := time.ParseDuration(os.Getenv("QDA_TEST_LOCKED_SLEEP")); err == nil {
		// Holds the lock a while, and says so in a file, so a test can
		// start a second writer that must wait.
		os.WriteFile(st.Path(".qda", "test-locked"), nil, 0o644)
		time.Sleep(d)
	}
	load := st.LoadIndex
	if id != "" {
		load = func() (*corpus.Index, diag.List, error) { return st.LoadIndexFor(id) }
	}
	return loadSession(g, st, load)
}

// lockWait says why a command is not going on yet.
func lockWait(g *globals) func(corpus.Holder) {
	return func(h corpus.Holder) {
		since := ""
		if !h.Since.IsZero() {
			since = " since " + h.Since.Local().Format("15:04:05")
		}
		g.sayf("qda: ", "%s is writing to this study%s; waiting", h, since)
	}
}

// lockForWrite takes the writer lock for a command that read the study
// without it and waited on a person (an editor): it takes the lock only
// to check nothing changed meanwhile and to write.
func (s *session) lockForWrite(g *globals) (func(), error) {
	l, err := s.study.Lock(lockWait(g))
	if err != nil {
		return nil, err
	}
	return func() { l.Unlock() }, nil
}

func loadSession(g *globals, st *corpus.Study, loadIndex func() (*corpus.Index, diag.List, error)) (*session, error) {
	noteRecovered(g, st)
	cb, findings := st.Codebook()
	if err := findings.Err(); err != nil {
		return nil, withHint(err, "fix %s; 'qda check' lists every problem", corpus.CodebookFile)
	}
	ix, err := loadTables(loadIndex)
	if err != nil {
		return nil, err
	}
	return &session{study: st, cb: cb, ix: ix}, nil
}

// loadTables runs one of corpus's table loaders, a table's findings
// becoming the error with its hint.
func loadTables(load func() (*corpus.Index, diag.List, error)) (*corpus.Index, error) {
	ix, findings, err := load()
	if err != nil {
		return nil, err
	}
	if err := findings.Err(); err != nil {
		return nil, withHint(err, "fix the table; 'qda check' lists every problem")
	}
	return ix, nil
}

// noteRecovered says when opening the study completed an interrupted change.
func noteRecovered(g *globals, st *corpus.Study) {
	if st.Recovered > 0 {
		g.sayf("qda: ", "completed an interrupted change: %d files renamed as %s recorded", st.Recovered, corpus.JournalFile)
	}
}

// openError explains a study that cannot be opened.
func openError(err error) error {
	if errors.Is(err, corpus.ErrNoStudy) {
		return withHint(usageErr(err), "run 'qda init' to start a study, 'qda demo' for the example, or give -C DIR")
	}
	if errors.Is(err, corpus.ErrOutside) {
		return err // says what to do itself; qda.yaml is not at fault
	}
	var f *diag.Finding
	if errors.As(err, &f) && f.File != corpus.ConfigFile {
		return err // about another file (the journal), with its own hint
	}
	return withHint(err, "fix %s; 'qda check' lists every problem", corpus.ConfigFile)
}

// chosenCoders checks --coder values against the study's coders. None
// given means every coder.
func (s *session) chosenCoders(names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	for _, n := range names {
		found := false
		for _, c := range s.ix.Coders {
			found = found || c == n
		}
		if !found {
			return nil, withHint(usageErr(errors.New("unknown coder "+quote(n))), "%s", codersHint(s.ix.Coders))
		}
	}
	return names, nil
}

// resolveCode resolves a code given on the command line, by any name
// codebook.ResolveArg accepts (a path, a former name, a unique name or
// label), as misuse when it names no code or several.
func (s *session) resolveCode(ref string) (*codebook.Code, error) {
	return s.resolveCodeOr(ref, addCodeCmd)
}

// resolveCodeOr is resolveCode for a command whose own way to add an
// unknown code is better than 'qda codebook add': add makes that command
// for a code's path.
func (s *session) resolveCodeOr(ref string, add func(path string) string) (*codebook.Code, error) {
	code, _, err := s.cb.ResolveArg(ref)
	if err != nil {
		return nil, codeRefErr(err, ref, add)
	}
	return code, nil
}

// addCodeCmd is the command that adds the code at path (slugs: it needs
// no quoting).
func addCodeCmd(path string) string { return "qda codebook add " + path }

// codeRefErr makes a code reference that did not resolve misuse, with a
// hint: an ambiguous one is to be written in full; an unknown one is
// added by the command add makes, for ref or, when ref is no path a code
// could have, for the path it would be as slugs.
func codeRefErr(err error, ref string, add func(path string) string) error {
	var re *codebook.ResolveError
	if !errors.As(err, &re) {
		return usageErr(err)
	}
	if re.Kind == codebook.Ambiguous {
		return withHint(usageErr(err), "write the full path of the code you mean; 'qda codebook tree' lists the codes")
	}
	if path := codePathOf(ref); path != "" {
		return withHint(usageErr(err), "'%s' adds it; 'qda codebook tree' lists the codes", add(path))
	}
	return withHint(usageErr(err), "'qda codebook tree' lists the codes")
}

// codePathOf is ref as the path of a new code: its segments made slugs,
// "" when one of them has nothing a slug could be made of.
func codePathOf(ref string) string {
	segs := strings.Split(strings.TrimSpace(ref), "/")
	for i, seg := range segs {
		if segs[i] = codebook.Slugify(seg); segs[i] == "" {
			return ""
		}
	}
	return strings.Join(segs, "/")
}

// resolvePaths resolves codes given on the command line to their
// canonical paths, as resolveCodeOr does; nil for none.
func (s *session) resolvePaths(refs []string, add func(path string) string) ([]string, error) {
	var paths []string
	for _, ref := range refs {
		code, err := s.resolveCodeOr(ref, add)
		if err != nil {
			return nil, err
		}
		paths = append(paths, code.Path)
	}
	return paths, nil
}

// transcript checks id against transcripts.csv and reads it.
func (s *session) transcript(id string) (*corpus.Transcript, error) {
	if _, ok := s.ix.Transcripts.Lookup(id); !ok {
		return nil, withHint(usageErr(errors.New("unknown transcript "+quote(id))), "'qda transcripts' lists them")
	}
	return s.study.ReadTranscript(id)
}

// codingsOf reads transcript id and coder's codings of it, for a command
// about to change them: the codings are new and empty when coder has no
// file for id yet (existed false).
func (s *session) codingsOf(coder, id string) (t *corpus.Transcript, cs *corpus.Codings, existed bool, err error) {
	if t, err = s.transcript(id); err != nil {
		return nil, nil, false, err
	}
	if cs, err = s.study.ReadCodings(coder, id); err != nil {
		return nil, nil, false, withHint(err, "fix the file first; 'qda check' lists its problems")
	}
	if cs == nil {
		return t, &corpus.Codings{Coder: coder, Transcript: id, File: corpus.CodingsFile(coder, id)}, false, nil
	}
	return t, cs, true, nil
}

func quote(s string) string { return `"` + s + `"` }

// codersHint names the study's coders for a hint, or says there are none
// yet rather than ending in an empty list.
func codersHint(coders []string) string {
	if len(coders) == 0 {
		return "the study has no coders yet: a coder's folder codings/NAME/ appears with their first 'qda code'"
	}
	return "the study's coders are: " + strings.Join(coders, ", ")
}
