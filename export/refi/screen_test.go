package refi

import (
	"fmt"
	"strings"
	"testing"
)

// TestScreenRefuses checks what reading a project or codebook refuses
// that decoding alone would take silently, or refuse without a line.
func TestScreenRefuses(t *testing.T) {
	const sel = `<Sources><TextSource guid="s1" name="a"><PlainTextContent>Ann: hi there.</PlainTextContent>
<PlainTextSelection guid="x" %s/></TextSource></Sources>`
	few := DefaultLimits
	few.Codes = 3
	tests := []struct {
		name string
		body string
		lim  Limits
		want string
	}{
		{"two codes, one GUID", `<CodeBook><Codes><Code guid="c1" name="a" isCodable="true"/>
<Code guid="c1" name="b" isCodable="true"/></Codes></CodeBook>`, DefaultLimits,
			`line 3: <Code> has guid "c1", as the code on line 2 has`},
		{"one GUID in braces and capitals", `<CodeBook><Codes><Code guid="{ab}" name="a" isCodable="true">
<Code guid="AB" name="b" isCodable="true"/></Code></Codes></CodeBook>`, DefaultLimits,
			`line 3: <Code> has guid "AB", as the code on line 2 has`},
		{"two sources, one GUID", `<Sources><TextSource guid="s1" name="a"/>
<PDFSource guid="s1" name="b"/></Sources>`, DefaultLimits,
			`line 3: <PDFSource> has guid "s1", as the source on line 2 has`},
		{"empty start", fmt.Sprintf(sel, `startPosition="" endPosition="3"`), DefaultLimits,
			`line 3: <PlainTextSelection> startPosition "" is not a whole number`},
		{"no end", fmt.Sprintf(sel, `startPosition="1"`), DefaultLimits,
			`line 3: <PlainTextSelection> has no endPosition`},
		{"out of range", fmt.Sprintf(sel, `startPosition="0" endPosition="99999999999999999999"`), DefaultLimits,
			`line 3: <PlainTextSelection> endPosition "99999999999999999999" is not a whole number`},
		{"not a number", fmt.Sprintf(sel, `startPosition="1.5" endPosition="3"`), DefaultLimits,
			`line 3: <PlainTextSelection> startPosition "1.5" is not a whole number`},
		{"too many codes", `<CodeBook><Codes>` + strings.Repeat("\n<Code name=\"a\" isCodable=\"true\"/>", 4) + `</Codes></CodeBook>`, few,
			`line 6: more than 3 codes`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseProject([]byte("<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\">\n"+tc.body+"</Project>"), tc.lim)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

// TestScreenKeeps reads what is not one thing twice: one GUID for a code
// and a source, which are different kinds, and negative positions, which
// the import reports as outside the text.
func TestScreenKeeps(t *testing.T) {
	_, err := ParseProject([]byte(`<Project xmlns="urn:QDA-XML:project:1.0" name="p">
<CodeBook><Codes><Code guid="g1" name="a" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="g1" name="a"><PlainTextSelection guid="x" startPosition=" -1" endPosition="3"/></TextSource></Sources></Project>`), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
}

// TestCodebookDuplicateGUID refuses a .qdc with one GUID twice, as a
// project is refused.
func TestCodebookDuplicateGUID(t *testing.T) {
	_, err := ParseCodebook([]byte(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="c1" name="a" isCodable="true"/>
<Code guid="c1" name="b" isCodable="true"/></Codes></CodeBook>`), DefaultLimits)
	if err == nil || !strings.Contains(err.Error(), `line 3: <Code> has guid "c1", as the code on line 2 has`) {
		t.Fatalf("error %v", err)
	}
}
