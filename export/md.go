package export

import (
	"bufio"
	"io"
	"strings"
)

// WriteMarkdown writes t as a GitHub-flavoured Markdown table under a
// level-2 heading of its title, numbers right-aligned, its notes after.
func WriteMarkdown(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	if t.Title != "" {
		bw.WriteString("## " + mdCell(t.Title) + "\n\n")
	}
	writeMDRow(bw, TextRow(t.Header...))
	// A column is right-aligned when it holds numbers and no other text;
	// a column of empty cells (summaries nobody wrote yet) is text.
	numeric := make([]bool, len(t.Header))
	text := make([]bool, len(t.Header))
	if err := t.eachRow(func(r []Cell) error {
		for i := range min(len(r), len(numeric)) {
			numeric[i] = numeric[i] || r[i].IsNum
			text[i] = text[i] || (!r[i].IsNum && r[i].Text != "")
		}
		return nil
	}); err != nil {
		return err
	}
	for i := range numeric {
		numeric[i] = numeric[i] && !text[i]
	}
	bw.WriteString("|")
	for _, n := range numeric {
		if n {
			bw.WriteString(" ---: |")
		} else {
			bw.WriteString(" --- |")
		}
	}
	bw.WriteString("\n")
	if err := t.eachRow(func(r []Cell) error { writeMDRow(bw, r); return nil }); err != nil {
		return err
	}
	if len(t.Notes) > 0 {
		bw.WriteString("\n")
		for _, n := range t.Notes {
			bw.WriteString(mdCell(n) + "\n")
		}
	}
	return bw.Flush()
}

func writeMDRow(bw *bufio.Writer, cells []Cell) {
	bw.WriteString("|")
	for _, c := range cells {
		bw.WriteString(" " + mdCell(c.String()) + " |")
	}
	bw.WriteString("\n")
}

// mdCell keeps a cell on its table row: pipes escaped, line breaks as <br>.
var mdReplacer = strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

func mdCell(s string) string { return mdReplacer.Replace(s) }
