// Package office reads the text of word-processor files that transcription
// services deliver: Word (.docx) and OpenDocument (.odt). It returns the
// body's paragraphs as written, one string per paragraph, and leaves speaker
// labels, timestamps, sentences and typography to its caller.
//
// What a reader sees is what is kept: tracked insertions, field results,
// hyperlink text and text boxes; deletions, field codes, footnotes,
// comments, headers and footers are not. A table row becomes one paragraph,
// "Label: speech" when the row looks like a two-column transcript.
package office

import "fmt"

// maxSize bounds a part's uncompressed size, so that a small zip cannot
// make qda decompress without limit. The XML is streamed, never held whole.
const maxSize = 256 << 20

// MaxText bounds the text read from a document, the paragraphs returned
// included: it is what qda writes at most as one transcript (as
// corpus.MaxFileSize), so a file that would give more is refused while it
// is read, before the text is held in memory.
const MaxText = 64 << 20

// maxText is MaxText, lowered by tests.
var maxText int64 = MaxText

// format names a file type in errors, which say what to do about them.
type format struct {
	not   string // "not a .docx file"
	part  string // the part that holds the body, when the package does not say
	fix   string // how to get a file qda can read
	ole   string // what to do with a Compound File given as this format
	other string // what to do when the file is of the other format
}

var (
	docxFormat = format{
		not:   "not a .docx file",
		part:  "word/document.xml",
		fix:   "save it again from Word as .docx",
		ole:   "(it is an old Word .doc file, or password-protected): open it in Word, remove any password and save it as .docx",
		other: "(it looks like an OpenDocument file): rename it to .odt",
	}
	odtFormat = format{
		not:   "not an .odt file",
		part:  "content.xml",
		fix:   "save it again as OpenDocument Text (.odt)",
		ole:   "(it is an old Word .doc file): open it in LibreOffice Writer and save it as .odt",
		other: "(it looks like a Word file): rename it to .docx",
	}
)

// formatError is an error that already says what to do, so the readers
// pass it on as it is.
type formatError struct{ msg string }

func (e *formatError) Error() string { return e.msg }

func errorf(format string, args ...any) error {
	return &formatError{fmt.Sprintf(format, args...)}
}

// notErr is the error for a file that is not of the format at all.
func (f format) notErr(why string) error {
	return errorf("%s (%s): %s", f.not, why, f.fix)
}
