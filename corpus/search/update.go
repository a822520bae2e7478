package search

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/diag"
)

// batchDocs and batchBytes bound a batch, and so the memory an update
// needs: bleve analyses a whole batch at once. Lines of a normal
// transcript reach batchDocs first; the pieces of a long line reach
// batchBytes, so a 60 MB line is indexed a few megabytes at a time.
const (
	batchDocs  = 4000
	batchBytes = 512 << 10
)

// writer fills batches and sends each to the index when it is full. A
// goroutine of its own applies them, in order (an update deletes and
// adds the same ids), while the next is read and filled: bleve analyses
// a batch on every core but builds its segment on one. At most two
// batches are held, the one applied and the one filled. Two appliers
// were tried for a build from nothing, where order cannot matter: each
// batch's analysis is held until its segment is built, so memory
// doubled (128 to 286 MB at 2,000 participants) for no CPU saved.
type writer struct {
	idx   bleve.Index
	b     *bleve.Batch
	bytes int
	queue chan *bleve.Batch
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error // the first batch that failed
}

func newWriter(idx bleve.Index) *writer {
	queue := make(chan *bleve.Batch)
	w := &writer{idx: idx, b: idx.NewBatch(), queue: queue}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		// queue, not w.queue, which close sets to nil.
		for b := range queue {
			if w.failed() != nil {
				continue // drained, not applied: the update fails
			}
			// A panic (bleve's, on a damaged index) is an error here, as
			// in the caller's goroutine it was: Open rebuilds on it.
			if err := safely(func() error { return w.idx.Batch(b) }); err != nil {
				w.mu.Lock()
				w.err = err
				w.mu.Unlock()
			}
		}
	}()
	return w
}

func (w *writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *writer) delete(id string) error {
	w.b.Delete(id)
	return w.flushIfFull()
}

func (w *writer) index(d lineDoc) error {
	if err := w.b.IndexAdvanced(d.doc); err != nil {
		return err
	}
	w.bytes += d.size
	return w.flushIfFull()
}

func (w *writer) flushIfFull() error {
	if w.b.Size() >= batchDocs || w.bytes >= batchBytes {
		return w.flush()
	}
	return nil
}

// flush hands the batch being filled to the appliers.
func (w *writer) flush() error {
	if err := w.failed(); err != nil {
		return err
	}
	if w.b.Size() == 0 {
		return nil
	}
	w.queue <- w.b
	// A new batch, not Reset: scorch's analysis goroutines may still
	// read the old one after Batch returns (the race detector saw it).
	w.b, w.bytes = w.idx.NewBatch(), 0
	return nil
}

// close applies what is left and waits for every batch: the index holds
// them all when it returns nil. It may be called again (a deferred close
// after an error), and then only waits.
func (w *writer) close() error {
	if w.queue != nil {
		if w.failed() == nil && w.b.Size() > 0 {
			w.queue <- w.b
		}
		close(w.queue)
		w.queue = nil
		w.wg.Wait()
	}
	return w.failed()
}

// plan is what the staleness check found for one transcript.
type plan struct {
	id    string
	row   corpus.Row
	attrs map[string]string
	text  fileState
	// codings are the current stats of the coders' files for it.
	codings map[string]fileState
	// reindex is set when a file's stat differs from the manifest; the
	// hashes then decide whether anything really changed.
	reindex bool
}

// update brings the index up to date with the study: stat every file the
// manifest knows, and re-read only those whose size or mtime moved.
func (ix *Index) update(progress func(done, total int)) error {
	if ix.idx == nil && ix.quick() {
		ix.saveQuick()
		ok, err := ix.openBleve(true)
		if err != nil || ok {
			return err
		}
		// Made again: everything is indexed below.
	}
	// The tables are stat'ed before loadAll reads them (Options.Tables),
	// so that an edit made meanwhile moves them again for the next update.
	var tables [2]fileState
	for i, t := range []string{corpus.ParticipantsFile, corpus.TranscriptsFile} {
		if fi, err := os.Stat(ix.study.Path(t)); err == nil {
			tables[i] = fileState{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
		}
	}
	if err := ix.loadAll(); err != nil {
		return err
	}
	cix := ix.cix
	tablesChanged := false
	for i, t := range []string{corpus.ParticipantsFile, corpus.TranscriptsFile} {
		if s := tables[i]; !s.sameStat(ix.man.Tables[t]) {
			tablesChanged = true
			ix.man.Tables[t] = s
		}
	}
	plans := make([]*plan, len(cix.Transcripts.Rows))
	seen := make(map[string]bool, len(plans))
	order := make([]string, len(plans))
	for i, r := range cix.Transcripts.Rows {
		plans[i] = &plan{id: r.ID, row: r}
		seen[r.ID] = true
		order[i] = r.ID
	}
	// The manifest lists the transcripts as transcripts.csv does, which
	// is the order of hits for a search that reads no table (quick.go).
	orderChanged := !slices.Equal(order, ix.man.order)
	ix.man.order = order
	dirsChanged := ix.statAll(plans, tablesChanged)
	var todo []*plan
	for _, p := range plans {
		if p.reindex {
			todo = append(todo, p)
		}
	}
	var gone []string
	for id := range ix.man.Transcripts {
		if !seen[id] {
			gone = append(gone, id)
		}
	}
	slices.Sort(gone)
	nothing := len(todo) == 0 && len(gone) == 0
	if ix.idx == nil {
		ok, err := ix.openBleve(nothing)
		if err != nil {
			return err
		}
		if !ok {
			return ix.update(progress) // made again: index everything
		}
	}
	if nothing {
		ix.Stats.Unchanged = len(plans)
		if tablesChanged || dirsChanged || orderChanged || ix.Stats.Rebuilt {
			return ix.saveManifest()
		}
		return nil
	}
	if err := ix.markDirty(); err != nil {
		return err
	}
	var gc *buildGC
	if ix.Stats.Rebuilt {
		gc = startBuildGC()
		defer gc.stop()
	}
	ix.an = newAnalyzers(ix.idx.Mapping())
	if ix.fromNothing() {
		if ix.building != nil {
			ix.building(len(todo))
		}
		return ix.buildSegment(todo, progress, gc)
	}
	w := newWriter(ix.idx)
	defer w.close()
	for _, id := range gone {
		if err := ix.deleteLines(w, id, ix.man.Transcripts[id], 0); err != nil {
			return err
		}
		delete(ix.man.Transcripts, id)
		ix.Stats.Removed++
	}
	for i, p := range todo {
		n, err := ix.reindex(w, p)
		if err != nil {
			return err
		}
		// The manifest's entry now says what these said: the collector
		// may have them as the build goes.
		p.attrs, p.codings = nil, nil
		ix.Stats.Documents += n
		if i%64 == 63 {
			gc.adjust()
		}
		if progress != nil {
			progress(i+1, len(todo))
		}
	}
	if err := w.close(); err != nil {
		return err
	}
	// Batches return before bleve has written them (unsafeBatch): the
	// index on disk must hold them all before the manifest says so.
	if err := ix.persisted(); err != nil {
		return err
	}
	ix.Stats.Unchanged = len(plans) - ix.Stats.Reindexed
	if err := ix.markClean(); err != nil {
		return err
	}
	// The index is whole without a merge: one that fails is a notice.
	gc.adjust()
	if err := ix.merge(ix.Stats.Documents); err != nil {
		ix.notice(fmt.Sprintf("%v; searches stay correct, only slower, until the index is next rebuilt (delete %s)", err, Dir))
	}
	// The segments were written by this process: sealed without reading
	// them back. A seal that fails is made on the next open instead.
	ix.seal(ix.idx, true)
	return nil
}

// loadAll reads what the quick check left unread: the tables' rows
// (Options.Tables) and the manifest's entries. A manifest whose entries
// do not parse is made again, as one whose head does not (Index.open).
func (ix *Index) loadAll() error {
	if err := ix.needTables(); err != nil {
		return err
	}
	if err := ix.man.load(); err != nil {
		ix.notice(fmt.Sprintf("rebuilding the search index in %s: its manifest is unreadable", Dir))
		if ix.idx != nil {
			ix.idx.Close()
			ix.idx = nil
		}
		return ix.create()
	}
	return nil
}

func (ix *Index) saveManifest() error {
	ix.man.forgetRacy(time.Now())
	data := ix.man.marshal()
	// The quick file goes first: one left beside the new manifest would
	// be refused for naming another file, but none is simpler.
	if err := os.Remove(ix.study.Path(quickFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := corpus.WriteFile(ix.study.Path(manifestFile), data); err != nil {
		return err
	}
	ix.writeQuick(data)
	return nil
}

// statAll stats every transcript and codings file, on every core: in a
// study of 10,000 transcripts these stats are most of an update's cost.
// Each is relative to its folder's descriptor, which spares the kernel
// walking the study's path 40,000 times.
//
// Which codings files exist is known without listing the coders'
// folders when a folder's mtime has not moved since the last update: a
// file is added, removed or replaced by rename (qda's writes, git, most
// editors) only by changing its folder. A file written in place (some
// editors, a shell's >>) leaves its folder alone, so every file is still
// stat'ed, and read again when its size or mtime moved (or its mtime is
// too recent to trust, forgetRacy). It reports whether a folder moved.
func (ix *Index) statAll(plans []*plan, tablesChanged bool) bool {
	dirs := map[string]*os.File{}
	for _, d := range append([]string{corpus.TranscriptsDir}, ix.cix.Coders...) {
		rel := d
		if d != corpus.TranscriptsDir {
			rel = corpus.CodingsDir + "/" + d
		}
		if f, err := ix.study.OpenFolder(rel); err == nil {
			dirs[d] = f
			defer f.Close()
		}
	}
	// The folders' stats are taken before anything in them is looked at,
	// so a change made meanwhile moves them again for the next update.
	changed := false
	listed := map[string]bool{} // coders whose folder moved: ask the listing
	folders := map[string]fileState{}
	for _, c := range ix.cix.Coders {
		var s fileState
		if f := dirs[c]; f != nil {
			s, _ = openState(f)
		}
		folders[c] = s
		old, ok := ix.man.Dirs[c]
		if !ok || old.MTime == 0 || !s.sameStat(old) {
			listed[c] = true
			changed = true
		}
	}
	if len(folders) != len(ix.man.Dirs) {
		changed = true
	}
	// Lazily, not every file of a moved folder is looked at: its old
	// state stays, so that the next full update lists it.
	if changed && !ix.lazy {
		ix.man.Dirs = folders
	}
	stats := newFolderStats(dirs)
	eachOnCores(len(plans), func(w, i int) bool {
		ix.stat(plans[i], func(dir, name, ext string) fileState { return stats.stat(w, dir, name, ext) }, listed, tablesChanged)
		return true
	})
	return changed && !ix.lazy
}

// hasCoded reports whether coder has a codings file for the transcript
// whose manifest entry is old: the entry says so when the coder's folder
// has not moved; else (and for a transcript new to the index, whose file
// may have been there before its row) the folder's listing does.
func (ix *Index) hasCoded(coder, id string, old *entry, listed map[string]bool) bool {
	if old == nil || listed[coder] {
		return ix.cix.HasCoded(coder, id)
	}
	_, ok := old.Codings[coder]
	return ok
}

// stat finds what moved of p's files, stat'ing them with stat (a
// worker's folderStats: a name in a folder).
func (ix *Index) stat(p *plan, stat func(dir, name, ext string) fileState, listed map[string]bool, tablesChanged bool) {
	old := ix.man.Transcripts[p.id]
	p.text = stat(corpus.TranscriptsDir, p.id, ".txt")
	p.reindex = old == nil || !p.text.sameStat(old.Text)
	// A transcript new to the index has its attributes read when it is
	// indexed (reindex), not here: held for every transcript of a build
	// from nothing until its turn, they were a fifth of the build's live
	// heap at 30,000 participants, and the build's memory limit follows
	// the live heap (buildgc.go).
	if tablesChanged && old != nil {
		p.attrs = ix.cix.Attrs(p.row)
		if old.Attrs != attrsHash(p.attrs) {
			p.reindex = true
		}
	}
	// Lazily, a transcript's codings files are left for later unless it
	// is indexed again anyway (codings.go).
	if ix.lazy && !p.reindex {
		return
	}
	// No map per transcript unless it changed: this loop runs for every
	// transcript before every query.
	var buf [8]fileState
	states := buf[:0]
	for _, c := range ix.cix.Coders {
		if !ix.hasCoded(c, p.id, old, listed) {
			continue
		}
		s := stat(c, p.id, ".yaml")
		states = append(states, s)
		if o, ok := old.codings(c); !ok || !s.sameStat(o) {
			p.reindex = true
		}
	}
	if old != nil && len(old.Codings) != len(states) {
		p.reindex = true
	}
	if p.reindex {
		p.codings = make(map[string]fileState, len(states))
		i := 0
		for _, c := range ix.cix.Coders {
			if ix.hasCoded(c, p.id, old, listed) {
				p.codings[c] = states[i]
				i++
			}
		}
	}
}

func (e *entry) codings(coder string) (fileState, bool) {
	if e == nil {
		return fileState{}, false
	}
	s, ok := e.Codings[coder]
	return s, ok
}

func hashBytes(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

func attrsHash(attrs map[string]string) string {
	var b strings.Builder
	for _, k := range sortedKeys(attrs) {
		b.WriteString(k + "\x00" + attrs[k] + "\x00")
	}
	return hashBytes([]byte(b.String()))
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// reindex reads one transcript and its codings and, when their bytes or
// attributes differ from what the index holds, replaces its lines. A
// transcript larger than corpus.MaxFileSize is not read at all: its
// lines leave the index, with a notice, until it is fixed.
func (ix *Index) reindex(w *writer, p *plan) (int, error) {
	old := ix.man.Transcripts[p.id]
	e, t, codings, err := ix.read(p)
	if err != nil || t == nil {
		return 0, err
	}
	if err := ix.deleteLines(w, p.id, old, t.Len()); err != nil {
		return 0, err
	}
	n := 0
	for d := range documents(t, codings, p.attrs, ix.an) {
		if d.doc == nil {
			// A blank line was a document only if the old text had a
			// line there: a delete costs a lookup in every segment.
			if old != nil && d.line <= old.Lines {
				if err := w.delete(docID(p.id, d.line)); err != nil {
					return n, err
				}
			}
			continue
		}
		if err := w.index(d); err != nil {
			return n, err
		}
		n++
		if d.piece {
			e.Pieces++
		}
	}
	// The transcript's attributes, one document (which replaces the old).
	if err := w.index(lineDoc{doc: transcriptDoc(p.id, p.attrs, ix.an)}); err != nil {
		return n, err
	}
	n++
	e.Lines, e.Docs = t.Len(), n
	ix.man.Transcripts[p.id] = e
	ix.Stats.Reindexed++
	return n, nil
}

// read reads p's transcript and codings files for reindex, and a build
// from nothing (build_segment.go): the manifest's entry to record once
// its lines are indexed, the parsed transcript and its codings. t is nil
// when nothing but the files' stats moved; the entry is recorded then.
func (ix *Index) read(p *plan) (e *entry, t *corpus.Transcript, codings []*corpus.Codings, err error) {
	return ix.readFrom(p, ix.man.Transcripts[p.id], ix.notice)
}

// readFrom is read given the manifest's entry old and where notices go:
// a build from nothing reads on several goroutines (build_ahead.go),
// each with old nil (so the manifest is neither read nor written here)
// and its notices kept for the build's goroutine to give in order.
func (ix *Index) readFrom(p *plan, old *entry, notice func(string)) (e *entry, t *corpus.Transcript, codings []*corpus.Codings, err error) {
	if p.attrs == nil {
		p.attrs = ix.cix.Attrs(p.row)
	}
	e = &entry{Text: p.text, Codings: map[string]fileState{}, Attrs: attrsHash(p.attrs)}
	file := corpus.TranscriptFile(p.id)
	var data []byte
	if p.text.Size > corpus.MaxFileSize {
		notice(fmt.Sprintf("%s: larger than %d MB, more than qda reads from one file; not searched (is it the right file? split a longer transcript into parts of a few MB, or remove its row, %s:%d)",
			file, corpus.MaxFileSize>>20, corpus.TranscriptsFile, p.row.Line))
		e.Text = fileState{}
	} else {
		data, err = ix.study.ReadFile(file)
		if err == nil && e.Text.Size < 0 {
			// Read, though its stat failed: no stat remembered, so
			// the next search looks again rather than matching the
			// failure for ever.
			e.Text = fileState{}
		}
	}
	if err != nil {
		why, ok := unreadable(file, err)
		if !ok {
			return nil, nil, nil, err
		}
		notice(fmt.Sprintf("%s (listed in %s:%d); not searched", why, corpus.TranscriptsFile, p.row.Line))
		// No stat remembered: every search tries it again until it is fixed.
		data, e.Text = nil, fileState{}
	}
	e.Text.Hash = hashBytes(data)
	same := old != nil && old.Text.Hash == e.Text.Hash && old.Attrs == e.Attrs && len(old.Codings) == len(p.codings)
	for _, c := range sortedKeys2(p.codings) {
		file := corpus.CodingsFile(c, p.id)
		s := p.codings[c]
		raw, err := ix.study.ReadFile(file)
		var findings diag.List
		if err == nil {
			var segs []corpus.Segment
			if s.Size < 0 {
				s = fileState{} // as for the transcript above
			}
			s.Hash = hashBytes(raw)
			segs, findings = corpus.ParseCodings(file, raw)
			err = findings.Err()
			if err == nil {
				codings = append(codings, &corpus.Codings{Coder: c, Transcript: p.id, File: file, Segments: segs})
			}
		} else if why, ok := unreadable(file, err); ok {
			err = errors.New(why)
		} else {
			return nil, nil, nil, err
		}
		if err != nil {
			notice(fmt.Sprintf("%v; %s's codes of %s are not searchable until it is fixed", err, c, p.id))
			s = fileState{}
		}
		e.Codings[c] = s
		if o, ok := old.codings(c); !ok || o.Hash != s.Hash || s.Hash == "" {
			same = false
		}
	}
	if same {
		// Only the stats moved (a touch, a checkout): remember them.
		e.Lines, e.Docs, e.Pieces = old.Lines, old.Docs, old.Pieces
		ix.man.Transcripts[p.id] = e
		return e, nil, nil, nil
	}
	return e, corpus.ParseTranscript(p.id, data), codings, nil
}

// unreadable says why a study file the index reads is left out, when the
// reason is the file's (missing, too large, a link out of the study)
// rather than the machine's; ok is false for any other error.
func unreadable(file string, err error) (string, bool) {
	var f *diag.Finding
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return file + ": no such file", true
	case errors.As(err, &f):
		return f.Error(), true
	case errors.Is(err, corpus.ErrOutside):
		return err.Error(), true
	}
	return "", false
}

// deleteLines deletes what the index holds of transcript id beyond its
// first keep lines: the documents of lines keep+1 on, and every piece
// after the first of a long line (their ids hold byte offsets, found by
// a search for the transcript's documents; a line still there is
// indexed again, its first piece replacing the old one).
func (ix *Index) deleteLines(w *writer, id string, old *entry, keep int) error {
	if old == nil {
		return nil
	}
	if keep == 0 {
		// Gone: its own document too (else replaced when re-indexed).
		if err := w.delete(id); err != nil {
			return err
		}
	}
	for l := keep + 1; l <= old.Lines; l++ {
		if err := w.delete(docID(id, l)); err != nil {
			return err
		}
	}
	if old.Pieces == 0 {
		return nil
	}
	req := bleve.NewSearchRequestOptions(term(FieldTranscript, id), old.Docs, 0, false)
	res, err := ix.idx.Search(req)
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		if strings.Contains(h.ID, "@") {
			if err := w.delete(h.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

func sortedKeys2(m map[string]fileState) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// docID names line l of transcript id, and the first piece of a long
// line; transcript ids are slugs, so the last colon splits it again.
func docID(id string, l int) string { return id + ":" + strconv.Itoa(l) }

// pieceID names the piece of line l that starts at byte off of the line.
func pieceID(id string, l, off int) string {
	if off == 0 {
		return docID(id, l)
	}
	return docID(id, l) + "@" + strconv.Itoa(off)
}

// splitID is the transcript, line and piece offset a document id names.
func splitID(doc string) (id string, line, off int) {
	i := strings.LastIndexByte(doc, ':')
	if i < 0 {
		return doc, 0, 0
	}
	l, o, pieced := strings.Cut(doc[i+1:], "@")
	line, _ = strconv.Atoi(l)
	if pieced {
		// Not for a whole line's id: Atoi's error on "" is an
		// allocation per hit.
		off, _ = strconv.Atoi(o)
	}
	return doc[:i], line, off
}
