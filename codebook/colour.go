package codebook

import (
	"fmt"

	"github.com/qdatool/qda/internal/layout"
)

// Palette is the colour of a code that sets none, where a place gives
// such codes one: Tableau 10, which the demo's codebook uses.
var Palette = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"}

// DefaultColour is the palette's colour for the i-th code (or column).
func DefaultColour(i int) string { return Palette[i%len(Palette)] }

// ParseColour reads a colour as a codebook gives it, "#rgb" or "#rrggbb"
// in either case, and returns it as "#rrggbb" in lower case; ok is false
// for anything else, which 'qda check' warns of. Every place that shows a
// code's colour goes through here, so that they agree on what is one.
// The digits are read by layout.RGB, which the terminal's colours use
// too (internal/layout cannot import codebook: codebook imports it).
func ParseColour(s string) (colour string, ok bool) {
	r, g, b, ok := layout.RGB(s)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("#%02x%02x%02x", r, g, b), true
}

// Colour is c's colour as ParseColour gives it: its own, else its nearest
// ancestor's, else "". A colour that is not one (check warns of it) is
// passed over as if unset, so the code takes its parent's.
func (c *Code) Colour() string {
	for ; c != nil; c = c.Parent {
		if col, ok := ParseColour(c.Color); ok {
			return col
		}
	}
	return ""
}

// Colours returns a code path's colour: Code.Colour, else the palette's
// colour for its top-level code. Unknown codes get none. show's margin
// and the coding workspace both colour codes this way, so a code looks
// the same in each.
func Colours(cb *Codebook) func(path string) string {
	top := map[*Code]int{}
	for i, c := range cb.Codes {
		top[c] = i
	}
	return func(path string) string {
		c := cb.Lookup(path)
		if c == nil {
			return ""
		}
		if col := c.Colour(); col != "" {
			return col
		}
		for c.Parent != nil {
			c = c.Parent
		}
		return DefaultColour(top[c])
	}
}
