package main

import (
	"bytes"
	"testing"

	"github.com/qdatool/qda/codebook"
)

func TestTermWidth(t *testing.T) {
	tests := []struct {
		columns string
		want    int
	}{
		{"", 0}, // not a terminal: no limit
		{"72", 72},
		{" 120 ", 120},
		{"0", 0},
		{"-5", 0},
		{"wide", 0},
	}
	for _, tc := range tests {
		t.Run(tc.columns, func(t *testing.T) {
			t.Setenv("COLUMNS", tc.columns)
			if got := termWidth(&bytes.Buffer{}); got != tc.want {
				t.Errorf("COLUMNS=%q: termWidth = %d, want %d", tc.columns, got, tc.want)
			}
		})
	}
}

func TestCodeColours(t *testing.T) {
	cb, diags := codebook.Parse("codebook.yaml", []byte(`title: t
codes:
  - name: a
    color: "#112233"
    children:
      - name: b
      - name: c
        color: "#445566"
  - name: d
    children:
      - name: e
`))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	colour := codeColours(cb)
	for path, want := range map[string]string{
		"a":       "#112233",
		"a/b":     "#112233", // a parent's colour
		"a/c":     "#445566",
		"d":       "#f28e2b", // the palette's second, for the second top-level code
		"d/e":     "#f28e2b",
		"unknown": "",
	} {
		if got := colour(path); got != want {
			t.Errorf("colour(%q) = %q, want %q", path, got, want)
		}
	}
}
