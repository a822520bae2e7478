package figure

import (
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
)

// fonts are gonum/plot's Liberation fonts: metrics for the layout,
// outlines for the SVG and glyphs for the PNG come from the same files.
var fonts = sync.OnceValue(func() *font.Cache { return font.NewCache(liberation.Collection()) })

func face(size float64, bold bool) font.Face {
	f := font.Font{Typeface: "Liberation", Variant: "Sans"}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return fonts().Lookup(f, vg.Length(size))
}

// textWidth is the width of s in points at size.
func textWidth(s string, size float64, bold bool) float64 {
	f := face(size, bold)
	return float64(f.Width(s))
}

// outline returns s as SVG path data at size, its origin the start of the
// baseline: the glyphs' own shapes, so that the figure looks the same
// wherever it is opened, with or without the font.
func outline(s string, size float64, bold bool) string {
	f := face(size, bold)
	sf := f.Face
	var buf sfnt.Buffer
	// With ppem set to the units per em, the segments come in font units.
	upem := sf.UnitsPerEm()
	ppem := fixed.Int26_6(upem)
	scale := size / float64(upem)
	var b pathBuilder
	x := 0.0
	prev := sfnt.GlyphIndex(0)
	for i, r := range s {
		g, err := sf.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			g, _ = sf.GlyphIndex(&buf, '?')
		}
		if i > 0 {
			if k, err := sf.Kern(&buf, prev, g, ppem, xfont.HintingNone); err == nil {
				x += float64(k) * scale
			}
		}
		segs, err := sf.LoadGlyph(&buf, g, ppem, nil)
		if err == nil {
			for _, sg := range segs {
				pt := func(j int) [2]float64 {
					return [2]float64{x + float64(sg.Args[j].X)*scale, float64(sg.Args[j].Y) * scale}
				}
				switch sg.Op {
				case sfnt.SegmentOpMoveTo:
					b.op('M', pt(0))
				case sfnt.SegmentOpLineTo:
					b.op('L', pt(0))
				case sfnt.SegmentOpQuadTo:
					b.op('Q', pt(0))
					b.more(pt(1))
				case sfnt.SegmentOpCubeTo:
					b.op('C', pt(0))
					b.more(pt(1))
					b.more(pt(2))
				}
			}
			if len(segs) > 0 {
				b.close()
			}
		}
		adv, err := sf.GlyphAdvance(&buf, g, ppem, xfont.HintingNone)
		if err == nil {
			x += float64(adv) * scale
		}
		prev = g
	}
	return b.String()
}

// anchorShift is how far a text's start lies from its anchor point: a
// drawing starts text at its start, and the anchor may be its middle or end.
func anchorShift(it Item) float64 {
	switch it.Anchor {
	case Middle:
		return -textWidth(it.Text, it.Size, it.Bold) / 2
	case End:
		return -textWidth(it.Text, it.Size, it.Bold)
	}
	return 0
}
