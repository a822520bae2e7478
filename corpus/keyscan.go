package corpus

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qdatool/qda/corpus/anon"
)

// notNames are capitalised words that identify nobody: pronouns and
// titles, days and months, and the words of everyday speech that open a
// sentence. A word the study also uses in lower case is not a name either,
// which catches most of the rest without a dictionary.
var notNames = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`i i'm i've i'd i'll mr mrs ms miss dr st prof mum dad nan nana grandad gran
		monday tuesday wednesday thursday friday saturday sunday january february march april may june july
		august september october november december christmas easter god english british britain england
		scotland wales welsh scottish irish uk nhs gp tv ok okay interviewer`) {
		m[w] = true
	}
	return m
}()

// KeyProposal is a term scan found, with how often.
type KeyProposal struct {
	Term, Kind string
	Found      int
}

// ScanKey looks through every transcript for identifiers: what check's
// scan finds (emails, phone numbers, postcodes, URLs, NHS numbers, listed
// names) and capitalised words and runs of them that are not at the start
// of a sentence, not a speaker's label or a participant's pseudonym, and
// never used in lower case in the study. It reads the study twice, one
// transcript at a time.
func (s *Study) ScanKey(ix *Index) ([]KeyProposal, error) {
	known := map[string]bool{}
	for _, r := range ix.Participants.Rows {
		known[strings.ToLower(r.ID)] = true
		if p := ix.Participants.Get(r, "pseudonym"); p != "" {
			known[strings.ToLower(p)] = true
		}
	}
	lower := map[string]bool{}
	scan := anon.New(s.Config.Anonymise.Names)
	err := s.eachTranscript(ix, func(t *Transcript) {
		for _, l := range t.Lines {
			if l.Speaker != "" {
				known[strings.ToLower(l.Speaker)] = true
			}
			// bob@example.org says nothing about whether "Bob" is a name.
			body := l.Body
			for _, m := range scan.Line(body) {
				body = body[:m.Col-1] + strings.Repeat(" ", len(m.Text)) + body[m.Col-1+len(m.Text):]
			}
			for _, w := range words(body) {
				if r, _ := utf8.DecodeRuneInString(w.text); unicode.IsLower(r) {
					lower[strings.ToLower(w.text)] = true
				}
			}
		}
	})
	if err != nil {
		return nil, err
	}
	found := map[string]*KeyProposal{}
	var order []string
	add := func(term, kind string) {
		key := strings.ToLower(term)
		if p, ok := found[key]; ok {
			p.Found++
			return
		}
		found[key] = &KeyProposal{Term: term, Kind: kind, Found: 1}
		order = append(order, key)
	}
	// A name opening a sentence looks like any other opening word; it is
	// counted when the same word is found as a name elsewhere.
	starts := map[string]int{}
	err = s.eachTranscript(ix, func(t *Transcript) {
		for _, l := range t.Lines {
			for _, m := range scan.Line(l.Body) {
				add(m.Text, string(m.Kind))
			}
			var run []string
			flush := func() {
				if len(run) > 0 {
					add(strings.Join(run, " "), "name")
					run = nil
				}
			}
			ws := words(l.Body)
			cand := make([]bool, len(ws))
			for i, w := range ws {
				cand[i] = isNameWord(w, known, lower)
			}
			for i, w := range ws {
				joined := i > 0 && ws[i-1].end == w.start-1
				if i > 0 && !joined {
					flush() // punctuation between words ends a name
				}
				switch {
				case !cand[i]:
					flush()
				case i > 0 || (len(ws) > 1 && cand[1] && ws[1].start == w.end+1):
					// An opening word is a name when a name follows it
					// ("Bob Smith rang"): one word alone is too likely
					// to be an ordinary word opening the sentence.
					run = append(run, w.text)
				default:
					starts[strings.ToLower(w.text)]++
				}
			}
			flush()
		}
	})
	if err != nil {
		return nil, err
	}
	for w, n := range starts {
		if p, ok := found[w]; ok {
			p.Found += n
		}
	}
	out := make([]KeyProposal, 0, len(order))
	for _, k := range order {
		out = append(out, *found[k])
	}
	slices.SortStableFunc(out, func(a, b KeyProposal) int {
		if a.Kind != b.Kind {
			return strings.Compare(a.Kind, b.Kind)
		}
		return strings.Compare(strings.ToLower(a.Term), strings.ToLower(b.Term))
	})
	return out, nil
}

type word struct {
	text       string
	start, end int // byte offsets in the line; end exclusive
	inMarker   bool
}

// words splits a line into words of letters, digits, apostrophes and
// hyphens, marking those inside [redaction markers].
func words(line string) []word {
	var out []word
	depth := 0
	start := -1
	for i, r := range line + " " {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r) || ((r == '\'' || r == '-' || r == '’') && start >= 0)
		if isWord {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			text := strings.TrimRight(line[start:i], "'-’")
			out = append(out, word{text: text, start: start, end: start + len(text), inMarker: depth > 0})
			start = -1
		}
		switch r {
		case '[':
			depth++
		case ']':
			depth = max(0, depth-1)
		}
	}
	return out
}

func isNameWord(w word, known, lower map[string]bool) bool {
	if w.inMarker {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w.text)
	if !unicode.IsUpper(r) {
		return false
	}
	low := strings.ToLower(w.text)
	base := strings.TrimSuffix(strings.TrimSuffix(low, "'s"), "’s")
	return !notNames[low] && !notNames[base] && !lower[low] && !lower[base] && !known[low] && !known[base]
}

// eachTranscript reads every transcript of transcripts.csv in turn.
func (s *Study) eachTranscript(ix *Index, fn func(*Transcript)) error {
	for _, r := range ix.Transcripts.Rows {
		t, err := s.ReadTranscript(r.ID)
		if err != nil {
			return err
		}
		fn(t)
	}
	return nil
}

// MergeKey adds proposals to k that it does not hold yet (in any case),
// with a marker as replacement, and updates the counts of those it holds.
// A person's choices (replacements, keep) are never changed.
func (k *Key) Merge(props []KeyProposal) (added int) {
	have := map[string]int{}
	for i, t := range k.Terms {
		have[strings.ToLower(t.Term)] = i
	}
	for _, p := range props {
		if i, ok := have[strings.ToLower(p.Term)]; ok {
			k.Terms[i].Found = p.Found
			continue
		}
		k.Terms = append(k.Terms, KeyTerm{Term: p.Term, Kind: p.Kind, Replace: markerFor(p.Kind), Found: p.Found})
		have[strings.ToLower(p.Term)] = len(k.Terms) - 1
		added++
	}
	return added
}

func markerFor(kind string) string {
	switch anon.Kind(kind) {
	case anon.Email:
		return "[email removed]"
	case anon.Phone:
		return "[phone number removed]"
	case anon.Postcode:
		return "[postcode removed]"
	case anon.URL:
		return "[web address removed]"
	case anon.NHSNumber:
		return "[NHS number removed]"
	}
	return "[name removed]"
}
