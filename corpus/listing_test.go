package corpus

import (
	"reflect"
	"testing"
)

// TestParticipantList: every participant in the table's order, with their
// transcripts; a filter keeps a participant whose own attributes match or
// any of whose transcripts does.
func TestParticipantList(t *testing.T) {
	s := studyOf(t, map[string]string{
		"qda.yaml":              "title: t\n",
		"codebook.yaml":         "codes:\n  - name: tea\n",
		"participants.csv":      "id,gender\nmay,female\nted,male\nann,female\n",
		"transcripts.csv":       "id,participant,wave\nmay-1,may,1\nmay-2,may,2\nted-1,ted,2\n",
		"transcripts/may-1.txt": "May: Hello.\n",
		"transcripts/may-2.txt": "May: Again.\n",
		"transcripts/ted-1.txt": "Ted: Hi.\n",
	})
	defer s.Close()
	ix, fs, err := s.LoadIndex()
	if err != nil || fs.Err() != nil {
		t.Fatal(err, fs.Err())
	}
	ids := func(rows []ParticipantSummary) (out []string) {
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	all := ix.ParticipantList(nil)
	want := []ParticipantSummary{
		{ID: "may", Transcripts: []string{"may-1", "may-2"}, Attributes: map[string]string{"gender": "female"}},
		{ID: "ted", Transcripts: []string{"ted-1"}, Attributes: map[string]string{"gender": "male"}},
		{ID: "ann", Transcripts: []string{}, Attributes: map[string]string{"gender": "female"}},
	}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("all: %+v, want %+v", all, want)
	}
	for _, tc := range []struct {
		filters []Filter
		want    []string
	}{
		{[]Filter{{Key: "gender", Values: []string{"FEMALE"}}}, []string{"may", "ann"}},
		{[]Filter{{Key: "wave", Values: []string{"2"}}}, []string{"may", "ted"}},
		{[]Filter{{Key: "participant", Values: []string{"ted"}}}, []string{"ted"}},
		{[]Filter{{Key: "wave", Values: []string{"9"}}}, nil},
	} {
		if got := ids(ix.ParticipantList(tc.filters)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.filters, got, tc.want)
		}
	}
}
