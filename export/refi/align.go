package refi

import (
	"sort"
	"unicode"

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
	pos int // a code point offset in the source, or a line of the transcript
}

// foldKeys reduces s to its letters and digits, accents dropped and case
// folded, each with pos(offset) for the rune it came from.
func foldKeys(s string, pos func(i int) int) []key {
	var out []key
	i := 0
	for _, r := range s {
		for _, d := range norm.NFD.String(string(r)) {
			if unicode.IsLetter(d) || unicode.IsDigit(d) {
				out = append(out, key{unicode.ToLower(d), pos(i)})
			}
		}
		i++
	}
	return out
}

// lineMap places source positions on transcript lines.
type lineMap struct {
	pos  []int // source offsets of the matched transcript characters, ascending
	line []int // their lines
}

// newLineMap aligns source text (code points) with transcript t made
// from it. Speaker labels are left out on the transcript's side, since
// ingest may have renamed them.
func newLineMap(source string, t *corpus.Transcript) *lineMap {
	src := foldKeys(source, func(i int) int { return i })
	var dst []key
	for n, l := range t.Lines {
		dst = append(dst, foldKeys(l.Body, func(int) int { return n + 1 })...)
	}
	index := map[string][]int{}
	for i := 0; i+anchorLen <= len(src); i++ {
		g := gram(src[i : i+anchorLen])
		index[g] = append(index[g], i)
	}
	m := &lineMap{}
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
			at := index[gram(dst[j+a:j+a+anchorLen])]
			k := sort.SearchInts(at, i)
			if k < len(at) && (best < 0 || a+at[k]-i < best) {
				best, bi, bj = a+at[k]-i, at[k], j+a
			}
		}
		if best < 0 {
			break // nothing further agrees: the rest stays unplaced
		}
		i, j = bi, bj
	}
	return m
}

func gram(ks []key) string {
	rs := make([]rune, len(ks))
	for i, k := range ks {
		rs[i] = k.r
	}
	return string(rs)
}

// place returns the lines a selection [start, end) of the source covers,
// and how many source code points taking whole lines adds to it. A
// selection with no letters or digits takes the line of the next text.
func (m *lineMap) place(start, end int) (r corpus.Range, widened int, ok bool) {
	if len(m.pos) == 0 {
		return corpus.Range{}, 0, false
	}
	a := sort.SearchInts(m.pos, start)
	b := sort.SearchInts(m.pos, end) - 1
	if a > b { // nothing of it placed: the line of the next placed character
		if a >= len(m.pos) {
			a = len(m.pos) - 1
		}
		b = a
	}
	r = corpus.Range{Start: m.line[a], End: m.line[b]}
	first := sort.SearchInts(m.line, r.Start)
	last := sort.SearchInts(m.line, r.End+1) - 1
	widened = max(0, start-m.pos[first]) + max(0, m.pos[last]+1-end)
	if a > b || m.pos[a] >= end || m.pos[b] < start {
		widened = max(widened, m.pos[last]+1-m.pos[first])
	}
	return r, widened, true
}
