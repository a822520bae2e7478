package ingest

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/qdatool/qda/corpus/ingest/office"
	"github.com/qdatool/qda/corpus/ingest/subtitle"
)

// block is a unit a reader found: a paragraph, a table row or a subtitle
// turn. speaker is set when the format names the speaker itself (a WebVTT
// voice tag); otherwise labels are found in the text.
type block struct {
	speaker string
	text    string // may hold "\n" where the source broke a line
}

// Formats lists the file extensions ingest reads.
var Formats = []string{".txt", ".md", ".docx", ".odt", ".vtt", ".srt"}

// readBlocks reads a file by its extension.
func readBlocks(name string, data []byte) ([]block, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".txt", ".text", ".md", ".markdown":
		text, err := decodeText(data)
		if err != nil {
			return nil, err
		}
		lines := strings.Split(normaliseText(text), "\n")
		var blocks []block
		for _, l := range lines {
			if ext == ".md" || ext == ".markdown" {
				l = stripMarkdown(l)
			}
			blocks = append(blocks, block{text: l})
		}
		return blocks, nil
	case ".docx", ".odt":
		read := office.DOCX
		if ext == ".odt" {
			read = office.ODT
		}
		paras, err := read(data)
		if err != nil {
			return nil, err
		}
		blocks := make([]block, len(paras))
		for i, p := range paras {
			blocks[i] = block{text: normaliseText(p)}
		}
		return blocks, nil
	case ".vtt", ".srt":
		read := subtitle.VTT
		if ext == ".srt" {
			read = subtitle.SRT
		}
		cues, err := read(data)
		if err != nil {
			return nil, err
		}
		var blocks []block
		for _, c := range subtitle.Turns(cues) {
			blocks = append(blocks, block{speaker: normaliseText(c.Speaker), text: normaliseText(c.Text)})
		}
		return blocks, nil
	}
	return nil, fmt.Errorf("qda cannot read %s files: give %s", ext, strings.Join(Formats, ", "))
}
