package refi

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/internal/lazyre"
)

// rgbRE is the colour the schema allows; qda writes only those.
var rgbRE = lazyre.New(`^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$`)

// Markers of the parts of a code's REFI description that hold qda fields
// the standard has no place for; import reads them back.
const (
	includeMark  = "Include: "
	excludeMark  = "Exclude: "
	examplesMark = "Examples:"
	memoMark     = "Memo: "
	nameMark     = "qda name: "
	aliasesMark  = "qda aliases:"
	patternsMark = "qda patterns:"
	// labelMark keeps a code's label where its name had to be made
	// unique ("Barriers / Other" for "Other").
	labelMark = "qda label: "
	// codebookTitleMark is the project description's paragraph with the
	// codebook's title, where it is not the project's name.
	codebookTitleMark = "qda codebook title: "
)

// exportCodes turns codes into REFI codes. A code is shown by its label,
// as the other tools show a code's name; the qda name rides in the
// description when the label's slug would not give it back. Names are
// unique across the codebook (see refiNames).
func exportCodes(codes []*codebook.Code, ids GUIDs) []Code {
	return exportTree(codes, ids, refiNames(codes))
}

func exportTree(codes []*codebook.Code, ids GUIDs, names map[string]string) []Code {
	var out []Code
	for _, c := range codes {
		rc := Code{GUID: ids.Of("code", c.Path), Name: names[c.Path], IsCodable: codable(c), Description: describe(c)}
		if rc.Name != c.DisplayLabel() {
			rc.Description = strings.TrimSpace(rc.Description + "\n\n" + labelMark + c.DisplayLabel())
		}
		if rgbRE().MatchString(c.Color) {
			rc.Color = strings.ToLower(c.Color)
		}
		rc.Codes = exportTree(c.Children, ids, names)
		out = append(out, rc)
	}
	return out
}

// refiNames gives each code (by path) its Code@name: its label, unless
// another code has that label too, since QualCoder keys codes by name
// across the whole codebook (the second one's codings would go to the
// first). Then it is qualified by its parent's name, "Barriers / Other",
// and where that is taken still (a top-level code, or siblings labelled
// alike) numbered, "Other (2)". The label is then kept in a "qda label:"
// paragraph of the description, for import.
func refiNames(codes []*codebook.Code) map[string]string {
	var all []*codebook.Code
	var walk func([]*codebook.Code)
	walk = func(cs []*codebook.Code) {
		for _, c := range cs {
			all = append(all, c)
			walk(c.Children)
		}
	}
	walk(codes)
	labels := map[string]int{}
	for _, c := range all {
		labels[c.DisplayLabel()]++
	}
	names := map[string]string{}
	taken := map[string]bool{}
	for _, c := range all { // parents before their children
		name := c.DisplayLabel()
		if labels[name] > 1 && c.Parent != nil {
			name = names[c.Parent.Path] + " / " + name
		}
		base := name
		for k := 2; taken[name]; k++ {
			name = fmt.Sprintf("%s (%d)", base, k)
		}
		taken[name] = true
		names[c.Path] = name
	}
	return names
}

// describe writes a code's description with include, exclude, examples
// and memo as marked paragraphs, which the standard allows for anything a
// tool has no field for.
func describe(c *codebook.Code) string {
	var parts []string
	if c.Description != "" {
		parts = append(parts, c.Description)
	}
	if c.Include != "" {
		parts = append(parts, includeMark+c.Include)
	}
	if c.Exclude != "" {
		parts = append(parts, excludeMark+c.Exclude)
	}
	for _, l := range []struct {
		mark  string
		items []string
	}{{examplesMark, c.Examples}, {aliasesMark, c.Aliases}, {patternsMark, c.Patterns}} {
		if len(l.items) > 0 {
			ex := l.mark
			for _, e := range l.items {
				ex += "\n- " + strings.ReplaceAll(e, "\n", " ")
			}
			parts = append(parts, ex)
		}
	}
	if c.Memo != "" {
		parts = append(parts, memoMark+c.Memo)
	}
	if codeName(c.DisplayLabel()) != c.Name {
		parts = append(parts, nameMark+c.Name)
	}
	return strings.Join(parts, "\n\n")
}

// codeName is the qda name a REFI code name becomes.
func codeName(name string) string { return corpus.Slug(name) }

// fields are the qda fields read back from a REFI code.
type fields struct {
	name, label, description, include, exclude, memo string
	examples, aliases, patterns                      []string
	named                                            bool // the name came from a "qda name:" paragraph
}

// undescribe splits a REFI description into qda's fields: the marked
// paragraphs describe writes, anything else is the description.
func undescribe(refiName, desc string) fields {
	f := fields{label: strings.TrimSpace(refiName)}
	desc = strings.ReplaceAll(desc, "\r\n", "\n")
	var rest []string
	for _, p := range strings.Split(desc, "\n\n") {
		switch {
		case strings.HasPrefix(p, includeMark):
			f.include = strings.TrimPrefix(p, includeMark)
		case strings.HasPrefix(p, excludeMark):
			f.exclude = strings.TrimPrefix(p, excludeMark)
		case strings.HasPrefix(p, memoMark):
			f.memo = strings.TrimPrefix(p, memoMark)
		case strings.HasPrefix(p, labelMark) && !strings.Contains(p, "\n"):
			// Only while the name is still the one made of it: a code
			// renamed in another tool keeps its new name.
			if l := strings.TrimSpace(strings.TrimPrefix(p, labelMark)); madeOf(f.label, l) {
				f.label = l
			}
		case strings.HasPrefix(p, nameMark) && !strings.Contains(p, "\n"):
			f.name = strings.TrimSpace(strings.TrimPrefix(p, nameMark))
		case strings.HasPrefix(p, examplesMark+"\n- "):
			f.examples = items(p)
		case strings.HasPrefix(p, aliasesMark+"\n- "):
			f.aliases = items(p)
		case strings.HasPrefix(p, patternsMark+"\n- "):
			f.patterns = items(p)
		default:
			rest = append(rest, p)
		}
	}
	f.description = strings.TrimSpace(strings.Join(rest, "\n\n"))
	f.named = codebook.IsSlug(f.name)
	if !f.named {
		f.name = codeName(f.label)
	}
	if f.label == f.name {
		f.label = ""
	}
	return f
}

// madeOf tells whether name is what refiNames makes of label: the
// label, qualified by parents ("A / B / label"), perhaps numbered
// ("label (2)").
func madeOf(name, label string) bool {
	if label == "" {
		return false
	}
	if i := strings.LastIndex(name, " ("); i >= 0 && strings.HasSuffix(name, ")") {
		if _, err := strconv.Atoi(name[i+2 : len(name)-1]); err == nil && madeOf(name[:i], label) {
			return true
		}
	}
	return name == label || strings.HasSuffix(name, " / "+label)
}

// items reads the "- " lines under a marked paragraph's first line.
func items(p string) []string {
	var out []string
	for _, l := range strings.Split(p, "\n")[1:] {
		out = append(out, strings.TrimPrefix(l, "- "))
	}
	return out
}

// normColor reads a colour as the tools write it: "#rrggbb", "#rgb", or
// with alpha. Eight digits are "#aarrggbb" as the .NET tools (NVivo,
// ATLAS.ti) write them, unless the last pair alone is "ff", which is the
// CSS order; "" when it is none of those.
func normColor(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "#") {
		s = "#" + s
	}
	hex := s[1:]
	for _, r := range hex {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return ""
		}
	}
	switch len(hex) {
	case 3, 6:
		return strings.ToLower(s)
	case 4:
		return strings.ToLower(s[:4])
	case 8:
		lower := strings.ToLower(hex)
		if strings.HasSuffix(lower, "ff") && !strings.HasPrefix(lower, "ff") {
			return "#" + lower[:6]
		}
		return "#" + lower[2:]
	}
	return ""
}

// uniqueName makes name unique among taken, adding -2, -3...; an empty
// name (a label with no letters or digits qda can use) becomes fallback.
func uniqueName(name, fallback string, taken map[string]bool) string {
	if name == "" {
		name = fallback
	}
	if len(name) > 60 {
		name = strings.TrimRight(name[:60], "-")
	}
	try := name
	for i := 2; taken[try]; i++ {
		try = fmt.Sprintf("%s-%d", name, i)
	}
	taken[try] = true
	return try
}

// codable is a code's isCodable: "false" for a category ('codable: false').
func codable(c *codebook.Code) string {
	if c.NotCodable {
		return "false"
	}
	return "true"
}
