package agreement

// Missing is the value of a coder who gave a unit no value.
const Missing = -1

// Table accumulates the reliability data of coders giving units values in
// categories 0..Categories-1, one unit at a time, keeping only the
// sufficient statistics of each measure: memory depends on the numbers of
// coders and categories, never on the number of units.
type Table struct {
	Coders, Categories int

	added    float64 // every unit added
	units    float64 // units with a value from two coders or more
	agreeing float64 // of those, units where every value is the same
	marked   []float64

	// Fleiss' kappa, over the units every coder rated.
	complete   int
	sumSquares float64
	totals     []float64

	coincidence [][]float64
	pairs       [][][]float64 // pairs[pairIndex] is the pair's contingency table

	// Specific agreement per category, over the units with two values or
	// more: sum of n_uc (n_uc - 1), and of n_uc (m_u - 1).
	specificAgree, specificOf []float64
}

// NewTable returns an empty table.
func NewTable(coders, categories int) *Table {
	t := &Table{Coders: coders, Categories: categories,
		marked: make([]float64, coders*categories), totals: make([]float64, categories),
		specificAgree: make([]float64, categories), specificOf: make([]float64, categories)}
	t.coincidence = square(categories)
	for range coders * (coders - 1) / 2 {
		t.pairs = append(t.pairs, square(categories))
	}
	return t
}

func square(k int) [][]float64 {
	m := make([][]float64, k)
	for i := range m {
		m[i] = make([]float64, k)
	}
	return m
}

// pair numbers the pair a < b: (0,1), (0,2), ..., (1,2), ...
func (t *Table) pair(a, b int) int {
	return a*t.Coders - a*(a+1)/2 + (b - a - 1)
}

// Add records one unit: values[i] is coder i's category, or Missing.
func (t *Table) Add(values []int) { t.AddN(values, 1) }

// AddN records n units with the same values, as a study has many lines
// no coder coded.
func (t *Table) AddN(values []int, n int) {
	if n <= 0 {
		return
	}
	w := float64(n)
	t.added += w
	count := make([]float64, t.Categories)
	present := 0
	for i, v := range values {
		if v == Missing {
			continue
		}
		count[v]++
		present++
		t.marked[i*t.Categories+v] += w
	}
	for a := range values {
		for b := a + 1; b < len(values); b++ {
			if values[a] != Missing && values[b] != Missing {
				t.pairs[t.pair(a, b)][values[a]][values[b]] += w
			}
		}
	}
	if present < 2 {
		return
	}
	t.units += w
	m := float64(present)
	same := false
	for c, nc := range count {
		same = same || nc == m
		t.specificAgree[c] += w * nc * (nc - 1)
		t.specificOf[c] += w * nc * (m - 1)
		for k, nk := range count {
			if c == k {
				nk--
			}
			t.coincidence[c][k] += w * nc * nk / (m - 1)
		}
	}
	if same {
		t.agreeing += w
	}
	if present == t.Coders {
		t.complete += n
		for c, nc := range count {
			t.sumSquares += w * nc * nc
			t.totals[c] += w * nc
		}
	}
}

// Merge adds the units of u, which must have the same shape, to t: the
// pooled table of several codes.
func (t *Table) Merge(u *Table) {
	t.added += u.added
	t.units += u.units
	t.agreeing += u.agreeing
	t.complete += u.complete
	t.sumSquares += u.sumSquares
	addTo(t.marked, u.marked)
	addTo(t.totals, u.totals)
	addTo(t.specificAgree, u.specificAgree)
	addTo(t.specificOf, u.specificOf)
	for i := range t.coincidence {
		addTo(t.coincidence[i], u.coincidence[i])
	}
	for p := range t.pairs {
		for i := range t.pairs[p] {
			addTo(t.pairs[p][i], u.pairs[p][i])
		}
	}
}

func addTo(dst, src []float64) {
	for i := range dst {
		dst[i] += src[i]
	}
}

// Units is the number of units with values from two coders or more.
func (t *Table) Units() int { return int(t.units) }

// Marked is how many units coder gave category c.
func (t *Table) Marked(coder, c int) int { return int(t.marked[coder*t.Categories+c]) }

// Agreement is the share of units (of those with two values or more) on
// which every coder gave the same value.
func (t *Table) Agreement() Value {
	if t.added > 0 && t.units == 0 {
		return undefined(ReasonNoPairs)
	}
	return Proportion(t.agreeing, t.units)
}

// Cohen is Cohen's kappa between coders a and b over the units both rated.
func (t *Table) Cohen(a, b int) Value {
	if a > b {
		a, b = b, a
	}
	return Cohen(t.pairs[t.pair(a, b)])
}

// PairAgreement is the share of the units both a and b rated on which
// they agree.
func (t *Table) PairAgreement(a, b int) Value {
	if a > b {
		a, b = b, a
	}
	c := t.pairs[t.pair(a, b)]
	n, same := 0.0, 0.0
	for i := range c {
		for j := range c[i] {
			n += c[i][j]
		}
		same += c[i][i]
	}
	return Proportion(same, n)
}

// Fleiss is Fleiss' kappa over the units every coder rated (the formula
// assumes the same raters on every unit), leaving out the units some coder
// did not rate: CompleteUnits says how many it rests on.
func (t *Table) Fleiss() Value {
	if t.complete == 0 && t.units > 0 {
		return undefined(ReasonMissing)
	}
	return Fleiss(t.complete, t.Coders, t.sumSquares, t.totals)
}

// CompleteUnits is the number of units every coder rated: those Fleiss'
// kappa rests on.
func (t *Table) CompleteUnits() int { return t.complete }

// PairUnits is the number of units both coders a and b rated: those
// their Cohen's kappa rests on.
func (t *Table) PairUnits(a, b int) int {
	if a > b {
		a, b = b, a
	}
	n := 0.0
	for _, row := range t.pairs[t.pair(a, b)] {
		for _, v := range row {
			n += v
		}
	}
	return int(n)
}

// Specific is the specific agreement on category c over the units with
// two values or more: of the pairs of values on a unit with one of them
// c, the share with both c. For two coders and the "yes" of a code it is
// positive specific agreement, 2a / (2a + b + c), which unlike percent
// agreement is not inflated by the many units nobody marks.
//
//	ps_c = sum_u n_uc (n_uc - 1) / sum_u n_uc (m_u - 1)
//
// Reference: J. S. Uebersax (1982), "A design-independent method for
// measuring the reliability of psychiatric diagnosis", Journal of
// Psychiatric Research 17(4), 335-342; for two raters, J. L. Fleiss
// (1975), "Measuring agreement between two judges on the presence or
// absence of a trait", Biometrics 31(3), 651-659. Undefined when no coder
// gave c to a unit another coder also rated.
func (t *Table) Specific(c int) Value {
	if t.specificOf[c] == 0 {
		if t.added > 0 && t.units == 0 {
			return undefined(ReasonNoPairs)
		}
		return undefined(ReasonNoneMarked)
	}
	return defined(t.specificAgree[c] / t.specificOf[c])
}

// PairSpecific is the specific agreement of coders a and b on category c,
// over the units both rated: 2 n_cc / (row_c + col_c).
func (t *Table) PairSpecific(a, b, c int) Value {
	if a > b {
		a, b = b, a
	}
	ct := t.pairs[t.pair(a, b)]
	of := 0.0
	for k := range ct {
		of += ct[c][k] + ct[k][c]
	}
	if of == 0 {
		return undefined(ReasonNoneMarked)
	}
	return defined(2 * ct[c][c] / of)
}

// Alpha is Krippendorff's alpha for nominal data.
func (t *Table) Alpha() Value {
	if t.added == 0 {
		return undefined(ReasonNoUnits)
	}
	return Alpha(t.coincidence)
}

// MeanPairAgreement is the mean, over every pair of coders, of the share
// of units on which the pair agrees (NLTK's avg_Ao); for two coders it is
// Agreement.
func (t *Table) MeanPairAgreement() Value { return t.meanOverPairs(t.PairAgreement) }

// LightKappa is the mean of Cohen's kappa over every pair of coders.
//
// Reference: R. J. Light (1971), "Measures of response agreement for
// qualitative data: some generalizations and alternatives", Psychological
// Bulletin 76(5), 365-377. Undefined when any pair's kappa is.
func (t *Table) LightKappa() Value { return t.meanOverPairs(t.Cohen) }

func (t *Table) meanOverPairs(stat func(a, b int) Value) Value {
	sum, n := 0.0, 0
	for a := range t.Coders {
		for b := a + 1; b < t.Coders; b++ {
			v := stat(a, b)
			if !v.Defined {
				return v
			}
			sum += v.V
			n++
		}
	}
	if n == 0 {
		return undefined(ReasonNoPairs)
	}
	return defined(sum / float64(n))
}
