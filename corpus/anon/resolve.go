package anon

import "slices"

// resolve makes ms non-overlapping and sorts it by column.
func resolve(ms []Match) []Match {
	if len(ms) < 2 {
		return ms
	}
	slices.SortFunc(ms, func(a, b Match) int {
		if a.Col != b.Col {
			return a.Col - b.Col
		}
		return len(b.Text) - len(a.Text)
	})
	clean := true
	for i := 1; i < len(ms); i++ {
		if ms[i].Col-1 < ms[i-1].end() {
			clean = false
			break
		}
	}
	if clean {
		return ms
	}
	// Keep the longest (then most specific) first. The matches kept are
	// in column order and do not overlap, so only the two either side of
	// where a match would go can overlap it.
	slices.SortFunc(ms, func(a, b Match) int {
		if len(a.Text) != len(b.Text) {
			return len(b.Text) - len(a.Text)
		}
		if a.Kind.rank() != b.Kind.rank() {
			return a.Kind.rank() - b.Kind.rank()
		}
		return a.Col - b.Col
	})
	// kept reuses ms: it never holds more than the matches already read.
	kept := ms[:0]
	for _, m := range ms {
		i, _ := slices.BinarySearchFunc(kept, m.Col, func(k Match, col int) int { return k.Col - col })
		if i > 0 && overlap(kept[i-1], m) || i < len(kept) && overlap(kept[i], m) {
			continue
		}
		kept = slices.Insert(kept, i, m)
	}
	return kept
}

func overlap(a, b Match) bool { return a.Col-1 < b.end() && b.Col-1 < a.end() }

// rank orders kinds from most to least specific, to choose between two
// matches of the same length over the same text.
func (k Kind) rank() int {
	switch k {
	case Email:
		return 0
	case URL:
		return 1
	case NHSNumber:
		return 2
	case Phone:
		return 3
	case Postcode:
		return 4
	}
	return 5
}
