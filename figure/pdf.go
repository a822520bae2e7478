package figure

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// PDFOptions choose how a figure is written as PDF.
type PDFOptions struct {
	// Date is the document's creation date; the same figure and date give
	// the same bytes. Zero: now.
	Date time.Time
}

// pdfFamily is the name the embedded font goes by inside a PDF.
const pdfFamily = "LiberationSans"

// ttf is the TrueType file of Liberation Sans (regular or bold), the font
// the layout is measured with, for fpdf to embed.
var ttf = sync.OnceValues(func() (map[bool][]byte, error) {
	out := map[bool][]byte{}
	for _, bold := range []bool{false, true} {
		var b bytes.Buffer
		if _, err := face(10, bold).Face.WriteSourceTo(nil, &b); err != nil {
			return nil, fmt.Errorf("the font Liberation Sans: %w", err)
		}
		out[bold] = b.Bytes()
	}
	return out, nil
})

// WritePDF writes f as a one-page PDF the figure's size, for pdflatex's
// \includegraphics: vector shapes, and the text as text in Liberation
// Sans, embedded (only the glyphs used), so the PDF looks the same on any
// system, its words can be searched and copied, and a journal's check
// finds every font embedded.
//
// gonum/plot's vgpdf draws a canvas, as vgimg does for the PNG, but it
// writes text in the 256 characters of cp1252 (a participant's name in
// Polish or Greek would come out wrong) and dates the file with the clock;
// fpdf, which vgpdf is built on, embeds Unicode fonts and takes a date.
func (f *Figure) WritePDF(w io.Writer, opt PDFOptions) error {
	fonts, err := ttf()
	if err != nil {
		return err
	}
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: f.W, Ht: f.H}})
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.SetCompression(true)
	doc.SetCatalogSort(true)
	doc.SetCreationDate(opt.Date)
	doc.SetModificationDate(opt.Date)
	doc.SetTitle(f.Title, true)
	doc.SetSubject(f.Desc, true)
	doc.SetCreator("qda", false)
	doc.SetProducer("qda", false)
	doc.AddUTF8FontFromBytes(pdfFamily, "", fonts[false])
	// The bold face only when a text is bold: each font embedded is a
	// font a journal's check lists.
	for _, it := range f.Items {
		if it.Kind == Text && it.Bold {
			doc.AddUTF8FontFromBytes(pdfFamily, "B", fonts[true])
			break
		}
	}
	doc.AddPage()
	// A white page, as the PNG and the SVG have: a figure on a coloured
	// slide or page is still a figure on white.
	doc.SetFillColor(255, 255, 255)
	doc.Rect(0, 0, f.W, f.H, "F")
	doc.SetLineWidth(0.5)
	for _, it := range f.Items {
		if err := pdfItem(doc, it); err != nil {
			return err
		}
	}
	if err := doc.Error(); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	return doc.Output(w)
}

// pdfItem draws it; fpdf's origin is the top left, as the figure's is.
func pdfItem(doc *fpdf.Fpdf, it Item) error {
	switch it.Kind {
	case Rect:
		style := ""
		if it.Fill != "" {
			r, g, b, err := rgb(it.Fill)
			if err != nil {
				return err
			}
			doc.SetFillColor(r, g, b)
			style += "F"
		}
		if it.Stroke != "" {
			r, g, b, err := rgb(it.Stroke)
			if err != nil {
				return err
			}
			doc.SetDrawColor(r, g, b)
			style += "D"
		}
		if style != "" {
			doc.Rect(it.X, it.Y, it.W, it.H, style)
		}
	case Line:
		r, g, b, err := rgb(it.Stroke)
		if err != nil {
			return err
		}
		doc.SetDrawColor(r, g, b)
		doc.Line(it.X, it.Y, it.X+it.W, it.Y+it.H)
	case Text:
		fill := it.Fill
		if fill == "" {
			fill = "#000000"
		}
		r, g, b, err := rgb(fill)
		if err != nil {
			return err
		}
		doc.SetTextColor(r, g, b)
		style := ""
		if it.Bold {
			style = "B"
		}
		doc.SetFont(pdfFamily, style, it.Size)
		// The shift for the anchor is measured by fpdf, which sets the text
		// without kerning, so that ends and middles line up exactly.
		dx := 0.0
		switch it.Anchor {
		case Middle:
			dx = -doc.GetStringWidth(it.Text) / 2
		case End:
			dx = -doc.GetStringWidth(it.Text)
		}
		if it.Vertical {
			doc.TransformBegin()
			doc.TransformRotate(90, it.X, it.Y)
			doc.Text(it.X+dx, it.Y, it.Text)
			doc.TransformEnd()
			return nil
		}
		doc.Text(it.X+dx, it.Y, it.Text)
	}
	return nil
}

// rgb reads "#rrggbb".
func rgb(s string) (r, g, b int, err error) {
	c, err := parseHex(s)
	if err != nil {
		return 0, 0, 0, err
	}
	cr, cg, cb, _ := c.RGBA()
	return int(cr >> 8), int(cg >> 8), int(cb >> 8), nil
}
