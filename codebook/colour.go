package codebook

import "github.com/qdatool/qda/internal/layout"

// Colours returns a code path's colour: its own from the codebook, else
// its nearest ancestor's, else the palette's colour for its top-level
// code. Unknown codes get none. show's margin and the coding workspace
// both colour codes this way, so a code looks the same in each.
func Colours(cb *Codebook) func(path string) string {
	top := map[*Code]int{}
	for i, c := range cb.Codes {
		top[c] = i
	}
	return func(path string) string {
		c := cb.Lookup(path)
		for ; c != nil; c = c.Parent {
			if c.Color != "" {
				return c.Color
			}
			if c.Parent == nil {
				return layout.Palette[top[c]%len(layout.Palette)]
			}
		}
		return ""
	}
}
