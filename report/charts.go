package report

import "html/template"

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

func (r *Report) charts() chartsPage {
	return chartsPage{R: r, By: r.By}
}
