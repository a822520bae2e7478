package search

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapv15 "github.com/blevesearch/zapx/v15"

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

// chunkTokens bounds the tokens one writer holds: zapwrite keeps a
// segment's stored text and postings until it writes them, 3 to 6 bytes
// a token and the text, so one segment of the 10,000-participant demo
// (16M tokens) peaked at 530 to 570 MB. A build of more tokens writes a
// segment per chunk beside the index and merges them once, with zapx's
// own merge, into the index's one segment: 267 MB at 10k for a few
// seconds of CPU more (docs/performance.md, issue 20, session 8). A
// study under it (2,000 participants are 3.2M tokens) is one segment,
// written straight. A variable for tests.
var chunkTokens = 4 << 20

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
	var chunks []string // segment files of full writers, merged at the end
	defer func() {
		for _, c := range chunks {
			os.Remove(c)
		}
	}()
	flush := func() error {
		path := ix.study.Path(Dir, fmt.Sprintf("build-%d.zap", len(chunks)))
		chunks = append(chunks, path)
		err := writeZap(w, path)
		w = zapwrite.New()
		step("chunk")
		return err
	}
	// Read and analysed on every core, written here in todo's order
	// (build_ahead.go).
	next, stop := ix.analyseAhead(todo)
	defer stop()
	for i, p := range todo {
		a := next(i)
		for _, msg := range a.notices {
			ix.notice(msg)
		}
		if a.err != nil {
			return a.err
		}
		if a.write == nil {
			// Nothing was indexed before, so read finds every file new.
			return fmt.Errorf("%s: a build from nothing found it indexed already", p.id)
		}
		e := a.e
		before := w.Docs()
		a.write(w)
		e.Pieces = a.pieced
		e.Lines, e.Docs = a.lines, w.Docs()-before
		ix.man.Transcripts[p.id] = e
		// The entry now says what these said: the collector may have them.
		p.attrs, p.codings = nil, nil
		ix.Stats.Reindexed++
		ix.Stats.Documents += e.Docs
		if i%64 == 63 {
			gc.adjust()
		}
		if progress != nil {
			progress(i+1, len(todo))
		}
		if w.Tokens() >= chunkTokens {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	stop()
	if len(chunks) > 0 && w.Docs() > 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	step("analysed")
	if err := ix.idx.Close(); err != nil {
		return err
	}
	ix.idx = nil
	idx, err := ix.bleveOf(func(path string) error {
		if len(chunks) == 0 {
			return writeZap(w, path)
		}
		return mergeZap(chunks, path)
	})
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
// create made, with the segment write makes at the path it is given as
// its only segment, and opens it.
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
func (ix *Index) bleveOf(write func(path string) error) (bleve.Index, error) {
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
	if err := writeSegment(write, store, seg); err != nil {
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

// writeSegment has write make the segment beside the builder's and
// renames it over it once synced, so the file bleve opens is whole or
// the builder's (and then no manifest is saved).
func writeSegment(write func(path string) error, store, name string) error {
	tmp := filepath.Join(store, "qda-segment.tmp")
	defer os.Remove(tmp)
	err := write(tmp)
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(store, name))
	}
	if err != nil {
		return fmt.Errorf("writing the index's segment: %w", err)
	}
	return nil
}

// writeZap writes w's segment to a new file at path.
func writeZap(w *zapwrite.Writer, path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	_, err = w.WriteTo(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// mergeZap merges the segment files chunks into one at path, as
// scorch's merger would (zapx's Merge of the same version, no
// deletions): their documents in order, so the same study gives the
// same file. The inputs' mapped pages are let go as the merge goes
// (dropWhile), so that its resident set does not grow to the index.
func mergeZap(chunks []string, path string) error {
	_, err := mergeZapPages(chunks, path)
	return err
}

// mergeZapPages is mergeZap, returning how many times the pages were
// dropped, for tests.
func mergeZapPages(chunks []string, path string) (drops int, err error) {
	plugin := &zapv15.ZapPlugin{}
	var segs []segment.Segment
	defer func() {
		for _, s := range segs {
			s.Close()
		}
	}()
	var maps [][]byte
	for _, c := range chunks {
		s, err := plugin.Open(c)
		if err != nil {
			return 0, err
		}
		segs = append(segs, s)
		if z, ok := s.(*zapv15.Segment); ok {
			maps = append(maps, z.Data())
		}
	}
	// Stopped before the deferred Close unmaps them, even on a panic.
	stop := dropWhile(maps, dropInterval)
	defer stop()
	_, _, err = plugin.Merge(segs, make([]*roaring.Bitmap, len(segs)), path, nil, &probe{maps: maps})
	return stop(), err
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
