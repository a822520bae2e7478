package refi

import (
	"bytes"
	"slices"
	"strings"
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
// agree again for a few characters is found by reading on in both.
//
// Both texts are read once, front to back, a character at a time, and
// nothing as long as them is made: only where the offsets asked about
// fall, and the first and last matched offset of each line (a source of
// 60 MB, its letters, their lines and an index of them held at once,
// took 3 GB).

const (
	anchorLen = 6   // characters that must agree to pick up the match again
	lookahead = 200 // transcript characters tried when looking for that place
)

// maxFold is the most letters and digits one code point decomposes into
// (a Hangul syllable gives three).
const maxFold = 4

// folder reads a text's keys one at a time: its letters and digits,
// accents dropped and case folded, each with the index of the code point
// it came from. A copy of a folder reads on from where it was.
type folder struct {
	s      string
	b      int   // byte offset of the next code point
	i      int32 // its index
	at     int32 // index of the code point pend came from
	pend   [maxFold]rune
	kp, np int8 // pend[kp:np] is still to be read
}

func (f *folder) next() (r rune, at int32, ok bool) {
	for f.kp == f.np {
		if f.b >= len(f.s) {
			return 0, 0, false
		}
		c := f.s[f.b]
		if c < utf8.RuneSelf {
			f.b++
			f.i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				return rune(c), f.i - 1, true
			case 'A' <= c && c <= 'Z':
				return rune(c + 'a' - 'A'), f.i - 1, true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(f.s[f.b:])
		f.np, f.kp, f.at = int8(foldRune(r, f.s[f.b:f.b+n], &f.pend)), 0, f.i
		f.b += n
		f.i++
	}
	f.kp++
	return f.pend[f.kp-1], f.at, true
}

// foldRune puts the letters and digits of r (encoded as enc), decomposed
// for the accents to drop and lower-cased, in out, and returns how many.
// The decomposition is read from norm's table, not made as a string for
// each accented letter.
func foldRune(r rune, enc string, out *[maxFold]rune) int {
	n := 0
	keep := func(d rune) {
		if (unicode.IsLetter(d) || unicode.IsDigit(d)) && n < maxFold {
			out[n] = unicode.ToLower(d)
			n++
		}
	}
	const sBase, lBase, vBase, tBase, tCount, nCount = 0xAC00, 0x1100, 0x1161, 0x11A7, 28, 588
	if s := r - sBase; 0 <= s && s < 19*nCount { // a Hangul syllable, decomposed by rule
		keep(lBase + s/nCount)
		keep(vBase + s%nCount/tCount)
		if s%tCount != 0 {
			keep(tBase + s%tCount)
		}
		return n
	}
	dec := norm.NFD.PropertiesString(enc).Decomposition()
	if dec == nil {
		keep(r)
		return n
	}
	for _, d := range string(dec) {
		keep(d)
	}
	return n
}

// foldString is the keys of s, as folder reads them.
func foldString(s string) []rune {
	var out []rune
	f := folder{s: s}
	for r, _, ok := f.next(); ok; r, _, ok = f.next() {
		out = append(out, r)
	}
	return out
}

// lineReader reads a transcript's lines as corpus.ParseTranscript does,
// one at a time: numbered from 1, a turn's first line without its
// speaker label.
type lineReader struct {
	data      []byte
	n, total  int
	prevBlank bool
}

func newLineReader(data []byte) *lineReader {
	lr := &lineReader{data: bytes.TrimSuffix(data, []byte("\n")), prevBlank: true}
	if len(data) > 0 {
		lr.total = bytes.Count(lr.data, []byte("\n")) + 1
	}
	return lr
}

func (lr *lineReader) next() (n int, body string, blank, ok bool) {
	if lr.n == lr.total {
		return 0, "", false, false
	}
	raw := lr.data
	if i := bytes.IndexByte(raw, '\n'); i >= 0 {
		raw, lr.data = raw[:i], raw[i+1:]
	} else {
		lr.data = nil
	}
	raw = bytes.TrimSuffix(raw, []byte("\r"))
	lr.n++
	body = string(raw)
	if strings.TrimSpace(body) == "" {
		lr.prevBlank = true
		return lr.n, body, true, true
	}
	if lr.prevBlank {
		if _, b, ok := corpus.SplitSpeaker(body); ok {
			body = b
		}
	}
	lr.prevBlank = false
	return lr.n, body, false, true
}

// key is a letter or digit of a text and where it is: a code point's
// index in the source, a line of the transcript.
type key struct {
	r   rune
	pos int32
}

// keyQueue holds the keys read and not yet taken, in one array that is
// used again once half of it is taken: a new array for every few keys
// read would cost as much as holding them all.
type keyQueue struct {
	buf  []key
	head int
}

func (q *keyQueue) keys() []key { return q.buf[q.head:] }

func (q *keyQueue) take(n int) { q.head += n }

func (q *keyQueue) push(k key) {
	if len(q.buf) == cap(q.buf) && q.head >= len(q.buf)/2 {
		q.buf = q.buf[:copy(q.buf, q.buf[q.head:])]
		q.head = 0
	}
	q.buf = append(q.buf, k)
}

// srcKeys reads a source's keys; f reads on after the last of them.
type srcKeys struct {
	keyQueue
	f folder
}

// fill reads until n keys are waiting or the text ends.
func (sk *srcKeys) fill(n int) {
	for len(sk.buf)-sk.head < n {
		r, at, ok := sk.f.next()
		if !ok {
			return
		}
		sk.push(key{r, at})
	}
}

// lineKeys reads a transcript's keys, each with its line, speaker labels
// left out, since ingest may have renamed them.
type lineKeys struct {
	keyQueue
	lines *lineReader
}

// fill reads lines until n keys are waiting or the text ends.
func (lk *lineKeys) fill(n int) {
	for len(lk.buf)-lk.head < n {
		line, body, _, ok := lk.lines.next()
		if !ok {
			return
		}
		f := folder{s: body}
		for r, _, ok := f.next(); ok; r, _, ok = f.next() {
			lk.push(key{r, int32(line)})
		}
	}
}

// pair is a matched character: its offset in the source and the
// transcript's line it is on.
type pair struct{ pos, line int32 }

// found is what the alignment says of one offset asked about.
type found struct {
	k          int  // the index of the first matched pair at or after it; the number of pairs when none
	at, before pair // that pair and the one before it, where there are
}

// alignment places source offsets on transcript lines.
type alignment struct {
	asked []int   // the offsets asked about, ascending
	found []found // what was found of each
	n     int     // pairs matched
	last  pair    // the last of them
	// lineFirst and lineLast are the first and last matched source
	// offsets of each line, by line number; -1 where none.
	lineFirst, lineLast []int32
}

// align aligns source text (code points) with transcript text normal
// made from it, and finds where the source offsets asked about fall.
// Speaker labels are left out on the transcript's side, since ingest may
// have renamed them.
func align(source string, normal []byte, asked []int) *alignment {
	asked = slices.Clone(asked)
	slices.Sort(asked)
	asked = slices.Compact(asked)
	lines := newLineReader(normal)
	m := &alignment{asked: asked, found: make([]found, len(asked)),
		lineFirst: make([]int32, lines.total+1), lineLast: make([]int32, lines.total+1)}
	for i := range m.lineFirst {
		m.lineFirst[i], m.lineLast[i] = -1, -1
	}
	q := 0 // the next offset asked about to be found
	src := &srcKeys{f: folder{s: source}}
	dst := &lineKeys{lines: lines}
	grams := map[[anchorLen]rune]int{}
	for src.fill(1); len(src.keys()) > 0; src.fill(1) {
		if dst.fill(1); len(dst.keys()) == 0 {
			break
		}
		if s, d := src.keys()[0], dst.keys()[0]; s.r == d.r {
			p := pair{s.pos, d.pos}
			for ; q < len(asked) && asked[q] <= int(p.pos); q++ {
				m.found[q] = found{k: m.n, at: p, before: m.last}
			}
			if m.lineFirst[p.line] < 0 {
				m.lineFirst[p.line] = p.pos
			}
			m.lineLast[p.line] = p.pos
			m.last = p
			m.n++
			src.take(1)
			dst.take(1)
			continue
		}
		if !resync(src, dst, grams) {
			break // nothing further agrees: the rest stays unplaced
		}
	}
	for ; q < len(asked); q++ {
		m.found[q] = found{k: m.n, before: m.last}
	}
	return m
}

// near is the most characters skipped that resync tries pair by pair,
// before it reads on with an index of the transcript's next grams.
const near = 48

// resync moves src and dst on to the nearest place where they agree for
// anchorLen characters: the fewest characters skipped in both together,
// then the fewest in the transcript, which is at most lookahead. It
// reports false, and moves nothing, when there is none.
func resync(src *srcKeys, dst *lineKeys, grams map[[anchorLen]rune]int) bool {
	dst.fill(lookahead + anchorLen - 1)
	src.fill(near + anchorLen - 1)
	d, s := dst.keys(), src.keys()
	same := func(a, start int) bool {
		for k := range anchorLen {
			if d[a+k].r != s[start+k].r {
				return false
			}
		}
		return true
	}
	// Nearby, pair by pair, in the order of what they skip.
	for c := range near {
		for a := 0; a <= c && a < lookahead && a+anchorLen <= len(d); a++ {
			if start := c - a; start+anchorLen <= len(s) && same(a, start) {
				src.take(start)
				dst.take(a)
				return true
			}
		}
	}
	// Further: each of the transcript's next grams at the first place it
	// starts, looked up as the source is read on, the last anchorLen
	// characters in a ring with what read each, until nothing nearer can
	// be found. Only keys already waiting are held; the rest is read
	// through a copy of the reader.
	clear(grams)
	for a := 0; a < lookahead && a+anchorLen <= len(d); a++ {
		var g [anchorLen]rune
		for k := range g {
			g[k] = d[a+k].r
		}
		if _, ok := grams[g]; !ok {
			grams[g] = a
		}
	}
	best, bestA := -1, 0
	var bestF folder
	var ring [anchorLen]rune
	var from [anchorLen]folder // the reader before each key of the ring, past the waiting keys
	cur := src.f
	for p := 0; ; p++ {
		start := p - anchorLen + 1
		if best >= 0 && start > best {
			break
		}
		if p < len(s) {
			ring[p%anchorLen] = s[p].r
		} else {
			before := cur
			r, _, ok := cur.next()
			if !ok {
				break
			}
			ring[p%anchorLen], from[p%anchorLen] = r, before
		}
		if start < 0 {
			continue
		}
		var g [anchorLen]rune
		for k := range g {
			g[k] = ring[(start+k)%anchorLen]
		}
		if a, ok := grams[g]; ok && (best < 0 || a+start < best || a+start == best && a < bestA) {
			best, bestA, bestF = a+start, a, from[start%anchorLen]
		}
	}
	if best < 0 {
		return false
	}
	dst.take(bestA)
	if start := best - bestA; start < len(s) {
		src.take(start)
	} else {
		src.buf, src.head, src.f = src.buf[:0], 0, bestF
	}
	return true
}

// place returns the lines a selection [start, end) of the source covers,
// and how many source code points taking whole lines adds to it. A
// selection with no letters or digits takes the line of the next text.
// start and end must have been asked about.
func (m *alignment) place(start, end int) (r corpus.Range, widened int, ok bool) {
	if m.n == 0 {
		return corpus.Range{}, 0, false
	}
	fs, fe := m.find(start), m.find(end)
	a, b := fs.k, fe.k-1
	pa, pb := fs.at, fe.before
	if a > b { // nothing of it placed: the line of the next placed character
		if a >= m.n {
			a, pa = m.n-1, m.last
		}
		b, pb = a, pa
	}
	r = corpus.Range{Start: int(pa.line), End: int(pb.line)}
	pf, pl := int(m.lineFirst[r.Start]), int(m.lineLast[r.End])
	widened = max(0, start-pf) + max(0, pl+1-end)
	if a > b || int(pa.pos) >= end || int(pb.pos) < start {
		widened = max(widened, pl+1-pf)
	}
	return r, widened, true
}

func (m *alignment) find(v int) found {
	i, ok := slices.BinarySearch(m.asked, v)
	if !ok {
		panic("refi: placing an offset not asked about")
	}
	return m.found[i]
}
