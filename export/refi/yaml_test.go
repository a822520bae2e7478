package refi

import (
	"slices"
	"testing"

	"github.com/qdatool/qda/codebook"
)

// TestCodebookYAMLNested checks that codes encoded one by one and
// indented into place read back as they were, however deep, with blank
// lines and indented lines inside their text.
func TestCodebookYAMLNested(t *testing.T) {
	desc := "First paragraph.\n\n  indented line\nlast: with a colon"
	qde := `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>
<Code guid="c1" name="Top" isCodable="true" color="#AABBCC"><Description>` + desc + `

Memo: a memo

Examples:
- one
- two</Description>
<Code guid="c2" name="Middle" isCodable="true"><Code guid="c3" name="Deep one" isCodable="true"><Description>` + desc + `</Description></Code></Code>
</Code><Code guid="c4" name="Second" isCodable="true"/></Codes></CodeBook></Project>`
	p := plan(t, []byte(qde))
	cb, fs := codebook.Parse("codebook.yaml", p.Codebook)
	if fs.HasErrors() {
		t.Fatalf("%v\n%s", fs, p.Codebook)
	}
	var paths []string
	for _, c := range cb.All() {
		paths = append(paths, c.Path)
	}
	if want := []string{"top", "top/middle", "top/middle/deep-one", "second"}; !slices.Equal(paths, want) {
		t.Errorf("paths %q, want %q\n%s", paths, want, p.Codebook)
	}
	top, deep := cb.Lookup("top"), cb.Lookup("top/middle/deep-one")
	if top.Description != desc || deep.Description != desc || top.Memo != "a memo" || !slices.Equal(top.Examples, []string{"one", "two"}) || top.Color != "#aabbcc" {
		t.Errorf("fields did not come through:\n%s", p.Codebook)
	}
}
