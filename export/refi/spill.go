package refi

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"

	"github.com/qdatool/qda/internal/scratch"
)

// sourceSpill keeps the TextSource elements of a project in a temporary
// file while the sources are read, and splices them into project.qde at
// the end, so that memory does not grow with the number of selections.
// The elements are encoded as encoding/xml would encode them inside the
// whole project (at depth two, same indentation), so the document is
// byte for byte what encoding the Project in one go gives.
type sourceSpill struct {
	f   *os.File
	w   *bufio.Writer
	enc *xml.Encoder
}

func newSourceSpill() (*sourceSpill, error) {
	f, err := scratch.File("qda-sources-*.xml")
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := xml.NewEncoder(w)
	// Inside <Project> and <Sources>: two levels of the project's
	// two-space indentation.
	enc.Indent("    ", "  ")
	return &sourceSpill{f: f, w: w, enc: enc}, nil
}

func (s *sourceSpill) add(src TextSource) error {
	return s.enc.EncodeElement(src, xml.StartElement{Name: xml.Name{Local: "TextSource"}})
}

func (s *sourceSpill) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// emptySources is how the encoder writes the Sources element of a project
// whose sources are spilled: the place to splice them in.
const emptySources = "\n  <Sources></Sources>"

// writeProject writes p as project.qde to w, with the spilled sources in
// its Sources element (p.Sources must be empty, or nil when none).
func (s *sourceSpill) writeProject(w io.Writer, p *Project) error {
	head, err := marshal(p)
	if err != nil {
		return err
	}
	if p.Sources == nil {
		_, err := w.Write(head)
		return err
	}
	// Text is escaped in XML, so the empty element occurs once, as an element.
	at := bytes.Index(head, []byte(emptySources))
	if at < 0 {
		return errors.New("project.qde: no place for the sources")
	}
	if err := s.enc.Flush(); err != nil {
		return err
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.Write(head[:at])
	bw.WriteString("\n  <Sources>\n")
	if _, err := io.Copy(bw, s.f); err != nil {
		return err
	}
	bw.WriteString("\n  </Sources>")
	bw.Write(head[at+len(emptySources):])
	return bw.Flush()
}
