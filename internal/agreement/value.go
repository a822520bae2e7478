// Package agreement computes inter-coder agreement: percent agreement,
// Cohen's kappa, Fleiss' kappa and Krippendorff's alpha for nominal data.
// It does no I/O. Each statistic is written once, as a function of its
// sufficient statistics (a contingency table, category counts, a
// coincidence matrix), so that a study can be streamed into a Table unit
// by unit and tables for many codes can be pooled by adding them.
package agreement

import "strconv"

// Value is a statistic that may be undefined, such as kappa when neither
// coder ever used a category: then Defined is false and Reason says why,
// so that no caller prints a made-up 0, 1 or NaN.
type Value struct {
	V       float64
	Defined bool
	Reason  string
}

func defined(v float64) Value { return Value{V: v, Defined: true} }

func undefined(reason string) Value { return Value{Reason: reason} }

// String prints the value to four decimals, or "n/a".
func (v Value) String() string {
	if !v.Defined {
		return "n/a"
	}
	return strconv.FormatFloat(v.V, 'f', 4, 64)
}

// The reasons a statistic can be undefined.
const (
	ReasonNoUnits     = "no units to compare"
	ReasonNoPairs     = "no unit has values from two coders"
	ReasonNoVariation = "no variation: every coder gave every unit the same value, so chance agreement is 1"
	ReasonMissing     = "no unit was rated by every coder, and Fleiss' kappa needs every coder on every unit"
	ReasonNoneMarked  = "no coder marked a unit that another coder also rated"
)
