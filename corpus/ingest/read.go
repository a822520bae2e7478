package ingest

import (
	"fmt"
	"iter"
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

// readBlocks reads a file by its extension. The blocks are made as they
// are taken, so that a file of many short lines or paragraphs does not
// cost a block for each in memory at once; blank ones, which make no
// difference to the turns, are left out.
func readBlocks(name string, data []byte) (iter.Seq[block], error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".txt", ".text", ".md", ".markdown":
		text, err := decodeText(data)
		if err != nil {
			return nil, err
		}
		text = normaliseText(text)
		md := ext == ".md" || ext == ".markdown"
		return func(yield func(block) bool) {
			for l := range strings.SplitSeq(text, "\n") {
				if md {
					l = stripMarkdown(l)
				}
				if strings.TrimSpace(l) != "" && !yield(block{text: l}) {
					return
				}
			}
		}, nil
	case ".docx", ".odt":
		read := office.DOCX
		if ext == ".odt" {
			read = office.ODT
		}
		paras, err := read(data)
		if err != nil {
			return nil, err
		}
		return func(yield func(block) bool) {
			for i, p := range paras {
				paras[i] = "" // read once: let the text go as it is used
				if p = normaliseText(p); strings.TrimSpace(p) != "" && !yield(block{text: p}) {
					return
				}
			}
		}, nil
	case ".vtt", ".srt":
		read := subtitle.VTT
		if ext == ".srt" {
			read = subtitle.SRT
		}
		cues, err := read(data)
		if err != nil {
			return nil, err
		}
		return func(yield func(block) bool) {
			for _, c := range subtitle.Turns(cues) {
				if !yield(block{speaker: normaliseText(c.Speaker), text: normaliseText(c.Text)}) {
					return
				}
			}
		}, nil
	}
	return nil, fmt.Errorf("qda cannot read %s files: give %s", ext, strings.Join(Formats, ", "))
}
