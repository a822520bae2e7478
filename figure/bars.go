package figure

import (
	"fmt"
	"math"
	"strconv"
)

// BarsData is values of categories (codes) by series (an attribute's
// values, or statistics), drawn as grouped horizontal bars.
type BarsData struct {
	Title      string
	Categories []string
	Series     []string
	// Values are [category][series].
	Values [][]float64
	// Format prints a value on its bar and in its title. NaN is n/a: no bar.
	Format func(float64) string
	// Min and Max fix the scale (both 0: from 0 to the largest value).
	Min, Max float64
	Width    float64
}

// Bars lays out d: a category's label, then one bar per series, values at
// the bars' ends, an axis with ticks, and a key of the series' colours.
func Bars(d BarsData) *Figure {
	f := &Figure{Title: d.Title}
	format := d.Format
	if format == nil {
		format = func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	}
	lo, hi := d.Min, d.Max
	if lo == 0 && hi == 0 {
		for _, row := range d.Values {
			for _, v := range row {
				if !math.IsNaN(v) {
					hi = math.Max(hi, v)
					lo = math.Min(lo, v)
				}
			}
		}
	}
	ticks := niceTicks(lo, hi)
	lo, hi = ticks[0], ticks[len(ticks)-1]
	const pad = 4.0
	width := d.Width
	if width <= 0 {
		width = Column
	}
	labels := make([]string, len(d.Categories))
	labelW := 0.0
	for i, c := range d.Categories {
		labels[i] = fit(cut(c), labelSize, width*2/5)
		labelW = max(labelW, textWidth(labels[i], labelSize, false))
	}
	left := pad + labelW + pad
	valueW := textWidth(format(hi)+"0", valueSize, false)
	plotW := max(width-left-pad-valueW, 60)
	f.W = left + plotW + valueW + pad
	barH := 8.0
	groupH := barH*float64(len(d.Series)) + 5
	xOf := func(v float64) float64 { return left + (v-lo)/(hi-lo)*plotW }
	// The key: a swatch and a name per series, in lines as wide as the
	// figure (one line of six groups was twice a column's width).
	const keyLine = 12.0
	keyH := 0.0
	if len(d.Series) > 1 {
		kx, ky := left, pad
		for s, name := range d.Series {
			name = fit(cut(name), labelSize, f.W-left-pad-9)
			w := 9 + textWidth(name, labelSize, false)
			if kx > left && kx+w > f.W-pad {
				kx, ky = left, ky+keyLine
			}
			f.Items = append(f.Items,
				Item{Kind: Rect, X: kx, Y: ky + 2, W: 7, H: 7, Fill: OkabeIto[s%len(OkabeIto)]},
				Item{Kind: Text, X: kx + 9, Y: ky + 8.5, Text: name, Size: labelSize, Title: d.Series[s]})
			kx += w + 8
		}
		keyH = ky - pad + keyLine + 2
	}
	y := pad + keyH
	for i, c := range d.Categories {
		f.Items = append(f.Items, Item{Kind: Text, X: left - pad, Y: y + groupH/2 + 2, Text: labels[i], Size: labelSize, Anchor: End, Title: c})
		for s, name := range d.Series {
			v := 0.0
			if i < len(d.Values) && s < len(d.Values[i]) {
				v = d.Values[i][s]
			}
			by := y + barH*float64(s)
			if math.IsNaN(v) {
				// Undefined (kappa with no variation): no bar, and says so.
				title := fmt.Sprintf("%s · %s: n/a", c, name)
				f.Items = append(f.Items,
					Item{Kind: Rect, X: xOf(math.Max(lo, 0)), Y: by, W: 0, H: barH - 1, Class: "bar", Data: [2]int{i, s}, Title: title},
					Item{Kind: Text, X: xOf(math.Max(lo, 0)) + 2, Y: by + barH - 1.5, Text: "n/a", Size: valueSize, Fill: "#57606a"})
				continue
			}
			x0, x1 := xOf(math.Max(lo, 0)), xOf(v)
			if x1 < x0 {
				x0, x1 = x1, x0
			}
			title := fmt.Sprintf("%s · %s: %s", c, name, format(v))
			if len(d.Series) == 1 {
				title = fmt.Sprintf("%s: %s", c, format(v))
			}
			f.Items = append(f.Items,
				Item{Kind: Rect, X: x0, Y: by, W: math.Max(x1-x0, 0.5), H: barH - 1, Fill: OkabeIto[s%len(OkabeIto)], Class: "bar", Data: [2]int{i, s}, Title: title},
				Item{Kind: Text, X: x1 + 2, Y: by + barH - 1.5, Text: format(v), Size: valueSize})
		}
		y += groupH
	}
	// The axis.
	f.Items = append(f.Items, Item{Kind: Line, X: left, Y: y, W: plotW, Stroke: "#57606a"})
	for _, t := range ticks {
		x := xOf(t)
		f.Items = append(f.Items,
			Item{Kind: Line, X: x, Y: pad + keyH, H: y - pad - keyH, Stroke: "#e1e4e8"},
			Item{Kind: Text, X: x, Y: y + 9, Text: format(t), Size: valueSize, Anchor: Middle, Fill: "#57606a"})
	}
	f.H = y + 14
	f.Desc = fmt.Sprintf("A bar chart of %d categories by %d series; each bar's value is written at its end.", len(d.Categories), len(d.Series))
	// Grid lines go under the bars: move them first.
	var grid, rest []Item
	for _, it := range f.Items {
		if it.Kind == Line && it.Stroke == "#e1e4e8" {
			grid = append(grid, it)
		} else {
			rest = append(rest, it)
		}
	}
	f.Items = append(grid, rest...)
	return f
}

// niceTicks are round values from at most lo to at least hi, four to
// eight of them.
func niceTicks(lo, hi float64) []float64 {
	if hi <= lo {
		hi = lo + 1
	}
	span := hi - lo
	step := math.Pow(10, math.Floor(math.Log10(span/5)))
	for _, m := range []float64{1, 2, 5, 10} {
		if span/(step*m) <= 7 {
			step *= m
			break
		}
	}
	start := math.Floor(lo/step) * step
	var out []float64
	for v := start; v < hi+step-1e-9; v += step {
		// Rounded to 12 digits: 3 × 0.2 is 0.6000000000000001.
		r, _ := strconv.ParseFloat(strconv.FormatFloat(math.Round(v/step)*step, 'g', 12, 64), 64)
		out = append(out, r)
	}
	if len(out) < 2 {
		out = append(out, start+step)
	}
	return out
}
