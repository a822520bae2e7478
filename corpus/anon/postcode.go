package anon

// postcodes appends a Match for each full UK postcode in line, in any
// case and with or without the space: an outward code of one or two
// letters, a digit and an optional letter or digit ("S10", "SW1A",
// "DN55"), then an inward code of a digit and two letters ("2LA"). It must
// be a whole token, so that it is not found inside a product code or word.
func postcodes(line string, ms []Match) []Match {
	// Find the outward code's digit, which comes one or two letters in,
	// rather than try every letter of the line.
	for i := 1; i < len(line); i++ {
		if !isDigit(line[i]) || !isLetter(line[i-1]) {
			continue
		}
		start := i - 1
		if start > 0 && isLetter(line[start-1]) {
			start--
		}
		if wordBefore(line, start) {
			continue
		}
		if end := postcodeAt(line, start); end > 0 {
			ms = append(ms, Match{Kind: Postcode, Col: start + 1, Text: line[start:end]})
			i = end - 1
		}
	}
	return ms
}

// postcodeAt returns the end of a postcode at line[i], or -1.
func postcodeAt(line string, i int) int {
	j := i
	for j < len(line) && j-i < 3 && isLetter(line[j]) {
		j++
	}
	if letters := j - i; letters > 2 || j >= len(line) || !isDigit(line[j]) {
		return -1
	}
	j++
	// The outward code may end after its digit or one character later:
	// "M11AE" is M1 1AE and "SW1A1AA" is SW1A 1AA. Try the longer first.
	for _, out := range [2]int{j + 1, j} {
		if out > j && (j >= len(line) || !isAlnum(line[j])) {
			continue
		}
		p := out
		if p < len(line) && line[p] == ' ' {
			p++
		}
		if p+3 <= len(line) && isDigit(line[p]) && isLetter(line[p+1]) && isLetter(line[p+2]) && !wordAt(line, p+3) {
			return p + 3
		}
	}
	return -1
}
