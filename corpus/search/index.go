// Package search is the study's full-text index: one bleve document per
// transcript line, kept under .qda/index/ and brought up to date before
// every query by re-indexing only the transcripts whose files changed.
// See docs/search.md for the fields, the query syntax and the staleness
// rules. It never prints: notices come back to the caller.
package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/ahead"
)

// The index's files, relative to the study.
const (
	Dir          = ".qda/index"
	bleveDir     = Dir + "/bleve"
	manifestFile = Dir + "/manifest"
	// dirtyFile exists while the index and its manifest may disagree; an
	// index found with it is rebuilt, so a killed update never leaves
	// stale lines behind.
	dirtyFile = Dir + "/dirty"
)

// Options are the caller's hooks.
type Options struct {
	// Wait is called once when another qda process holds the index.
	Wait func(corpus.Holder)
	// Progress is called as a full build indexes transcripts; total is
	// the number of transcripts to index.
	Progress func(done, total int)
	// Building is called once when the index is built from nothing (a
	// first search, or a rebuild), before any transcript is indexed,
	// with the number to index: an update of files that moved, or of
	// files re-read because their mtimes were too recent to trust, is
	// not a build.
	Building func(total int)
	// Merging is called when an update, having indexed through bleve,
	// merges the whole index into one segment (seconds at 10,000
	// participants when most transcripts changed). A build from nothing
	// writes one segment and merges nothing (build_segment.go).
	Merging func()
	// LazyCodings leaves the codings files of transcripts whose text did
	// not move unchecked until a search needs them (codings.go): for a
	// caller that searches with WithRefs, as qda search does.
	LazyCodings bool
	// Tables, when set, means the index given to Open holds the tables'
	// headers and the coders but not the rows (corpus.Study.LoadHeads),
	// and reads them whole when they are needed: only when the quick
	// check (quick.go) finds something moved, or a search filters by
	// attributes. It is for a caller that opens with LazyCodings.
	Tables func() (*corpus.Index, error)
}

// Index is the open, up-to-date index of a study. Close releases it.
type Index struct {
	study *corpus.Study
	cix   *corpus.Index
	cb    *codebook.Codebook
	idx   bleve.Index
	man   *manifest
	lock  *corpus.Lock
	refs  []string       // the code references in the index, read once
	rank  map[string]int // transcript -> place in transcripts.csv
	// lazy is set while codings files are unchecked (codings.go).
	lazy     bool
	merging  func()          // Options.Merging
	building func(total int) // Options.Building
	an       analyzers
	// Notices are what the caller should tell the user: a rebuild and
	// why, files that could not be indexed.
	Notices []string
	noticed map[string]bool // Notices, as a set (notice)
	// Stats describe the last update.
	Stats UpdateStats
	// tables reads the tables' rows while cix holds only their headers
	// (Options.Tables); nil once it has.
	tables func() (*corpus.Index, error)
}

// UpdateStats say how much an update did.
type UpdateStats struct {
	Rebuilt   bool
	Reindexed int // transcripts whose lines were indexed again
	Removed   int // transcripts removed from the index
	Unchanged int
	Documents int // line documents written
}

// Open opens the index of st, creating or repairing it as needed, and
// brings it up to date with the files on disk.
func Open(st *corpus.Study, cix *corpus.Index, cb *codebook.Codebook, opt Options) (*Index, error) {
	// A sweep of qda's start the update did not take (it rebuilt, or
	// failed) is stopped, its folder closed.
	defer func() {
		if sw := ahead.For(st.Root); sw != nil {
			sw.Stop()
		}
	}()
	lk, err := st.LockFile(LockFile, func(h corpus.Holder) {
		if opt.Wait != nil {
			opt.Wait(h)
		}
		// The sweep's stats are those of qda's start, and another qda
		// holds the index for who knows how long: an edit made while
		// this one waits would pass them. Its stats are dropped, and the
		// quick check takes its own once the lock is held.
		if sw := ahead.For(st.Root); sw != nil {
			sw.Stop()
		}
	})
	if err != nil {
		if !strings.HasPrefix(err.Error(), LockFile+": ") {
			err = fmt.Errorf("%s: %w", LockFile, err)
		}
		return nil, err
	}
	ix := &Index{study: st, cix: cix, cb: cb, lock: lk, lazy: opt.LazyCodings, merging: opt.Merging, building: opt.Building, tables: opt.Tables}
	if err := ix.open(); err != nil {
		ix.Close()
		return nil, err
	}
	err = safely(func() error { return ix.update(opt.Progress) })
	if isPanic(err) {
		// Damage bleve's open did not notice: start again from nothing.
		ix.notice(fmt.Sprintf("rebuilding the search index in %s: it is damaged (%v)", Dir, err))
		if ix.idx != nil {
			ix.idx.Close()
		}
		// Safely again: a panic that is not the index's damage (the
		// analysis's, a bug) comes again, and is returned, not fatal.
		err = safely(func() error {
			if err := ix.create(); err != nil {
				return err
			}
			return ix.update(opt.Progress)
		})
	}
	if err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// Close releases the index and its lock.
func (ix *Index) Close() error {
	var err error
	if ix.idx != nil {
		err = ix.idx.Close()
		ix.idx = nil
	}
	if ix.lock != nil {
		ix.lock.Unlock()
		ix.lock = nil
	}
	return err
}

// open reads the manifest of the index on disk, or makes a new index
// when there is none or it cannot be trusted. bleve's files are opened
// later (openBleve), once the update knows whether it writes to them.
func (ix *Index) open() error {
	st := ix.study
	why := ""
	if _, err := os.Stat(st.Path(Dir)); errors.Is(err, os.ErrNotExist) {
		return ix.create()
	}
	// Its head only: the transcripts' entries are parsed by an update that
	// needs them (quick.go).
	m, err := readManifestFile(st)
	switch {
	case err != nil:
		why = "its manifest is unreadable"
	case m.Version != Version:
		why = fmt.Sprintf("it is version %d and this qda writes version %d", m.Version, Version)
	default:
		if _, err := os.Stat(st.Path(dirtyFile)); err == nil {
			why = "an earlier update was interrupted"
		}
	}
	if why == "" {
		err := ix.checkHome(m)
		if errors.Is(err, errTracked) {
			return err
		}
		if err == nil {
			ix.man = m
			return nil
		}
		msg, _, _ := strings.Cut(err.Error(), "\n")
		why = "it cannot be used (" + msg + ")"
		if errors.Is(err, errElsewhere) {
			why = msg
		}
	}
	ix.notice(fmt.Sprintf("rebuilding the search index in %s: %s", Dir, why))
	return ix.create()
}

// openBleve opens bleve's files of an index whose manifest was read, read
// only when the update writes nothing: a search that finds nothing
// changed then neither writes nor syncs anything (but the seal, once,
// after it first checks a segment: seal.go). An index that does not
// open, holds another number of documents than the manifest says, or has
// a segment that fails its CRC, is made again, with a notice, and false
// is returned: every transcript then needs indexing.
func (ix *Index) openBleve(readOnly bool) (bool, error) {
	st := ix.study
	var idx bleve.Index
	err := plainTree(st.Path(bleveDir))
	if err == nil {
		err = safely(func() (err error) {
			idx, err = bleve.OpenUsing(st.Path(bleveDir), map[string]any{"read_only": readOnly, unsafeBatch: !readOnly})
			return err
		})
	}
	if err == nil {
		if n, want := docCount(idx), ix.man.docs(); n != want {
			idx.Close()
			err = fmt.Errorf("it holds %d lines and should hold %d", n, want)
		} else if err = safely(func() error { return ix.seal(idx, false) }); err != nil {
			idx.Close()
		}
	}
	if err == nil {
		ix.idx = idx
		return true, nil
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	ix.notice(fmt.Sprintf("rebuilding the search index in %s: it cannot be used (%s)", Dir, msg))
	return false, ix.create()
}

// unsafeBatch is bleve's option for a Batch that returns once its
// segment is in use in memory, without waiting for it to be written and
// synced: bleve's persister then writes several batches' segments
// together, merged in memory, and the next batch is analysed meanwhile.
// It is safe here because an update's own marks bracket the writing:
// the dirty flag is set before the first batch, and the manifest is
// saved and the flag removed only once bleve has written every batch
// (Index.persisted), so an update interrupted at any point is rebuilt.
const unsafeBatch = "unsafe_batch"

// create starts an empty index, removing whatever was there.
func (ix *Index) create() error {
	st := ix.study
	if err := os.RemoveAll(st.Path(Dir)); err != nil {
		return err
	}
	if err := os.MkdirAll(st.Path(Dir), 0o755); err != nil {
		return err
	}
	m, err := newMapping()
	if err != nil {
		return err
	}
	idx, err := bleve.NewUsing(st.Path(bleveDir), m, scorch.Name, scorch.Name, map[string]any{unsafeBatch: true})
	if err != nil {
		return fmt.Errorf("%s: %w", bleveDir, err)
	}
	ix.idx, ix.man = idx, newManifest()
	ix.man.Home = home(st.Path(Dir))
	ix.Stats.Rebuilt = true
	return nil
}

// markDirty and markClean bracket every change to the index.
func (ix *Index) markDirty() error {
	return os.WriteFile(ix.study.Path(dirtyFile), nil, 0o644)
}

func (ix *Index) markClean() error {
	if err := ix.saveManifest(); err != nil {
		return err
	}
	return os.Remove(ix.study.Path(dirtyFile))
}

// DiskSize is the size in bytes of the index's files.
func (ix *Index) DiskSize() int64 {
	var n int64
	filepath.Walk(ix.study.Path(Dir), func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// docCount is the index's number of documents; 0 when bleve cannot say.
func docCount(idx bleve.Index) (n uint64) {
	defer func() {
		if recover() != nil {
			n = 0
		}
	}()
	n, _ = idx.DocCount()
	return n
}

// safely runs fn, turning a panic into a panicError: bleve panics on some
// damaged files instead of failing, and a derived index must never crash
// qda.
func safely(fn func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = panicError{v}
		}
	}()
	return fn()
}

// notice adds what the caller should tell the user, once: an update that
// runs again in the same search (after a lazy codings check) finds the
// same missing file again.
func (ix *Index) notice(msg string) {
	// A set beside the list: a moved transcripts folder gives a notice
	// per transcript, and a list searched each time was quadratic.
	if ix.noticed == nil {
		ix.noticed = map[string]bool{}
	}
	if !ix.noticed[msg] {
		ix.noticed[msg] = true
		ix.Notices = append(ix.Notices, msg)
	}
}
