package figure

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image/color"
	"image/png"
	"io"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/qdatool/qda/internal/layout"
)

// WritePNG draws f with gonum/plot's image canvas at DPI dots per inch and
// writes it as PNG, marked as DPI so that a document places it at the
// figure's size.
func (f *Figure) WritePNG(w io.Writer) error {
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(f.W), vg.Length(f.H)), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
	for _, it := range f.Items {
		if err := drawItem(c, f.H, it); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, c.Image()); err != nil {
		return err
	}
	out, err := withDPI(b.Bytes(), DPI)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// drawItem draws it; the canvas's y grows upwards, the figure's down.
func drawItem(c *vgimg.Canvas, h float64, it Item) error {
	switch it.Kind {
	case Rect:
		var p vg.Path
		x0, y0 := vg.Length(it.X), vg.Length(h-it.Y-it.H)
		x1, y1 := x0+vg.Length(it.W), y0+vg.Length(it.H)
		p.Move(vg.Point{X: x0, Y: y0})
		p.Line(vg.Point{X: x1, Y: y0})
		p.Line(vg.Point{X: x1, Y: y1})
		p.Line(vg.Point{X: x0, Y: y1})
		p.Close()
		if it.Fill != "" {
			col, err := parseHex(it.Fill)
			if err != nil {
				return err
			}
			c.SetColor(col)
			c.Fill(p)
		}
		if it.Stroke != "" {
			col, err := parseHex(it.Stroke)
			if err != nil {
				return err
			}
			c.SetColor(col)
			c.SetLineWidth(0.5)
			c.Stroke(p)
		}
	case Line:
		col, err := parseHex(it.Stroke)
		if err != nil {
			return err
		}
		var p vg.Path
		p.Move(vg.Point{X: vg.Length(it.X), Y: vg.Length(h - it.Y)})
		p.Line(vg.Point{X: vg.Length(it.X + it.W), Y: vg.Length(h - it.Y - it.H)})
		c.SetColor(col)
		c.SetLineWidth(0.5)
		c.Stroke(p)
	case Text:
		fill := it.Fill
		if fill == "" {
			fill = "#000000"
		}
		col, err := parseHex(fill)
		if err != nil {
			return err
		}
		dx := anchorShift(it)
		c.SetColor(col)
		c.Push()
		c.Translate(vg.Point{X: vg.Length(it.X), Y: vg.Length(h - it.Y)})
		if it.Vertical {
			c.Rotate(math.Pi / 2)
		}
		c.FillString(face(it.Size, it.Bold), vg.Point{X: vg.Length(dx)}, it.Text)
		c.Pop()
	}
	return nil
}

// parseHex reads a figure's colour with layout.RGB, the reader of the
// codebook's colours too.
func parseHex(s string) (color.Color, error) {
	r, g, b, ok := layout.RGB(s)
	if !ok {
		return nil, fmt.Errorf("colour %q: want #rrggbb or #rgb", s)
	}
	return color.RGBA{R: r, G: g, B: b, A: 255}, nil
}

// withDPI adds a pHYs chunk saying dpi to a PNG, after its header: Go's
// image/png writes none, and without it Word and LaTeX place a 300 dpi
// image at 96 or 72 dpi, three or four times too large.
func withDPI(data []byte, dpi int) ([]byte, error) {
	const sigIHDR = 8 + 8 + 13 + 4 // signature, IHDR's length+type, data, crc
	if len(data) < sigIHDR || string(data[12:16]) != "IHDR" {
		return nil, fmt.Errorf("not a PNG")
	}
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	chunk := make([]byte, 0, 21)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // the unit is the metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	out := make([]byte, 0, len(data)+len(chunk))
	out = append(out, data[:sigIHDR]...)
	out = append(out, chunk...)
	return append(out, data[sigIHDR:]...), nil
}
