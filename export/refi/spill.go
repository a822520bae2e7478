package refi

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"

	"github.com/qdatool/qda/internal/zipbody"
)

// sourceSpill keeps the TextSource elements of a project while the
// sources are read, deflated as they come on another core (zipbody), and
// splices them into project.qde at the end, so that memory does not grow
// with the number of selections and the largest part of the archive is
// compressed while the study is read. The elements are written as
// encoding/xml would encode them inside the whole project (at depth two,
// same indentation; see sourceXML), so the document is byte for byte what
// encoding the Project in one go gives.
type sourceSpill struct {
	body *zipbody.Body
	x    sourceXML
	buf  []byte
}

func newSourceSpill() *sourceSpill {
	// Inside <Project> and <Sources>: two levels of the project's
	// two-space indentation.
	return &sourceSpill{body: zipbody.New("the project's sources"), x: sourceXML{prefix: "    "}}
}

func (s *sourceSpill) add(src *TextSource) error {
	s.buf = s.x.source(s.buf[:0], src)
	_, err := s.body.Write(s.buf)
	return err
}

func (s *sourceSpill) close() { s.body.Remove() }

// emptySources is how the encoder writes the Sources element of a project
// whose sources are spilled: the place to splice them in.
const emptySources = "\n  <Sources></Sources>"

// writeProject adds p to zw as project.qde, with the spilled sources in
// its Sources element (p.Sources must be empty, or nil when none).
func (s *sourceSpill) writeProject(zw *zip.Writer, p *Project) error {
	if p.Sources == nil {
		head, err := marshal(p)
		if err != nil {
			return err
		}
		return addFile(zw, "project.qde", head)
	}
	// The head (a case per participant) is deflated as it is encoded,
	// not held whole: at 10,000 participants its buffer, doubling as it
	// grew, was 8 MB and more.
	e, err := zipbody.JoinWritten(func(w io.Writer) ([][]byte, error) {
		sp := &splice{w: w, mark: []byte(emptySources), with: []byte("\n  <Sources>\n")}
		if err := encode(sp, p); err != nil {
			return nil, err
		}
		if !sp.found {
			return nil, errors.New("project.qde: no place for the sources")
		}
		return [][]byte{[]byte("\n  </Sources>"), sp.rest}, nil
	}, s.body)
	if err != nil {
		return err
	}
	return e.Write(zw, "project.qde", zipTime)
}

// splice passes a document to w up to the first mark, then with in the
// mark's place, and keeps what follows in rest. Text is escaped in XML,
// so the empty Sources element occurs once, as an element. The last
// len(mark)-1 bytes written are held back until the next write shows
// whether they begin the mark.
type splice struct {
	w          io.Writer
	mark, with []byte
	held       []byte
	found      bool
	rest       []byte
}

func (s *splice) Write(p []byte) (int, error) {
	if s.found {
		s.rest = append(s.rest, p...)
		return len(p), nil
	}
	s.held = append(s.held, p...)
	if at := bytes.Index(s.held, s.mark); at >= 0 {
		s.found = true
		s.rest = append(s.rest, s.held[at+len(s.mark):]...)
		err := s.write(s.held[:at], s.with)
		s.held = nil
		return len(p), err
	}
	keep := min(len(s.held), len(s.mark)-1)
	err := s.write(s.held[:len(s.held)-keep])
	s.held = append(s.held[:0], s.held[len(s.held)-keep:]...)
	return len(p), err
}

func (s *splice) write(pieces ...[]byte) error {
	for _, p := range pieces {
		if _, err := s.w.Write(p); err != nil {
			return err
		}
	}
	return nil
}
