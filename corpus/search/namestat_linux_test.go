package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/qdatool/qda/internal/ahead"
)

// A sandbox whose seccomp filter refuses statx (EPERM) must not make
// every file look missing: the manifest would record that and match it
// for ever, and an edit would never be seen. statAt answers instead.
func TestStatxRefused(t *testing.T) {
	defer func(f func(uintptr, *byte, *unix.Statx_t) unix.Errno) { ahead.Statx = f }(ahead.Statx)
	ahead.Statx = func(uintptr, *byte, *unix.Statx_t) unix.Errno { return unix.EPERM }

	dir := writeStudy(t, tiny)
	f, err := os.Open(filepath.Join(dir, "transcripts"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ns := ahead.NewNameStat(f)
	if got, want := stateOf(ns.Stat("ted-1", ".txt")), statAt(f, "ted-1.txt"); got != want || got.Size != int64(len(tiny["transcripts/ted-1.txt"])) {
		t.Errorf("statx refused: nameStat says %+v, statAt %+v", got, want)
	}
	if got := ns.Stat("nobody", ".txt"); got.Size != -1 {
		t.Errorf("statx refused: a missing file is %+v, want size -1", got)
	}
	ageStudy(dir)
	quickHits(t, dir, Request{Query: "bus"}) // builds the index, every stat refused
	quickHits(t, dir, Request{Query: "bus"})
	ageStudy(dir)
	quickHits(t, dir, Request{Query: "bus"})
	ix := openIndex(t, dir)
	if e := ix.man.Transcripts["ted-1"]; e != nil && e.Text.Size < 0 {
		t.Errorf("the manifest records ted-1 as missing (%+v) though it was read", e.Text)
	}
	ix.Close()
	editInPlace(t, dir, "transcripts/ted-1.txt", strings.Replace(tiny["transcripts/ted-1.txt"], "the bus", "a zebra", 1)+"\n")
	if got, want := searchIDs(t, openIndex(t, dir), Request{Query: "zebra"}), []string{"ted-1:3"}; !slices.Equal(got, want) {
		t.Errorf("after an edit, with statx refused: got %q, want %q", got, want)
	}
}
