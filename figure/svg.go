package figure

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
)

// SVGOptions choose how a figure is written as SVG.
type SVGOptions struct {
	// Outline draws text as the font's outlines, for a paper: a journal's
	// system need not have the font. Without it text stays text (a web
	// page, where it can be searched, selected and read aloud).
	Outline bool
	// Inline leaves out the XML declaration, for an SVG inside HTML.
	Inline bool
	// ID prefixes the ids inside, unique in a page holding several.
	ID string
}

// fontFamily is the text's font in an SVG that keeps its text: Liberation
// Sans, measured for the layout, or the fonts of the same widths.
const fontFamily = "'Liberation Sans', Arial, Helvetica, sans-serif"

// WriteSVG writes f as an SVG document.
func (f *Figure) WriteSVG(w io.Writer, opt SVGOptions) error {
	var b bytes.Buffer
	if !opt.Inline {
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	}
	id := opt.ID
	if id == "" {
		id = "fig"
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%spt" height="%spt" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-title %s-desc" font-family="%s">`+"\n",
		num(f.W), num(f.H), num(f.W), num(f.H), id, id, fontFamily)
	fmt.Fprintf(&b, "<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", id, esc(f.Title), id, esc(f.Desc))
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", num(f.W), num(f.H))
	for _, it := range f.Items {
		writeItem(&b, it, opt)
	}
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func writeItem(b *bytes.Buffer, it Item, opt SVGOptions) {
	attrs := ""
	if it.Class != "" {
		attrs = fmt.Sprintf(` class="%s" data-i="%d" data-j="%d"`, esc(it.Class), it.Data[0], it.Data[1])
	}
	switch it.Kind {
	case Rect:
		fill := it.Fill
		if fill == "" {
			fill = "none"
		}
		stroke := ""
		if it.Stroke != "" {
			stroke = fmt.Sprintf(` stroke="%s" stroke-width="0.5"`, it.Stroke)
		}
		fmt.Fprintf(b, `<rect%s x="%s" y="%s" width="%s" height="%s" fill="%s"%s`, attrs, num(it.X), num(it.Y), num(it.W), num(it.H), fill, stroke)
		if it.Title != "" {
			fmt.Fprintf(b, "><title>%s</title></rect>\n", esc(it.Title))
		} else {
			b.WriteString("/>\n")
		}
	case Line:
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="0.5"/>`+"\n",
			num(it.X), num(it.Y), num(it.X+it.W), num(it.Y+it.H), it.Stroke)
	case Text:
		fill := it.Fill
		if fill == "" {
			fill = "#000000"
		}
		x, y := it.X, it.Y
		transform := ""
		if it.Vertical {
			transform = fmt.Sprintf(` transform="rotate(-90 %s %s)"`, num(x), num(y))
		}
		if opt.Outline {
			// The path's origin is the start of the baseline: shift it by
			// the anchor, as text-anchor would.
			dx := anchorShift(it)
			fmt.Fprintf(b, `<path%s aria-label="%s" fill="%s" transform="%stranslate(%s %s)" d="%s"/>`+"\n", attrs, esc(it.Text), fill,
				rotatePrefix(it, x, y), num(x+dx), num(y), outline(it.Text, it.Size, it.Bold))
			return
		}
		anchor := map[Anchor]string{Start: "start", Middle: "middle", End: "end"}[it.Anchor]
		weight := ""
		if it.Bold {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(b, `<text%s x="%s" y="%s" font-size="%s" text-anchor="%s" fill="%s"%s%s>%s</text>`+"\n",
			attrs, num(x), num(y), num(it.Size), anchor, fill, weight, transform, esc(it.Text))
	}
}

// rotatePrefix is the rotation of a vertical text about its anchor point,
// applied before the path's own translation.
func rotatePrefix(it Item, x, y float64) string {
	if !it.Vertical {
		return ""
	}
	return fmt.Sprintf("rotate(-90 %s %s) ", num(x), num(y))
}

func esc(s string) string { return html.EscapeString(s) }

// num prints a coordinate to two decimals, without trailing zeros, so
// that the same figure gives the same bytes.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// pathBuilder writes SVG path data.
type pathBuilder struct {
	b    strings.Builder
	open bool
}

func (p *pathBuilder) op(c byte, pt [2]float64) {
	x, y := pt[0], pt[1]
	if c == 'M' && p.open {
		p.b.WriteString("Z")
	}
	if c == 'M' {
		p.open = true
	}
	p.b.WriteByte(c)
	p.b.WriteString(num(x) + " " + num(y))
}

func (p *pathBuilder) more(pt [2]float64) { p.b.WriteString(" " + num(pt[0]) + " " + num(pt[1])) }

func (p *pathBuilder) close() {
	if p.open {
		p.b.WriteString("Z")
		p.open = false
	}
}

func (p *pathBuilder) String() string { return p.b.String() }
