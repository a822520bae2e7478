package anon

// UK phone numbers are 10 or 11 digits written from a leading 0, or 9 or
// 10 after +44 (or 0044), with an area code of 2 to 5 digits after the 0.
// Dates, times, years, sums and counts are never that long in one group
// or in groups joined only by spaces and hyphens, and a date written
// with hyphens ("01-03-2018") has a first group too short for an area
// code.

// national returns the end of a phone number written from a 0 at
// line[i] ("020 7946 0018", "07700900123"), or -1.
func national(line string, i int) int {
	if !ukTrunk(line, i) {
		return -1
	}
	g := readGroups(line, i)
	return longestPhone(line, &g, 0, 10, 11, 3, 6)
}

// bracketedArea returns the end of a phone number whose area code is in
// brackets at line[i] ("(0114) 4960123", "(020) 7946 0018"), or -1.
func bracketedArea(line string, i int) int {
	j := i + 1
	for j < len(line) && isDigit(line[j]) {
		j++
	}
	area := j - i - 1
	if area < 3 || area > 6 || !ukTrunk(line, i+1) || j >= len(line) || line[j] != ')' {
		return -1
	}
	j++
	if j < len(line) && (line[j] == ' ' || line[j] == '-') {
		j++
	}
	if j >= len(line) || !isDigit(line[j]) {
		return -1
	}
	g := readGroups(line, j)
	return longestPhone(line, &g, area, 10, 11, 2, 11)
}

// international returns the end of a phone number whose country code
// +44 or 0044 ends just before line[i] ("+44 7700 900123",
// "+44 (0)20 7946 0018"), or -1.
func international(line string, i int) int {
	if i < len(line) && (line[i] == ' ' || line[i] == '-') {
		i++
	}
	trunk := false // the "(0)" that is dialled only from within the UK
	if len(line) >= i+3 && line[i:i+3] == "(0)" {
		trunk = true
		i += 3
		if i < len(line) && (line[i] == ' ' || line[i] == '-') {
			i++
		}
	}
	if i >= len(line) || !isDigit(line[i]) {
		return -1
	}
	g := readGroups(line, i)
	if line[i] == '0' {
		// "+44 07700 900123": the trunk 0 written after the country code.
		if trunk || !ukTrunk(line, i) {
			return -1
		}
		return longestPhone(line, &g, 0, 10, 11, 1, 6)
	}
	if !ukLeading(line[i]) {
		return -1
	}
	return longestPhone(line, &g, 0, 9, 10, 1, 6)
}

// ukTrunk reports whether line[i:] starts with 0 and a digit that can
// follow it in a UK number (01, 02, 03, 05, 07, 08, 09; 00 is the
// international prefix, 04 and 06 are unused).
func ukTrunk(line string, i int) bool {
	return i+1 < len(line) && line[i] == '0' && ukLeading(line[i+1])
}

func ukLeading(b byte) bool {
	switch b {
	case '1', '2', '3', '5', '7', '8', '9':
		return true
	}
	return false
}

// longestPhone returns the end of the longest run of the groups g that
// makes a phone number, or -1: with lead digits already read, lo to hi
// digits in all; a first group of firstMin to firstMax digits when others
// follow it; later groups of two digits or more; and nothing after it
// that would carry the number on.
func longestPhone(line string, g *groups, lead, lo, hi, firstMin, firstMax int) int {
	best, total := -1, lead
	for k := 0; k < g.n; k++ {
		l := g.len(k)
		if k > 0 && l < 2 {
			break
		}
		total += l
		if total > hi {
			break
		}
		first := g.len(0)
		if total >= lo && (k == 0 || firstMin <= first && first <= firstMax) && numberEnd(line, g.end[k]) {
			best = g.end[k]
		}
	}
	return best
}
