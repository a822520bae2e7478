package refi

import (
	"time"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/lazyre"
)

// variable is a REFI variable and the table column it comes from.
type variable struct {
	Variable
	col int
}

// variables makes one variable per attribute column of t (from column
// first on; sha256 describes a file, not a transcript), typed by its values.
func variables(t *corpus.Table, first int, ids GUIDs, kind string) []variable {
	var out []variable
	for i := first; i < len(t.Header); i++ {
		name := t.Header[i]
		if name == "sha256" {
			continue
		}
		var vals []string
		for _, r := range t.Rows {
			if i < len(r.Values) && r.Values[i] != "" {
				vals = append(vals, r.Values[i])
			}
		}
		out = append(out, variable{Variable{GUID: ids.Of(kind, name), Name: name, Type: typeOf(vals)}, i})
	}
	return out
}

var (
	// Only forms that read back as the same text: no leading zeros or
	// plus signs, which a typed value would lose.
	integerRE = lazyre.New(`^-?(0|[1-9][0-9]*)$`)
	floatRE   = lazyre.New(`^-?(0|[1-9][0-9]*)\.[0-9]+$`)
	dateRE    = lazyre.New(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// typeOf types a column only where every value leaves no doubt; anything
// else, and a column with no values, is Text.
func typeOf(vals []string) string {
	if len(vals) == 0 {
		return "Text"
	}
	all := func(ok func(string) bool) bool {
		for _, v := range vals {
			if !ok(v) {
				return false
			}
		}
		return true
	}
	switch {
	case all(integerRE().MatchString):
		return "Integer"
	case all(func(v string) bool { return integerRE().MatchString(v) || floatRE().MatchString(v) }):
		return "Float"
	case all(func(v string) bool { return v == "true" || v == "false" }):
		return "Boolean"
	case all(func(v string) bool {
		_, err := time.Parse(time.DateOnly, v)
		return dateRE().MatchString(v) && err == nil
	}):
		return "Date"
	}
	return "Text"
}

// values gives row r's non-empty values of vars.
func values(vars []variable, t *corpus.Table, r corpus.Row) []VariableValue {
	var out []VariableValue
	for _, v := range vars {
		if v.col >= len(r.Values) || r.Values[v.col] == "" {
			continue
		}
		s := r.Values[v.col]
		vv := VariableValue{VariableRef: Ref{v.GUID}}
		switch v.Type {
		case "Integer":
			vv.IntegerValue = &s
		case "Float":
			vv.FloatValue = &s
		case "Boolean":
			vv.BooleanValue = &s
		case "Date":
			vv.DateValue = &s
		default:
			vv.TextValue = &s
		}
		out = append(out, vv)
	}
	return out
}
