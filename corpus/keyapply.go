package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// replacer replaces a key's terms, whole words only, in any case.
type replacer struct {
	re      *regexp.Regexp
	replace map[string]string // lower-cased term → replacement
	kind    map[string]string
}

func newReplacer(k *Key) *replacer {
	r := &replacer{replace: map[string]string{}, kind: map[string]string{}}
	var alts []string
	terms := slices.Clone(k.Terms)
	// Longest first, so "Bob Smith" wins over "Bob".
	slices.SortStableFunc(terms, func(a, b KeyTerm) int { return len(b.Term) - len(a.Term) })
	for _, t := range terms {
		if t.Keep {
			continue
		}
		low := strings.ToLower(strings.TrimSpace(t.Term))
		if _, dup := r.replace[low]; dup {
			continue
		}
		r.replace[low] = t.Replace
		r.kind[low] = t.Kind
		words := strings.Fields(t.Term)
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		alts = append(alts, strings.Join(words, `\s+`))
	}
	if len(alts) > 0 {
		r.re = regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`)
	}
	return r
}

// apply replaces the terms in text, counting by kind. A match must not
// run on into a word: "Ann" is not replaced in "Annual".
func (r *replacer) apply(text string, counts map[string]int) string {
	if r.re == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range r.re.FindAllStringIndex(text, -1) {
		if wordRuneBefore(text, m[0]) || wordRuneAfter(text, m[1]) {
			continue
		}
		low := strings.ToLower(strings.Join(strings.Fields(text[m[0]:m[1]]), " "))
		rep, ok := r.replace[low]
		if !ok {
			continue
		}
		b.WriteString(text[last:m[0]])
		b.WriteString(rep)
		last = m[1]
		counts[r.kind[low]]++
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

func wordRuneBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func wordRuneAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// ApplyReport says what ApplyKey replaced, by kind, and in which files.
type ApplyReport struct {
	Counts map[string]int
	Files  []string
}

// ApplyKey replaces every term of k in the transcripts (updating their
// sha256 in transcripts.csv), the memos and the codings files (quotes and
// memos), in one batch. Replacements stay on their line, so line numbers
// and segments do not move; a quote changes with its line. Afterwards no
// term may be left in any of those files: if one is (for instance inside a
// longer word), nothing is written and the error says where.
func (s *Study) ApplyKey(ix *Index, k *Key) (*ApplyReport, error) {
	r := newReplacer(k)
	rep := &ApplyReport{Counts: map[string]int{}}
	b := s.NewBatch()
	t := ix.Transcripts.Clone()
	put := func(rel string, old, new []byte) {
		if string(old) != string(new) {
			b.Put(rel, new)
			rep.Files = append(rep.Files, rel)
		}
	}
	for _, row := range ix.Transcripts.Rows {
		rel := TranscriptFile(row.ID)
		data, err := s.ReadFile(rel)
		if err != nil {
			return nil, err
		}
		out := []byte(r.apply(string(data), rep.Counts))
		if string(out) != string(data) {
			put(rel, data, out)
			sum := sha256.Sum256(out)
			t.Set(row.ID, "sha256", hex.EncodeToString(sum[:]))
		}
	}
	for _, coder := range ix.Coders {
		ids, err := s.CodedBy(coder)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			rel := CodingsFile(coder, id)
			data, err := s.ReadFile(rel)
			if err != nil {
				return nil, err
			}
			segs, findings := ParseCodings(rel, data)
			if err := findings.Err(); err != nil {
				return nil, fmt.Errorf("%w: fix it first, so its quotes and memos are anonymised too", err)
			}
			for i := range segs {
				segs[i].Quote = r.apply(segs[i].Quote, rep.Counts)
				segs[i].Memo = r.apply(segs[i].Memo, rep.Counts)
			}
			if out := MarshalCodings(segs); r.apply(string(data), map[string]int{}) != string(data) {
				put(rel, data, out)
			}
		}
	}
	memos, err := readDir(s.Path(MemosDir))
	if err != nil {
		return nil, err
	}
	for _, e := range memos {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".md") || strings.HasSuffix(e.Name(), ".txt")) {
			continue
		}
		rel := MemosDir + "/" + e.Name()
		data, err := s.ReadFile(rel)
		if err != nil {
			return nil, err
		}
		put(rel, data, []byte(r.apply(string(data), rep.Counts)))
	}
	// What will be on disk must hold no term any more.
	for _, f := range b.files {
		if left := r.apply(string(f.data), map[string]int{}); left != string(f.data) {
			return nil, fmt.Errorf("%s: a key term would remain after replacing (a replacement may bring one back); nothing was written", f.rel)
		}
	}
	if len(rep.Files) == 0 {
		return rep, nil
	}
	b.Put(TranscriptsFile, t.Marshal())
	if err := b.Commit(); err != nil {
		return nil, err
	}
	ix.Transcripts = t
	return rep, nil
}
