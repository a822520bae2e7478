package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
)

// codeEdit is one run of 'qda code --edit': a transcript, the current
// coder's codings of it, and the edit file under .qda/edits/ the person
// edits. The file stays there until its edit is applied, so no edit is
// ever lost, whatever happens to qda or the editor meanwhile.
type codeEdit struct {
	g       *globals
	s       *session
	t       *corpus.Transcript
	codings *corpus.Codings
	existed bool // whether the codings file was there when the edit began
	canon   func(string) string
	resolve func(string) (string, error)
	rel     string // the edit file, relative to the study
	// proposal is what qda first wrote into the file, nil when going on
	// with an edit kept from an earlier run.
	proposal []byte
}

// runCodeEdit runs 'qda code --edit ARG': ARG is a transcript id, or an
// edit file an earlier 'qda code --edit' kept under .qda/edits/.
func runCodeEdit(g *globals, arg string) error {
	s, err := openStudy(g)
	if err != nil {
		return err
	}
	coder, err := writingCoder(g, s.study)
	if err != nil {
		return err
	}
	id, kept, keptRel, err := editArg(g, s, arg, coder)
	if err != nil {
		return err
	}
	t, cs, existed, err := s.codingsOf(coder, id)
	if err != nil {
		return err
	}
	e := &codeEdit{g: g, s: s, t: t, codings: cs, existed: existed, rel: keptRel}
	e.setResolvers()
	data := kept
	if data == nil {
		e.proposal = corpus.FormatEditFile(t, cs.Segments, corpus.EditOptions{Coder: coder, Codes: s.cb.All(), Canon: e.canon})
		data = e.proposal
	}
	if e.rel == "" {
		// qda's proposal, or an edit kept outside .qda/edits/, which is
		// copied in and never changed or removed.
		if e.rel, err = s.study.NewEditFile(id, time.Now(), data); err != nil {
			return err
		}
	}
	return e.loop(data)
}

// setResolvers makes canon, which writes a code as its canonical path, and
// resolve, which reads the margin: a code of the codebook, by its path or
// a former name, or a code the coder's file already holds that the
// codebook does not know (kept as written; check reports it).
func (e *codeEdit) setResolvers() {
	res := corpus.NewResolver(e.s.cb)
	e.canon = func(ref string) string {
		if c := res.Code(ref); c != nil {
			return c.Path
		}
		return ref
	}
	unknown := map[string]bool{}
	for _, seg := range e.codings.Segments {
		for _, c := range seg.Codes {
			unknown[c] = res.Code(c) == nil
		}
	}
	e.resolve = func(ref string) (string, error) {
		c, _, err := e.s.cb.ResolveArg(ref)
		if err != nil {
			if unknown[ref] {
				return ref, nil
			}
			return "", err
		}
		return c.Path, nil
	}
}

// editArg tells a transcript id from a kept edit file. A kept file in
// this study's .qda/edits/ is edited in place (keptRel is its path in the
// study); one from elsewhere is read only.
func editArg(g *globals, s *session, arg, coder string) (id string, kept []byte, keptRel string, err error) {
	if _, ok := s.ix.Transcripts.Lookup(arg); ok || !(strings.ContainsAny(arg, `/\`) || strings.HasSuffix(arg, ".txt")) {
		return arg, nil, "", nil
	}
	paths := []string{arg}
	if !filepath.IsAbs(arg) {
		paths = []string{filepath.Join(g.dir, arg), s.study.Path(arg)}
	}
	for _, p := range paths {
		if kept, err = os.ReadFile(p); err == nil {
			abs, _ := filepath.Abs(p)
			if rel, err := filepath.Rel(s.study.Path(".qda", "edits"), abs); err == nil && !strings.HasPrefix(rel, "..") && !strings.ContainsRune(rel, filepath.Separator) {
				keptRel = ".qda/edits/" + rel
			}
			break
		}
	}
	if kept == nil {
		return "", nil, "", withHint(usageErr(fmt.Errorf("unknown transcript or edit file %q", arg)), "give a transcript id, or an edit kept in .qda/edits/")
	}
	id, fileCoder, ok := corpus.EditFileTarget(kept)
	if !ok {
		return "", nil, "", withHint(usageErr(fmt.Errorf("%s is not an edit file of 'qda code --edit'", arg)), "its first line names the transcript and the coder")
	}
	if fileCoder != coder {
		return "", nil, "", withHint(usageErr(fmt.Errorf("%s holds the codes of coder %s, and you are %s", arg, fileCoder, coder)), "give --coder %s to go on with it", fileCoder)
	}
	return id, kept, keptRel, nil
}

// loop puts data in the edit file, runs the editor and reads the file
// back, until it parses; then it applies the edit. A file with problems
// goes back to the editor with them listed on top; quitting without
// changing it gives up, and the edit stays in its file.
func (e *codeEdit) loop(data []byte) error {
	path := e.s.study.Path(e.rel)
	for round := 0; ; round++ {
		body := corpus.StripEditErrors(data)
		edited, findings := corpus.ParseEditFile(e.t, body, e.resolve)
		if round > 0 && !findings.HasErrors() {
			return e.apply(edited)
		}
		presented, shown := body, diag.List(nil)
		if findings.HasErrors() {
			presented, shown = corpus.MarkEditErrors(body, findings)
			for _, f := range shown {
				f.File = e.rel
			}
			if round > 0 {
				fmt.Fprintf(e.g.stderr, "qda: %s: %s in the edit; reopening the editor\n", e.t.ID, plural(len(findings), "problem"))
			}
		}
		if err := corpus.WriteFile(path, presented); err != nil {
			return err
		}
		editErr := runEditor(e.g, "", path)
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return fmt.Errorf("cannot read the edit back: %w", err)
		}
		switch {
		case editErr != nil && e.proposal != nil && bytes.Equal(data, e.proposal):
			os.Remove(path) // nothing was edited: nothing to keep
			return withHint(fmt.Errorf("%v; nothing written", editErr), "set $VISUAL or $EDITOR to the editor to use")
		case editErr != nil:
			return e.kept(diag.List{diag.Errorf("", 0, "%v; nothing written", editErr)})
		case shown != nil && bytes.Equal(data, presented):
			return e.kept(append(diag.List{diag.Errorf("", 0, "%s: the edit was not applied: it has %s", e.t.ID, plural(len(shown), "problem"))}, shown...))
		}
	}
}

// kept reports an edit that was not applied and where it is kept.
func (e *codeEdit) kept(list diag.List) error {
	retry := "qda code --edit " + e.rel
	if len(e.g.coder) > 0 {
		retry += " --coder " + e.codings.Coder
	}
	return withHint(list, "your edit is kept in %s; go on with it: %s", e.rel, retry)
}

func (e *codeEdit) apply(edited []corpus.Segment) error {
	old := e.codings.Segments
	segs, sum := corpus.ApplyEdit(old, edited, e.t, e.canon)
	path := e.s.study.Path(e.rel)
	if bytes.Equal(corpus.MarshalCodings(segs), corpus.MarshalCodings(old)) {
		os.Remove(path)
		fmt.Fprintf(e.g.stderr, "qda: %s: no change; nothing written\n", e.t.ID)
		return nil
	}
	// The file may have changed while the editor was open (qda code in
	// another terminal, a git pull): writing would undo that, so the edit
	// is kept instead, to go on with against the file as it is now. The
	// lock keeps another qda from changing it between the look and the
	// write.
	unlock, err := e.s.lockForWrite(e.g)
	if err != nil {
		return e.kept(diag.List{diag.Errorf("", 0, "%v", err)})
	}
	defer unlock()
	now, err := e.s.study.ReadCodings(e.codings.Coder, e.t.ID)
	changed := err != nil || (now != nil) != e.existed
	if !changed && now != nil {
		changed = !bytes.Equal(corpus.MarshalCodings(now.Segments), corpus.MarshalCodings(old))
	}
	if changed {
		return e.kept(diag.List{diag.Errorf("", 0, "%s changed while you were editing; nothing written", e.codings.File)})
	}
	e.codings.Segments = segs
	if err := e.s.study.WriteCodings(e.codings); err != nil {
		return e.kept(diag.List{diag.Errorf("", 0, "%s: %v", e.codings.File, err)})
	}
	os.Remove(path)
	fmt.Fprintf(e.g.stderr, "qda: %s: %s (%s)\n", e.t.ID, editSummary(sum), e.codings.File)
	return nil
}

// editSummary says "3 segments added, 1 removed, 1 changed".
func editSummary(sum corpus.EditSummary) string {
	var parts []string
	for _, p := range []struct {
		n    int
		verb string
	}{{sum.Added, "added"}, {sum.Removed, "removed"}, {sum.Changed, "changed"}} {
		switch {
		case p.n == 0:
		case len(parts) == 0:
			parts = append(parts, plural(p.n, "segment")+" "+p.verb)
		default:
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.verb))
		}
	}
	if len(parts) == 0 {
		return "segments rewritten"
	}
	return strings.Join(parts, ", ")
}
