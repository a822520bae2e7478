package search

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// buildChunks builds a 60-participant demo from nothing in chunks of
// 15,000 tokens and returns copies of the chunks' segment files, as
// the build's final merge is given them.
func buildChunks(t *testing.T) []string {
	t.Helper()
	dir, _, _ := buildStudy(t)
	keep := t.TempDir()
	var chunks []string
	defer func(n int) { chunkTokens = n }(chunkTokens)
	chunkTokens = 15000
	buildPoint = func(step string) {
		if step != "analysed" {
			return
		}
		found, _ := filepath.Glob(filepath.Join(dir, Dir, "build-*.zap"))
		for i := range found {
			// In the order they were written, which is the merge's.
			src := filepath.Join(dir, Dir, fmt.Sprintf("build-%d.zap", i))
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			dst := filepath.Join(keep, filepath.Base(src))
			if err := os.WriteFile(dst, data, 0o600); err != nil {
				t.Fatal(err)
			}
			chunks = append(chunks, dst)
		}
	}
	defer func() { buildPoint = nil }()
	openWith(t, dir, Options{}).Close()
	if len(chunks) < 4 {
		t.Fatalf("%d chunks, want several", len(chunks))
	}
	return chunks
}

// residentKB is how much of the mapping m is in this process's
// resident set, from /proc/self/smaps (the mapping's Rss).
func residentKB(t *testing.T, m []byte) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	start := strconv.FormatUint(uint64(uintptr(unsafe.Pointer(&m[0]))), 16)
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if head, _, ok := strings.Cut(line, "-"); ok && !strings.Contains(head, " ") && !strings.HasSuffix(line, ":") && strings.Count(line, " ") >= 4 {
			in = head == start
			continue
		}
		if in && strings.HasPrefix(line, "Rss:") {
			kb, err := strconv.Atoi(strings.Fields(line)[1])
			if err != nil {
				t.Fatal(err)
			}
			return kb
		}
	}
	t.Fatalf("mapping at %s not in /proc/self/smaps", start)
	return 0
}

// TestMergeDropsPages: the build's final merge lets go of its inputs'
// mapped pages as it goes, so its resident set holds a few of them at
// a time, not the whole index; and the merged segment is the same
// bytes as without that.
func TestMergeDropsPages(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	chunks := buildChunks(t)
	total, largest := 0, 0
	for _, c := range chunks {
		fi, err := os.Stat(c)
		if err != nil {
			t.Fatal(err)
		}
		total += int(fi.Size()) / 1024
		largest = max(largest, int(fi.Size())/1024)
	}
	// zapx copies a chunk's stored values in one write, so that much is
	// resident at once whatever the drops; beyond it, little.
	bound := largest + total/8
	defer func(d time.Duration, p uint64) { dropInterval, probeEvery = d, p }(dropInterval, probeEvery)
	probeEvery = 8 << 10
	defer func() { mergeProbe = nil }()
	// The inputs' resident kB each time 8 kB more were written.
	merge := func(every time.Duration) (samples []int, drops int, out []byte) {
		dropInterval = every
		mergeProbe = func(maps [][]byte) {
			kb := 0
			for _, m := range maps {
				kb += residentKB(t, m)
			}
			samples = append(samples, kb)
		}
		path := filepath.Join(t.TempDir(), "merged.zap")
		drops, err := mergeZapPages(chunks, path)
		if err != nil {
			t.Fatal(err)
		}
		out, err = os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(samples)
		return samples, drops, out
	}
	// Without drops the merge's inputs end up resident nearly whole:
	// what the build's peak RSS counted (and what shows the probe sees).
	// Medians, not peaks, with drops: on a loaded machine the dropping
	// goroutine may wait its turn for a while, never for most of a merge.
	kept, _, want := merge(time.Hour)
	keptKB, keptMedian := kept[len(kept)-1], kept[len(kept)/2]
	if keptKB < total*3/4 || keptMedian <= bound {
		t.Fatalf("without drops, %d kB of %d kB of inputs resident at most, %d kB at the median probe (largest chunk %d kB): the probe does not see the merge's pages, or the chunks are too few", keptKB, total, keptMedian, largest)
	}
	// A drop every millisecond: many in a merge of a few megabytes.
	dropped, drops, got := merge(time.Millisecond)
	peakKB, median := dropped[len(dropped)-1], dropped[len(dropped)/2]
	if drops < 2 {
		t.Errorf("the pages were dropped %d times in a merge of %d kB", drops, total)
	}
	if median > bound {
		t.Errorf("with drops every millisecond, %d kB of %d kB of inputs resident at the median probe, over the largest chunk (%d kB) and an eighth", median, total, largest)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the merged segment differs with drops (%d bytes, want %d)", len(got), len(want))
	}
	t.Logf("%d chunks, %d kB, the largest %d kB: resident at most %d kB (median %d) without drops, %d kB (median %d) with %d drops", len(chunks), total, largest, keptKB, keptMedian, peakKB, median, drops)
}
