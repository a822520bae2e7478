package figure

import (
	"errors"
	"testing"
)

func TestWidth(t *testing.T) {
	tests := []struct {
		name string
		want float64
		ok   bool
	}{
		{"column", Column, true},
		{"page", Page, true},
		{"Page", 0, false},
		{"", 0, false},
		{"7in", 0, false},
	}
	for _, tt := range tests {
		if got, ok := Width(tt.name); got != tt.want || ok != tt.ok {
			t.Errorf("Width(%q) = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	if WidthName(Column) == WidthName(Page) {
		t.Errorf("column and page are both named %q", WidthName(Page))
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		name       string
		w, h, into float64
		want       Fit
	}{
		{"fits", Column, 100, Column, Fit{Shrink: 1}},
		{"a point over is within", Column + 1, 100, Column, Fit{Shrink: 1}},
		{"twice as wide", 2 * Column, 100, Column, Fit{Shrink: 0.5}},
		{"page wide in a page", Page, 100, Page, Fit{Shrink: 1}},
		{"page wide in a column", Page, 100, Column, Fit{Shrink: 0.5}},
		{"a page tall", Column, PageHeight + 1, Column, Fit{Shrink: 1}},
		{"taller than a page", Column, PageHeight + 2, Column, Fit{Shrink: 1, Tall: true}},
	}
	for _, tt := range tests {
		got := (&Figure{W: tt.w, H: tt.h}).Fit(tt.into)
		if got != tt.want || got.Wide() != (tt.want.Shrink < 1) {
			t.Errorf("%s: Fit = %+v (wide %v), want %+v", tt.name, got, got.Wide(), tt.want)
		}
	}
}

func TestCheckSize(t *testing.T) {
	tests := []struct {
		rows, cols, series int
		what               string // "" for no error
	}{
		{0, 0, 0, ""},
		{MaxRows, MaxCols, len(OkabeIto), ""},
		{MaxRows + 1, 0, 0, Rows},
		{0, MaxCols + 1, 0, Cols},
		{0, 0, len(OkabeIto) + 1, Series},
		{MaxRows + 1, MaxCols + 1, 99, Rows}, // rows are said first
	}
	for _, tt := range tests {
		err := CheckSize(tt.rows, tt.cols, tt.series)
		var tl *TooLarge
		switch {
		case tt.what == "" && err != nil:
			t.Errorf("CheckSize(%d, %d, %d) = %v, want none", tt.rows, tt.cols, tt.series, err)
		case tt.what != "" && (!errors.As(err, &tl) || tl.What != tt.what):
			t.Errorf("CheckSize(%d, %d, %d) = %v, want too many %s", tt.rows, tt.cols, tt.series, err, tt.what)
		}
	}
}
