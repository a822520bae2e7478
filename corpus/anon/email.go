package anon

import "strings"

// emails appends a Match for each email address in line: a local part of
// letters, digits and ._%+- then '@' and a domain of at least two labels
// whose last is two or more letters. That is narrower than RFC 5322 but
// is how addresses are written in speech turned into text.
func emails(line string, ms []Match) []Match {
	floor := 0 // end of the last address: the next cannot reach back into it
	for from := 0; from < len(line); {
		k := strings.IndexByte(line[from:], '@')
		if k < 0 {
			break
		}
		at := from + k
		start := at
		for start > floor && isLocalByte(line[start-1]) {
			start--
		}
		for start < at && line[start] == '.' {
			start++
		}
		end := at + 1
		for end < len(line) && isDomainByte(line[end]) {
			end++
		}
		// A full stop or dash after an address ends the sentence or clause.
		for end > at+1 && (line[end-1] == '.' || line[end-1] == '-') {
			end--
		}
		if start < at && validDomain(line[at+1:end]) {
			ms = append(ms, Match{Kind: Email, Col: start + 1, Text: line[start:end]})
			floor, from = end, end
			continue
		}
		from = at + 1
	}
	return ms
}

func isLocalByte(b byte) bool {
	return isAlnum(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-'
}

func isDomainByte(b byte) bool { return isAlnum(b) || b == '.' || b == '-' }

// validDomain reports whether d is two or more non-empty labels of
// letters, digits and '-', the last of them two or more letters.
func validDomain(d string) bool {
	labels, start := 0, 0
	for i := 0; i <= len(d); i++ {
		if i < len(d) && d[i] != '.' {
			continue
		}
		if i == start || d[start] == '-' {
			return false
		}
		labels++
		if i == len(d) {
			if labels < 2 || i-start < 2 {
				return false
			}
			for j := start; j < i; j++ {
				if !isLetter(d[j]) {
					return false
				}
			}
		}
		start = i + 1
	}
	return true
}
