package corpus

import (
	"maps"
	"strings"
	"testing"
)

// TestAttrsOf checks that the attributes Scan gives when told which it
// needs are those of Attrs, clashes, blanks and duplicate columns included.
func TestAttrsOf(t *testing.T) {
	parts, _ := ParseTable(ParticipantsFile, strings.NewReader("id,gender,wave,age,age\nmay,f,p1,40,41\nted,m,,50,51\n"), "id")
	trans, _ := ParseTable(TranscriptsFile, strings.NewReader("id,participant,wave,sha256,mode\nmay-1,may,1,abc,phone\nmay-2,may,,abc,\nted-1,ted,2,abc,video\nx-1,nobody,3,abc,\n"), "id", "participant")
	ix := &Index{Participants: parts, Transcripts: trans}
	tests := []struct {
		name  string
		names []string
	}{
		{"none", []string{}},
		{"a participant's", []string{"gender"}},
		{"the transcript's wins a clash, blank too", []string{"wave"}},
		{"a column twice keeps the last", []string{"age"}},
		{"unknown and reserved names", []string{"nope", "sha256", "participant", "transcript"}},
		{"several", []string{"gender", "mode", "wave", "age"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			of := ix.attrsOf(tc.names)
			for _, r := range trans.Rows {
				full := ix.Attrs(r)
				want := map[string]string{"participant": full["participant"], "transcript": full["transcript"]}
				for _, n := range tc.names {
					if v, ok := full[n]; ok {
						want[n] = v
					}
				}
				if got := of(r); !maps.Equal(got, want) {
					t.Errorf("%s: got %v, want %v", r.ID, got, want)
				}
			}
		})
	}
}

// TestAttributeNames checks the order and that each name is there once.
func TestAttributeNames(t *testing.T) {
	parts, _ := ParseTable(ParticipantsFile, strings.NewReader("id,gender,participant,wave\n"), "id")
	trans, _ := ParseTable(TranscriptsFile, strings.NewReader("id,participant,wave,sha256,mode,gender\n"), "id", "participant")
	ix := &Index{Participants: parts, Transcripts: trans}
	got := strings.Join(ix.AttributeNames(), ",")
	if want := "participant,transcript,gender,wave,mode"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
