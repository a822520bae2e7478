package main

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
)

// TestPrintOnCores: hits formatted on every core print byte for byte as
// printHits prints them one by one (through a pipe, on a terminal, in
// colour), in order, without the hits of a transcript the study lacks,
// and count the summary's transcripts and participants; an error
// reading the rows is returned, with nothing printed.
func TestPrintOnCores(t *testing.T) {
	cb, findings := codebook.Parse("codebook.yaml", []byte("codes:\n  - name: travel\n    colour: '#ff0000'\n    codes:\n      - name: bus\n  - name: tea\n"))
	if findings.Err() != nil {
		t.Fatal(findings)
	}
	var hits []search.Hit
	for i := range 5000 {
		id := fmt.Sprintf("p%d-1", i/3)
		if i%97 == 0 {
			id = "gone-1"
		}
		refs := map[string][]string{"jt": {"bus"}}
		switch i % 4 {
		case 1:
			refs = map[string][]string{}
		case 2:
			refs["ab"] = []string{"tea", "travel/bus", "nowhere"}
		}
		hits = append(hits, search.Hit{Transcript: id, Line: i%40 + 1, Refs: refs, Stored: true,
			Text: fmt.Sprintf("Pat: line %d took the bus, a long way round the town and back again", i), Spans: []search.Span{{Start: 5, End: 9}}})
	}
	participant := func(id string) (string, bool) {
		if id == "gone-1" {
			return "", false
		}
		var n int
		fmt.Sscanf(id, "p%d-1", &n)
		return fmt.Sprint("p", n/2), true
	}
	for _, tc := range []struct {
		name   string
		colour bool
		width  int
		coders []string
	}{
		{"pipe", false, 0, nil},
		{"pipe, one coder", false, 0, []string{"ab"}},
		{"terminal", false, 60, nil},
		{"colour", true, 100, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []hitJSON
			res := corpus.NewResolver(cb)
			ts, ps := map[string]bool{}, map[string]bool{}
			for _, h := range hits {
				who, ok := participant(h.Transcript)
				if !ok {
					continue
				}
				ts[h.Transcript], ps[who] = true, true
				want = append(want, lineHit(&h, h.Text, tc.coders, res))
			}
			var wantOut, got bytes.Buffer
			printHitsTo(&wantOut, tc.colour, tc.width, cb, want, 0)
			slow := func() error { time.Sleep(20 * time.Millisecond); return nil } // the rows come after the formatting
			n, nt, np, err := printOnCores(&got, tc.colour, tc.width, cb, hits, tc.coders, slow, participant)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != wantOut.String() {
				t.Errorf("%d bytes, printHits printed %d", got.Len(), wantOut.Len())
			}
			if n != len(want) || nt != len(ts) || np != len(ps) {
				t.Errorf("%d hits in %d transcripts of %d participants, want %d, %d, %d", n, nt, np, len(want), len(ts), len(ps))
			}
		})
	}
	// A write that fails (a full disk behind stdout) is an error on both
	// paths, with or without context.
	full := errors.New("no space left on device")
	for _, context := range []int{0, 1} {
		if err := printHitsTo(failWriter{full}, false, 0, cb, []hitJSON{{Transcript: "t", File: "t.txt", Line: 1, Text: "x"}}, context); !errors.Is(err, full) {
			t.Errorf("printHitsTo, context %d, to a full disk: %v", context, err)
		}
	}
	if _, _, _, err := printOnCores(failWriter{full}, false, 0, cb, hits, nil, func() error { return nil }, participant); !errors.Is(err, full) {
		t.Errorf("printOnCores to a full disk: %v", err)
	}
	var out bytes.Buffer
	bad := errors.New("participants.csv: line 3: broken")
	if _, _, _, err := printOnCores(&out, false, 0, cb, hits, nil, func() error { return bad }, participant); err != bad || out.Len() != 0 {
		t.Errorf("err %v, %d bytes printed", err, out.Len())
	}
	if canPrintOnCores(nil) || canPrintOnCores([]search.Hit{{Stored: false}}) || canPrintOnCores([]search.Hit{{Stored: true, Text: string(make([]byte, onCoresMaxText+1))}}) || !canPrintOnCores(hits) {
		t.Error("canPrintOnCores")
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }
