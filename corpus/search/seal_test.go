package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSeal: a build seals its segments; a seal that is lost is made
// again by checking the segments' CRCs, with no rebuild; a segment
// changed after it was sealed is checked, and one whose bytes fail its
// CRC makes the index rebuild.
func TestSeal(t *testing.T) {
	dir := writeStudy(t, tiny)
	want, _ := hits(t, dir, Request{Query: "bus*"})
	seal := filepath.Join(dir, sealFile)
	data, err := os.ReadFile(seal)
	if err != nil || !strings.Contains(string(data), ".zap ") {
		t.Fatalf("seal after a build: %q, %v", data, err)
	}

	os.Remove(seal)
	got, ix := hits(t, dir, Request{Query: "bus*"})
	if !slices.Equal(got, want) || len(ix.Notices) != 0 {
		t.Errorf("without a seal: %q %q, want %q and no notice", got, ix.Notices, want)
	}
	if again, _ := os.ReadFile(seal); string(again) != string(data) {
		t.Errorf("seal made again: %q, want %q", again, data)
	}

	zaps, _ := filepath.Glob(filepath.Join(dir, bleveDir, "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no segments")
	}
	for _, z := range zaps {
		if err := checkCRC(z); err != nil {
			t.Fatalf("%s: %v", z, err)
		}
		b, _ := os.ReadFile(z)
		b[len(b)/2] ^= 1 // one bit, where bleve may never look
		os.WriteFile(z, b, 0o644)
		if err := checkCRC(z); err == nil {
			t.Fatalf("%s: a flipped bit passes the CRC", z)
		}
	}
	got, ix = hits(t, dir, Request{Query: "bus*"})
	if !slices.Equal(got, want) {
		t.Errorf("after a flipped bit: %q, want %q", got, want)
	}
	if len(ix.Notices) != 1 || !strings.Contains(ix.Notices[0], "do not match its checksum") {
		t.Errorf("notices %q", ix.Notices)
	}
}
