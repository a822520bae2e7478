package search

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/qdatool/qda/internal/lazyre"
)

// occur is how a top-level term of a query counts: + must match, -
// must not, and the others any of them (all of them optional once a +
// term is there, as in bleve's syntax).
type occur int

const (
	should occur = iota
	must
	mustNot
)

// proximity is a term "a b"~N: its words, in any order, within N other
// words of each other in one speaker turn, across the turn's lines.
// bleve's syntax has no such term (its phrases are within one document,
// a line), so the lexer takes it out and turns.go matches it.
type proximity struct {
	occur occur
	text  string // as written, for messages
	start int    // byte offset in the query
	words []string
	slop  int
}

// maxSlop bounds N: a window wider than a long answer means nothing.
const maxSlop = 100

var proximityRE = lazyre.New(`^([+-]?)"([^"]*)"~([0-9]*)$`)

// proximities takes the proximity terms out of toks.
func proximities(s string, toks []token) ([]token, []proximity, *QueryError) {
	var rest []token
	var out []proximity
	for _, t := range toks {
		m := proximityRE().FindStringSubmatch(t.text)
		if m == nil {
			rest = append(rest, t)
			continue
		}
		p := proximity{text: t.text, start: t.start}
		switch m[1] {
		case "+":
			p.occur = must
		case "-":
			p.occur = mustNot
		}
		n, err := strconv.Atoi(m[3])
		if err != nil || n > maxSlop {
			return nil, nil, &QueryError{Query: s, Column: column(s, t.start), Near: t.text, Msg: fmt.Sprintf("write the distance as a number of words from 0 to %d, e.g. \"fatigue stairs\"~5", maxSlop)}
		}
		p.slop = n
		for _, w := range wordRE().FindAllString(m[2], -1) {
			p.words = append(p.words, strings.ToLower(w))
		}
		if len(p.words) == 0 {
			return nil, nil, &QueryError{Query: s, Column: column(s, t.start), Near: t.text, Msg: "a proximity term needs words, e.g. \"fatigue stairs\"~5"}
		}
		out = append(out, p)
	}
	return rest, out, nil
}

// checkProximity refuses what a proximity term cannot mean.
func (ix *Index) checkProximity(prox []proximity) error {
	for _, p := range prox {
		if len(p.words) > 16 {
			return &QueryError{Near: p.text, Msg: "a proximity term takes up to 16 words"}
		}
	}
	return nil
}

// wordPos is one word of a turn: its place among the turn's words, its
// line and its byte range in the line.
type wordPos struct {
	pos, line  int
	start, end int
	word       string
}

// window finds the matches of p among a turn's words: each shortest run
// of words that holds every word of p (a word written twice, twice) with
// at most p.slop others among them. ok says whether the word at a place
// may count (its line passes the search's filters). It returns the words
// of every match.
func (p proximity) window(words []wordPos, ok func(wordPos) bool) []wordPos {
	need := map[string]int{}
	for _, w := range p.words {
		need[w]++
	}
	// The words of the turn that are words of p, in order.
	var cand []wordPos
	for _, w := range words {
		if need[w.word] > 0 && ok(w) {
			cand = append(cand, w)
		}
	}
	have := map[string]int{}
	missing := len(p.words)
	var out []wordPos
	last := -1 // the last candidate already in out
	left := 0
	for right, w := range cand {
		if have[w.word] < need[w.word] {
			missing--
		}
		have[w.word]++
		if missing > 0 {
			continue
		}
		// Shrink from the left while every word is still held.
		for {
			lw := cand[left]
			if have[lw.word] > need[lw.word] {
				have[lw.word]--
				left++
				continue
			}
			break
		}
		if cand[right].pos-cand[left].pos+1-len(p.words) <= p.slop {
			for i := max(left, last+1); i <= right; i++ {
				out = append(out, cand[i])
			}
			last = right
		}
		// Give up the leftmost word to look for the next window.
		lw := cand[left]
		have[lw.word]--
		missing++
		left++
	}
	return out
}
