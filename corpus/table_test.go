package corpus

import (
	"strings"
	"testing"
)

func TestTableSetAndMarshal(t *testing.T) {
	in := "id,gender\nmay,female\n\"ted\",male\n"
	tab, fs := ParseTable("participants.csv", strings.NewReader(in), "id")
	if len(fs) != 0 {
		t.Fatal(fs)
	}
	tests := []struct {
		id, col, val string
		changed      bool
	}{
		{"may", "gender", "female", false},
		{"ted", "gender", "man", true},
		{"may", "age_range", "70+", true},
		{"ann", "gender", "female", true},
		{"ann", "note", "says \"hello\", twice", true},
	}
	for _, tc := range tests {
		if got := tab.Set(tc.id, tc.col, tc.val); got != tc.changed {
			t.Errorf("Set(%s, %s, %s) = %v, want %v", tc.id, tc.col, tc.val, got, tc.changed)
		}
	}
	want := "id,gender,age_range,note\nmay,female,70+,\nted,man,,\nann,female,,\"says \"\"hello\"\", twice\"\n"
	if got := string(tab.Marshal()); got != want {
		t.Fatalf("Marshal =\n%s\nwant\n%s", got, want)
	}
	back, fs := ParseTable("participants.csv", strings.NewReader(want), "id")
	if len(fs) != 0 || string(back.Marshal()) != want {
		t.Fatalf("round trip changed the table: %v\n%s", fs, back.Marshal())
	}
}

func TestParseTableFindings(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // each finding's text
	}{
		{"clean", "id,gender\nmay,female\n", nil},
		{"invalid UTF-8 in a value", "id,pseudonym\nmay,M\xffay\nted,Ted\n",
			[]string{`participants.csv:2: column "pseudonym" holds bytes that are not UTF-8 text (or a NUL byte) (save the table as UTF-8 (Excel: CSV UTF-8), or retype the value)`}},
		{"NUL in a value", "id,gender\nmay,fe\x00male\n",
			[]string{`participants.csv:2: column "gender" holds bytes that are not UTF-8 text (or a NUL byte) (save the table as UTF-8 (Excel: CSV UTF-8), or retype the value)`}},
		{"invalid UTF-8 in the header", "id,gen\xfeder\nmay,female\n",
			[]string{`participants.csv:1: column "gen\xfeder" holds bytes that are not UTF-8 text (or a NUL byte) (save the table as UTF-8 (Excel: CSV UTF-8), or retype the value)`}},
		{"an id that could be a path", "id\n../may\n",
			[]string{`participants.csv:2: id "../may" is not a valid id (use lowercase letters, digits, '-' and '_', e.g. "may")`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, fs := ParseTable("participants.csv", strings.NewReader(tc.in), "id")
			var got []string
			for _, f := range fs {
				got = append(got, f.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
