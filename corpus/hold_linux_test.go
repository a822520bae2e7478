package corpus

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestBatchClosesHeldFiles: every old file a batch's renames hold open
// (holdOld's O_PATH handles, let go of by the releasers) is closed when
// Commit returns, for both kinds of batch: a batch of tens of thousands
// of files must not leave the process a handle each.
func TestBatchClosesHeldFiles(t *testing.T) {
	for _, kind := range batchKinds {
		t.Run(kind.name, func(t *testing.T) {
			s := &Study{Root: t.TempDir()}
			const n = 600 // more than the releasers hold at once (releaseAhead)
			write := func(content string) {
				b := kind.new(s)
				for i := range n {
					b.Put(fmt.Sprintf("transcripts/t%d.txt", i), []byte(content))
				}
				must(t, b.Commit())
			}
			write("old")
			before := pathHandles(t)
			write("new") // replaces all n, each held across its rename
			if after := pathHandles(t); after != before {
				t.Errorf("%d O_PATH handles open before a batch replacing %d files, %d after", before, n, after)
			}
			if got, _ := readFile(s.Path("transcripts/t0.txt")); got != "new" {
				t.Errorf("t0.txt = %q, want %q", got, "new")
			}
		})
	}
}

// pathHandles counts the process's files open with O_PATH, as holdOld
// opens them (other files, which other tests' leftovers may close
// meanwhile, are not counted).
func pathHandles(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fdinfo")
	if err != nil {
		t.Skipf("cannot list open files: %v", err)
	}
	n := 0
	for _, fd := range fds {
		info, err := os.ReadFile("/proc/self/fdinfo/" + fd.Name())
		if err != nil {
			continue // closed meanwhile (the directory's own, say)
		}
		for l := range strings.Lines(string(info)) {
			if v, ok := strings.CutPrefix(l, "flags:"); ok {
				flags, err := strconv.ParseUint(strings.TrimSpace(v), 8, 64)
				if err == nil && flags&unix.O_PATH != 0 {
					n++
				}
			}
		}
	}
	return n
}
