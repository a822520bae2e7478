package refi

import (
	"io"

	"github.com/qdatool/qda/codebook"
)

// ExportCodebook writes the codebook as a .qdc file to w, with the same
// GUIDs as a project of the study called title.
func ExportCodebook(cb *codebook.Codebook, title string, w io.Writer) error {
	f := &CodebookFile{Codes: Codes{exportCodes(cb.Codes, NewGUIDs(title))}}
	data, err := marshal(f)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
