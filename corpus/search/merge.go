package search

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// wholeMerge is the share of the index's documents an update must write
// for it to be merged into one segment. bleve's background merger works
// in tiers while the index is open, but a qda process closes it seconds
// after a build, leaving tens of segments; every query then walks each
// segment's dictionaries and postings. Merging everything rewrites the
// whole index, so a small update (an edited file) only merges its new
// small segments, as bleve's own planner would.
const wholeMerge = 4 // a quarter

// merge merges the index's segments after an update that wrote docs
// documents: into one after a build or an update of a large share of
// the index, else the small ones by bleve's tiered plan. It runs after
// markClean: a merge changes no document, and bleve keeps the segments
// it replaces until the merged one is persisted, so a process killed
// meanwhile leaves the index as the update left it.
func (ix *Index) merge(docs int) error {
	if docs == 0 {
		return nil
	}
	s, err := ix.scorch()
	if s == nil {
		return err
	}
	stats := s.Stats().(*scorch.Stats)
	whole := ix.Stats.Rebuilt || uint64(docs*wholeMerge) >= ix.man.docs()
	opt := &mergeplan.DefaultMergePlanOptions
	if whole {
		opt = &mergeplan.SingleSegmentMergePlanOptions
		if ix.merging != nil {
			ix.merging()
		}
	}
	// A plan merges at most SegmentsPerMergeTask segments into each new
	// one, so a whole merge of more takes several rounds.
	for {
		before := atomic.LoadUint64(&stats.TotFileSegmentsAtRoot)
		if before <= 1 {
			break
		}
		if err := forceMerge(s, stats, opt); err != nil {
			return err
		}
		if after := atomic.LoadUint64(&stats.TotFileSegmentsAtRoot); !whole || after >= before {
			break
		}
	}
	return waitPersisted(stats)
}

// forceMerge runs one merge and waits for it. bleve's ForceMerge does not
// return a failed merge's error (a full disk): its merger retries until
// the index closes. So the merge runs aside, and a failure counted in
// bleve's stats ends the wait; Close then stops the merger.
func forceMerge(s *scorch.Scorch, stats *scorch.Stats, opt *mergeplan.MergePlanOptions) error {
	errs := atomic.LoadUint64(&stats.TotFileMergeLoopErr)
	done := make(chan error, 1)
	go func() { done <- s.ForceMerge(context.Background(), opt) }()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				return fmt.Errorf("merging the index's segments: %w", err)
			}
			return nil
		case <-tick.C:
			if atomic.LoadUint64(&stats.TotFileMergeLoopErr) != errs {
				return fmt.Errorf("merging the index's segments failed (is the disk full?)")
			}
		}
	}
}

// waitPersisted waits until bleve has recorded the merged segments in
// its root file: ForceMerge returns once they are in use in memory, and
// a Close before they are recorded would leave the next open with the
// unmerged index (and a merged file to delete).
func waitPersisted(stats *scorch.Stats) error {
	errs := atomic.LoadUint64(&stats.TotPersistLoopErr)
	for atomic.LoadUint64(&stats.LastPersistedEpoch) < atomic.LoadUint64(&stats.CurRootEpoch) {
		if atomic.LoadUint64(&stats.TotPersistLoopErr) != errs {
			return fmt.Errorf("saving the index's merged segments failed (is the disk full?)")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil
}

// persisted waits until bleve has written and synced every segment the
// index uses, or its persister failed (a full disk).
func (ix *Index) persisted() error {
	s, err := ix.scorch()
	if s == nil {
		return err
	}
	if err := waitPersisted(s.Stats().(*scorch.Stats)); err != nil {
		return fmt.Errorf("writing the index failed (is the disk full?)")
	}
	return nil
}

// scorch is the index's scorch, which bleve hides behind Advanced; nil
// for another kind of index.
func (ix *Index) scorch() (*scorch.Scorch, error) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, err
	}
	s, _ := adv.(*scorch.Scorch)
	return s, nil
}
