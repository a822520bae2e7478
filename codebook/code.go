package codebook

import "gopkg.in/yaml.v3"

// Code is one node of the coding framework. Top-level codes are the themes.
type Code struct {
	Name        string
	Label       string
	Description string
	Include     string
	Exclude     string
	Color       string
	Memo        string
	Examples    []string
	Aliases     []string
	Patterns    []string
	// NotCodable marks a category ('codable: false'): a code that groups
	// its children and is not applied itself, as other tools have them
	// (REFI-QDA's isCodable="false"). check warns when it is coded.
	NotCodable bool
	Children   []*Code
	Parent     *Code

	// Path is the canonical path of names from the top, e.g. "confidence/daily-tasks".
	Path string
	// Line is the line of the code's mapping in the codebook file.
	Line int
	// Node is the code's mapping node, kept so that a rewrite of the file can
	// keep the user's comments and key order.
	Node *yaml.Node
}

// Depth is 1 for a top-level code (a theme), 2 for its children, and so on.
func (c *Code) Depth() int {
	d := 0
	for ; c != nil; c = c.Parent {
		d++
	}
	return d
}

// Ancestor returns the code's ancestor at depth, or c itself when depth is
// not above c's own or not positive, so that rolling a leaf, or any code at
// depth n or deeper, up to depth n lands on a member of AtDepth(n).
func (c *Code) Ancestor(depth int) *Code {
	if depth <= 0 {
		return c
	}
	for n := c.Depth(); n > depth; n-- {
		c = c.Parent
	}
	return c
}

// Descendants returns every code below c, in pre-order.
func (c *Code) Descendants() []*Code {
	var out []*Code
	walk(c.Children, func(d *Code) bool {
		out = append(out, d)
		return true
	})
	return out
}

// Contains reports whether other is c or one of c's descendants.
func (c *Code) Contains(other *Code) bool {
	for ; other != nil; other = other.Parent {
		if other == c {
			return true
		}
	}
	return false
}

// DisplayLabel is the label for tables: Label when set, else Name.
func (c *Code) DisplayLabel() string {
	if c.Label != "" {
		return c.Label
	}
	return c.Name
}

// IsLeaf reports whether c has no children.
func (c *Code) IsLeaf() bool { return len(c.Children) == 0 }

func walk(codes []*Code, fn func(*Code) bool) {
	for _, c := range codes {
		if fn(c) {
			walk(c.Children, fn)
		}
	}
}
