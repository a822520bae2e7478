package corpus

import (
	"os"
	"reflect"
	"testing"
)

func TestLoadIndexFor(t *testing.T) {
	tests := []struct {
		name, transcripts, participants string
		id                              string
		full                            bool // expect the whole tables
		line                            int  // of the transcript's row
	}{
		{"one row each", "id,participant,wave\nmay-1,may,1\nted-1,ted,1\n", "id,gender\nmay,female\nted,male\n", "ted-1", false, 3},
		{"crlf", "id,participant\r\nmay-1,may\r\n", "id\r\nmay\r\n", "may-1", false, 2},
		{"quotes anywhere: whole tables", "id,participant,note\nmay-1,may,\"a,\nb\"\nted-1,ted,x\n", "id\nmay\nted\n", "ted-1", true, 4},
		{"unknown id: whole tables", "id,participant\nmay-1,may\n", "id\nmay\n", "zz", true, 0},
		{"prefix of another id", "id,participant\nmay-10,may\nmay-1,may\n", "id\nmay\n", "may-1", false, 3},
		{"wide participants", "id,participant\nmay-1,may\n", "id,gender,age\nted,male,70+\nmay,female,70+\n", "may-1", false, 2},
		{"participant missing: whole tables", "id,participant\nmay-1,may\n", "id\nted\n", "may-1", true, 2},
		{"bad row: whole tables", "id,participant\nmay-1,may,extra\n", "id\nmay\n", "may-1", true, 0},
		{"quotes only after the row: still by line", "id,participant\nmay-1,may\nted-1,ted,\"x\"\n", "id\nmay\nted\n", "may-1", false, 2},
		{"no newline at the end", "id,participant\nted-1,ted\nmay-1,may", "id\nted\nmay", "may-1", false, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			defer s.Close()
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(os.WriteFile(s.Path(TranscriptsFile), []byte(tc.transcripts), 0o644))
			must(os.WriteFile(s.Path(ParticipantsFile), []byte(tc.participants), 0o644))
			got, gotFs, err := s.LoadIndexFor(tc.id)
			must(err)
			want, wantFs, err := s.LoadIndex()
			must(err)
			if tc.full {
				if !reflect.DeepEqual(got.Transcripts.Rows, want.Transcripts.Rows) || len(gotFs) != len(wantFs) {
					t.Fatalf("want the whole tables and their findings; got %d rows, %v", len(got.Transcripts.Rows), gotFs)
				}
			} else if len(got.Transcripts.Rows) != 1 || len(got.Participants.Rows) != 1 {
				t.Fatalf("want one row of each table; got %d and %d", len(got.Transcripts.Rows), len(got.Participants.Rows))
			}
			r, ok := got.Transcripts.Lookup(tc.id)
			if tc.line == 0 {
				if ok && !tc.full {
					t.Fatalf("found %q", tc.id)
				}
				return
			}
			if !ok || r.Line != tc.line {
				t.Fatalf("row of %q: %+v, %v; want line %d", tc.id, r, ok, tc.line)
			}
			w, _ := want.Transcripts.Lookup(tc.id)
			if !reflect.DeepEqual(r, w) {
				t.Errorf("row %+v differs from the whole table's %+v", r, w)
			}
		})
	}
}
