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
