package anon

import "strings"

// urls appends a Match for each web address in line that starts with
// http://, https:// or www., in any case. Bare domains ("example.org")
// are left alone: without a scheme or www. they cannot be told from the
// ends and starts of sentences ("etc.So").
func urls(line string, ms []Match) []Match {
	for i := 0; i < len(line); i++ {
		if c := line[i] | 0x20; (c != 'h' && c != 'w') || wordBefore(line, i) {
			continue
		}
		var n int
		switch rest := line[i:]; {
		case hasPrefixFold(rest, "https://"):
			n = len("https://")
		case hasPrefixFold(rest, "http://"):
			n = len("http://")
		case hasPrefixFold(rest, "www."):
			n = len("www.")
		default:
			continue
		}
		end := i + n
		for end < len(line) && isURLByte(line[end]) {
			end++
		}
		end = i + trimURL(line[i:end])
		if end < i+n || !validHost(line[i+n:end], n == len("www.")) {
			continue
		}
		ms = append(ms, Match{Kind: URL, Col: i + 1, Text: line[i:end]})
		i = end - 1
	}
	return ms
}

// isURLByte reports whether b may be part of a URL as written in text:
// anything but spaces, controls, quotes and angle brackets. Non-ASCII
// bytes end it too, as they are more often curly quotes or dashes after
// the address than part of it.
func isURLByte(b byte) bool {
	return b > ' ' && b < 0x7f && b != '"' && b != '<' && b != '>' && b != '`'
}

// trimURL returns the length of u without the punctuation of the
// sentence around it: a final full stop, comma, quote, or a closing
// bracket that the URL did not open ("(see www.example.org)").
func trimURL(u string) int {
	// Brackets are counted once; each one trimmed leaves one fewer.
	open := [3]int{strings.Count(u, "("), strings.Count(u, "["), strings.Count(u, "{")}
	shut := [3]int{strings.Count(u, ")"), strings.Count(u, "]"), strings.Count(u, "}")}
	n := len(u)
	for n > 0 {
		switch c := u[n-1]; c {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
		case ')', ']', '}':
			k := strings.IndexByte(")]}", c)
			if open[k] >= shut[k] {
				return n
			}
			shut[k]--
		default:
			return n
		}
		n--
	}
	return 0
}

// validHost reports whether rest, what follows the scheme or "www.",
// starts with a host name: after "www." it needs a dot of its own
// ("www.example.org"), so that "www." alone is not an address.
func validHost(rest string, www bool) bool {
	host := rest
	if i := strings.IndexAny(rest, "/?#:"); i >= 0 {
		host = rest[:i]
	}
	if host == "" || !isAlnum(host[0]) && host[0] != '[' {
		return false
	}
	if www {
		dot := strings.IndexByte(host, '.')
		return dot > 0 && dot < len(host)-1
	}
	return true
}
