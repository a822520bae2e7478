package layout

import (
	"fmt"
	"strconv"
	"strings"
)

// Palette is the colour of a top-level code (by its place in the
// codebook) that sets none: Tableau 10, which the demo's codebook uses.
var Palette = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"}

// Colour wraps s in the ANSI escapes that show it in the 24-bit colour
// hex ("#rgb" or "#rrggbb"); s is returned as it is for any other hex.
func Colour(hex, s string) string {
	r, g, b, ok := parseHex(hex)
	if !ok {
		return s
	}
	return fmt.Sprintf("\x1b[38;2;%d;%d;%dm%s\x1b[0m", r, g, b, s)
}

// Dim wraps s in the ANSI escapes for faint text.
func Dim(s string) string { return "\x1b[2m" + s + "\x1b[0m" }

func parseHex(hex string) (r, g, b uint8, ok bool) {
	h, found := strings.CutPrefix(hex, "#")
	if !found {
		return 0, 0, 0, false
	}
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), true
}
