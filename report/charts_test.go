package report

import "testing"

func TestCheckFrequencyMeasure(t *testing.T) {
	for _, tt := range []struct {
		name string
		ok   bool
	}{
		{"references", true}, {"transcripts", true}, {"participants", true}, {"lines", true}, {"words", true},
		{"presence", false}, {"", false}, {"Words", false}, {"mentions", false},
	} {
		if err := CheckFrequencyMeasure(tt.name); (err == nil) != tt.ok {
			t.Errorf("CheckFrequencyMeasure(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}
