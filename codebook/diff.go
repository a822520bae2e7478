package codebook

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// DiffKind is what happened to a code between two versions of a codebook.
type DiffKind string

const (
	Added              DiffKind = "added"
	Removed            DiffKind = "removed"
	Renamed            DiffKind = "renamed"
	Moved              DiffKind = "moved"
	Merged             DiffKind = "merged"
	Relabelled         DiffKind = "relabelled"
	DescriptionChanged DiffKind = "description changed"
	IncludeChanged     DiffKind = "include changed"
	ExcludeChanged     DiffKind = "exclude changed"
	ExamplesChanged    DiffKind = "examples changed"
	ColorChanged       DiffKind = "color changed"
	AliasesChanged     DiffKind = "aliases changed"
	PatternsChanged    DiffKind = "patterns changed"
	MemoChanged        DiffKind = "memo changed"
)

// DiffChange is one change to one code.
type DiffChange struct {
	Kind DiffKind
	// Path is the code's path in the new codebook, or in the old one for
	// a removed code.
	Path string
	// From is the old path of a renamed, moved or merged code.
	From string
	// Detail says more, for a person: the old and new label, the entries
	// added to a list, how many codes went with a removed one.
	Detail string
}

// Diff compares two versions of a codebook in terms of codes. An old path
// that is gone but resolves in new, through new's aliases, is a code that
// was renamed (same parent), moved (another parent) or merged (into a code
// that was there before, or together with other old codes); one that does
// not resolve was removed. Codes that moved with an ancestor are not
// listed on their own, nor are the codes below an added or removed one
// (Detail counts them). Changes come sorted by path, then kind.
func Diff(old, new *Codebook) []DiffChange {
	if old == nil || new == nil {
		return nil
	}
	img := map[*Code]*Code{}
	for _, o := range old.All() {
		if n := new.Lookup(o.Path); n != nil {
			img[o] = n
		} else if n, _, err := new.Resolve(o.Path); err == nil {
			img[o] = n
		}
	}
	// own tells a code that moved by itself from one that went along with
	// its parent, under the same name.
	own := func(o *Code) bool {
		n := img[o]
		if o.Parent == nil {
			return n.Path != o.Path
		}
		pn := img[o.Parent]
		return n.Path != o.Path && (pn == nil || n.Parent != pn || n.Name != o.Name)
	}
	landed := map[*Code]int{}
	for o, n := range img {
		if own(o) {
			landed[n]++
		}
	}
	var out []DiffChange
	for _, o := range old.All() {
		n := img[o]
		if n == nil {
			if o.Parent == nil || img[o.Parent] != nil {
				out = append(out, DiffChange{Kind: Removed, Path: o.Path, Detail: subtreeDetail(o, func(c *Code) bool { return img[c] == nil })})
			}
			continue
		}
		if own(o) {
			before := old.Lookup(n.Path)
			switch {
			case before != nil && img[before] == n || landed[n] > 1:
				out = append(out, DiffChange{Kind: Merged, Path: n.Path, From: o.Path})
				continue
			case o.Parent == nil && n.Parent == nil || o.Parent != nil && img[o.Parent] == n.Parent:
				out = append(out, DiffChange{Kind: Renamed, Path: n.Path, From: o.Path})
			default:
				ch := DiffChange{Kind: Moved, Path: n.Path, From: o.Path}
				if o.Name != n.Name {
					ch.Detail = fmt.Sprintf("renamed %q to %q", o.Name, n.Name)
				}
				out = append(out, ch)
			}
		}
		out = append(out, fieldChanges(old, new, o, n, img)...)
	}
	hit := map[*Code]bool{}
	for _, n := range img {
		hit[n] = true
	}
	for _, n := range new.All() {
		if !hit[n] && (n.Parent == nil || hit[n.Parent]) {
			out = append(out, DiffChange{Kind: Added, Path: n.Path, Detail: subtreeDetail(n, func(c *Code) bool { return !hit[c] })})
		}
	}
	slices.SortStableFunc(out, func(a, b DiffChange) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)), strings.Compare(a.From, b.From))
	})
	return out
}

var kindOrder = []DiffKind{Added, Removed, Renamed, Moved, Merged, Relabelled, DescriptionChanged, IncludeChanged, ExcludeChanged, ExamplesChanged, ColorChanged, AliasesChanged, PatternsChanged, MemoChanged}

func kindRank(k DiffKind) int { return slices.Index(kindOrder, k) }

// subtreeDetail is the label of an added or removed code and how many of
// the codes below it went with it.
func subtreeDetail(c *Code, with func(*Code) bool) string {
	var parts []string
	if c.Label != "" {
		parts = append(parts, fmt.Sprintf("%q", c.Label))
	}
	n := 0
	for _, d := range c.Descendants() {
		if with(d) {
			n++
		}
	}
	switch n {
	case 0:
	case 1:
		parts = append(parts, "with the code below it")
	default:
		parts = append(parts, fmt.Sprintf("with the %d codes below it", n))
	}
	return strings.Join(parts, " ")
}

// fieldChanges compares what a code says about itself. Aliases that a
// rename, move or merge left, or took away when a code went back to a
// former name, are accounted for by that change: only the others count.
func fieldChanges(old, new *Codebook, o, n *Code, img map[*Code]*Code) []DiffChange {
	var out []DiffChange
	text := func(kind DiffKind, a, b string) {
		if a != b {
			out = append(out, DiffChange{Kind: kind, Path: n.Path, Detail: fmt.Sprintf("%s → %s", clip(a), clip(b))})
		}
	}
	list := func(kind DiffKind, a, b []string) {
		if d := listDetail(a, b); d != "" {
			out = append(out, DiffChange{Kind: kind, Path: n.Path, Detail: d})
		}
	}
	text(Relabelled, o.Label, n.Label)
	text(DescriptionChanged, o.Description, n.Description)
	text(IncludeChanged, o.Include, n.Include)
	text(ExcludeChanged, o.Exclude, n.Exclude)
	list(ExamplesChanged, o.Examples, n.Examples)
	text(ColorChanged, o.Color, n.Color)
	// An alias stands for a reference: a former full path, or a former
	// name under the code's parent.
	ref := func(c *Code, a string) string {
		if strings.Contains(a, "/") || c.Parent == nil {
			return a
		}
		return c.Parent.Path + "/" + a
	}
	var oa, na []string
	for _, a := range o.Aliases {
		if c, _, err := new.Resolve(ref(o, a)); err == nil && c == n && !slices.Contains(n.Aliases, a) {
			continue // still means this code, written another way
		}
		oa = append(oa, a)
	}
	for _, a := range n.Aliases {
		if c, _, err := old.Resolve(ref(n, a)); err == nil && img[c] == n && !slices.Contains(o.Aliases, a) {
			continue // left by the change that brought the code here
		}
		na = append(na, a)
	}
	list(AliasesChanged, oa, na)
	list(PatternsChanged, o.Patterns, n.Patterns)
	text(MemoChanged, o.Memo, n.Memo)
	return out
}

// clip quotes text for a one-line detail, cut short when long.
func clip(s string) string {
	if s == "" {
		return "(none)"
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return fmt.Sprintf("%q", s)
}

// listDetail names the entries added to and removed from a list, or says
// that only their order changed; "" when nothing did.
func listDetail(a, b []string) string {
	var added, removed []string
	for _, s := range b {
		if !slices.Contains(a, s) {
			added = append(added, fmt.Sprintf("%q", s))
		}
	}
	for _, s := range a {
		if !slices.Contains(b, s) {
			removed = append(removed, fmt.Sprintf("%q", s))
		}
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, "added "+strings.Join(added, ", "))
	}
	if len(removed) > 0 {
		parts = append(parts, "removed "+strings.Join(removed, ", "))
	}
	if len(parts) == 0 && !slices.Equal(a, b) {
		return "reordered"
	}
	return strings.Join(parts, "; ")
}

// String renders the change on one line: `renamed ending from endings`,
// `relabelled confidence: "Old" → "New"`.
func (c DiffChange) String() string {
	s := string(c.Kind) + " " + c.Path
	if c.From != "" {
		s += " from " + c.From
	}
	if c.Detail != "" {
		s += ": " + c.Detail
	}
	return s
}
