package export

import (
	"slices"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// The column of every transcript never takes the name of a group: two
// columns of one name would be one key in the JSON.
func TestCrosstabAllColumn(t *testing.T) {
	tests := []struct {
		name, may, ted string
		want           []string
	}{
		{"usual", "female", "male", []string{"female", "female %", "male", "male %", "all", "all %"}},
		{"a group called all", "all", "male", []string{"all", "all %", "male", "male %", "(all)", "(all) %"}},
		{"both names taken", "all", "(all)", []string{"(all)", "(all) %", "all", "all %", "((all))", "((all)) %"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openTiny(t, txtar.File{Name: "participants.csv",
				Data: []byte("id,pseudonym,gender,age,note\nmay,May," + tc.may + ",71,-\nted,Ted," + tc.ted + ",64,x\n")})
			tab, err := Crosstab(st.s, st.ix, st.cb, CrosstabOptions{By: "gender", Measure: "participants", Depth: 1}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := tab.Header[2:]; !slices.Equal(got, tc.want) {
				t.Errorf("header %q, want %q", got, tc.want)
			}
			// n: may is in her group, ted in his, both in the total.
			n := tab.Rows[0]
			if got := []float64{n[2].Num, n[4].Num, n[6].Num}; !slices.Equal(got, []float64{1, 1, 2}) {
				t.Errorf("n row %v, want [1 1 2]", got)
			}
		})
	}
}
