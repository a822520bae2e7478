package export

import (
	"strings"
)

// A cell of the Excerpts or Summaries sheet is split into parts of at
// most a row's lines (splitPassages). With the rows by an attribute, one
// cell holds the passages of thousands of participants (tens of
// megabytes at 10,000 participants): its parts are made from the spill
// one at a time, each column read in turn, instead of joining the whole
// row's text first.

// pieceSource gives a cell's text in pieces that join with a blank line.
type pieceSource interface {
	next() (piece string, ok bool, err error)
}

// textSource is a cell's whole text, one piece.
type textSource struct {
	text string
	done bool
}

func (s *textSource) next() (string, bool, error) {
	if s.done {
		return "", false, nil
	}
	s.done = true
	return s.text, true, nil
}

// passageSource splits its pieces, joined by blank lines, at every blank
// line, as strings.Split(text, "\n\n") splits the joined text; no pieces
// give no passages.
type passageSource struct {
	src     pieceSource
	carry   string // what is read and not yet given
	started bool   // a piece was read
	srcDone bool   // src has no more pieces
	given   bool   // the last passage was given
}

func (p *passageSource) next() (string, bool, error) {
	for {
		if p.started {
			if i := strings.Index(p.carry, "\n\n"); i >= 0 {
				out := p.carry[:i]
				p.carry = p.carry[i+2:]
				return out, true, nil
			}
		}
		if p.srcDone {
			if !p.started || p.given {
				return "", false, nil
			}
			p.given = true
			return p.carry, true, nil
		}
		piece, ok, err := p.src.next()
		switch {
		case err != nil:
			return "", false, err
		case !ok:
			p.srcDone = true
		case p.started:
			p.carry += "\n\n" + piece
		default:
			p.carry, p.started = piece, true
		}
	}
}

// partSplitter makes a cell's parts one at a time, as splitPassages
// makes them all from the cell's whole text.
type partSplitter struct {
	src     pieceSource
	width   float64
	lines   int
	started bool
	cur     string
	queue   []string
	done    bool
	pass    *passageSource
}

func newPartSplitter(src pieceSource, width float64, lines int) *partSplitter {
	return &partSplitter{src: src, width: width, lines: lines}
}

// start reads pieces until the text is known to be taller than a part
// or is whole: a text that fits is one part (also an empty one), as
// splitPassages has always made it, and only a taller one is split at
// its blank lines. A prefix of whole pieces is never taller than the
// whole text, so the first that is taller than a part settles it.
func (s *partSplitter) start() error {
	s.started = true
	text, whole := "", false
	if t, ok := s.src.(*textSource); ok {
		text, whole = t.text, true
	} else {
		for n := 0; ; n++ {
			piece, ok, err := s.src.next()
			if err != nil {
				return err
			}
			if !ok {
				whole = true
				break
			}
			if n > 0 {
				text += "\n\n"
			}
			text += piece
			if textLines(text, s.width, false) > s.lines {
				break
			}
		}
	}
	if whole && (text == "" || textLines(text, s.width, false) <= s.lines) {
		s.queue, s.done = []string{text}, true
		return nil
	}
	s.pass = &passageSource{src: s.src, carry: text, started: true, srcDone: whole}
	return nil
}

// next returns the cell's next part; ok is false after the last.
func (s *partSplitter) next() (part string, ok bool, err error) {
	if !s.started {
		if err := s.start(); err != nil {
			return "", false, err
		}
	}
	for len(s.queue) == 0 && !s.done {
		passage, ok, err := s.pass.next()
		if err != nil {
			return "", false, err
		}
		if !ok {
			s.done = true
			if s.cur != "" {
				s.queue = append(s.queue, s.cur)
				s.cur = ""
			}
			break
		}
		s.passage(passage)
	}
	if len(s.queue) == 0 {
		return "", false, nil
	}
	part = s.queue[0]
	s.queue = s.queue[1:]
	return part, true, nil
}

func (s *partSplitter) add(piece, sep string) {
	switch {
	case s.cur == "":
		s.cur = piece
	case textLines(s.cur+sep+piece, s.width, false) <= s.lines:
		s.cur += sep + piece
	default:
		s.queue = append(s.queue, s.cur)
		s.cur = piece
	}
}

// passage adds one passage: whole when it fits in a part, else split
// between its turns (its first line, the reference, kept with the
// first), a turn taller still a part of its own.
func (s *partSplitter) passage(passage string) {
	if textLines(passage, s.width, false) <= s.lines {
		s.add(passage, "\n\n")
		return
	}
	if s.cur != "" {
		s.queue, s.cur = append(s.queue, s.cur), ""
	}
	turns := strings.Split(passage, "\n")
	if len(turns) > 1 {
		turns[1] = turns[0] + "\n" + turns[1]
		turns = turns[1:]
	}
	for _, turn := range turns {
		s.add(turn, "\n")
	}
	s.queue, s.cur = append(s.queue, s.cur), ""
}

// bigRow is the size of a row's passages in the spill past which the
// Excerpts sheet reads each cell's in turn rather than the row's at once
// (a variable so that a test can reach the streamed path with a small
// study).
var bigRow int64 = 1 << 20

// sources returns the pieces of each of row's cols cells: the texts
// read at once for a row of up to bigRow bytes, else a reader per
// column over the row's records.
func (s *spill) sources(row, cols int) ([]pieceSource, error) {
	var size int64
	for _, r := range s.recs[row] {
		size += r.n
	}
	out := make([]pieceSource, cols)
	if size <= bigRow {
		texts, err := s.row(row, cols)
		if err != nil {
			return nil, err
		}
		for j, t := range texts {
			out[j] = &textSource{text: t}
		}
		return out, nil
	}
	if err := s.w.Flush(); err != nil {
		return nil, err
	}
	for j := range out {
		out[j] = &spillColumn{s: s, recs: s.recs[row], col: j, cols: cols}
	}
	return out, nil
}

// spillColumn reads one column's texts from a row's records, one record
// at a time.
type spillColumn struct {
	s    *spill
	recs []spillRec
	col  int
	cols int
	buf  []byte
}

func (c *spillColumn) next() (string, bool, error) {
	for len(c.recs) > 0 {
		r := c.recs[0]
		c.recs = c.recs[1:]
		buf, err := c.s.read(r, c.buf)
		if err != nil {
			return "", false, err
		}
		c.buf = buf
		for len(buf) > 0 {
			var j int
			var text []byte
			if j, text, buf, err = spillCell(buf, c.cols); err != nil {
				return "", false, err
			}
			if j == c.col {
				return string(text), true, nil
			}
		}
	}
	return "", false, nil
}
