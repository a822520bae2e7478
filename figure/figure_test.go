package figure

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"math"
	"strings"
	"testing"
)

// svgElem is an element of an SVG as read back by encoding/xml.
type svgElem struct {
	Name  string
	Attrs map[string]string
	Title string
}

// readSVG parses an SVG and returns its elements, each with its <title>.
func readSVG(t *testing.T, data []byte) (root map[string]string, elems []svgElem) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*svgElem
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &svgElem{Name: tok.Name.Local, Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.Attrs[a.Name.Local] = a.Value
			}
			if e.Name == "svg" && root == nil {
				root = e.Attrs
			}
			stack = append(stack, e)
		case xml.CharData:
			if len(stack) > 1 && stack[len(stack)-1].Name == "title" {
				stack[len(stack)-2].Title += string(tok)
			}
		case xml.EndElement:
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			elems = append(elems, *e)
		}
	}
	return root, elems
}

func sample() HeatmapData {
	return HeatmapData{
		Title:      "References by participant",
		Rows:       []string{"may", "ted", "a participant <with> & a very long name indeed, longer than the label may be"},
		Cols:       []string{"Confidence", "A cup of tea & company", "Ending"},
		ColColours: []string{"#4e79a7", "", "#e15759"},
		Values:     [][]int{{1, 2, 0}, {3, 0, 1}, {0, 0, 12}},
		Noun:       func(n int) string { return fmt.Sprintf("%d references", n) },
		Width:      Column,
	}
}

// TestHeatmapSVG reads the SVG back: every cell is a rect with its row,
// column and value in its title, in text and in outlines alike.
func TestHeatmapSVG(t *testing.T) {
	d := sample()
	f := Heatmap(d)
	for _, outline := range []bool{false, true} {
		t.Run(fmt.Sprint("outline=", outline), func(t *testing.T) {
			var b bytes.Buffer
			if err := f.WriteSVG(&b, SVGOptions{Outline: outline}); err != nil {
				t.Fatal(err)
			}
			root, elems := readSVG(t, b.Bytes())
			if root["viewBox"] == "" || root["role"] != "img" {
				t.Errorf("svg attributes %v", root)
			}
			cells := map[string]string{}
			texts := 0
			for _, e := range elems {
				if e.Attrs["class"] == "cell" {
					cells[e.Attrs["data-i"]+","+e.Attrs["data-j"]] = e.Title
				}
				if e.Name == "text" {
					texts++
				}
				if e.Name == "path" && outline && e.Attrs["d"] == "" && e.Attrs["aria-label"] != "" {
					t.Errorf("text %q has no outline", e.Attrs["aria-label"])
				}
			}
			if len(cells) != len(d.Rows)*len(d.Cols) {
				t.Errorf("%d cells, want %d", len(cells), len(d.Rows)*len(d.Cols))
			}
			for i, r := range d.Rows {
				for j, c := range d.Cols {
					want := fmt.Sprintf("%s · %s: %d references", r, c, d.Values[i][j])
					if got := cells[fmt.Sprintf("%d,%d", i, j)]; got != want {
						t.Errorf("cell %d,%d title %q, want %q", i, j, got, want)
					}
				}
			}
			if outline && texts != 0 {
				t.Errorf("%d <text> elements in an outlined SVG", texts)
			}
			if !outline && texts == 0 {
				t.Error("no <text> in an SVG that keeps its text")
			}
		})
	}
	if f.W > Column+1 {
		t.Errorf("width %.1f pt, over a column (%.0f pt)", f.W, Column)
	}
}

func TestBarsSVG(t *testing.T) {
	d := BarsData{Title: "Refs", Categories: []string{"Confidence", "Tea"}, Series: []string{"female", "male", "(none)"},
		Values: [][]float64{{3, 1, 0}, {2, math.NaN(), 5}}, Width: Column}
	var b bytes.Buffer
	if err := Bars(d).WriteSVG(&b, SVGOptions{}); err != nil {
		t.Fatal(err)
	}
	_, elems := readSVG(t, b.Bytes())
	var titles []string
	for _, e := range elems {
		if e.Attrs["class"] == "bar" {
			titles = append(titles, e.Title)
		}
	}
	want := "Confidence · female: 3|Confidence · male: 1|Confidence · (none): 0|Tea · female: 2|Tea · male: n/a|Tea · (none): 5"
	if got := strings.Join(titles, "|"); got != want {
		t.Errorf("bars\n%s\nwant\n%s", got, want)
	}
}

// TestPNG draws the heat map at 300 dpi: its pixels are the figure's size
// in inches times 300, and the file says so in its pHYs chunk.
func TestPNG(t *testing.T) {
	f := Heatmap(sample())
	var b bytes.Buffer
	if err := f.WritePNG(&b); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	wantW, wantH := int(math.Round(f.W/72*DPI)), int(math.Round(f.H/72*DPI))
	if got := img.Bounds().Size(); abs(got.X-wantW) > 1 || abs(got.Y-wantH) > 1 {
		t.Errorf("%v pixels, want %dx%d", got, wantW, wantH)
	}
	data := b.Bytes()
	i := bytes.Index(data, []byte("pHYs"))
	if i < 0 {
		t.Fatal("no pHYs chunk")
	}
	ppm := binary.BigEndian.Uint32(data[i+4:])
	if dpi := float64(ppm) * 0.0254; math.Abs(dpi-DPI) > 0.5 || data[i+12] != 1 {
		t.Errorf("pHYs says %.1f dpi", dpi)
	}
	// The darkest cell (12, the top of the scale) is drawn in the darkest blue.
	var dark bool
	for y := 0; y < img.Bounds().Dy() && !dark; y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 == 0x08 && g>>8 == 0x30 && bl>>8 == 0x6b {
				dark = true
				break
			}
		}
	}
	if !dark {
		t.Error("no cell in the darkest shade")
	}
}

func TestShade(t *testing.T) {
	for _, tc := range []struct {
		v, top    int
		fill, ink string
	}{
		{0, 5, "#ffffff", "#57606a"},
		{1, 5, Blues[0], "#1b1f24"},
		{5, 5, Blues[7], "#ffffff"},
		{50, 5, Blues[7], "#ffffff"},
		{1, 1, Blues[0], "#1b1f24"},
	} {
		fill, ink := Shade(tc.v, tc.top)
		if fill != tc.fill || ink != tc.ink {
			t.Errorf("Shade(%d, %d) = %s %s, want %s %s", tc.v, tc.top, fill, ink, tc.fill, tc.ink)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{0, 39, "[0 10 20 30 40]"},
		{0, 7, "[0 1 2 3 4 5 6 7]"},
		{0, 1, "[0 0.2 0.4 0.6 0.8 1]"},
		{0, 0, "[0 0.2 0.4 0.6 0.8 1]"},
		{-0.2, 1, "[-0.2 0 0.2 0.4 0.6 0.8 1]"},
	} {
		if got := fmt.Sprint(niceTicks(tc.lo, tc.hi)); got != tc.want {
			t.Errorf("niceTicks(%g, %g) = %s, want %s", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestFitsWidth: a figure asked for a column's or the page's width is no
// wider, with a dozen codes of long names in a column and every code of
// the demo (27) across the page, and its smallest text stays 7 points.
func TestFitsWidth(t *testing.T) {
	names := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("Code %d: companionship and being listened to", i))
		}
		return out
	}
	square := func(n, big int) [][]int {
		v := make([][]int, n)
		for i := range v {
			v[i] = make([]int, n)
			v[i][i] = big
		}
		return v
	}
	wide := []string{"bereaved", "living-alone", "mobility-health", "retired", "separated", "young-parent"}
	for _, tc := range []struct {
		name  string
		f     *Figure
		width float64
	}{
		{"12 codes in a column", Heatmap(HeatmapData{Rows: names(12), Cols: names(12), Values: square(12, 81), Top: 8, Width: Column}), Column},
		{"27 codes across the page", Heatmap(HeatmapData{Rows: names(27), Cols: names(27), Values: square(27, 99), Width: Page}), Page},
		{"six groups' key in a column", Bars(BarsData{Categories: names(3), Series: wide, Values: [][]float64{{2580, 2597, 2614, 497, 1191, 521}}, Width: Column}), Column},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.f.W > tc.width+1 {
				t.Errorf("%.1f pt wide, over the %.0f pt asked for", tc.f.W, tc.width)
			}
			for _, it := range tc.f.Items {
				if it.Kind == Text && it.Size < valueSize {
					t.Errorf("text %q at %.1f pt, under %.1f", it.Text, it.Size, valueSize)
				}
				if it.Kind != Line && it.X+it.W > tc.f.W+0.01 {
					t.Errorf("%q reaches %.1f, past the figure's width %.1f", it.Text, it.X+it.W, tc.f.W)
				}
			}
		})
	}
}

// TestLegendTop: a scale topped below the largest count says "or more".
func TestLegendTop(t *testing.T) {
	legend := func(f *Figure) string { return f.Items[len(f.Items)-1].Text }
	d := HeatmapData{Rows: []string{"a", "b"}, Cols: []string{"a", "b"}, Values: [][]int{{81, 2}, {2, 9}}}
	if got := legend(Heatmap(d)); got != "81" {
		t.Errorf("legend ends %q, want 81", got)
	}
	d.Top = 2
	if got := legend(Heatmap(d)); got != "2 or more" {
		t.Errorf("legend ends %q, want \"2 or more\"", got)
	}
}

// TestColumnLabelLines: a long column label in a wide cell takes two
// lines, split at a space, whole; a short one, or one in a narrow cell,
// one line.
func TestColumnLabelLines(t *testing.T) {
	long := "Developing confidence for day-to-day tasks and travel on buses"
	labels := func(f *Figure) []string {
		var out []string
		for _, it := range f.Items {
			if it.Kind == Text && it.Vertical && it.Title == long {
				out = append(out, it.Text)
			}
		}
		return out
	}
	few := Heatmap(HeatmapData{Rows: []string{"female", "male"}, Cols: []string{"Tea", long}, Values: [][]int{{1, 2}, {3, 4}}, Width: Column})
	if got := labels(few); len(got) != 2 || got[0]+" "+got[1] != long || math.Abs(float64(len(got[0])-len(got[1]))) > 12 {
		t.Errorf("two columns: label lines %q, want two halves of %q", got, long)
	}
	cols := []string{long}
	for i := range 13 {
		cols = append(cols, fmt.Sprint("code ", i))
	}
	many := Heatmap(HeatmapData{Rows: []string{"a"}, Cols: cols, Values: [][]int{make([]int, len(cols))}, Width: Column})
	if got := labels(many); len(got) != 1 || got[0] != cut(long) {
		t.Errorf("fourteen columns: label lines %q, want one, cut", got)
	}
}
