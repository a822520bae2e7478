package search

import (
	"iter"
	"slices"
	"strings"

	"github.com/qdatool/qda/corpus"
)

// documents yields each line's document by line number; nil for a blank
// line, which is never a hit. Code references are stored as written in
// the codings files and resolved when a query names a code, so a codebook
// rename, move or merge changes no document.
func documents(t *corpus.Transcript, codings []*corpus.Codings, attrs map[string]string) iter.Seq2[int, map[string]any] {
	return func(yield func(int, map[string]any) bool) {
		refs := make([]map[string][]string, t.Len()) // line -> coder -> refs
		for _, c := range codings {
			for _, seg := range c.Segments {
				for l := max(seg.Lines.Start, 1); l <= min(seg.Lines.End, t.Len()); l++ {
					if refs[l-1] == nil {
						refs[l-1] = map[string][]string{}
					}
					for _, r := range seg.Codes {
						if !slices.Contains(refs[l-1][c.Coder], r) {
							refs[l-1][c.Coder] = append(refs[l-1][c.Coder], r)
						}
					}
				}
			}
		}
		base := map[string]any{}
		for k, v := range attrs {
			base[attrField(k)] = v
		}
		participant := strings.ToLower(attrs["participant"])
		pseudonym := strings.ToLower(attrs["pseudonym"])
		for i, line := range t.Lines {
			if line.Blank {
				if !yield(i+1, nil) {
					return
				}
				continue
			}
			doc := make(map[string]any, len(base)+10)
			for k, v := range base {
				doc[k] = v
			}
			doc[FieldText] = line.Text
			doc[FieldExact] = line.Text
			doc[FieldLine] = float64(i + 1)
			doc[FieldSpeaker] = line.Speaker
			doc[FieldRole] = role(line.Speaker, participant, pseudonym)
			if rs := refs[i]; rs != nil {
				var coders, all []string
				for c, r := range rs {
					coders = append(coders, c)
					doc[refField(c)] = r
					for _, x := range r {
						if !slices.Contains(all, x) {
							all = append(all, x)
						}
					}
				}
				slices.Sort(coders)
				doc[FieldCoder] = coders
				doc[FieldRef] = all
			}
			if !yield(i+1, doc) {
				return
			}
		}
	}
}

// role tells the participant's own turns from the interviewer's: the
// speaker label is the participant's id or pseudonym (ingest writes one
// of them), or "Interviewer".
func role(speaker, participant, pseudonym string) string {
	s := strings.ToLower(strings.TrimSpace(speaker))
	switch {
	case s == "interviewer":
		return "interviewer"
	case s != "" && (s == participant || s == pseudonym):
		return "participant"
	}
	return "other"
}
