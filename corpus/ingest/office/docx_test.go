package office

import (
	"slices"
	"strings"
	"testing"
)

// wr is a run of text; wp a paragraph; wtc a table cell holding paragraphs.
func wr(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }
func wp(inner ...string) string {
	return "<w:p>" + strings.Join(inner, "") + "</w:p>"
}
func wtc(paras ...string) string {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(wp(wr(p)))
	}
	return "<w:tc><w:tcPr><w:tcW w:w=\"4000\" w:type=\"dxa\"/></w:tcPr>" + b.String() + "</w:tc>"
}
func wtr(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
func wtbl(rows ...string) string {
	return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>` +
		strings.Join(rows, "") + "</w:tbl>"
}

// textBox is a text box as Word writes it: a DrawingML shape, with a VML
// copy of the same text for older readers.
func textBox(text string) string {
	return `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>` +
		`<wps:wsp><wps:txbx><w:txbxContent>` + wp(wr(text)) + `</w:txbxContent></wps:txbx></wps:wsp>` +
		`</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:rect><v:textbox><w:txbxContent>` + wp(wr(text)) + `</w:txbxContent></v:textbox></v:rect></w:pict></mc:Fallback>` +
		`</mc:AlternateContent></w:r>`
}

// docxCases are bodies and the paragraphs they hold; the fuzz targets start
// from them too.
var docxCases = []struct {
	name string
	body string
	want []string
}{
	{
		name: "runs join into one paragraph",
		body: wp(wr("Interviewer: "), `<w:r><w:rPr><w:b/></w:rPr><w:t>How</w:t></w:r>`, wr(" was it?")),
		want: []string{"Interviewer: How was it?"},
	},
	{
		name: "a run of empty paragraphs is kept as one",
		body: wp(wr("Interviewer: Hello.")) + wp() + `<w:p><w:pPr><w:jc w:val="left"/></w:pPr></w:p>` + wp(wr("May: Hello.")) + wp(),
		want: []string{"Interviewer: Hello.", "", "May: Hello.", ""},
	},
	{
		name: "line breaks, tabs and page breaks",
		body: wp(`<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>`,
			`<w:r><w:t>Date: 14 March</w:t><w:br/><w:t>Mode: phone</w:t><w:br w:type="textWrapping"/>`,
			`<w:t>A</w:t><w:tab/><w:t>B</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>C</w:t>`,
			`<w:cr/><w:t>D</w:t><w:br w:type="page"/><w:t>E</w:t><w:br w:type="column"/><w:t>F</w:t></w:r>`),
		want: []string{"Date: 14 March\nMode: phone\nA\tB\tC\nDE\nF"},
	},
	{
		name: "soft hyphens go, non-breaking hyphens are hyphens",
		body: wp(`<w:r><w:t>com</w:t><w:softHyphen/><w:t>puter, com` + "\u00AD" + `munity, drop</w:t><w:noBreakHyphen/><w:t>in</w:t></w:r>`),
		want: []string{"computer, community, drop-in"},
	},
	{
		name: "text keeps its spaces and typography",
		body: wp(wr("  May: it’s “fine”…\u00a0honestly  ")),
		want: []string{"  May: it’s “fine”…\u00a0honestly  "},
	},
	{
		name: "white space at the ends of text is kept only when marked to be",
		body: wp(`<w:r><w:t>  trimmed  </w:t><w:t xml:space="preserve">  kept  </w:t><w:t>` + "\n\tin  side\n" + `</w:t></w:r>`),
		want: []string{"trimmed  kept  in  side"},
	},
	{
		name: "tracked insertion kept, deletion dropped",
		body: wp(wr("May: It’s on a "),
			`<w:ins w:id="1" w:author="JT" w:date="2024-03-15T10:00:00Z">`+wr("Tuesday")+`</w:ins>`,
			`<w:del w:id="2" w:author="JT" w:date="2024-03-15T10:00:00Z"><w:r><w:delText>Thursday</w:delText></w:r></w:del>`,
			wr(".")),
		want: []string{"May: It’s on a Tuesday."},
	},
	{
		name: "deleted paragraph mark joins the paragraphs",
		body: `<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="JT" w:date="2024-03-15T10:00:00Z"/></w:rPr></w:pPr>` + wr("May: I went on the ") + `</w:p>` +
			wp(wr("bus.")) +
			`<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="JT" w:date="2024-03-15T10:00:00Z"/></w:rPr></w:pPr>` +
			`<w:del w:id="5" w:author="JT" w:date="2024-03-15T10:00:00Z"><w:r><w:delText>A whole turn taken out.</w:delText></w:r></w:del></w:p>` +
			wp(wr("Interviewer: Thank you.")),
		want: []string{"May: I went on the bus.", "Interviewer: Thank you."},
	},
	{
		name: "inserted paragraph mark is a paragraph",
		body: `<w:p><w:pPr><w:rPr><w:ins w:id="6" w:author="JT" w:date="2024-03-15T10:00:00Z"/></w:rPr></w:pPr>` + wr("One.") + `</w:p>` + wp(wr("Two.")),
		want: []string{"One.", "Two."},
	},
	{
		name: "moved text read where it went",
		body: wp(`<w:moveFromRangeStart w:id="7" w:author="JT" w:date="2024-03-15T10:00:00Z" w:name="move1"/>`,
			`<w:moveFrom w:id="8" w:author="JT" w:date="2024-03-15T10:00:00Z">`+wr("with a cup of tea ")+`</w:moveFrom>`,
			`<w:moveFromRangeEnd w:id="7"/>`, wr("She was there")) +
			wp(wr("waiting "), `<w:moveToRangeStart w:id="9" w:author="JT" w:date="2024-03-15T10:00:00Z" w:name="move1"/>`,
				`<w:moveTo w:id="10" w:author="JT" w:date="2024-03-15T10:00:00Z">`+wr("with a cup of tea")+`</w:moveTo>`,
				`<w:moveToRangeEnd w:id="9"/>`, wr(".")),
		want: []string{"She was there", "waiting with a cup of tea."},
	},
	{
		name: "complex field shows its result, not its code",
		body: wp(wr("Checked on "),
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "dd/MM/yyyy" </w:instrText></w:r>`,
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`, wr("15/03/2024"), `<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
			wr(" by JT.")),
		want: []string{"Checked on 15/03/2024 by JT."},
	},
	{
		name: "field nested in a field's code, and a field with no result",
		body: wp(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>`,
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`,
			wr("1"), `<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = 1 "first" "later"</w:instrText></w:r>`,
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`, wr("first"), `<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
			wr(" page"),
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> SEQ Figure </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`,
			wr(".")),
		want: []string{"first page."},
	},
	{
		name: "simple field and hyperlink keep their text",
		body: wp(wr("See "), `<w:hyperlink r:id="rId5" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+wr("the council website")+`</w:hyperlink>`,
			wr(", page "), `<w:fldSimple w:instr=" PAGE ">`+wr("3")+`</w:fldSimple>`, wr(".")),
		want: []string{"See the council website, page 3."},
	},
	{
		name: "footnote and endnote references give no text",
		body: wp(wr("[name removed] rang me."), `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r>`,
			wr(" Then"), `<w:r><w:endnoteReference w:id="3"/></w:r>`, wr(" I went.")),
		want: []string{"[name removed] rang me. Then I went."},
	},
	{
		name: "comments give no text",
		body: wp(`<w:commentRangeStart w:id="0"/>`, wr("She said Tuesday."), `<w:commentRangeEnd w:id="0"/>`,
			`<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>`),
		want: []string{"She said Tuesday."},
	},
	{
		name: "text box read once, after its anchor",
		body: wp(wr("Interviewer: And somebody meets you?"), textBox("Transcriber’s note: a dog barks.")) + wp(wr("May: Yes.")),
		want: []string{"Interviewer: And somebody meets you?", "Transcriber’s note: a dog barks.", "May: Yes."},
	},
	{
		name: "alternate content falls back when the choice has nothing",
		body: wp(`<w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:drawing/></mc:Choice>`+
			`<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>`+wp(wr("Only in VML."))+`</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>`+
			`</mc:AlternateContent></w:r>`, wr("Anchor.")),
		want: []string{"Anchor.", "Only in VML."},
	},
	{
		name: "alternate content inline text is not doubled",
		body: wp(wr("A "), `<mc:AlternateContent><mc:Choice Requires="w14">`+wr("choice")+`</mc:Choice><mc:Fallback>`+wr("fallback")+`</mc:Fallback></mc:AlternateContent>`, wr(" B")),
		want: []string{"A choice B"},
	},
	{
		name: "content controls, smart tags and custom XML are read through",
		body: `<w:sdt><w:sdtPr><w:alias w:val="Participant"/><w:placeholder><w:docPart w:val="X"/></w:placeholder></w:sdtPr><w:sdtContent>` +
			wp(wr("Participant: "), `<w:sdt><w:sdtPr/><w:sdtContent>`+wr("May")+`</w:sdtContent></w:sdt>`) +
			`</w:sdtContent></w:sdt>` +
			wp(`<w:smartTag w:uri="urn:x" w:element="place">`+wr("Leeds")+`</w:smartTag>`, `<w:customXml w:element="x">`+wr(" bus station")+`</w:customXml>`),
		want: []string{"Participant: May", "Leeds bus station"},
	},
	{
		name: "symbols and ruby guides are dropped",
		body: wp(wr("Tick "), `<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>`, `<w:r><w:ruby><w:rubyPr/><w:rt>`+wr("guide")+`</w:rt><w:rubyBase>`+wr("base")+`</w:rubyBase></w:ruby></w:r>`),
		want: []string{"Tick base"},
	},
	{
		name: "speaker table",
		body: wp(wr("Transcript")) + wtbl(
			wtr(wtc("Interviewer"), wtc("What was the group like?")),
			wtr(wtc("May:"), wtc("Lovely.", "We have a laugh.")),
			wtr(wtc(""), wtc("")),
			wtr(wtc("Speaker 2 "), wtc("  Would you go again?  ")),
		) + wp(),
		want: []string{"Transcript", "Interviewer: What was the group like?", "May: Lovely.\nWe have a laugh.", "", "Speaker 2: Would you go again?", ""},
	},
	{
		name: "rows that are not speaker and speech",
		body: wtbl(
			wtr(wtc("00:12:30"), wtc("Interviewer"), wtc("And the buses?")),
			wtr(wtc(""), wtc("May"), wtc("Mostly fine.")),
			wtr(wtc("I don’t know. Do you?"), wtc("That was it.")),
			wtr(wtc("Mrs May Smith Jones"), wtc("Four words.")),
			wtr(wtc("Only one cell")),
		),
		want: []string{
			"[00:12:30] Interviewer: And the buses?",
			"May: Mostly fine.",
			"I don’t know. Do you?\tThat was it.",
			"Mrs May Smith Jones\tFour words.",
			"Only one cell",
		},
	},
	{
		name: "nested table flattens into its cell",
		body: wtbl(wtr(wtc("Notes"), `<w:tc>`+wtbl(wtr(wtc("00:04:10"), wtc("laughs")), wtr(wtc("00:05:02"), wtc("[inaudible]")))+wp()+`</w:tc>`)),
		want: []string{"Notes: 00:04:10: laughs\n00:05:02: [inaudible]"},
	},
	{
		name: "deleted row is gone",
		body: wtbl(
			wtr(wtc("May"), wtc("Kept.")),
			`<w:tr><w:trPr><w:del w:id="1" w:author="JT" w:date="2024-03-15T10:00:00Z"/></w:trPr>`+
				`<w:tc><w:p><w:del w:id="2" w:author="JT" w:date="2024-03-15T10:00:00Z"><w:r><w:delText>May</w:delText></w:r></w:del></w:p></w:tc></w:tr>`,
		),
		want: []string{"May: Kept."},
	},
	{
		name: "section properties, bookmarks and proofing marks give nothing",
		body: wp(`<w:bookmarkStart w:id="0" w:name="_GoBack"/>`, `<w:proofErr w:type="spellStart"/>`, wr("Hiya"), `<w:proofErr w:type="spellEnd"/>`, `<w:bookmarkEnd w:id="0"/>`, `<w:r><w:lastRenderedPageBreak/><w:t>.</w:t></w:r>`) +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`,
		want: []string{"Hiya."},
	},
}

func TestDOCX(t *testing.T) {
	for _, tc := range docxCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DOCX(docxOf(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestDOCXPackage(t *testing.T) {
	strict := `<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>Strict.</w:t></w:r></w:p></w:body></w:document>`
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{
			name: "main part named by the relationships",
			data: zipOf(part{"_rels/.rels", rels("/word/document2.xml")}, part{"word/document2.xml", docxXML(wp(wr("From document2.")))}),
			want: []string{"From document2."},
		},
		{
			name: "relationships naming a missing part fall back to word/document.xml",
			data: zipOf(part{"_rels/.rels", rels("word/missing.xml")}, part{"word/document.xml", docxXML(wp(wr("Found.")))}),
			want: []string{"Found."},
		},
		{
			name: "no relationships, part name in another case and with backslashes",
			data: zipOf(part{`Word\Document.XML`, docxXML(wp(wr("Windows zip.")))}),
			want: []string{"Windows zip."},
		},
		{
			name: "strict Open XML",
			data: docxPart(strict),
			want: []string{"Strict."},
		},
		{
			name: "headers, footers, footnotes and comments are not read",
			data: zipOf(
				part{"word/document.xml", docxXML(wp(wr("Body.")))},
				part{"word/header1.xml", `<w:hdr ` + docxNamespaces + `>` + wp(wr("Header.")) + `</w:hdr>`},
				part{"word/footnotes.xml", `<w:footnotes ` + docxNamespaces + `><w:footnote w:id="2">` + wp(wr("Note.")) + `</w:footnote></w:footnotes>`},
				part{"word/comments.xml", `<w:comments ` + docxNamespaces + `><w:comment w:id="0">` + wp(wr("Comment.")) + `</w:comment></w:comments>`},
			),
			want: []string{"Body."},
		},
		{
			name: "empty body",
			data: docxOf(""),
			want: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DOCX(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
