// Package xmltext escapes text for XML exactly as encoding/xml does, but
// appending to a byte slice: the exports write hundreds of megabytes of
// XML (a workbook's cells, a project's selections), and encoding/xml's
// escaping through an io.Writer, or its reflection, was a large part of
// their time. TestAppendMatchesEncodingXML and FuzzAppend hold it to
// encoding/xml.
package xmltext

import "unicode/utf8"

// Append appends s escaped as encoding/xml's EscapeText escapes text (and
// its encoder attribute values): quotes, apostrophes, &, <, >, tab, line
// feed and carriage return as character references, and any character
// XML cannot hold as U+FFFD. With keepNewlines, a line feed is left as
// it is (as excelize writes cells).
func Append(b []byte, s string, keepNewlines bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		width := 1
		switch {
		case c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>':
			i++
			continue
		case c == '"':
			esc = "&#34;"
		case c == '\'':
			esc = "&#39;"
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\t':
			esc = "&#x9;"
		case c == '\n':
			if keepNewlines {
				i++
				continue
			}
			esc = "&#xA;"
		case c == '\r':
			esc = "&#xD;"
		case c < 0x20:
			esc = "\uFFFD"
		default:
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if inRange(r) && !(r == utf8.RuneError && width == 1) {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		i += width
		last = i
	}
	return append(b, s[last:]...)
}

// inRange is encoding/xml's isInCharacterRange.
func inRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
