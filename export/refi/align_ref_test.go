package refi

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/ingest"
)

// The alignment and the counting as they were before they read the texts
// once, holding every character's key, a sorted index of grams and a
// table of every position (about 44 bytes a character): the reference
// the streaming ones must agree with, selection by selection.

type refKey struct {
	r   rune
	pos int32 // a code point offset in the source, or a line of the transcript
}

// refFoldKeys reduces s to its letters and digits, accents dropped and case
// folded, each with pos(offset) for the rune it came from.
func refFoldKeys(s string, pos func(i int) int) []refKey {
	return refAppendKeys(make([]refKey, 0, len(s)), s, pos)
}

// refAppendKeys appends the keys of s to out, as refFoldKeys makes them.
func refAppendKeys(out []refKey, s string, pos func(i int) int) []refKey {
	i := 0
	for _, r := range s {
		switch {
		case r >= utf8.RuneSelf: // decomposed, for the accents to drop
			for _, d := range norm.NFD.String(string(r)) {
				if unicode.IsLetter(d) || unicode.IsDigit(d) {
					out = append(out, refKey{unicode.ToLower(d), int32(pos(i))})
				}
			}
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			out = append(out, refKey{r, int32(pos(i))})
		case 'A' <= r && r <= 'Z':
			out = append(out, refKey{r + 'a' - 'A', int32(pos(i))})
		}
		i++
	}
	return out
}

// refLineMap places source positions on transcript lines. Sources run to
// tens of megabytes, so it holds 32-bit numbers: positions below the
// transcript limit fit.
type refLineMap struct {
	pos  []int32 // source offsets of the matched transcript characters, ascending
	line []int32 // their lines
}

// newRefLineMap aligns source text (code points) with transcript t made
// from it. Speaker labels are left out on the transcript's side, since
// ingest may have renamed them.
func newRefLineMap(source string, t *corpus.Transcript) *refLineMap {
	src := refFoldKeys(source, func(i int) int { return i })
	size := 0
	for _, l := range t.Lines {
		size += len(l.Body)
	}
	dst := make([]refKey, 0, size)
	for n, l := range t.Lines {
		dst = refAppendKeys(dst, l.Body, func(int) int { return n + 1 })
	}
	ix := newRefGramIndex(src)
	most := min(len(src), len(dst)) // each character is matched once at most
	m := &refLineMap{pos: make([]int32, 0, most), line: make([]int32, 0, most)}
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

// refGramIndex finds where anchorLen characters of the source occur. Each
// place is one number, the gram's hash above its offset, sorted: a map
// from each gram, as a string, to its places took a hundred bytes and
// more for each character of the source.
type refGramIndex struct {
	src    []refKey
	places []uint64
}

func newRefGramIndex(src []refKey) *refGramIndex {
	ix := &refGramIndex{src: src, places: make([]uint64, 0, max(0, len(src)-anchorLen+1))}
	for i := 0; i+anchorLen <= len(src); i++ {
		ix.places = append(ix.places, uint64(refGramHash(src[i:i+anchorLen]))<<32|uint64(i))
	}
	slices.Sort(ix.places)
	return ix
}

// next returns the first offset at or after from where g occurs in the
// source, or -1.
func (ix *refGramIndex) next(g []refKey, from int) int {
	h := uint64(refGramHash(g)) << 32
	k, _ := slices.BinarySearch(ix.places, h|uint64(from))
	for ; k < len(ix.places) && ix.places[k]&^0xFFFFFFFF == h; k++ {
		at := int(uint32(ix.places[k]))
		if refSameGram(ix.src[at:at+anchorLen], g) { // not another gram of the same hash
			return at
		}
	}
	return -1
}

// refGramHash is FNV-1a of the gram's characters.
func refGramHash(g []refKey) uint32 {
	h := uint32(2166136261)
	for _, k := range g {
		h = (h ^ uint32(k.r)) * 16777619
	}
	return h
}

func refSameGram(a, b []refKey) bool {
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
func (m *refLineMap) place(start, end int) (r corpus.Range, widened int, ok bool) {
	if len(m.pos) == 0 {
		return corpus.Range{}, 0, false
	}
	a := refSearch(m.pos, start)
	b := refSearch(m.pos, end) - 1
	if a > b { // nothing of it placed: the line of the next placed character
		if a >= len(m.pos) {
			a = len(m.pos) - 1
		}
		b = a
	}
	r = corpus.Range{Start: int(m.line[a]), End: int(m.line[b])}
	first := refSearch(m.line, r.Start)
	last := refSearch(m.line, r.End+1) - 1
	pa, pb, pf, pl := int(m.pos[a]), int(m.pos[b]), int(m.pos[first]), int(m.pos[last])
	widened = max(0, start-pf) + max(0, pl+1-end)
	if a > b || pa >= end || pb < start {
		widened = max(widened, pl+1-pf)
	}
	return r, widened, true
}

// refSearch is the first index of the ascending s whose value is v or more.
func refSearch(s []int32, v int) int {
	return sort.Search(len(s), func(i int) bool { return int(s[i]) >= v })
}

// refCounting is a table of a way's position of every code point.
func refCounting(w way, text []rune) []int32 {
	units := make([]int32, len(text)+1)
	var u int32
	for i, r := range text {
		units[i] = u
		switch {
		case w.crOne && r == '\r' && i+1 < len(text) && text[i+1] == '\n':
		case w.lfTwo && r == '\n' && (i == 0 || text[i-1] != '\r'):
			u += 2
		case w.utf16 && r > 0xFFFF:
			u += 2
		default:
			u++
		}
	}
	units[len(text)] = u
	return units
}

// refOffset is the code point at position p of units, or -1.
func refOffset(units []int32, p int64) int {
	if p < 0 || p > int64(units[len(units)-1]) {
		return -1
	}
	i, _ := slices.BinarySearch(units, int32(p))
	return i
}

// TestFoldRune checks every code point folds as it did, decomposed
// through a string.
func TestFoldRune(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		var want []rune
		for _, k := range refFoldKeys(string(r), func(int) int { return 0 }) {
			want = append(want, k.r)
		}
		if got := foldString(string(r)); !slices.Equal(got, want) {
			t.Fatalf("%U folds to %q, want %q", r, string(got), string(want))
		}
	}
}

// TestAlignAgrees places every selection of random interviews, made
// into transcripts by ingest, as the reference does: same lines, same
// widening.
func TestAlignAgrees(t *testing.T) {
	words := []string{"the", "bus", "café", "Siân", "naïve", "👍", "한국어", "Straße", "ǅemal", "[00:01:02]", "(00:03:10)",
		"Mr.", "Dr.", "well...", "No.", "3.", "so", "I", "went", "?", "!", "—", "\"quoted\"", "’", "x²", "١٢", "ﬁne", "Ⅻ", ""}
	labels := []string{"I: ", "R: ", "Interviewer: ", "Speaker 1 0:05\n", "P1: ", "", "", "Ann: "}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		var b strings.Builder
		for range 1 + rng.IntN(40) {
			b.WriteString(labels[rng.IntN(len(labels))])
			for range rng.IntN(30) {
				b.WriteString(words[rng.IntN(len(words))])
				switch rng.IntN(12) {
				case 0:
					b.WriteString(". ")
				case 1:
					b.WriteString("\r\n")
				case 2:
					b.WriteString("\n\n")
				default:
					b.WriteString(" ")
				}
			}
			b.WriteString("\n")
		}
		source := b.String()
		res, err := ingest.File("t.txt", []byte(source), ingest.Options{Participant: "p"})
		if err != nil {
			continue
		}
		// Text one has and the other has not, short and long, at the
		// start, the end and within.
		cut := func(s string) string {
			var c strings.Builder
			for range rng.IntN(3) * rng.IntN(40) {
				c.WriteString(words[rng.IntN(len(words))] + "q ")
			}
			at := strings.LastIndexByte(s[:rng.IntN(len(s)+1)], '\n') + 1
			return s[:at] + c.String() + "\n" + s[at:]
		}
		switch n % 4 {
		case 1:
			source = cut(source)
		case 2:
			res.Text = []byte(cut(string(res.Text)))
		case 3:
			source, res.Text = cut(source), []byte(cut(string(res.Text)))
		}
		size := utf8.RuneCountInString(source)
		var asked []int
		for p := 0; p <= size; p += 1 + rng.IntN(5) {
			asked = append(asked, p)
		}
		ref := newRefLineMap(source, corpus.ParseTranscript("t", res.Text))
		m := align(source, res.Text, asked)
		for k := 0; k+1 < len(asked); k++ {
			s, e := asked[k], asked[k+1+rng.IntN(min(3, len(asked)-k-1))]
			r, w, ok := m.place(s, e)
			rr, rw, rok := ref.place(s, e)
			if r != rr || w != rw || ok != rok {
				t.Fatalf("interview %d: place(%d, %d) = %v %d %v; the reference %v %d %v\nsource %q\ntranscript %q", n, s, e, r, w, ok, rr, rw, rok, source, res.Text)
			}
		}
	}
}

// TestLineReader reads lines as corpus.ParseTranscript does.
func TestLineReader(t *testing.T) {
	for _, text := range []string{"", "\n", "a", "a\n", "I: x\ny\n\nR: z\r\n\n\n  \nfoo: bar baz\n", "\n\nI: a\n", "x\n\n"} {
		tr := corpus.ParseTranscript("t", []byte(text))
		lr := newLineReader([]byte(text))
		for i, l := range tr.Lines {
			n, body, blank, ok := lr.next()
			if !ok || n != i+1 || body != l.Body || blank != l.Blank {
				t.Errorf("%q: line %d read as %d %q %v %v, want %q %v", text, i+1, n, body, blank, ok, l.Body, l.Blank)
			}
		}
		if _, _, _, ok := lr.next(); ok {
			t.Errorf("%q: a line past %d", text, len(tr.Lines))
		}
	}
}
