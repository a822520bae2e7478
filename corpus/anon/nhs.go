package anon

// ValidNHSNumber reports whether digits is ten ASCII digits whose last is
// the NHS modulus 11 check digit of the first nine: 11 minus the sum of
// the digits weighted 10 down to 2, mod 11, where 11 means 0 and 10
// means no number is valid.
func ValidNHSNumber(digits string) bool {
	if len(digits) != 10 {
		return false
	}
	var d [10]byte
	for i := range d {
		if !isDigit(digits[i]) {
			return false
		}
		d[i] = digits[i] - '0'
	}
	return nhsCheck(&d)
}

func nhsCheck(d *[10]byte) bool {
	sum := 0
	for i, w := 0, 10; i < 9; i, w = i+1, w-1 {
		sum += int(d[i]) * w
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9])
}

// nhsNumber returns the end of an NHS number at line[i] written as
// "943 476 5919", "943-476-5919" or "9434765919" whose check digit is
// right, or -1. Ten digits that fail the check are most likely something
// else, and reporting them would bury the real findings.
func nhsNumber(line string, i int) int {
	g := readGroups(line, i)
	var last int
	switch {
	case g.len(0) == 10:
		last = 0
	case g.n >= 3 && g.len(0) == 3 && g.len(1) == 3 && g.len(2) == 4:
		last = 2
	default:
		return -1
	}
	if !numberEnd(line, g.end[last]) {
		return -1
	}
	var d [10]byte
	n := 0
	for k := 0; k <= last; k++ {
		for j := g.start[k]; j < g.end[k]; j++ {
			d[n] = line[j] - '0'
			n++
		}
	}
	if !nhsCheck(&d) {
		return -1
	}
	return g.end[last]
}
