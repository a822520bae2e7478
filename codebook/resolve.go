package codebook

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/qdatool/qda/internal/diag"
)

// Via tells how a reference resolved, so that callers can offer to rewrite
// references that are not canonical.
type Via int

const (
	// Canonical: the reference was the code's path.
	Canonical Via = iota
	// FullPathAlias: a prefix of the reference was a former path of a code.
	FullPathAlias
	// SimpleAlias: some segment was a former name among its siblings.
	SimpleAlias
	// ByName (ResolveArg alone, a shortcut a person types and no file
	// holds): the reference was the code's name, or the last segments of
	// its path, and no other code's.
	ByName
	// ByLabel (ResolveArg alone): the reference was the code's label, and
	// no other code's.
	ByLabel
)

func (v Via) String() string {
	switch v {
	case Canonical:
		return "canonical"
	case FullPathAlias:
		return "full-path alias"
	case SimpleAlias:
		return "alias"
	case ByName:
		return "name"
	case ByLabel:
		return "label"
	}
	return fmt.Sprintf("Via(%d)", int(v))
}

// ErrorKind tells why a reference did not resolve.
type ErrorKind int

const (
	// Unknown: no code answers to the reference.
	Unknown ErrorKind = iota
	// Ambiguous: more than one code answers to it.
	Ambiguous
)

// ResolveError is a reference that did not resolve to one code. It carries
// no position: the caller knows where the reference was written, and can
// make a finding of it with Finding.
type ResolveError struct {
	Ref  string
	Kind ErrorKind
	// Candidates are the paths an ambiguous reference could mean.
	Candidates []string
	// Suggestion is the canonical path an unknown reference was probably
	// meant to be, or "".
	Suggestion string
}

func (e *ResolveError) message() string {
	if e.Kind == Unknown {
		return fmt.Sprintf("unknown code %q", e.Ref)
	}
	return fmt.Sprintf("ambiguous code %q: it resolves to %s", e.Ref, quotedList(e.Candidates))
}

func (e *ResolveError) hint() string {
	switch {
	case e.Kind == Ambiguous:
		return "write the full path of the code you mean"
	case e.Suggestion != "":
		return fmt.Sprintf("did you mean %q?", e.Suggestion)
	}
	return "run 'qda codebook tree' to see the codes"
}

func (e *ResolveError) Error() string {
	if e.Kind == Unknown && e.Suggestion != "" {
		return fmt.Sprintf("%s (did you mean %q?)", e.message(), e.Suggestion)
	}
	return e.message()
}

// Finding places the error at the file and line where the reference was written.
func (e *ResolveError) Finding(file string, line int) *diag.Finding {
	return diag.Errorf(file, line, "%s", e.message()).WithHint("%s", e.hint())
}

func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) == 2 {
		return "both " + q[0] + " and " + q[1]
	}
	if len(q) > 2 {
		return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
	}
	return strings.Join(q, "")
}

// Resolve finds the code a reference means: its canonical path; else the
// longest prefix that is a former full path of a code, with the rest below
// that code; else segment by segment from the top, by name or, where no name
// matches, by a former name among the siblings. The error, when not nil, is
// a *ResolveError.
func (cb *Codebook) Resolve(ref string) (*Code, Via, error) {
	ref = strings.TrimSpace(ref)
	if c := cb.byPath[ref]; c != nil {
		return c, Canonical, nil
	}
	segs := strings.Split(ref, "/")
	if slices.Contains(segs, "") {
		return nil, 0, cb.unknown(ref)
	}
	for k := len(segs); k >= 2; k-- {
		c := cb.fullAlias[strings.Join(segs[:k], "/")]
		if c == nil {
			continue
		}
		if k == len(segs) {
			return c, FullPathAlias, nil
		}
		got, _, amb := below(c.Children, segs[k:])
		if got != nil {
			return got, FullPathAlias, nil
		}
		if amb != nil {
			return nil, 0, amb.error(ref)
		}
	}
	got, aliased, amb := below(cb.Codes, segs)
	switch {
	case got != nil && aliased:
		return got, SimpleAlias, nil
	case got != nil:
		return got, Canonical, nil
	case amb != nil:
		return nil, 0, amb.error(ref)
	}
	return nil, 0, cb.unknown(ref)
}

// ambiguity is where a descent found several codes for one segment.
type ambiguity struct {
	matches []*Code
	rest    []string
}

func (a *ambiguity) error(ref string) *ResolveError {
	e := &ResolveError{Ref: ref, Kind: Ambiguous}
	for _, m := range a.matches {
		path := m.Path
		if got, _, _ := below(m.Children, a.rest); got != nil {
			path = got.Path
		} else if len(a.rest) > 0 {
			path += "/" + strings.Join(a.rest, "/")
		}
		e.Candidates = append(e.Candidates, path)
	}
	return e
}

// below descends from codes one segment at a time: a child of that name,
// else the one child with that simple alias. It returns nil for no segments.
func below(codes []*Code, segs []string) (found *Code, aliased bool, amb *ambiguity) {
	for i, seg := range segs {
		next := named(codes, seg)
		if next == nil {
			matches := withAlias(codes, seg)
			switch len(matches) {
			case 0:
				return nil, false, nil
			case 1:
				next, aliased = matches[0], true
			default:
				return nil, false, &ambiguity{matches, segs[i+1:]}
			}
		}
		found, codes = next, next.Children
	}
	return found, aliased, nil
}

func named(codes []*Code, name string) *Code {
	for _, c := range codes {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func withAlias(codes []*Code, alias string) []*Code {
	var out []*Code
	for _, c := range codes {
		if slices.Contains(c.Aliases, alias) {
			out = append(out, c)
		}
	}
	return out
}

func (cb *Codebook) unknown(ref string) *ResolveError {
	var paths []string
	cb.Walk(func(c *Code) bool {
		paths = append(paths, c.Path)
		return true
	})
	e := &ResolveError{Ref: ref, Kind: Unknown, Suggestion: closest(ref, paths)}
	if e.Suggestion == "" && ref != "" {
		// A path written without its parents, "daily-tasks" for
		// "confidence/daily-tasks", is a common slip.
		var match []string
		for _, p := range paths {
			if strings.HasSuffix(p, "/"+ref) {
				match = append(match, p)
			}
		}
		if len(match) == 1 {
			e.Suggestion = match[0]
		}
	}
	return e
}

// ResolveArg finds the code a person means by ref, as typed on a command
// line or in a picker: anything Resolve accepts; else, letter case aside,
// a code's name or the last segments of its path ("fatigue" or
// "symptoms/fatigue" for "health/symptoms/fatigue") when no other code
// ends so; else a code's label when no other code has it. A name that
// several codes end with is ambiguous even when one of them has it as a
// label: the candidates are listed and the person picks.
//
// Codings files keep using Resolve: a shortcut that is unique today is
// ambiguous once a second code of that name is added, and a file must
// keep meaning what it meant. The error, when not nil, is a
// *ResolveError: Candidates are what an ambiguous ref could mean, and
// Suggestion, when not "", the code an unknown one likely meant.
func (cb *Codebook) ResolveArg(ref string) (*Code, Via, error) {
	c, via, err := cb.Resolve(ref)
	var re *ResolveError
	if err == nil || !errors.As(err, &re) || re.Kind != Unknown {
		return c, via, err
	}
	key := strings.ToLower(strings.TrimSpace(ref))
	if key != strings.TrimSpace(ref) {
		if c, via, err := cb.Resolve(key); err == nil {
			return c, via, nil
		}
	}
	if key == "" {
		return nil, 0, re
	}
	var byName, byLabel []*Code
	label := strings.Join(strings.Fields(key), " ")
	cb.Walk(func(c *Code) bool {
		if c.Path == key || strings.HasSuffix(c.Path, "/"+key) {
			byName = append(byName, c)
		}
		if c.Label != "" && strings.Join(strings.Fields(strings.ToLower(c.Label)), " ") == label {
			byLabel = append(byLabel, c)
		}
		return true
	})
	for _, m := range []struct {
		codes []*Code
		via   Via
	}{{byName, ByName}, {byLabel, ByLabel}} {
		switch len(m.codes) {
		case 0:
			continue
		case 1:
			return m.codes[0], m.via, nil
		}
		amb := &ResolveError{Ref: strings.TrimSpace(ref), Kind: Ambiguous}
		for _, c := range m.codes {
			amb.Candidates = append(amb.Candidates, c.Path)
		}
		return nil, 0, amb
	}
	if re.Suggestion == "" {
		re.Suggestion = cb.closestName(key)
	}
	return nil, 0, re
}

// closestName is the path of the code whose name is nearest to a
// reference that names none, when no other code has that name.
func (cb *Codebook) closestName(ref string) string {
	byName := map[string][]string{}
	cb.Walk(func(c *Code) bool {
		byName[c.Name] = append(byName[c.Name], c.Path)
		return true
	})
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	slices.Sort(names)
	if paths := byName[closest(ref, names)]; len(paths) == 1 {
		return paths[0]
	}
	return ""
}
