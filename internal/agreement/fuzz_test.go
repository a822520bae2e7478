package agreement

import (
	"math"
	"testing"
)

// FuzzTable feeds arbitrary reliability data to a Table: no panic, every
// defined statistic finite and at most 1, agreement a share, and the
// table of all units the same as two halves merged.
func FuzzTable(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 0, 0, 1, 0})
	f.Add([]byte{1, 2, 0, 1, 2, 3, 3, 3, 2, 1, 0})
	f.Add([]byte{2, 1, 9, 9, 9, 9, 9, 9, 9, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		coders, categories := 2+int(data[0]%3), 2+int(data[1]%3)
		data = data[2:]
		whole := NewTable(coders, categories)
		first, second := NewTable(coders, categories), NewTable(coders, categories)
		for u := 0; (u+1)*coders <= len(data); u++ {
			values := make([]int, coders)
			for c := range values {
				// One byte value in categories+1 is a missing value.
				values[c] = int(data[u*coders+c]) % (categories + 1)
				if values[c] == categories {
					values[c] = Missing
				}
			}
			whole.Add(values)
			if u%2 == 0 {
				first.Add(values)
			} else {
				second.Add(values)
			}
		}
		first.Merge(second)
		a, b := stats(whole), stats(first)
		for i, v := range a {
			if v.Defined && (math.IsNaN(v.V) || math.IsInf(v.V, 0) || v.V > 1+1e-9) {
				t.Fatalf("statistic %d = %v", i, v.V)
			}
			if !v.Defined && v.Reason == "" {
				t.Fatalf("statistic %d undefined without a reason", i)
			}
			if v.Defined != b[i].Defined || math.Abs(v.V-b[i].V) > 1e-9 {
				t.Fatalf("statistic %d: whole %+v, merged halves %+v", i, v, b[i])
			}
		}
		if ag := whole.Agreement(); ag.Defined && (ag.V < 0 || ag.V > 1) {
			t.Fatalf("agreement %v is not a share", ag.V)
		}
	})
}
