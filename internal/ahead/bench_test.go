package ahead

import (
	"fmt"
	"os"
	"testing"
)

// BenchmarkNameStat is a stat of a transcript, the quick check's unit
// of work: go test -bench NameStat ./internal/ahead/
func BenchmarkNameStat(b *testing.B) {
	dir := b.TempDir()
	for i := range 1000 {
		os.WriteFile(fmt.Sprintf("%s/t-%d.txt", dir, i), []byte("hello\n"), 0o644)
	}
	f, err := os.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	names := make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprintf("t-%d", i)
	}
	ns := NewNameStat(f)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ns.Stat(names[i%1000], ".txt")
	}
}
