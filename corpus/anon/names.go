package anon

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// nameIndex finds listed names with one pass over a line: at the start of
// each word it looks up the word, case-folded, among the first words of
// the names, and only then compares whole names. A regular expression per
// name would cost a pass over the line for each of hundreds of names.
type nameIndex struct {
	// byFirst maps the folded first word of each name to the folded
	// names that start with it, longest first, so that "Ann Smith" is
	// preferred to "Ann".
	byFirst map[string][]string
	// starts has a bit set for the first byte of each folded first word
	// that is ASCII: most words of a line are ruled out by it without
	// folding them or hashing.
	starts [256 / 64]uint64
	// maxKey is the length of the longest first word: a longer word of
	// the line is no name, and is not folded further.
	maxKey int
}

// keyBuf is the room for folding a word of the line into a map key on
// the stack; a first word longer than that is folded on the heap.
const keyBuf = 64

func newNameIndex(names []string) nameIndex {
	ix := nameIndex{byFirst: map[string][]string{}}
	seen := map[string]bool{}
	for _, n := range names {
		// Punctuation at the ends cannot be matched as part of a whole
		// word, and a listed "Ann." means Ann.
		n = strings.TrimFunc(strings.Join(strings.Fields(n), " "), func(r rune) bool { return !isWordRune(r) })
		if n == "" {
			continue
		}
		f := foldString(n)
		if seen[f] {
			continue
		}
		seen[f] = true
		key := firstWord(f)
		ix.byFirst[key] = append(ix.byFirst[key], f)
		ix.maxKey = max(ix.maxKey, len(key))
		if key[0] < utf8.RuneSelf {
			ix.starts[key[0]/64] |= 1 << (key[0] % 64)
		}
	}
	for _, fs := range ix.byFirst {
		slices.SortFunc(fs, func(a, b string) int {
			return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
		})
	}
	return ix
}

func foldString(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, fold(r))
	}
	return string(b)
}

// firstWord returns s up to its first rune that is not part of a word.
func firstWord(s string) string {
	for i, r := range s {
		if !isWordRune(r) {
			return s[:i]
		}
	}
	return s
}

// scan appends a Match for each listed name in line.
func (ix *nameIndex) scan(line string, ms []Match) []Match {
	if len(ix.byFirst) == 0 {
		return ms
	}
	inWord := false
	for i := 0; i < len(line); {
		r, size := rune(line[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(line[i:])
		}
		if !isWordRune(r) {
			inWord = false
			i += size
			continue
		}
		if inWord {
			i += size
			continue
		}
		if end := ix.matchAt(line, i); end > i {
			ms = append(ms, Match{Kind: Name, Col: i + 1, Text: line[i:end]})
			i = end // matchAt checked that no word goes on at end
			continue
		}
		inWord = true
		i += size
	}
	return ms
}

// matchAt returns the end of the longest listed name that starts at the
// word starting at line[i], or -1.
func (ix *nameIndex) matchAt(line string, i int) int {
	if b := line[i]; b < utf8.RuneSelf {
		b = byte(fold(rune(b)))
		if ix.starts[b/64]&(1<<(b%64)) == 0 {
			return -1
		}
	}
	var buf [keyBuf]byte
	key := buf[:0]
	for j := i; j < len(line); {
		r, size := utf8.DecodeRuneInString(line[j:])
		if !isWordRune(r) {
			break
		}
		key = utf8.AppendRune(key, fold(r))
		if len(key) > ix.maxKey {
			return -1
		}
		j += size
	}
	// Indexing a map with string(key) does not allocate.
	for _, name := range ix.byFirst[string(key)] {
		if n := foldedPrefix(line[i:], name); n > 0 && !wordAt(line, i+n) {
			return i + n
		}
	}
	return -1
}

// foldedPrefix returns the length in s of a prefix that folds to name, or
// -1. name is already folded.
func foldedPrefix(s, name string) int {
	i := 0
	for _, nr := range name {
		if i >= len(s) {
			return -1
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if fold(r) != nr {
			return -1
		}
		i += size
	}
	return i
}
