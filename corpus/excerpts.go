package corpus

import (
	"maps"
	"slices"
	"strings"

	"github.com/qdatool/qda/codebook"
)

// Excerpt is one reference of a code: a maximal run of covered lines in
// one transcript, with who coded it and with which codes.
type Excerpt struct {
	Transcript  string
	Participant string
	Attrs       map[string]string
	Lines       Range
	Codes       []string // the canonical codes (the code or its descendants) on these lines
	Coders      []string
	// CoderLines says which lines each coder coded.
	CoderLines []CoderLines
	// Context is the range shown around Lines (equal to Lines without --context).
	Context Range
	T       *Transcript
}

// Excerpts calls fn for every reference of code (with its descendants) in
// the transcripts opt chooses, in transcript and line order. context
// widens each excerpt's Context by that many lines each side.
func (s *Study) Excerpts(ix *Index, cb *codebook.Codebook, code *codebook.Code, opt ScanOptions, context int, fn func(*Excerpt) error) error {
	res := NewResolver(cb)
	return s.Scan(ix, opt, func(it *Item) error {
		cov := Cover(it.Transcript, it.Codings, res)
		for _, ref := range cov.References(code) {
			ex := &Excerpt{
				Transcript:  it.ID,
				Participant: it.Participant,
				Attrs:       it.Attrs,
				Lines:       ref,
				T:           it.Transcript,
				Context:     Range{max(1, ref.Start-context), min(it.Transcript.Len(), ref.End+context)},
			}
			ex.Codes, ex.Coders = RefCodes(it.Codings, res, code, ref)
			ex.CoderLines = RefCoderLines(it.Transcript, it.Codings, res, code, ref)
			if err := fn(ex); err != nil {
				return err
			}
		}
		return nil
	})
}

// RefCodes returns, for a reference ref of code, the canonical codes under
// code (code or its descendants) that segments overlapping ref carry, sorted,
// and the coders of those segments, in the order of codings.
func RefCodes(codings []*Codings, res *Resolver, code *codebook.Code, ref Range) (codes, coders []string) {
	for _, c := range codings {
		for _, seg := range c.Segments {
			if !seg.Lines.Overlaps(ref) {
				continue
			}
			for _, r := range seg.Codes {
				if sc := res.Code(r); sc != nil && code.Contains(sc) {
					if !slices.Contains(coders, c.Coder) {
						coders = append(coders, c.Coder)
					}
					if !slices.Contains(codes, sc.Path) {
						codes = append(codes, sc.Path)
					}
				}
			}
		}
	}
	slices.Sort(codes)
	return codes, coders
}

// LineCode is a code on a line and the coders who put it there.
type LineCode struct {
	Code   string   `json:"code"`
	Coders []string `json:"coders"`
	// Unknown is set when the code as written resolves to no code.
	Unknown bool `json:"unknown,omitempty"`
}

// LineCodes lists, for each line of t, the codes on it (canonical where
// they resolve) and by whom, sorted by code.
func LineCodes(t *Transcript, codings []*Codings, res *Resolver) [][]LineCode {
	refs := make([]map[string][]string, t.Len())
	coders := make([]string, 0, len(codings))
	for _, c := range codings {
		if !slices.Contains(coders, c.Coder) {
			coders = append(coders, c.Coder)
		}
		for _, seg := range c.Segments {
			for l := max(seg.Lines.Start, 1); l <= min(seg.Lines.End, t.Len()); l++ {
				if t.Lines[l-1].Blank {
					continue
				}
				if refs[l-1] == nil {
					refs[l-1] = map[string][]string{}
				}
				refs[l-1][c.Coder] = append(refs[l-1][c.Coder], seg.Codes...)
			}
		}
	}
	out := make([][]LineCode, t.Len())
	for i, r := range refs {
		if r != nil {
			out[i] = CodesOf(r, coders, res)
		}
	}
	return out
}

// CodesOf lists the codes on one line as LineCodes does, from each
// coder's references on it as written (coder -> refs), for the coders
// given (nil: all, by name).
func CodesOf(refs map[string][]string, coders []string, res *Resolver) []LineCode {
	if coders == nil {
		coders = slices.Sorted(maps.Keys(refs))
	}
	var out []LineCode
	for _, c := range coders {
		for _, ref := range refs[c] {
			name, unknown := ref, true
			if code := res.Code(ref); code != nil {
				name, unknown = code.Path, false
			}
			i := slices.IndexFunc(out, func(lc LineCode) bool { return lc.Code == name })
			if i < 0 {
				out = append(out, LineCode{Code: name, Unknown: unknown})
				i = len(out) - 1
			}
			if !slices.Contains(out[i].Coders, c) {
				out[i].Coders = append(out[i].Coders, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b LineCode) int { return strings.Compare(a.Code, b.Code) })
	return out
}

// CoderLines is the lines one coder coded within a passage.
type CoderLines struct {
	Coder string
	Lines []Range
}

// RefCoderLines returns, for a reference ref of code, which lines of it
// each coder coded with code or a descendant, in the order of codings:
// a passage merged across coders says whose lines are whose. Blank lines
// between turns do not break a coder's run.
func RefCoderLines(t *Transcript, codings []*Codings, res *Resolver, code *codebook.Code, ref Range) []CoderLines {
	var out []CoderLines
	for _, c := range codings {
		set := make([]bool, ref.Len())
		found := false
		for _, seg := range c.Segments {
			if !seg.Lines.Overlaps(ref) {
				continue
			}
			for _, r := range seg.Codes {
				if sc := res.Code(r); sc != nil && code.Contains(sc) {
					for l := max(seg.Lines.Start, ref.Start); l <= min(seg.Lines.End, ref.End); l++ {
						if !t.Line(l).Blank {
							set[l-ref.Start], found = true, true
						}
					}
				}
			}
		}
		if !found {
			continue
		}
		i := slices.IndexFunc(out, func(cl CoderLines) bool { return cl.Coder == c.Coder })
		if i < 0 {
			out = append(out, CoderLines{Coder: c.Coder})
			i = len(out) - 1
		}
		open := false
		for j, covered := range set {
			l := ref.Start + j
			switch {
			case covered && open:
				out[i].Lines[len(out[i].Lines)-1].End = l
			case covered:
				out[i].Lines = append(out[i].Lines, Range{l, l})
				open = true
			case !t.Line(l).Blank:
				open = false
			}
		}
	}
	return out
}

// CodersNote names a passage's coders; when some coder did not code all
// of it, each with the lines they coded: "jt 3-5, eh 4-6".
func CodersNote(ref Range, cls []CoderLines) string {
	whole := true
	for _, cl := range cls {
		if len(cl.Lines) != 1 || cl.Lines[0] != ref {
			whole = false
		}
	}
	parts := make([]string, len(cls))
	for i, cl := range cls {
		parts[i] = cl.Coder
		if !whole {
			rs := make([]string, len(cl.Lines))
			for j, r := range cl.Lines {
				rs[j] = r.String()
			}
			parts[i] += " " + strings.Join(rs, ",")
		}
	}
	return strings.Join(parts, ", ")
}
