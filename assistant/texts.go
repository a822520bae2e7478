package assistant

import (
	"fmt"
	"strings"

	"github.com/qdatool/qda/corpus"
)

// maxResourceLines bounds a transcript read as one resource; longer ones
// are read on with transcript_lines.
const maxResourceLines = 2000

// CodebookText is codebook.yaml as the study has it.
//
// A line in which the identifier scan finds something is replaced by a
// comment at its indentation saying why, so the YAML still reads.
func (a *Assistant) CodebookText() (string, error) {
	v, err := a.open()
	if err != nil {
		return "", err
	}
	defer v.st.Close()
	data, err := v.st.ReadFile(corpus.CodebookFile)
	if err != nil {
		return "", err
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		withheld := 0
		if t := v.text(l, &withheld); withheld > 0 {
			lines[i] = l[:len(l)-len(strings.TrimLeft(l, " "))] + "# " + t
		}
	}
	return strings.Join(lines, "\n"), nil
}

// TranscriptIDs lists the transcripts, for resources.
func (a *Assistant) TranscriptIDs() ([]string, error) {
	v, err := a.open()
	if err != nil {
		return nil, err
	}
	defer v.st.Close()
	var ids []string
	for _, r := range v.ix.Transcripts.Rows {
		ids = append(ids, r.ID)
	}
	return ids, nil
}

// TranscriptText is a transcript with its line numbers ("14\tMay: ..."),
// the numbers propose_coding takes; blank lines (between turns) are kept
// unnumbered so the turns show.
func (a *Assistant) TranscriptText(id string) (string, error) {
	v, t, err := a.openTranscript(id)
	if err != nil {
		return "", err
	}
	defer v.st.Close()
	var b strings.Builder
	withheld := 0
	for n := 1; n <= min(t.Len(), maxResourceLines); n++ {
		if l := t.Line(n); l.Blank {
			b.WriteString("\n")
		} else {
			fmt.Fprintf(&b, "%d\t%s\n", n, v.text(l.Text, &withheld))
		}
	}
	if t.Len() > maxResourceLines {
		fmt.Fprintf(&b, "[… %d more lines: read them with transcript_lines from %d]\n", t.Len()-maxResourceLines, maxResourceLines+1)
	}
	return b.String(), nil
}

// CodingPrompt asks a model to code transcript id against the codebook's
// definitions and inclusion and exclusion rules, proposing as the
// assistant's coder.
func (a *Assistant) CodingPrompt(id string) (string, error) {
	v, t, err := a.openTranscript(id)
	if err != nil {
		return "", err
	}
	defer v.st.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "Code transcript %s (%d lines) of the study %q against its codebook.\n\n", t.ID, t.Len(), v.st.Config.Title)
	b.WriteString("The codes, with their definitions and rules:\n\n")
	for _, c := range v.cb.All() {
		fmt.Fprintf(&b, "- %s", c.Path)
		if c.Label != "" {
			fmt.Fprintf(&b, " (%s)", c.Label)
		}
		if c.NotCodable {
			b.WriteString(" [a category: code its children, not it]")
		}
		b.WriteString("\n")
		for _, f := range [][2]string{{"means", c.Description}, {"include", c.Include}, {"exclude", c.Exclude}} {
			if f[1] != "" {
				fmt.Fprintf(&b, "  %s: %s\n", f[0], oneLine(clip(f[1])))
			}
		}
	}
	fmt.Fprintf(&b, `
How to work:
1. Read the transcript with transcript_lines (transcript %q), page by page until next_from is absent.
2. For each passage where a code applies by its definition and include rule, and no exclude rule rules it out, call propose_coding with the transcript, the lines (N or A-B, as numbered), the codes, and a rationale that quotes the words that meet the definition and names the rule applied.
3. Code the participant's talk; code an interviewer's line only when the codebook says so. Prefer the most specific code that applies.
4. When no code fits a recurring idea, propose one with propose_code (parent, name, description, include, exclude, example quotes) instead of stretching a code.
5. Do not code what is uncertain; say in a memo (propose_memo about transcript:%s) what you were unsure of.
Your proposals are written as the machine coder %s; a person accepts or rejects each with 'qda review', and agreement with people is measured with 'qda agree --coders %s,...'.
`, t.ID, t.ID, a.Coder, a.Coder)
	return b.String(), nil
}
