package subtitle

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestBatches checks that handing astisub the cues a few at a time reads
// every fixture as handing it all of them does.
func TestBatches(t *testing.T) {
	defer func(n int) { cueBatch = n }(cueBatch)
	for _, name := range fixtures {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		cueBatch = 1 << 30
		want, err := readFixture(name, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 2, 3} {
			cueBatch = n
			got, err := readFixture(name, data)
			if err != nil {
				t.Fatalf("%s, batches of %d: %v", name, n, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, batches of %d:\n got  %q\n want %q", name, n, got, want)
			}
		}
	}
}

// TestTurnsLong checks that a turn of many cues is their texts joined by
// spaces, as a turn of two is.
func TestTurnsLong(t *testing.T) {
	var cues []Cue
	var want []string
	for i := range 1000 {
		cues = append(cues, Cue{Speaker: "May", Text: fmt.Sprintf(" tea\n%d ", i)})
		want = append(want, fmt.Sprintf("tea %d", i))
	}
	cues = append(cues, Cue{Text: "  "}, Cue{Speaker: "Ted", Text: "cake"}, Cue{Text: "too"})
	got := Turns(cues)
	if len(got) != 2 || got[0].Text != strings.Join(want, " ") || got[1] != (Cue{Speaker: "Ted", Text: "cake too"}) {
		t.Errorf("got %d turns: %.80q", len(got), got)
	}
}
