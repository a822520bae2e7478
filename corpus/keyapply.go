package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qdatool/qda/internal/diag"
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
	b.Grow(len(text))
	last := 0
	for m := range r.matches(text) {
		if wordRuneBefore(text, m[0]) || wordRuneAfter(text, m[1]) {
			continue
		}
		low := termKey(text[m[0]:m[1]])
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

// find returns the first term of the key in text as a whole word, with
// its byte offset, or ok false.
func (r *replacer) find(text string) (term string, at int, ok bool) {
	if r.re == nil {
		return "", 0, false
	}
	for m := range r.matches(text) {
		if wordRuneBefore(text, m[0]) || wordRuneAfter(text, m[1]) {
			continue
		}
		low := termKey(text[m[0]:m[1]])
		if _, ok := r.replace[low]; ok {
			return low, m[0], true
		}
	}
	return "", 0, false
}

// count is how many terms text holds as whole words.
func (r *replacer) count(text string) int {
	counts := map[string]int{}
	r.apply(text, counts)
	n := 0
	for _, v := range counts {
		n += v
	}
	return n
}

// bringsBack names the term whose replacement holds term, if one does.
func (r *replacer) bringsBack(term string) string {
	var from []string
	for t, rep := range r.replace {
		if found, _, ok := r.find(rep); ok && found == term {
			from = append(from, t)
		}
	}
	slices.Sort(from)
	return strings.Join(from, `", "`)
}

// remains is the error of a term left in a file after replacing, at line.
func (r *replacer) remains(file string, line int, term, where string) error {
	f := diag.Errorf(file, line, "the key term %q would still be in %s after replacing; nothing was written", term, where)
	if from := r.bringsBack(term); from != "" {
		return f.WithHint("the replacement of %q holds %q: change it in the key so that it holds no key term", from, term)
	}
	return f.WithHint("replacing runs it together from its neighbours: change the replacements next to it in the key, or edit the line by hand")
}

// lineAt is the line of byte offset at in text, from 1.
func lineAt(text string, at int) int { return strings.Count(text[:at], "\n") + 1 }

// matches yields the matches of the terms in text one at a time, as
// FindAllStringIndex finds them but without a slice of them all: a large
// transcript can hold millions. The pattern has no anchors or word
// boundaries, so matching from an offset finds what matching the whole does.
func (r *replacer) matches(text string) iter.Seq[[2]int] {
	return func(yield func([2]int) bool) {
		for pos := 0; pos <= len(text); {
			loc := r.re.FindStringIndex(text[pos:])
			if loc == nil {
				return
			}
			if !yield([2]int{pos + loc[0], pos + loc[1]}) {
				return
			}
			pos += max(loc[1], loc[0]+1)
		}
	}
}

// termKey is how a match is looked up in replace: lower case, one space
// between words. It copies only when it must, as a large transcript can
// hold millions of matches.
func termKey(m string) string {
	if strings.IndexFunc(m, unicode.IsSpace) >= 0 {
		m = strings.Join(strings.Fields(m), " ")
	}
	return strings.ToLower(m)
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
	// Codes are warnings about the codes that hold a key term: they are
	// the researchers' words, not the participants', so they are left as
	// they are, and said.
	Codes diag.List
}

// ApplyKey replaces every term of k in the transcripts (updating their
// sha256 in transcripts.csv), the memos and the codings files (quotes and
// memos), in one batch. Replacements stay on their line, so line numbers
// and segments do not move; a quote changes with its line. Code names are
// not changed: one that holds a term ("tea" in tea-and-company) is
// reported in rep.Codes, once per code. Afterwards no term may be left in
// any text replaced: if one is (a replacement that holds another term),
// nothing is written and the error names the file, line and term.
func (s *Study) ApplyKey(ix *Index, k *Key) (*ApplyReport, error) {
	linked, err := s.LinkedCodings()
	if err != nil {
		return nil, err
	}
	if err := linked.Err(); err != nil {
		return nil, err
	}
	r := newReplacer(k)
	rep := &ApplyReport{Counts: map[string]int{}}
	b := s.NewBatch()
	t := ix.Transcripts.Clone()
	// put refuses, before anything is written, a file that replacements
	// longer than their terms would make larger than qda reads.
	put := func(rel string, old, new []byte) error {
		if string(old) == string(new) {
			return nil
		}
		if len(new) > MaxFileSize {
			return diag.Errorf(rel, 0, "would be larger than %d MB after replacing, more than qda writes as one file; nothing was written", MaxFileSize>>20).
				WithHint("make the key's replacements shorter")
		}
		b.Put(rel, new)
		rep.Files = append(rep.Files, rel)
		return nil
	}
	// rewrite replaces in a whole file, checks what that leaves, and
	// stages the result; it returns the new text when there is one.
	rewrite := func(rel string) (string, bool, error) {
		data, err := s.ReadFile(rel)
		if err != nil {
			return "", false, err
		}
		out := r.apply(string(data), rep.Counts)
		if out == string(data) {
			return "", false, nil
		}
		if term, at, ok := r.find(out); ok {
			return "", false, r.remains(rel, lineAt(out, at), term, "it")
		}
		return out, true, put(rel, data, []byte(out))
	}
	for _, row := range ix.Transcripts.Rows {
		out, changed, err := rewrite(TranscriptFile(row.ID))
		if err != nil {
			return nil, err
		}
		if changed {
			sum := sha256.Sum256([]byte(out))
			t.Set(row.ID, "sha256", hex.EncodeToString(sum[:]))
		}
	}
	var memos []os.DirEntry
	codeSeen := map[string]bool{}
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
			changed, inCodes := false, 0
			for i := range segs {
				sg := &segs[i]
				for j, c := range sg.Codes {
					inCodes += r.count(c)
					if term, _, ok := r.find(c); ok && !codeSeen[c] {
						codeSeen[c] = true
						line := sg.Line
						if j < len(sg.CodeLines) {
							line = sg.CodeLines[j]
						}
						rep.Codes = append(rep.Codes, diag.Warnf(rel, line, "code %q holds the key term %q: codes are left as they are", c, term).
							WithHint("if the code's name identifies someone, rename it: qda codebook rename %s NEW", c))
					}
				}
				for _, f := range []struct {
					text  *string
					where string
				}{{&sg.Quote, "a quote"}, {&sg.Memo, "a memo"}} {
					out := r.apply(*f.text, rep.Counts)
					if out == *f.text {
						continue
					}
					if term, _, ok := r.find(out); ok {
						return nil, r.remains(rel, sg.Line, term, f.where)
					}
					*f.text, changed = out, true
				}
			}
			// A term elsewhere than in the codes (a comment) goes too, as
			// the file is written anew without comments.
			if changed || r.count(string(data)) > inCodes {
				if err := put(rel, data, MarshalCodings(segs)); err != nil {
					return nil, err
				}
			}
		}
	}
	memos, err = readDir(s, MemosDir)
	if err != nil {
		return nil, err
	}
	for _, e := range memos {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".md") || strings.HasSuffix(e.Name(), ".txt")) {
			continue
		}
		if _, _, err := rewrite(MemosDir + "/" + e.Name()); err != nil {
			return nil, err
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
