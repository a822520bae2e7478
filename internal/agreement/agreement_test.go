package agreement

import (
	"math"
	"math/rand/v2"
	"testing"
)

const x = Missing

// table builds a Table from reliability data: data[coder][unit].
func table(categories int, data [][]int) *Table {
	t := NewTable(len(data), categories)
	for u := range data[0] {
		values := make([]int, len(data))
		for c := range data {
			values[c] = data[c][u]
		}
		t.Add(values)
	}
	return t
}

// fleissTable builds a Table from Fleiss-style counts: counts[unit][category]
// is how many coders put the unit in the category (every unit the same
// number of coders).
func fleissTable(counts [][]int) *Table {
	raters := 0
	for _, n := range counts[0] {
		raters += n
	}
	t := NewTable(raters, len(counts[0]))
	for _, row := range counts {
		var values []int
		for c, n := range row {
			for range n {
				values = append(values, c)
			}
		}
		t.Add(values)
	}
	return t
}

func near(t *testing.T, name string, got Value, want float64) {
	t.Helper()
	if !got.Defined {
		t.Fatalf("%s undefined (%s), want %.6f", name, got.Reason, want)
	}
	if math.Abs(got.V-want) > 5e-5 {
		t.Fatalf("%s = %.6f, want %.6f", name, got.V, want)
	}
}

func TestPublishedExamples(t *testing.T) {
	tests := []struct {
		name   string
		source string
		got    func() Value
		want   float64
	}{{
		// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
		// section A: binary data, two observers, ten units, alpha = 0.095.
		name:   "krippendorff binary",
		source: "Krippendorff 2011, A",
		got: func() Value {
			return table(2, [][]int{
				{0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
				{1, 1, 1, 0, 0, 1, 0, 0, 0, 0},
			}).Alpha()
		},
		want: 1 - 19.0*4/(14*6), // 0.0952, the paper's 0.095
	}, {
		// Krippendorff (2011), section C: nominal data, four observers,
		// twelve units, missing values; the paper gives alpha = 0.743.
		// Values 1..5 are categories 0..4 here.
		name:   "krippendorff nominal with missing data",
		source: "Krippendorff 2011, C",
		got: func() Value {
			return table(5, [][]int{
				{0, 1, 2, 2, 1, 0, 3, 0, 1, x, x, x},
				{0, 1, 2, 2, 1, 1, 3, 0, 1, 4, x, 2},
				{x, 2, 2, 2, 1, 2, 3, 1, 1, 4, 0, x},
				{0, 1, 2, 2, 1, 3, 3, 0, 1, 4, 0, x},
			}).Alpha()
		},
		want: 0.743421, // 0.743421052..., checked in exact fractions
	}, {
		// Fleiss' kappa, worked example of Wikipedia's "Fleiss' kappa"
		// article: 10 subjects, 14 raters, 5 categories; Pbar = 0.378,
		// Pe = 0.213, kappa = 0.210.
		name:   "fleiss wikipedia",
		source: "Wikipedia, Fleiss' kappa, worked example",
		got: func() Value {
			return fleissTable([][]int{
				{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
				{7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
			}).Fleiss()
		},
		want: 0.209931,
	}, {
		// J. L. Fleiss (1971), "Measuring nominal scale agreement among
		// many raters", Psychological Bulletin 76(5), 378-382, Table 1: 30
		// patients, 6 psychiatrists each, 5 diagnoses (depression,
		// personality disorder, schizophrenia, neurosis, other). The paper
		// gives Pbar = .556, Pe = .220, kappa = .430.
		name:   "fleiss 1971 table 1",
		source: "Fleiss 1971, Table 1",
		got: func() Value {
			return fleissTable([][]int{
				{0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
				{2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
				{1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
				{0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0}, {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3},
				{0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0}, {1, 0, 0, 4, 1},
				{0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6},
			}).Fleiss()
		},
		want: 0.430245, // 0.43024..., the paper's .430
	}, {
		// A textbook example: J. L. Fleiss, B. Levin, M. C. Paik (2003),
		// Statistical Methods for Rates and Proportions, 3rd ed., Wiley,
		// chapter 18: two raters diagnose 100 subjects as psychotic,
		// neurotic or organic; po = .89, pe = .66, kappa = .68.
		name:   "cohen fleiss levin paik",
		source: "Fleiss, Levin and Paik 2003, chapter 18",
		got:    func() Value { return Cohen([][]float64{{75, 1, 4}, {5, 4, 1}, {0, 0, 10}}) },
		want:   0.676471, // .23/.34
	}, {
		// Cohen's kappa, Wikipedia's "Cohen's kappa" article: 50 grant
		// proposals read by A and B; both yes 20, A yes B no 5, A no B yes
		// 10, both no 15: po = 0.7, pe = 0.5, kappa = 0.4.
		name:   "cohen wikipedia",
		source: "Wikipedia, Cohen's kappa, simple example",
		got:    func() Value { return Cohen([][]float64{{20, 5}, {10, 15}}) },
		want:   0.4,
	}, {
		// The same 50 proposals as units in a Table (yes = 1).
		name:   "cohen wikipedia as units",
		source: "Wikipedia, Cohen's kappa, simple example",
		got: func() Value {
			t := NewTable(2, 2)
			t.AddN([]int{1, 1}, 20)
			t.AddN([]int{1, 0}, 5)
			t.AddN([]int{0, 1}, 10)
			t.AddN([]int{0, 0}, 15)
			return t.Cohen(0, 1)
		},
		want: 0.4,
	}, {
		name:   "agreement of the proposals",
		source: "Wikipedia, Cohen's kappa, simple example: po = 0.7",
		got: func() Value {
			t := NewTable(2, 2)
			t.AddN([]int{1, 1}, 20)
			t.AddN([]int{1, 0}, 5)
			t.AddN([]int{0, 1}, 10)
			t.AddN([]int{0, 0}, 15)
			return t.Agreement()
		},
		want: 0.7,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { near(t, tc.source, tc.got(), tc.want) })
	}
}

func TestUndefined(t *testing.T) {
	none := NewTable(2, 2)
	none.AddN([]int{0, 0}, 10)
	all := NewTable(3, 2)
	all.AddN([]int{1, 1, 1}, 4)
	empty := NewTable(2, 2)
	lonely := NewTable(2, 2)
	lonely.Add([]int{1, x})
	gap := NewTable(3, 2)
	gap.Add([]int{1, 0, x})
	gap.Add([]int{0, x, 1})
	tests := []struct {
		name   string
		got    Value
		reason string
	}{
		{"kappa, neither coder used the code", none.Cohen(0, 1), ReasonNoVariation},
		{"alpha, neither coder used the code", none.Alpha(), ReasonNoVariation},
		{"fleiss, every coder marked every unit", all.Fleiss(), ReasonNoVariation},
		{"alpha, every coder marked every unit", all.Alpha(), ReasonNoVariation},
		{"kappa, no units", empty.Cohen(0, 1), ReasonNoUnits},
		{"agreement, no units", empty.Agreement(), ReasonNoUnits},
		{"alpha, no units", empty.Alpha(), ReasonNoUnits},
		{"agreement, one value per unit", lonely.Agreement(), ReasonNoPairs},
		{"alpha, one value per unit", lonely.Alpha(), ReasonNoPairs},
		{"fleiss, no unit rated by every coder", gap.Fleiss(), ReasonMissing},
		{"specific, nobody marked", none.Specific(1), ReasonNoneMarked},
		{"pair specific, nobody marked", none.PairSpecific(0, 1, 1), ReasonNoneMarked},
		{"specific, one value per unit", lonely.Specific(1), ReasonNoPairs},
		{"fleiss, fewer than two raters", Fleiss(3, 1, 3, []float64{3, 0}), ReasonNoPairs},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got.Defined || tc.got.Reason != tc.reason {
				t.Fatalf("got %+v, want undefined with %q", tc.got, tc.reason)
			}
			if tc.got.String() != "n/a" {
				t.Fatalf("String() = %q, want n/a", tc.got.String())
			}
		})
	}
	// Agreement is defined where kappa is not: coders who both never used
	// a code agree on every unit.
	near(t, "agreement", none.Agreement(), 1)
}

// randomData is reliability data for coders coders and units units, each
// value kept with probability keep, else Missing.
func randomData(r *rand.Rand, coders, units, categories int, keep float64) [][]int {
	data := make([][]int, coders)
	for c := range data {
		data[c] = make([]int, units)
		for u := range data[c] {
			data[c][u] = r.IntN(categories)
			if r.Float64() > keep {
				data[c][u] = Missing
			}
		}
	}
	return data
}

func TestPerfectAgreement(t *testing.T) {
	for coders := 2; coders <= 5; coders++ {
		r := rand.New(rand.NewPCG(1, uint64(coders)))
		one := randomData(r, 1, 40, 3, 1)[0]
		data := make([][]int, coders)
		for c := range data {
			data[c] = one
		}
		tb := table(3, data)
		near(t, "agreement", tb.Agreement(), 1)
		near(t, "alpha", tb.Alpha(), 1)
		near(t, "fleiss", tb.Fleiss(), 1)
		near(t, "cohen", tb.Cohen(0, coders-1), 1)
	}
}

// stats lists every statistic of a table, pairwise ones in pair order.
func stats(t *Table) []Value {
	out := []Value{t.Agreement(), t.Fleiss(), t.Alpha()}
	for a := range t.Coders {
		for b := a + 1; b < t.Coders; b++ {
			out = append(out, t.Cohen(a, b), t.PairAgreement(a, b))
		}
	}
	return out
}

func same(t *testing.T, what string, got, want []Value) {
	t.Helper()
	for i := range want {
		if got[i].Defined != want[i].Defined || math.Abs(got[i].V-want[i].V) > 1e-12 {
			t.Fatalf("%s: statistic %d = %+v, want %+v", what, i, got[i], want[i])
		}
	}
}

func TestSymmetryInCoders(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 3))
	for trial := range 50 {
		keep := 1.0
		if trial%2 == 1 {
			keep = 0.8
		}
		data := randomData(r, 3, 30, 3, keep)
		tb := table(3, data)
		swapped := table(3, [][]int{data[2], data[0], data[1]})
		if !same3(tb.Agreement(), swapped.Agreement()) || !same3(tb.Alpha(), swapped.Alpha()) || !same3(tb.Fleiss(), swapped.Fleiss()) {
			t.Fatalf("trial %d: reordering coders changed agreement, alpha or fleiss", trial)
		}
		// coder 0 is now 1, 1 is 2, 2 is 0.
		if !same3(tb.Cohen(0, 1), swapped.Cohen(1, 2)) || !same3(tb.Cohen(0, 2), swapped.Cohen(1, 0)) || !same3(tb.Cohen(1, 2), swapped.Cohen(2, 0)) {
			t.Fatalf("trial %d: reordering coders changed a pairwise kappa", trial)
		}
	}
}

func same3(a, b Value) bool {
	return a.Defined == b.Defined && a.Reason == b.Reason && math.Abs(a.V-b.V) < 1e-12
}

func TestUnitOrderAndPooling(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 5))
	for trial := range 30 {
		data := randomData(r, 3, 50, 2, 1)
		tb := table(2, data)
		perm := r.Perm(50)
		shuffled := make([][]int, 3)
		for c := range shuffled {
			for _, u := range perm {
				shuffled[c] = append(shuffled[c], data[c][u])
			}
		}
		same(t, "shuffled units", stats(table(2, shuffled)), stats(tb))
		// Pooling two halves is the same as one table of every unit.
		first, second := make([][]int, 3), make([][]int, 3)
		for c := range data {
			first[c], second[c] = data[c][:20], data[c][20:]
		}
		pooled := table(2, first)
		pooled.Merge(table(2, second))
		same(t, "pooled halves", stats(pooled), stats(tb))
		if trial == 0 && pooled.Units() != 50 {
			t.Fatalf("pooled units = %d, want 50", pooled.Units())
		}
	}
}

// TestAgainstDirectFormulas checks the streamed table against the
// known relation between two of its formulas, computed independently.
func TestAgainstDirectFormulas(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 7))
	for range 20 {
		data := randomData(r, 2, 25, 2, 1)
		tb := table(2, data)
		// With two coders and no missing values, n = 2N pairable values and
		// 1 - alpha = (n-1)/n (1 - pi), so alpha = pi + (1 - pi)/(2N), where
		// Fleiss' kappa of two coders is Scott's pi (Krippendorff 2011, A).
		pi, alpha := tb.Fleiss(), tb.Alpha()
		if !pi.Defined || !alpha.Defined {
			continue
		}
		n := 25.0
		want := pi.V + (1-pi.V)/(2*n)
		if math.Abs(alpha.V-want) > 1e-9 {
			t.Fatalf("alpha %.9f, want pi + (1-pi)/2N = %.9f", alpha.V, want)
		}
	}
}

func TestMeansOverPairs(t *testing.T) {
	// Three coders: jt and eh agree on 3 of 4 units, jt and ah on 2, eh
	// and ah on 1: mean pair agreement (3+2+1)/12 = .5; all three agree on
	// 1 of 4 units.
	tb := table(2, [][]int{{1, 1, 0, 0}, {1, 1, 0, 1}, {1, 0, 1, 0}})
	near(t, "mean pair agreement", tb.MeanPairAgreement(), 0.5)
	near(t, "agreement", tb.Agreement(), 0.25)
	want := (tb.Cohen(0, 1).V + tb.Cohen(0, 2).V + tb.Cohen(1, 2).V) / 3
	near(t, "light", tb.LightKappa(), want)
	// jt/eh: both yes 2, eh only 1, none 1: po .75, pe .5*.75+.5*.25 = .5.
	near(t, "cohen jt/eh", tb.Cohen(0, 1), 0.5)
	none := NewTable(3, 2)
	none.AddN([]int{0, 0, 0}, 5)
	if v := none.LightKappa(); v.Defined || v.Reason != ReasonNoVariation {
		t.Errorf("light kappa of an unused code = %+v, want undefined", v)
	}
}

func TestMarked(t *testing.T) {
	tb := table(2, [][]int{{1, 1, 0, x}, {0, 1, 1, 1}})
	tests := []struct{ coder, cat, want int }{{0, 1, 2}, {0, 0, 1}, {1, 1, 3}, {1, 0, 1}}
	for _, tc := range tests {
		if got := tb.Marked(tc.coder, tc.cat); got != tc.want {
			t.Errorf("Marked(%d, %d) = %d, want %d", tc.coder, tc.cat, got, tc.want)
		}
	}
	if tb.Units() != 3 {
		t.Errorf("Units() = %d, want 3 (the unit with one value is not pairable)", tb.Units())
	}
}

// TestSpecific checks specific agreement against its two-coder form,
// 2a / (2a + b + c), worked by hand, and its many-coder form with
// missing values against the definition computed unit by unit.
func TestSpecific(t *testing.T) {
	// a = 3 units both marked, b = 2 only the first, c = 1 only the
	// second, d = 14 neither: ps = 6 / 9, percent agreement 17/20.
	tb := NewTable(2, 2)
	tb.AddN([]int{1, 1}, 3)
	tb.AddN([]int{1, 0}, 2)
	tb.AddN([]int{0, 1}, 1)
	tb.AddN([]int{0, 0}, 14)
	near(t, "specific yes", tb.Specific(1), 6.0/9)
	near(t, "pair specific yes", tb.PairSpecific(0, 1, 1), 6.0/9)
	near(t, "specific no", tb.Specific(0), 28.0/31)
	near(t, "agreement", tb.Agreement(), 17.0/20)
	// More nobody-marked units change percent agreement, never ps.
	tb.AddN([]int{0, 0}, 1000)
	near(t, "specific yes with many empty units", tb.Specific(1), 6.0/9)

	// Three coders, some values missing: the definition, unit by unit.
	data := [][]int{
		{1, 1, 0, x, 1, 0, 1},
		{1, 0, 0, 1, x, 0, x},
		{x, 1, 1, 1, 1, 0, x},
	}
	num, den := 0.0, 0.0
	for u := range data[0] {
		n, m := 0.0, 0.0
		for c := range data {
			if data[c][u] != x {
				m++
				if data[c][u] == 1 {
					n++
				}
			}
		}
		if m >= 2 {
			num += n * (n - 1)
			den += n * (m - 1)
		}
	}
	near(t, "specific, three coders with gaps", table(2, data).Specific(1), num/den)
	// Each pair over the units both rated: coders 0 and 2 share units
	// 1, 2, 4, 5: both yes on 1 and 4, one yes on 2: 4/5.
	near(t, "pair specific 0/2", table(2, data).PairSpecific(0, 2, 1), 4.0/5)
}

// TestIncompleteDesign: coders who rated different units. Each pair's
// figures rest on the units that pair shares, Fleiss' on the units all
// rated, alpha on every unit two or more rated.
func TestIncompleteDesign(t *testing.T) {
	data := [][]int{
		{1, 0, 1, 1, x, x, 0, 1},
		{1, 0, 0, x, 1, 0, 0, 1},
		{x, x, 1, 1, 1, 0, 0, 1},
	}
	tb := table(2, data)
	if got := tb.PairUnits(0, 1); got != 5 {
		t.Errorf("PairUnits(0, 1) = %d, want 5", got)
	}
	if got := tb.PairUnits(0, 2); got != 4 {
		t.Errorf("PairUnits(0, 2) = %d, want 4", got)
	}
	if got := tb.CompleteUnits(); got != 3 {
		t.Errorf("CompleteUnits = %d, want 3", got)
	}
	if got := tb.Units(); got != 8 {
		t.Errorf("Units = %d, want 8", got)
	}
	// Fleiss over units 2, 6, 7 (0-based): equal to a table of those alone.
	only := table(2, [][]int{{1, 0, 1}, {0, 0, 1}, {1, 0, 1}})
	near(t, "fleiss over the complete units", tb.Fleiss(), only.Fleiss().V)
	// Cohen of coders 0 and 1 over the units both rated.
	pair := table(2, [][]int{{1, 0, 1, 0, 1}, {1, 0, 0, 0, 1}})
	near(t, "cohen 0/1 over shared units", tb.Cohen(0, 1), pair.Cohen(0, 1).V)
}
