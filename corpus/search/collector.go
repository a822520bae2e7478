package search

import "github.com/blevesearch/bleve/v2/search/collector"

// bleve's collector makes ready PreAllocSizeSkipCap+1 hits (a few
// hundred bytes each) before it has found one, when a request asks for
// more than that: 1,001 by default, and a search asks for up to 10,000
// (query.go), so every search, a word found nowhere included, took a
// quarter of a megabyte of fresh memory (about 60 page faults, a tenth
// of a search's own after qda's start at 10,000 participants). Past the
// cap bleve allocates each hit as it finds it, as it did past 1,001:
// only searches with few hits see a difference. Set once, before any
// search runs.
const preAllocHits = 64

func init() { collector.PreAllocSizeSkipCap = preAllocHits }
