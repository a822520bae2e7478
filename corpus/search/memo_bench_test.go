package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkMemoAnalyzer analyzes a demo study's lines with each text
// field's analyzer, as the mapping has it and remembered: the English
// chain pays to be remembered, the exact field's lowercase does not
// (newAnalyzers). Read CPU, not ns/op, on a busy machine.
func BenchmarkMemoAnalyzer(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(benchDir(b), "transcripts", "*.txt"))
	var lines [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			lines = append(lines, []byte(l))
		}
	}
	for i, name := range []string{"en", "exact"} {
		p := memoPair(b)[i]
		for j, kind := range []string{"plain", "memo"} {
			b.Run(name+"/"+kind, func(b *testing.B) {
				buf := make([]byte, 0, 1<<16)
				for b.Loop() {
					for _, l := range lines {
						buf = append(buf[:0], l...) // the filters rewrite it
						p[j].Analyze(buf)
					}
				}
			})
		}
	}
}
