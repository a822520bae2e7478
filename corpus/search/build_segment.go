package search

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/qdatool/qda/corpus/search/zapwrite"
)

// A build from nothing writes the index's one segment itself
// (zapwrite, through segmentLines and segmentTranscript): the same
// bytes zapx would write from the documents the bleve path gives it
// (TestSegmentLikeZapx), for about a third of bleve's CPU and no
// batches or merges (docs/performance.md, issue 20, session 8). Every
// later update goes through bleve as before (reindex), into segments of
// the same zap version: scorch records one segment type and version per
// index and uses it for every later segment and merge.

// bleveBuild, set by tests, makes a build from nothing go through
// bleve's batches, as every update does: the index they compare with.
var bleveBuild = false

// buildPoint, set by tests, is called at each step of a build from
// nothing: a test copies the index there, as a process killed at that
// point would leave it.
var buildPoint func(step string)

// fromNothing reports whether the update is a build from nothing: the
// index was just made (create) and holds nothing yet.
func (ix *Index) fromNothing() bool {
	return !bleveBuild && len(ix.man.Transcripts) == 0 && docCount(ix.idx) == 0
}

func step(name string) {
	if buildPoint != nil {
		buildPoint(name)
	}
}

// buildSegment indexes every transcript of todo into one segment
// written by qda, and makes it bleve's index. It is called between the
// update's markDirty and markClean, as the bleve path's batches are: a
// build killed at any point leaves no manifest, or the dirty flag, and
// the next open builds again.
func (ix *Index) buildSegment(todo []*plan, progress func(done, total int), gc *buildGC) error {
	w := zapwrite.New()
	for i, p := range todo {
		e, t, codings, err := ix.read(p)
		if err != nil {
			return err
		}
		if t == nil {
			// Nothing was indexed before, so read finds every file new.
			return fmt.Errorf("%s: a build from nothing found it indexed already", p.id)
		}
		before := w.Docs()
		e.Pieces = segmentLines(w, t, codings, p.attrs, ix.an)
		segmentTranscript(w, p.id, p.attrs, ix.an)
		e.Lines, e.Docs = t.Len(), w.Docs()-before
		ix.man.Transcripts[p.id] = e
		ix.Stats.Reindexed++
		ix.Stats.Documents += e.Docs
		if i%64 == 63 {
			gc.adjust()
		}
		if progress != nil {
			progress(i+1, len(todo))
		}
	}
	step("analysed")
	if err := ix.idx.Close(); err != nil {
		return err
	}
	ix.idx = nil
	idx, err := ix.bleveOf(w)
	if err != nil {
		return err
	}
	ix.idx = idx
	step("opened")
	if err := ix.markClean(); err != nil {
		return err
	}
	// One segment: nothing to merge. Written by this process, so sealed
	// without reading it back.
	ix.seal(ix.idx, true)
	return nil
}

// bleveOf makes bleve's part of the index, in place of the empty one
// create made, with w's segment as its only segment, and opens it.
//
// bleve has no API to add a segment file to an index. Its offline
// builder (bleve.NewBuilder, scorch's Builder) writes what an index of
// one segment needs around that segment: index_meta.json, the mapping
// and the segment type and version in root.bolt, and root.bolt's
// snapshot, which names the segment's file and records its deletions
// and stats but not its content. So the builder makes an index of one
// placeholder document, forced to zap 15 (the version zapwrite writes:
// an index's later segments and merges must be of the same version),
// and qda's segment replaces the builder's file. The alternative,
// writing root.bolt ourselves, would copy scorch's private snapshot
// format; scorch's online API (NewUsing, Batch) only takes documents.
// TestSegmentInBleve holds this to the answers of a bleve-built index.
func (ix *Index) bleveOf(w *zapwrite.Writer) (bleve.Index, error) {
	path := ix.study.Path(bleveDir)
	if err := os.RemoveAll(path); err != nil {
		return nil, err
	}
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	b, err := bleve.NewBuilder(path, m, map[string]any{"forceSegmentType": "zap", "forceSegmentVersion": zapwrite.Version})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", bleveDir, err)
	}
	if err := b.Index("placeholder", map[string]any{}); err != nil {
		return nil, err
	}
	if err := b.Close(); err != nil {
		return nil, fmt.Errorf("%s: %w", bleveDir, err)
	}
	step("builder")
	store := filepath.Join(path, "store")
	seg, err := onlySegment(store)
	if err != nil {
		return nil, err
	}
	if err := writeSegment(w, store, seg); err != nil {
		return nil, err
	}
	step("segment")
	idx, err := bleve.OpenUsing(path, map[string]any{unsafeBatch: true})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", bleveDir, err)
	}
	return idx, nil
}

// onlySegment is the name of the one segment file in store.
func onlySegment(store string) (string, error) {
	entries, err := os.ReadDir(store)
	if err != nil {
		return "", err
	}
	var segs []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			segs = append(segs, e.Name())
		}
	}
	if len(segs) != 1 {
		return "", fmt.Errorf("%s: bleve's builder made %d segments, not one", bleveDir, len(segs))
	}
	return segs[0], nil
}

// writeSegment writes w's segment beside the builder's and renames it
// over it once synced, so the file bleve opens is whole or the
// builder's (and then no manifest is saved).
func writeSegment(w *zapwrite.Writer, store, name string) error {
	f, err := os.CreateTemp(store, "qda-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	bw := bufio.NewWriterSize(f, 1<<20)
	_, err = w.WriteTo(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(store, name))
	}
	if err != nil {
		return fmt.Errorf("writing the index's segment: %w", err)
	}
	return nil
}
