package refi

import (
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/qdatool/qda/corpus"
)

// Aligning a source's text with the transcript that ingest made of it.
// Normalising moves text between lines, renames speakers and drops
// timestamps, so positions cannot be carried over by arithmetic. Both
// texts are reduced to their letters and digits (accents and case
// folded), which normalising keeps in order, and matched: runs that agree
// are taken as they come, and where they part, the nearest place they
// agree again for a few characters is found through an index.

const (
	anchorLen = 6   // characters that must agree to pick up the match again
	lookahead = 200 // transcript characters tried when looking for that place
)

type key struct {
	r   rune
	pos int32 // a code point offset in the source, or a line of the transcript
}

// foldKeys reduces s to its letters and digits, accents dropped and case
// folded, each with pos(offset) for the rune it came from.
func foldKeys(s string, pos func(i int) int) []key {
	return appendKeys(make([]key, 0, len(s)), s, pos)
}

// appendKeys appends the keys of s to out, as foldKeys makes them.
func appendKeys(out []key, s string, pos func(i int) int) []key {
	i := 0
	for _, r := range s {
		switch {
		case r >= utf8.RuneSelf: // decomposed, for the accents to drop
			for _, d := range norm.NFD.String(string(r)) {
				if unicode.IsLetter(d) || unicode.IsDigit(d) {
					out = append(out, key{unicode.ToLower(d), int32(pos(i))})
				}
			}
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			out = append(out, key{r, int32(pos(i))})
		case 'A' <= r && r <= 'Z':
			out = append(out, key{r + 'a' - 'A', int32(pos(i))})
		}
		i++
	}
	return out
}

// lineMap places source positions on transcript lines. Sources run to
// tens of megabytes, so it holds 32-bit numbers: positions below the
// transcript limit fit.
type lineMap struct {
	pos  []int32 // source offsets of the matched transcript characters, ascending
	line []int32 // their lines
}

// newLineMap aligns source text (code points) with transcript t made
// from it. Speaker labels are left out on the transcript's side, since
// ingest may have renamed them.
func newLineMap(source string, t *corpus.Transcript) *lineMap {
	src := foldKeys(source, func(i int) int { return i })
	size := 0
	for _, l := range t.Lines {
		size += len(l.Body)
	}
	dst := make([]key, 0, size)
	for n, l := range t.Lines {
		dst = appendKeys(dst, l.Body, func(int) int { return n + 1 })
	}
	ix := newGramIndex(src)
	most := min(len(src), len(dst)) // each character is matched once at most
	m := &lineMap{pos: make([]int32, 0, most), line: make([]int32, 0, most)}
	i, j := 0, 0
	for i < len(src) && j < len(dst) {
		if src[i].r == dst[j].r {
			m.pos = append(m.pos, src[i].pos)
			m.line = append(m.line, dst[j].pos)
			i++
			j++
			continue
		}
		// The nearest place both agree again: fewest characters skipped.
		best, bi, bj := -1, 0, 0
		for a := 0; a < lookahead && j+a+anchorLen <= len(dst); a++ {
			if best >= 0 && a >= best {
				break
			}
			at := ix.next(dst[j+a:j+a+anchorLen], i)
			if at >= 0 && (best < 0 || a+at-i < best) {
				best, bi, bj = a+at-i, at, j+a
			}
		}
		if best < 0 {
			break // nothing further agrees: the rest stays unplaced
		}
		i, j = bi, bj
	}
	return m
}

// gramIndex finds where anchorLen characters of the source occur. Each
// place is one number, the gram's hash above its offset, sorted: a map
// from each gram, as a string, to its places took a hundred bytes and
// more for each character of the source.
type gramIndex struct {
	src    []key
	places []uint64
}

func newGramIndex(src []key) *gramIndex {
	ix := &gramIndex{src: src, places: make([]uint64, 0, max(0, len(src)-anchorLen+1))}
	for i := 0; i+anchorLen <= len(src); i++ {
		ix.places = append(ix.places, uint64(gramHash(src[i:i+anchorLen]))<<32|uint64(i))
	}
	slices.Sort(ix.places)
	return ix
}

// next returns the first offset at or after from where g occurs in the
// source, or -1.
func (ix *gramIndex) next(g []key, from int) int {
	h := uint64(gramHash(g)) << 32
	k, _ := slices.BinarySearch(ix.places, h|uint64(from))
	for ; k < len(ix.places) && ix.places[k]&^0xFFFFFFFF == h; k++ {
		at := int(uint32(ix.places[k]))
		if sameGram(ix.src[at:at+anchorLen], g) { // not another gram of the same hash
			return at
		}
	}
	return -1
}

// gramHash is FNV-1a of the gram's characters.
func gramHash(g []key) uint32 {
	h := uint32(2166136261)
	for _, k := range g {
		h = (h ^ uint32(k.r)) * 16777619
	}
	return h
}

func sameGram(a, b []key) bool {
	for i := range a {
		if a[i].r != b[i].r {
			return false
		}
	}
	return true
}

// place returns the lines a selection [start, end) of the source covers,
// and how many source code points taking whole lines adds to it. A
// selection with no letters or digits takes the line of the next text.
func (m *lineMap) place(start, end int) (r corpus.Range, widened int, ok bool) {
	if len(m.pos) == 0 {
		return corpus.Range{}, 0, false
	}
	a := search(m.pos, start)
	b := search(m.pos, end) - 1
	if a > b { // nothing of it placed: the line of the next placed character
		if a >= len(m.pos) {
			a = len(m.pos) - 1
		}
		b = a
	}
	r = corpus.Range{Start: int(m.line[a]), End: int(m.line[b])}
	first := search(m.line, r.Start)
	last := search(m.line, r.End+1) - 1
	pa, pb, pf, pl := int(m.pos[a]), int(m.pos[b]), int(m.pos[first]), int(m.pos[last])
	widened = max(0, start-pf) + max(0, pl+1-end)
	if a > b || pa >= end || pb < start {
		widened = max(widened, pl+1-pf)
	}
	return r, widened, true
}

// search is the first index of the ascending s whose value is v or more.
func search(s []int32, v int) int {
	return sort.Search(len(s), func(i int) bool { return int(s[i]) >= v })
}
