package layout

import (
	"fmt"
	"strconv"
	"strings"
)

// Colour wraps s in the ANSI escapes that show it in the 24-bit colour
// hex ("#rgb" or "#rrggbb"); s is returned as it is for any other hex.
func Colour(hex, s string) string {
	r, g, b, ok := RGB(hex)
	if !ok {
		return s
	}
	return fmt.Sprintf("\x1b[38;2;%d;%d;%dm%s\x1b[0m", r, g, b, s)
}

// Dim wraps s in the ANSI escapes for faint text.
func Dim(s string) string { return "\x1b[2m" + s + "\x1b[0m" }

// RGB reads a colour written "#rgb" or "#rrggbb" (hex digits of either
// case, nothing around them); ok is false for anything else. It is the
// one reader of colours' digits: codebook.ParseColour, the terminal's
// colours and the figures' all use it.
func RGB(hex string) (r, g, b uint8, ok bool) {
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
