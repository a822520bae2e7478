package corpus

import "github.com/qdatool/qda/codebook"

// CodeUse counts, for two versions of a codebook, the segments of the
// working tree's codings that use each code: New by the newer codebook's
// canonical paths, Old by the older one's (for codes since removed).
type CodeUse struct {
	Old, New map[string]int
}

// CodeUse counts the segments that use each code or one of its
// descendants: what a change to the code touches.
func (s *Study) CodeUse(ix *Index, old, newer *codebook.Codebook) (*CodeUse, error) {
	use := &CodeUse{Old: map[string]int{}, New: map[string]int{}}
	ro, rn := NewResolver(old), NewResolver(newer)
	err := s.EachCodings(ix, func(cs *Codings) error {
		for _, seg := range cs.Segments {
			countSegment(seg, rn, use.New)
			countSegment(seg, ro, use.Old)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return use, nil
}

// countSegment counts seg once for every code it uses and their ancestors.
func countSegment(seg Segment, r *Resolver, counts map[string]int) {
	seen := map[string]bool{}
	for _, ref := range seg.Codes {
		for c := r.Code(ref); c != nil; c = c.Parent {
			if !seen[c.Path] {
				seen[c.Path] = true
				counts[c.Path]++
			}
		}
	}
}
