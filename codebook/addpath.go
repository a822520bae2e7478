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
func AddPath(cb *Codebook, src []byte, path string, f Fields, parents bool) (*Rewrite, []string, error) {
	path = strings.TrimSpace(path)
	parent, name := "", path
	if i := strings.LastIndex(path, "/"); i >= 0 {
		parent, name = path[:i], path[i+1:]
	}
	return AddUnder(cb, src, parent, name, f, parents)
}

// AddUnder adds the code name, with fields f, as the last child of the code
// parent names ("" for the top level; any reference ResolveArg accepts,
// so a unique name or label will do), and returns the rewrite and the
// canonical paths of the codes added: the new code's last, after the
// parents made for it (to undo it, delete them in reverse). A parent that names no code is a
// *MissingParentError, unless parents is set: then, as mkdir -p makes
// folders, the longest leading part of parent that names a code is where
// the codes of the rest of it are made, each under the one before, with
// the new code last. All of it is one rewrite of the text.
func AddUnder(cb *Codebook, src []byte, parent, name string, f Fields, parents bool) (*Rewrite, []string, error) {
	parent = strings.TrimSpace(parent)
	name = strings.TrimSpace(name)
	if !IsSlug(name) {
		// Before the parent is looked for: "a/b" as a name would be
		// taken for a path below it, and its error would be about that.
		return nil, nil, invalidName(name)
	}
	if parent == "" {
		rw, err := Add(cb, src, name, f)
		return rw, []string{name}, err
	}
	p, _, err := cb.ResolveArg(parent)
	if err == nil {
		to := p.Path + "/" + name
		rw, err := Add(cb, src, to, f)
		return rw, []string{to}, err
	}
	var re *ResolveError
	if !errors.As(err, &re) || re.Kind != Unknown {
		return nil, nil, err
	}
	if !parents {
		return nil, nil, &MissingParentError{Name: name, Parent: parent, Err: re}
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
			return nil, nil, err
		}
	}
	missing := append(segs[max(k, 0):], name)
	tree := NewCode{Name: missing[len(missing)-1], Fields: f}
	for i := len(missing) - 2; i >= 0; i-- {
		tree = NewCode{Name: missing[i], Children: []NewCode{tree}}
	}
	rw, err := AddTree(cb, src, base, []NewCode{tree})
	if err != nil {
		return nil, nil, err
	}
	rw.Summary = nil
	var added []string
	to := base
	for _, n := range missing {
		to = pathJoin(to, n)
		added = append(added, to)
		rw.Summary = append(rw.Summary, "added "+to)
	}
	return rw, added, nil
}
