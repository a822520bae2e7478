package search

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/blevesearch/bleve/v2"

	"github.com/qdatool/qda/corpus"
)

// batchDocs bounds a batch's size, and so the memory a full build needs.
const batchDocs = 4000

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
	cix := ix.cix
	tablesChanged := false
	for _, t := range []string{corpus.ParticipantsFile, corpus.TranscriptsFile} {
		fi, err := os.Stat(ix.study.Path(t))
		var s fileState
		if err == nil {
			s = fileState{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
		}
		if !s.sameStat(ix.man.Tables[t]) {
			tablesChanged = true
			ix.man.Tables[t] = s
		}
	}
	plans := make([]*plan, len(cix.Transcripts.Rows))
	seen := make(map[string]bool, len(plans))
	for i, r := range cix.Transcripts.Rows {
		plans[i] = &plan{id: r.ID, row: r}
		seen[r.ID] = true
	}
	ix.statAll(plans, tablesChanged)
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
	if len(todo) == 0 && len(gone) == 0 {
		ix.Stats.Unchanged = len(plans)
		if tablesChanged || ix.Stats.Rebuilt {
			return ix.saveManifest()
		}
		return nil
	}
	if err := ix.markDirty(); err != nil {
		return err
	}
	ix.an = newAnalyzers(ix.idx.Mapping())
	b := ix.idx.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		err := ix.idx.Batch(b)
		// A new batch, not Reset: scorch's analysis goroutines may still
		// read the old one after Batch returns (the race detector saw it).
		b = ix.idx.NewBatch()
		return err
	}
	for _, id := range gone {
		for l := 1; l <= ix.man.Transcripts[id].Lines; l++ {
			b.Delete(docID(id, l))
		}
		delete(ix.man.Transcripts, id)
		ix.Stats.Removed++
	}
	for i, p := range todo {
		n, err := ix.reindex(b, p)
		if err != nil {
			return err
		}
		ix.Stats.Documents += n
		if b.Size() >= batchDocs {
			if err := flush(); err != nil {
				return err
			}
		}
		if progress != nil {
			progress(i+1, len(todo))
		}
	}
	if err := flush(); err != nil {
		return err
	}
	ix.Stats.Unchanged = len(plans) - ix.Stats.Reindexed
	return ix.markClean()
}

func (ix *Index) saveManifest() error {
	ix.man.forgetRacy(time.Now())
	return corpus.WriteFile(ix.study.Path(manifestFile), ix.man.marshal())
}

// statAll stats every transcript and codings file, on every core: in a
// study of 10,000 transcripts these stats are most of an update's cost.
// Each is relative to its folder's descriptor, which spares the kernel
// walking the study's path 40,000 times.
func (ix *Index) statAll(plans []*plan, tablesChanged bool) {
	dirs := map[string]*os.File{}
	for _, d := range append([]string{corpus.TranscriptsDir}, ix.cix.Coders...) {
		path := ix.study.Path(d)
		if d != corpus.TranscriptsDir {
			path = ix.study.Path(corpus.CodingsDir, d)
		}
		if f, err := os.Open(path); err == nil {
			dirs[d] = f
			defer f.Close()
		}
	}
	var wg sync.WaitGroup
	workers := max(1, runtime.GOMAXPROCS(0))
	chunk := (len(plans) + workers - 1) / max(1, workers)
	for w := 0; w < len(plans); w += max(1, chunk) {
		part := plans[w:min(len(plans), w+chunk)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range part {
				ix.stat(p, dirs, tablesChanged)
			}
		}()
	}
	wg.Wait()
}

func (ix *Index) stat(p *plan, dirs map[string]*os.File, tablesChanged bool) {
	old := ix.man.Transcripts[p.id]
	p.text = statAt(dirs[corpus.TranscriptsDir], p.id+".txt")
	p.reindex = old == nil || !p.text.sameStat(old.Text)
	// No map per transcript unless it changed: this loop runs for every
	// transcript before every query.
	var buf [8]fileState
	states := buf[:0]
	for _, c := range ix.cix.Coders {
		if !ix.cix.HasCoded(c, p.id) {
			continue
		}
		s := statAt(dirs[c], p.id+".yaml")
		states = append(states, s)
		if o, ok := old.codings(c); !ok || !s.sameStat(o) {
			p.reindex = true
		}
	}
	if old != nil && len(old.Codings) != len(states) {
		p.reindex = true
	}
	if tablesChanged || p.reindex {
		p.attrs = ix.cix.Attrs(p.row)
		if old == nil || old.Attrs != attrsHash(p.attrs) {
			p.reindex = true
		}
	}
	if p.reindex {
		p.codings = make(map[string]fileState, len(states))
		i := 0
		for _, c := range ix.cix.Coders {
			if ix.cix.HasCoded(c, p.id) {
				p.codings[c] = states[i]
				i++
			}
		}
	}
}

// statAt stats name in dir; a missing file or folder is size -1.
func statAt(dir *os.File, name string) fileState {
	if dir == nil {
		return fileState{Size: -1}
	}
	var st unix.Stat_t
	if err := unix.Fstatat(int(dir.Fd()), name, &st, 0); err != nil {
		return fileState{Size: -1}
	}
	return fileState{Size: st.Size, MTime: st.Mtim.Nano()}
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
// attributes differ from what the index holds, replaces its lines.
func (ix *Index) reindex(b *bleve.Batch, p *plan) (int, error) {
	old := ix.man.Transcripts[p.id]
	e := &entry{Text: p.text, Codings: map[string]fileState{}, Attrs: attrsHash(p.attrs)}
	data, err := os.ReadFile(ix.study.Path(corpus.TranscriptFile(p.id)))
	if errors.Is(err, fs.ErrNotExist) {
		ix.Notices = append(ix.Notices, fmt.Sprintf("%s: no such file (listed in %s:%d); not searched", corpus.TranscriptFile(p.id), corpus.TranscriptsFile, p.row.Line))
		data = nil
		e.Text = fileState{}
	} else if err != nil {
		return 0, err
	}
	e.Text.Hash = hashBytes(data)
	same := old != nil && old.Text.Hash == e.Text.Hash && old.Attrs == e.Attrs && len(old.Codings) == len(p.codings)
	var codings []*corpus.Codings
	for _, c := range sortedKeys2(p.codings) {
		file := corpus.CodingsFile(c, p.id)
		raw, err := os.ReadFile(ix.study.Path(file))
		if err != nil {
			return 0, err
		}
		s := p.codings[c]
		s.Hash = hashBytes(raw)
		segs, findings := corpus.ParseCodings(file, raw)
		if err := findings.Err(); err != nil {
			ix.Notices = append(ix.Notices, fmt.Sprintf("%v; %s's codes of %s are not searchable until it is fixed", err, c, p.id))
			s = fileState{}
		} else {
			codings = append(codings, &corpus.Codings{Coder: c, Transcript: p.id, File: file, Segments: segs})
		}
		e.Codings[c] = s
		if o, ok := old.codings(c); !ok || o.Hash != s.Hash || s.Hash == "" {
			same = false
		}
	}
	if same {
		// Only the stats moved (a touch, a checkout): remember them.
		e.Lines, e.Docs = old.Lines, old.Docs
		ix.man.Transcripts[p.id] = e
		return 0, nil
	}
	t := corpus.ParseTranscript(p.id, data)
	if old != nil {
		for l := t.Len() + 1; l <= old.Lines; l++ {
			b.Delete(docID(p.id, l))
		}
	}
	n := 0
	for l, doc := range documents(t, codings, p.attrs, ix.an) {
		if doc == nil {
			b.Delete(docID(p.id, l))
			continue
		}
		if err := b.IndexAdvanced(doc); err != nil {
			return n, err
		}
		n++
	}
	e.Lines, e.Docs = t.Len(), n
	ix.man.Transcripts[p.id] = e
	ix.Stats.Reindexed++
	return n, nil
}

func sortedKeys2(m map[string]fileState) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// docID names line l of transcript id; transcript ids are slugs, so the
// last colon splits it again.
func docID(id string, l int) string { return id + ":" + strconv.Itoa(l) }

func splitID(doc string) (string, int) {
	i := strings.LastIndexByte(doc, ':')
	if i < 0 {
		return doc, 0
	}
	l, _ := strconv.Atoi(doc[i+1:])
	return doc[:i], l
}
