package anon

// numbers appends a Match for each UK phone number and NHS number in
// line. Both are runs of digits grouped by single spaces or hyphens, so
// one pass reads the groups at each place a number can start and tries
// each kind there.
//
// A number starting with 0 that is shaped like a phone number is taken
// as one even when its digits would pass the NHS check: NHS numbers are
// not issued with a leading 0, and one in eleven phone numbers would pass.
func numbers(line string, ms []Match) []Match {
	for i := 0; i < len(line); i++ {
		c := line[i]
		end, kind := -1, Phone
		switch {
		case c == '+':
			if len(line) >= i+3 && line[i+1:i+3] == "44" {
				end = international(line, i+3)
			}
		case c == '(':
			end = bracketedArea(line, i)
		case isDigit(c):
			if !numberStart(line, i) {
				break
			}
			if c == '0' {
				if len(line) >= i+4 && line[i:i+4] == "0044" {
					end = international(line, i+4)
				}
				if end < 0 {
					end = national(line, i)
				}
			}
			if end < 0 {
				end, kind = nhsNumber(line, i), NHSNumber
			}
		default:
			continue
		}
		if end > 0 {
			ms = append(ms, Match{Kind: kind, Col: i + 1, Text: line[i:end]})
			i = end - 1
			continue
		}
		// No number starts inside a run of digits.
		for isDigit(c) && i+1 < len(line) && isDigit(line[i+1]) {
			i++
		}
	}
	return ms
}

// maxGroups is the most groups a number is read in: "+44 (0)20 7946 0018"
// has three after the country code, and a spoken number read out in
// pairs would have six.
const maxGroups = 6

// groups are the runs of digits of a number, as byte offsets in its line.
type groups struct {
	n          int
	start, end [maxGroups]int
}

func (g *groups) len(k int) int { return g.end[k] - g.start[k] }

// readGroups reads the runs of digits from line[i], joined by one space or
// hyphen each.
func readGroups(line string, i int) groups {
	var g groups
	for g.n < maxGroups {
		j := i
		for j < len(line) && isDigit(line[j]) {
			j++
		}
		if j == i {
			break
		}
		g.start[g.n], g.end[g.n] = i, j
		g.n++
		if j+1 >= len(line) || (line[j] != ' ' && line[j] != '-') || !isDigit(line[j+1]) {
			break
		}
		i = j + 1
	}
	return g
}

// numberStart reports whether a number may start at line[i]: not inside a
// word, and not after a decimal point, thousands comma or time colon
// ("3.0123456789", "10:30").
func numberStart(line string, i int) bool {
	if wordBefore(line, i) {
		return false
	}
	return i < 2 || !isDigit(line[i-2]) || !isNumberPunct(line[i-1])
}

// numberEnd reports whether a number may end at line[i], by the same rules.
func numberEnd(line string, i int) bool {
	if wordAt(line, i) {
		return false
	}
	return i+1 >= len(line) || !isNumberPunct(line[i]) || !isDigit(line[i+1])
}

func isNumberPunct(b byte) bool { return b == '.' || b == ',' || b == ':' }
