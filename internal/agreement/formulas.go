package agreement

// Cohen returns Cohen's kappa for two coders from their contingency
// table: c[i][j] is the number of units the first coder put in category i
// and the second in category j.
//
//	kappa = (po - pe) / (1 - pe)
//	po = sum_i c[i][i] / n,  pe = sum_i (row_i / n) (col_i / n)
//
// Reference: J. Cohen (1960), "A coefficient of agreement for nominal
// scales", Educational and Psychological Measurement 20(1), 37-46.
// Undefined with no units, and when both coders put every unit in one
// and the same category (pe = 1).
func Cohen(c [][]float64) Value {
	k := len(c)
	n, diag := 0.0, 0.0
	row := make([]float64, k)
	col := make([]float64, k)
	for i := range k {
		for j := range k {
			n += c[i][j]
			row[i] += c[i][j]
			col[j] += c[i][j]
		}
		diag += c[i][i]
	}
	if n == 0 {
		return undefined(ReasonNoUnits)
	}
	chance := 0.0 // n^2 pe
	for i := range k {
		if row[i] == n && col[i] == n {
			return undefined(ReasonNoVariation)
		}
		chance += row[i] * col[i]
	}
	// (po - pe) / (1 - pe) multiplied through by n^2: with whole counts
	// both sides are exact, so a kappa of 3/8 is 0.375, not 0.37499...
	return defined((n*diag - chance) / (n*n - chance))
}

// Fleiss returns Fleiss' kappa for units each rated by the same number of
// coders, from three sums over the units: units (N), raters per unit (m),
// sumSquares = sum over units and categories of n_ij squared, where n_ij
// is how many coders put unit i in category j, and totals[j] = sum_i n_ij.
//
//	P_i  = (sum_j n_ij^2 - m) / (m (m - 1)),  Pbar = mean of P_i
//	p_j  = totals[j] / (N m),                 Pe   = sum_j p_j^2
//	kappa = (Pbar - Pe) / (1 - Pe)
//
// Reference: J. L. Fleiss (1971), "Measuring nominal scale agreement among
// many raters", Psychological Bulletin 76(5), 378-382. Undefined with no
// units, fewer than two raters, or every rating in one category (Pe = 1).
func Fleiss(units, raters int, sumSquares float64, totals []float64) Value {
	if units == 0 {
		return undefined(ReasonNoUnits)
	}
	if raters < 2 {
		return undefined(ReasonNoPairs)
	}
	m := float64(raters)
	T := float64(units) * m // every rating
	sumTotals := 0.0        // T^2 Pe
	for _, t := range totals {
		if t == T {
			return undefined(ReasonNoVariation)
		}
		sumTotals += t * t
	}
	// (Pbar - Pe) / (1 - Pe) multiplied through by (m-1) T^2, exact for
	// whole counts.
	return defined(((sumSquares-T)*T - (m-1)*sumTotals) / ((m - 1) * (T*T - sumTotals)))
}

// Alpha returns Krippendorff's alpha for nominal data from the
// coincidence matrix o, where o[c][k] adds, for every unit u with m_u >= 2
// values, n_uc (n_uk - [c = k]) / (m_u - 1) (see Table.Add).
//
//	n_c = sum_k o[c][k],  n = sum_c n_c
//	alpha = 1 - (n - 1) sum_{c != k} o[c][k] / sum_{c != k} n_c n_k
//
// Reference: K. Krippendorff (2011), "Computing Krippendorff's
// Alpha-Reliability", Annenberg School for Communication, University of
// Pennsylvania, section C (nominal data, any number of observers,
// missing values). Undefined when no unit has two values, and when only
// one category occurs (no expected disagreement).
func Alpha(o [][]float64) Value {
	k := len(o)
	nc := make([]float64, k)
	n, observed := 0.0, 0.0
	for c := range k {
		for j := range k {
			nc[c] += o[c][j]
			if c != j {
				observed += o[c][j]
			}
		}
		n += nc[c]
	}
	if n == 0 {
		return undefined(ReasonNoPairs)
	}
	expected := 0.0
	for c := range k {
		for j := range k {
			if c != j {
				expected += nc[c] * nc[j]
			}
		}
	}
	if expected == 0 {
		return undefined(ReasonNoVariation)
	}
	return defined((expected - (n-1)*observed) / expected)
}

// Proportion returns agree/of, the share of units on which the coders
// agree; undefined when there are no units.
func Proportion(agree, of float64) Value {
	if of == 0 {
		return undefined(ReasonNoUnits)
	}
	return defined(agree / of)
}
