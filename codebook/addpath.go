package codebook

import (
	"errors"
	"fmt"
	"strings"
)

// MissingParentError is a code to add under a code that is not in the
// codebook, when the missing codes above it were not asked for.
type MissingParentError struct {
	Name   string // the code to add
	Parent string // the parent as given, which names no code
	Err    *ResolveError
}

func (e *MissingParentError) Error() string {
	msg := fmt.Sprintf("cannot add %q: its parent %q is not in the codebook", pathJoin(e.Parent, e.Name), e.Parent)
	if e.Err != nil && e.Err.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Err.Suggestion)
	}
	return msg
}

// AddPath adds a code at path, "parent/name" or "name" for a theme, as Add
// does; see AddUnder.
func AddPath(cb *Codebook, src []byte, path string, f Fields, parents bool) (*Rewrite, string, error) {
	path = strings.TrimSpace(path)
	parent, name := "", path
	if i := strings.LastIndex(path, "/"); i >= 0 {
		parent, name = path[:i], path[i+1:]
	}
	return AddUnder(cb, src, parent, name, f, parents)
}

// AddUnder adds the code name, with fields f, as the last child of the code
// parent names ("" for the top level; any reference ResolveArg accepts,
// so a unique name or label will do), and returns the rewrite and the new
// code's canonical path. A parent that names no code is a
// *MissingParentError, unless parents is set: then, as mkdir -p makes
// folders, the longest leading part of parent that names a code is where
// the codes of the rest of it are made, each under the one before, with
// the new code last. All of it is one rewrite of the text.
func AddUnder(cb *Codebook, src []byte, parent, name string, f Fields, parents bool) (*Rewrite, string, error) {
	parent = strings.TrimSpace(parent)
	name = strings.TrimSpace(name)
	if parent == "" {
		rw, err := Add(cb, src, name, f)
		return rw, name, err
	}
	p, _, err := cb.ResolveArg(parent)
	if err == nil {
		to := p.Path + "/" + name
		rw, err := Add(cb, src, to, f)
		return rw, to, err
	}
	var re *ResolveError
	if !errors.As(err, &re) || re.Kind != Unknown {
		return nil, "", err
	}
	if !parents {
		return nil, "", &MissingParentError{Name: name, Parent: parent, Err: re}
	}
	segs := strings.Split(parent, "/")
	base, k := "", len(segs)-1
	for ; k >= 1; k-- {
		c, _, err := cb.ResolveArg(strings.Join(segs[:k], "/"))
		if err == nil {
			base = c.Path
			break
		}
		if errors.As(err, &re) && re.Kind == Ambiguous {
			return nil, "", err
		}
	}
	missing := append(segs[max(k, 0):], name)
	tree := NewCode{Name: missing[len(missing)-1], Fields: f}
	for i := len(missing) - 2; i >= 0; i-- {
		tree = NewCode{Name: missing[i], Children: []NewCode{tree}}
	}
	rw, err := AddTree(cb, src, base, []NewCode{tree})
	if err != nil {
		return nil, "", err
	}
	rw.Summary = nil
	to := base
	for _, n := range missing {
		to = pathJoin(to, n)
		rw.Summary = append(rw.Summary, "added "+to)
	}
	return rw, to, nil
}
