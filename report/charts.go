package report

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math"
	"strconv"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
	"github.com/qdatool/qda/figure"
)

// chartsPage is what the charts page shows.
type chartsPage struct {
	R        *Report
	By       string
	Freq     []chart
	AgreeSVG *chart
}

// chart is an SVG figure inline in a page, with its caption.
type chart struct {
	SVG     template.HTML
	Caption string
}

func (r *Report) charts() (chartsPage, error) {
	p := chartsPage{R: r, By: r.By}
	codes := r.Matrix.Columns
	for i, measure := range []string{"references", "participants"} {
		f := FrequencyFigure(r.Stats, codes, measure, figure.Page)
		svg, err := inlineSVG(f, fmt.Sprintf("freq%d", i))
		if err != nil {
			return p, err
		}
		caption := fmt.Sprintf("%s of each code", title(measure))
		if r.By != "" {
			caption += " by " + r.By
		}
		p.Freq = append(p.Freq, chart{SVG: svg, Caption: caption + ", as qda stats counts them."})
	}
	if r.Agree != nil && len(r.Agree.Codes) > 0 {
		svg, err := inlineSVG(AgreementFigure(r.Agree, figure.Page), "agree")
		if err != nil {
			return p, err
		}
		p.AgreeSVG = &chart{SVG: svg, Caption: "Krippendorff's alpha and kappa per code; a missing bar is n/a (see the table)."}
	}
	return p, nil
}

// inlineSVG is f as SVG for a page: its text kept as text.
func inlineSVG(f *figure.Figure, id string) (template.HTML, error) {
	var b bytes.Buffer
	if err := f.WriteSVG(&b, figure.SVGOptions{Inline: true, ID: id}); err != nil {
		return "", err
	}
	// The SVG is written by package figure, which escapes every text it
	// takes from the study.
	return template.HTML(b.String()), nil
}

// CheckFrequencyMeasure refuses a measure FrequencyFigure cannot draw:
// one qda stats does not count, or presence, a yes or no a cell, which
// makes no bars.
func CheckFrequencyMeasure(name string) error {
	if name == "presence" || export.CheckMeasure(name) != nil {
		return errors.New("use references, transcripts, participants, lines or words")
	}
	return nil
}

// FrequencyFigure is the bars of measure for codes, a series per group of
// stats' By (one series when it has none).
func FrequencyFigure(stats *corpus.StatsResult, codes []*codebook.Code, measure string, width float64) *figure.Figure {
	d := figure.BarsData{Title: title(measure) + " of each code", Width: width,
		Format: func(v float64) string { return strconv.Itoa(int(v)) }}
	byCode := map[*codebook.Code]corpus.CodeStats{}
	for _, cs := range stats.Codes {
		byCode[cs.Code] = cs
	}
	if len(stats.Groups) == 0 {
		d.Series = []string{"all"}
	} else {
		d.Series = stats.Groups
	}
	for _, c := range codes {
		d.Categories = append(d.Categories, c.DisplayLabel())
		cs := byCode[c]
		var row []float64
		if len(stats.Groups) == 0 {
			v, _ := cs.Total.Get(measure)
			row = append(row, float64(v))
		}
		for _, g := range stats.Groups {
			v, _ := cs.By[g].Get(measure)
			row = append(row, float64(v))
		}
		d.Values = append(d.Values, row)
	}
	if len(stats.Groups) > 0 {
		d.Title += " by group"
	}
	return figure.Bars(d)
}

// HeatmapFigure is the matrix as a heat map figure.
func HeatmapFigure(m *export.Matrix, width float64) *figure.Figure {
	d := figure.HeatmapData{Title: fmt.Sprintf("%s by %s", title(m.Measure), m.RowsBy), Width: width,
		Noun: func(n int) string { return MeasureNoun(m.Measure, n) }}
	for _, c := range m.Columns {
		d.Cols = append(d.Cols, c.DisplayLabel())
		d.ColColours = append(d.ColColours, c.Colour())
	}
	for _, row := range m.Rows {
		d.Rows = append(d.Rows, row.Key)
		d.Values = append(d.Values, row.Values)
	}
	return figure.Heatmap(d)
}

// CooccurrenceFigure is the co-occurrence table as a heat map figure.
func CooccurrenceFigure(c *export.Cooccurrence, width float64) *figure.Figure {
	d := figure.HeatmapData{Title: "Co-occurrence of codes", Width: width, Values: c.Counts, Top: offDiagonalMax(c),
		Noun: func(n int) string { return MeasureNoun("references", n) }}
	for _, code := range c.Codes {
		d.Rows = append(d.Rows, code.DisplayLabel())
		d.Cols = append(d.Cols, code.DisplayLabel())
		d.ColColours = append(d.ColColours, code.Colour())
	}
	return figure.Heatmap(d)
}

// AgreementFigure is alpha and kappa per code as bars, n/a left out.
func AgreementFigure(a *export.Agreement, width float64) *figure.Figure {
	d := figure.BarsData{Title: "Agreement per code", Series: []string{"alpha", "kappa"}, Max: 1, Width: width,
		Format: func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }}
	value := func(s export.Stat) float64 {
		if !s.Defined {
			return math.NaN()
		}
		d.Min = min(d.Min, s.V)
		return s.V
	}
	for _, row := range a.Codes {
		d.Categories = append(d.Categories, row.Label)
		d.Values = append(d.Values, []float64{value(row.Alpha), value(row.Kappa)})
	}
	return figure.Bars(d)
}

func title(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// offDiagonalMax is the largest count of two different codes together.
func offDiagonalMax(c *export.Cooccurrence) int {
	top := 0
	for i, row := range c.Counts {
		for j, v := range row {
			if i != j {
				top = max(top, v)
			}
		}
	}
	return top
}
