package office

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// maxDepth bounds element nesting. Real documents stay well under a hundred
// levels; the readers recurse once per level, so hostile input must not
// choose the depth.
const maxDepth = 1000

var (
	errTooDeep     = errors.New("elements nested more than 1000 deep")
	errTooMuchText = errors.New("text larger than 64 MB")
	errNoRoot      = errors.New("no root element")
)

// walker streams one XML part and keeps what both readers need to know
// about the walk so far.
type walker struct {
	d     *xml.Decoder
	part  string
	f     format
	depth int
	// produced grows with every byte of text and every paragraph ended. It
	// bounds the output, and tells whether a branch of alternate content
	// gave anything.
	produced int64
}

func newWalker(r io.Reader, part string, f format) *walker {
	return &walker{d: xml.NewDecoder(r), part: part, f: f}
}

// next returns the next token, keeping count of the depth.
func (w *walker) next() (xml.Token, error) {
	if w.produced > maxText {
		return nil, errTooMuchText
	}
	tok, err := w.d.Token()
	if err != nil {
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		w.depth++
		if w.depth > maxDepth {
			return nil, errTooDeep
		}
	case xml.EndElement:
		w.depth--
	}
	return tok, nil
}

// skip passes over the rest of the element just started.
func (w *walker) skip() error {
	if err := w.d.Skip(); err != nil {
		return err
	}
	w.depth--
	return nil
}

// root returns the document's root element.
func (w *walker) root() (xml.StartElement, error) {
	for {
		tok, err := w.next()
		if err == io.EOF {
			return xml.StartElement{}, errNoRoot
		}
		if err != nil {
			return xml.StartElement{}, err
		}
		if t, ok := tok.(xml.StartElement); ok {
			return t, nil
		}
	}
}

// children calls fn for each child element of the element just started,
// up to its end. fn must consume the child it is given.
func (w *walker) children(fn func(xml.StartElement) error) error {
	for {
		tok, err := w.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// fail turns an error met while reading the part into one that says what
// is wrong and what to do.
func (w *walker) fail(err error) error {
	var re *readError
	var se *xml.SyntaxError
	var fe *formatError
	switch {
	case err == nil, errors.As(err, &fe):
		return err
	case errors.Is(err, errTooLarge):
		return tooLargeErr(w.part)
	case errors.As(err, &re):
		return unzipErr(w.part, re.err, w.f)
	case errors.Is(err, errTooMuchText):
		return errorf("%s: its text is larger than %d MB, more than qda writes as one transcript: split the document into smaller files and ingest each", w.part, MaxText>>20)
	case errors.As(err, &se):
		return errorf("%s:%d: invalid XML (%s): the file is damaged; %s", w.part, se.Line, se.Msg, w.f.fix)
	case errors.Is(err, errTooDeep):
		line, _ := w.d.InputPos()
		return errorf("%s:%d: invalid XML (%v): the file is damaged; %s", w.part, line, err, w.f.fix)
	}
	msg := strings.TrimPrefix(err.Error(), "xml: ")
	return errorf("%s: invalid XML (%s): the file is damaged; %s", w.part, msg, w.f.fix)
}

// para is a paragraph being read.
type para struct {
	b strings.Builder
	// after holds the paragraphs of text boxes anchored in this one. They
	// follow it, so that its own text stays in one piece.
	after blocks
	// space is set while collapsible white space may be dropped (ODF).
	space bool
	// markDeleted is set when the paragraph mark is a tracked deletion, so
	// that the text runs on into the next paragraph (Word).
	markDeleted bool
}

func (w *walker) write(p *para, s string) {
	p.b.WriteString(s)
	w.produced += int64(len(s))
}

// blocks collects the paragraphs of a body, table cell or text box.
type blocks struct {
	paras    []string
	carry    string
	carrying bool
}

// add appends a paragraph. An empty paragraph that follows another is left
// out: a run of them is kept as one "", so that empty paragraphs, a few
// bytes of XML each, cannot fill memory.
func (b *blocks) add(s string) {
	if b.carrying {
		s = b.carry + s
		b.carry, b.carrying = "", false
	}
	if s == "" && len(b.paras) > 0 && b.paras[len(b.paras)-1] == "" {
		return
	}
	b.paras = append(b.paras, s)
}

// runOn keeps s to open the next paragraph: accepting the deletion of a
// paragraph mark joins the two paragraphs.
func (b *blocks) runOn(s string) {
	b.carry += s
	b.carrying = true
}

func (b *blocks) list() []string {
	if b.carrying && b.carry != "" {
		b.paras = append(b.paras, b.carry)
		b.carry, b.carrying = "", false
	}
	return b.paras
}

// end adds a finished paragraph to out, with the text boxes it anchors.
func (w *walker) end(out *blocks, p *para) {
	w.produced++
	text := strings.ToValidUTF8(p.b.String(), "\uFFFD")
	after := p.after.list()
	if p.markDeleted {
		out.paras = append(out.paras, after...)
		out.runOn(text)
		return
	}
	out.add(text)
	out.paras = append(out.paras, after...)
}

// drain reads what follows the root element, so the decoder reports
// anything malformed there rather than the reader ignoring it.
func (w *walker) drain() error {
	for {
		if _, err := w.next(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}
