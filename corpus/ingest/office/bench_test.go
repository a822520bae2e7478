package office

import (
	"fmt"
	"strings"
	"testing"
)

// A long interview: 4,000 turns of about 40 words, some 1.4 MB of text.
func longInterview(turn func(speaker, text string) string) string {
	var b strings.Builder
	for i := range 4000 {
		speaker := "Interviewer"
		if i%2 == 1 {
			speaker = "May"
		}
		text := fmt.Sprintf("%s: Turn %d. I went down to the church hall on the number 38 bus, and [name removed] had the kettle on, so we had a cup of tea and a chat about the walking group and the library, and it was lovely, it really was.", speaker, i)
		b.WriteString(turn(speaker, text))
	}
	return b.String()
}

func BenchmarkDOCX(b *testing.B) {
	data := docxOf(longInterview(func(_, text string) string {
		return wp(`<w:pPr><w:pStyle w:val="Normal"/></w:pPr>`, `<w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t>`+text+`</w:t></w:r>`) + wp()
	}))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := DOCX(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkODT(b *testing.B) {
	data := odtOf(longInterview(func(_, text string) string {
		return `<text:p text:style-name="Standard">` + text + `</text:p><text:p text:style-name="Standard"/>`
	}))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ODT(data); err != nil {
			b.Fatal(err)
		}
	}
}
