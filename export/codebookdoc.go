package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// CodeCounts returns a code's measures over the exported transcripts.
type CodeCounts func(*codebook.Code) corpus.Measures

// CountCodes counts every code over the transcripts opt chooses.
func CountCodes(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt corpus.ScanOptions, progress func()) (CodeCounts, error) {
	res := corpus.NewResolver(cb)
	tally := corpus.NewTally()
	err := s.Scan(ix, opt, func(it *corpus.Item) error {
		tally.AddCoverage(corpus.Cover(it.Transcript, it.Codings, res), "", it.Participant)
		if progress != nil {
			progress()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return func(c *codebook.Code) corpus.Measures { return tally.Get(c, "") }, nil
}

// CodebookTable is the codebook as a table, one code a row in tree order,
// with its counts when counts is not nil.
func CodebookTable(cb *codebook.Codebook, counts CodeCounts) *Table {
	t := &Table{Title: "Codebook", Header: []string{"path", "depth", "name", "label", "description", "include", "exclude", "examples", "aliases", "color"}}
	if counts != nil {
		t.Header = append(t.Header, "references", "transcripts", "participants", "lines", "words")
	}
	cb.Walk(func(c *codebook.Code) bool {
		row := []Cell{Text(c.Path), Int(c.Depth())}
		row = append(row, TextRow(c.Name, c.Label, c.Description, c.Include, c.Exclude,
			strings.Join(c.Examples, "\n"), strings.Join(c.Aliases, ", "), c.Color)...)
		if counts != nil {
			m := counts(c)
			row = append(row, Int(m.References), Int(m.Transcripts), Int(m.Participants), Int(m.Lines), Int(m.Words))
		}
		t.Row(row...)
		return true
	})
	return t
}

// WriteCodebookMarkdown writes the codebook as a document for an appendix:
// a heading per code, nested by depth, with its definition and counts.
func WriteCodebookMarkdown(w io.Writer, cb *codebook.Codebook, counts CodeCounts) error {
	bw := bufio.NewWriter(w)
	title := cb.Title
	if title == "" {
		title = "Codebook"
	}
	fmt.Fprintf(bw, "# %s\n", mdLine(title))
	cb.Walk(func(c *codebook.Code) bool {
		fmt.Fprintf(bw, "\n%s %s\n\n", strings.Repeat("#", min(c.Depth()+1, 6)), mdLine(c.DisplayLabel()))
		fmt.Fprintf(bw, "`%s`", c.Path)
		if counts != nil {
			m := counts(c)
			fmt.Fprintf(bw, " · %s, %s, %s", plural(m.References, "reference"), plural(m.Transcripts, "transcript"), plural(m.Participants, "participant"))
		}
		bw.WriteString("\n")
		for _, f := range []struct{ name, text string }{{"", c.Description}, {"Include", c.Include}, {"Exclude", c.Exclude}} {
			if f.text == "" {
				continue
			}
			if f.name == "" {
				fmt.Fprintf(bw, "\n%s\n", mdLine(f.text))
			} else {
				fmt.Fprintf(bw, "\n**%s:** %s\n", f.name, mdLine(f.text))
			}
		}
		if len(c.Examples) > 0 {
			bw.WriteString("\n**Examples:**\n")
			for _, e := range c.Examples {
				fmt.Fprintf(bw, "\n> %s\n", mdLine(e))
			}
		}
		if len(c.Aliases) > 0 {
			fmt.Fprintf(bw, "\n**Former names:** %s\n", strings.Join(c.Aliases, ", "))
		}
		return true
	})
	return bw.Flush()
}

func mdLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
