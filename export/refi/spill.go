package refi

import (
	"archive/zip"
	"bytes"
	"errors"

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
	head, err := marshal(p)
	if err != nil {
		return err
	}
	if p.Sources == nil {
		return addFile(zw, "project.qde", head)
	}
	// Text is escaped in XML, so the empty element occurs once, as an element.
	at := bytes.Index(head, []byte(emptySources))
	if at < 0 {
		return errors.New("project.qde: no place for the sources")
	}
	e, err := zipbody.Join([][]byte{head[:at], []byte("\n  <Sources>\n")}, s.body,
		[][]byte{[]byte("\n  </Sources>"), head[at+len(emptySources):]})
	if err != nil {
		return err
	}
	return e.Write(zw, "project.qde", zipTime)
}
