package anon

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// nameIndex finds listed names with one pass over a line: at the start of
// each word it hashes the word, case-folded, and only if that is the hash
// of the first word of some name compares those names with the text
// there. A regular expression per name would cost a pass over the line
// for each of hundreds of names.
type nameIndex struct {
	// byFirst maps the hash of the folded first word of each name to the
	// folded names, longest first, so that "Ann Smith" is preferred to
	// "Ann". Names whose first words share a hash share a list; the
	// comparison of the whole name tells them apart.
	byFirst map[uint32][]string
	// starts has a bit set for the first byte of each first word that is
	// ASCII, and filter one for the hash of each first word: between them
	// they rule out almost every word of a line before any map lookup.
	starts [256 / 64]uint64
	filter bloom
	// maxKey is the folded length of the longest first word: a longer
	// word of the line starts no name, and is not hashed to its end.
	maxKey int
}

func newNameIndex(names []string) nameIndex {
	ix := nameIndex{byFirst: map[uint32][]string{}}
	dup := map[string]bool{}
	for _, n := range names {
		// Punctuation at the ends cannot be matched as part of a whole
		// word, and a listed "Ann." means Ann.
		n = strings.TrimFunc(strings.Join(strings.Fields(n), " "), func(r rune) bool { return !isWordRune(r) })
		if n == "" {
			continue
		}
		f := foldString(n)
		if dup[f] {
			continue
		}
		dup[f] = true
		key := firstWord(f)
		h := hashString(key)
		ix.byFirst[h] = append(ix.byFirst[h], f)
		ix.maxKey = max(ix.maxKey, len(key))
		if key[0] < utf8.RuneSelf {
			ix.starts[key[0]/64] |= 1 << (key[0] % 64)
		}
	}
	ix.filter = newBloom(len(ix.byFirst))
	for h, fs := range ix.byFirst {
		ix.filter.add(h)
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
	for i := 0; i < len(line); {
		if b := line[i]; b < utf8.RuneSelf {
			if !isAlnum(b) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(line[i:]); !isWordRune(r) {
			i += size
			continue
		}
		// A word starts at i.
		end, next := ix.matchAt(line, i)
		if end > 0 {
			ms = append(ms, Match{Kind: Name, Col: i + 1, Text: line[i:end]})
		}
		i = next
	}
	return ms
}

// matchAt returns the end of the longest listed name that starts at the
// word starting at line[i], or -1, and where to look for the next word.
func (ix *nameIndex) matchAt(line string, i int) (end, next int) {
	if b := line[i]; b < utf8.RuneSelf {
		b = lowerASCII(b)
		if ix.starts[b/64]&(1<<(b%64)) == 0 {
			return -1, wordEnd(line, i)
		}
	}
	h := uint32(fnvOffset)
	n, j := 0, i // folded length, end in line
	for j < len(line) {
		b := line[j]
		if b < utf8.RuneSelf {
			if !isAlnum(b) {
				break
			}
			h = fnv(h, lowerASCII(b))
			n++
			j++
		} else {
			r, size := utf8.DecodeRuneInString(line[j:])
			if !isWordRune(r) {
				break
			}
			var enc [utf8.UTFMax]byte
			k := utf8.EncodeRune(enc[:], fold(r))
			for _, c := range enc[:k] {
				h = fnv(h, c)
			}
			n += k
			j += size
		}
		if n > ix.maxKey {
			return -1, wordEnd(line, j)
		}
	}
	if !ix.filter.has(h) {
		return -1, j
	}
	for _, name := range ix.byFirst[h] {
		if n := foldedPrefix(line[i:], name); n > 0 && !wordAt(line, i+n) {
			return i + n, i + n // no word goes on at i+n
		}
	}
	return -1, j
}

// wordEnd returns the end of the word that goes on at line[i].
func wordEnd(line string, i int) int {
	for i < len(line) {
		if b := line[i]; b < utf8.RuneSelf {
			if !isAlnum(b) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		if !isWordRune(r) {
			return i
		}
		i += size
	}
	return i
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
