// Package codebook holds the hierarchical coding framework of a study: it
// loads and validates codebook.yaml and resolves code references, aliases
// included, to codes.
package codebook

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"

	"github.com/qdatool/qda/internal/diag"
	"gopkg.in/yaml.v3"
)

// Codebook is a parsed codebook.yaml.
type Codebook struct {
	// File names the codebook in findings, as given to Parse.
	File  string
	Title string
	// Codes are the top-level codes, the themes, in document order.
	Codes []*Code
	// Doc is the whole YAML document, kept so that a rewrite can keep the
	// user's comments, key order and layout.
	Doc *yaml.Node
	// Warnings are Parse's warning findings, kept here because Load returns
	// no error for a codebook that has only warnings.
	Warnings diag.List

	byPath    map[string]*Code
	fullAlias map[string]*Code
	// sum and findings are of the text Parse read, so that a rewrite of
	// that same text need not parse it again.
	sum      [sha256.Size]byte
	findings diag.List
}

// Load reads and parses the codebook at path; findings name the file
// displayName (usually relative to the study, "codebook.yaml"). When the
// codebook has errors, the error is the diag.List of every finding and the
// codebook, when not nil, holds what could be understood, for checks that
// want to carry on.
func Load(path, displayName string) (*Codebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, diag.Errorf(displayName, 0, "codebook not found").
				WithHint("run qda in a study folder (or pass -C DIR), or create one with 'qda init'")
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, diag.Errorf(displayName, 0, "cannot read codebook: %v", err)
	}
	cb, list := Parse(displayName, data)
	return cb, list.Err()
}

// Lookup returns the code with exactly this canonical path, or nil.
func (cb *Codebook) Lookup(path string) *Code {
	return cb.byPath[path]
}

// Walk calls fn on every code in pre-order, in document order; when fn
// returns false the code's children are skipped.
func (cb *Codebook) Walk(fn func(*Code) bool) {
	walk(cb.Codes, fn)
}

// All returns every code in pre-order.
func (cb *Codebook) All() []*Code {
	var out []*Code
	cb.Walk(func(c *Code) bool {
		out = append(out, c)
		return true
	})
	return out
}

// AtDepth returns the codes at depth n together with the leaves above it, in
// pre-order: the columns of a roll-up to depth n, which between them cover
// every code. With n <= 0 it returns every code.
func (cb *Codebook) AtDepth(n int) []*Code {
	if n <= 0 {
		return cb.All()
	}
	var out []*Code
	walkDepth(cb.Codes, 1, func(c *Code, d int) bool {
		if d == n || (d < n && c.IsLeaf()) {
			out = append(out, c)
			return false
		}
		return true
	})
	return out
}

// MaxDepth is the depth of the deepest code, 0 for an empty codebook.
func (cb *Codebook) MaxDepth() int {
	deepest := 0
	walkDepth(cb.Codes, 1, func(_ *Code, d int) bool {
		deepest = max(deepest, d)
		return true
	})
	return deepest
}

func walkDepth(codes []*Code, depth int, fn func(*Code, int) bool) {
	for _, c := range codes {
		if fn(c, depth) {
			walkDepth(c.Children, depth+1, fn)
		}
	}
}
