package search

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		query, want string
	}{
		{`"cup of`, `column 1, at "\"cup of": the phrase is not closed`},
		{`tea "cup of`, `column 5, at "\"cup of": the phrase is not closed`},
		{`tea speaker:`, `column 5, at "speaker:": a field needs a value`},
		{`:may`, `column 1, at ":may": a value needs a field`},
		{`+`, `column 1, at "+": + and - go right before a term`},
		{`lonely~x`, `column 1, at "lonely~x": write fuzziness as a number`},
		{`tea AND`, `column 5, at "AND": AND needs a term on each side`},
		{`OR tea`, `column 1, at "OR": OR needs a term on each side`},
		{`tea NOT`, `column 5, at "NOT": NOT needs a term after it`},
		{`café "thé`, `column 6, at "\"thé": the phrase is not closed`},
	} {
		t.Run(tc.query, func(t *testing.T) {
			_, _, err := parse(tc.query)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("parse(%q) = %v, want %q", tc.query, err, tc.want)
			}
		})
	}
}

func TestOperators(t *testing.T) {
	for _, tc := range []struct{ query, want string }{
		{"tea OR bus", "tea bus"},
		{"tea AND bus", "+tea +bus"},
		{"tea NOT bus", "tea -bus"},
		{"-tea AND bus", "-tea +bus"},
		{`"cup OR tea" AND x`, `+"cup OR tea" +x`},
		{`tea\ OR bus`, `tea\ OR bus`},
	} {
		toks, qe := lex(tc.query)
		if qe != nil {
			t.Fatal(qe)
		}
		toks, qe = operators(tc.query, toks)
		if qe != nil {
			t.Fatal(qe)
		}
		var got []string
		for _, tk := range toks {
			got = append(got, tk.text)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.query, strings.Join(got, " "), tc.want)
		}
	}
}

// FuzzParse: any query either parses or fails with a column inside it.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`taxi`, `"cup of tea"`, `+taxi -bus`, `taxi OR bus AND x NOT y`, `lonely~1`, `speaker:may`, `line:>10`, `/bu.+/`, `"cup`, `a:`, `\"x`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _, err := parse(s)
		if qe, ok := err.(*QueryError); ok {
			if qe.Column < 1 || qe.Column > len([]rune(s))+1 {
				t.Errorf("parse(%q): column %d outside the query", s, qe.Column)
			}
		}
	})
}
