package search

import (
	"bytes"
	"testing"
)

// TestQuickUndecodedNotSaved: records of a quick file that do not
// decode are an error from list, not an empty list, and encodeQuick
// refuses them, so no quick file listing none of the manifest's
// transcripts is written; records that decode encode as they were.
func TestQuickUndecodedNotSaved(t *testing.T) {
	good := &quickData{of: fileID{size: 100, mtime: 7, ino: 3}, headLen: 10, recs: []quickRec{
		{id: "alex-1", docs: 4, pieces: 1, size: 50, mtime: 9, off: 10, n: 20},
		{id: "bo-2", docs: 2, size: 60, mtime: 8, off: 30, n: 70},
	}}
	data := encodeQuick(good)
	if data == nil {
		t.Fatal("decoded records not encoded")
	}
	q, err := readQuickHead(data)
	if err != nil {
		t.Fatal(err)
	}
	if again := encodeQuick(q); !bytes.Equal(again, data) {
		t.Fatalf("undecoded records encode as\n%q\nwant\n%q", again, data)
	}

	// The second record's line runs past the manifest: the head reads,
	// the records do not decode.
	bad := *good
	bad.recs = append([]quickRec(nil), good.recs...)
	bad.recs[1].n = 71
	q, err = readQuickHead(encodeQuick(&bad))
	if err != nil {
		t.Fatal(err)
	}
	if recs, err := q.list(); err == nil {
		t.Fatalf("list: %d records and no error, want the error", len(recs))
	}
	if b := encodeQuick(q); b != nil {
		t.Fatalf("records that do not decode encoded as %q", b)
	}
}
