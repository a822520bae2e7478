package office

import (
	"slices"
	"strings"
	"testing"
)

// tp is a paragraph; tcell a table cell of paragraphs; trow a row.
func tp(inner string) string { return "<text:p>" + inner + "</text:p>" }
func tcell(paras ...string) string {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(tp(p))
	}
	return `<table:table-cell office:value-type="string">` + b.String() + "</table:table-cell>"
}
func trow(cells ...string) string {
	return "<table:table-row>" + strings.Join(cells, "") + "</table:table-row>"
}
func ttable(rows ...string) string {
	return `<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/>` + strings.Join(rows, "") + "</table:table>"
}

// odtCases are bodies and the paragraphs they hold; the fuzz targets start
// from them too.
var odtCases = []struct {
	name string
	body string
	want []string
}{
	{
		name: "paragraphs, headings and empty paragraphs",
		body: `<text:h text:outline-level="1">Interview with May</text:h>` + tp("Interviewer: Hello.") + "<text:p/><text:p/>" + tp("May: Hello."),
		want: []string{"Interview with May", "Interviewer: Hello.", "", "May: Hello."},
	},
	{
		name: "white space collapses as ODF says",
		body: "<text:p>\n   Interviewer:\n\tHow  was <text:span>  it</text:span>? </text:p>",
		want: []string{"Interviewer: How was it? "},
	},
	{
		name: "spaces, tabs and line breaks",
		body: tp(`A<text:s/>B<text:s text:c="3"/>C <text:s text:c="2"/>D<text:tab/> E<text:line-break/> F<text:s text:c="0"/>G<text:s text:c="x"/>H`),
		want: []string{"A B   C   D\t E\n F G H"}, // a count that is not a positive number means one space
	},
	{
		name: "leading spaces written as text:s are kept",
		body: tp(`<text:s text:c="2"/>indented`),
		want: []string{"  indented"},
	},
	{
		name: "typography is kept, soft hyphens dropped",
		body: tp("May: it’s “fine”…\u00a0com\u00adputer"),
		want: []string{"May: it’s “fine”…\u00a0computer"},
	},
	{
		name: "footnotes and endnotes give nothing",
		body: tp(`rang me.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Name removed.</text:p></text:note-body></text:note> So I did.` +
			`<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>End.</text:p></text:note-body></text:note>`),
		want: []string{"rang me. So I did."},
	},
	{
		name: "annotations give nothing",
		body: tp(`She said <office:annotation office:name="c1"><dc:creator>JT</dc:creator><dc:date>2024-03-15T10:02:00</dc:date><text:p>Check this.</text:p></office:annotation>Tuesday<office:annotation-end office:name="c1"/>.`),
		want: []string{"She said Tuesday."},
	},
	{
		name: "tracked changes read as accepted",
		body: `<text:tracked-changes>` +
			`<text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>JT</dc:creator><dc:date>2024-03-15T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>` +
			`<text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>JT</dc:creator><dc:date>2024-03-15T10:01:00</dc:date></office:change-info><text:p>Thursday</text:p></text:deletion></text:changed-region>` +
			`</text:tracked-changes>` +
			tp(`May: It’s on a <text:change-start text:change-id="ct1"/>Tuesday<text:change-end text:change-id="ct1"/><text:change text:change-id="ct2"/>, at the church hall.`),
		want: []string{"May: It’s on a Tuesday, at the church hall."},
	},
	{
		name: "lists without their numbers",
		body: `<text:list><text:list-item><text:p><text:number>1.</text:number>the tea group</text:p></text:list-item>` +
			`<text:list-item><text:list><text:list-item><text:p>the library</text:p></text:list-item></text:list></text:list-item></text:list>` +
			`<text:h text:outline-level="2"><text:number>2.</text:number>Buses</text:h>`,
		want: []string{"the tea group", "the library", "Buses"},
	},
	{
		name: "text box read after its anchor, image descriptions dropped",
		body: tp(`Interviewer: And somebody meets you?<draw:frame draw:name="Note" text:anchor-type="paragraph">`+
			"\n  <draw:text-box>\n    "+tp("Transcriber’s note: a dog barks.")+"\n  </draw:text-box>\n</draw:frame>") +
			tp(`<draw:frame text:anchor-type="as-char"><draw:image xlink:href="Pictures/1.png"/><svg:title>Photo</svg:title><svg:desc>The church hall.</svg:desc></draw:frame>May: Yes.`),
		want: []string{"Interviewer: And somebody meets you?", "Transcriber’s note: a dog barks.", "May: Yes."},
	},
	{
		name: "links, fields, bookmarks and sections keep their text",
		body: `<text:section text:name="S1">` +
			tp(`See the <text:a xlink:type="simple" xlink:href="https://example.org">council website</text:a>, checked <text:date text:date-value="2024-03-15" text:fixed="true">15/03/2024</text:date><text:bookmark text:name="b"/>.<text:soft-page-break/>`) +
			`</text:section>`,
		want: []string{"See the council website, checked 15/03/2024."},
	},
	{
		name: "a table of contents without its template",
		body: `<text:table-of-content text:name="Contents"><text:table-of-content-source text:outline-level="2"><text:index-title-template>Contents</text:index-title-template>` +
			`<text:table-of-content-entry-template text:outline-level="1"><text:index-entry-text/></text:table-of-content-entry-template></text:table-of-content-source>` +
			`<text:index-body><text:index-title text:name="t"><text:p>Contents</text:p></text:index-title><text:p>Buses<text:tab/>2</text:p></text:index-body></text:table-of-content>`,
		want: []string{"Contents", "Buses\t2"},
	},
	{
		name: "speaker table",
		body: ttable(
			`<table:table-header-rows>`+trow(tcell("Speaker"), tcell("Text"))+`</table:table-header-rows>`,
			trow(tcell("Interviewer"), tcell("What was the group like?")),
			trow(tcell("May:"), tcell("Lovely.", "We have a laugh.")),
			trow(tcell(""), tcell("")),
			trow(tcell("00:12:30"), tcell("May"), tcell("Mostly fine.")),
			trow(`<table:table-cell table:number-columns-spanned="2">`+tp("Merged across")+`</table:table-cell><table:covered-table-cell>`+tp("hidden")+`</table:covered-table-cell>`),
		),
		want: []string{"Speaker: Text", "Interviewer: What was the group like?", "May: Lovely.\nWe have a laugh.", "", "[00:12:30] May: Mostly fine.", "Merged across"},
	},
	{
		name: "nested table flattens into its cell",
		body: ttable(trow(tcell("Notes"), `<table:table-cell>`+ttable(trow(tcell("00:04:10"), tcell("laughs")), trow(tcell("00:05:02"), tcell("[inaudible]")))+`<text:p/></table:table-cell>`)),
		want: []string{"Notes: 00:04:10: laughs\n00:05:02: [inaudible]"},
	},
	{
		name: "empty body",
		body: `<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>`,
		want: nil,
	},
}

func TestODT(t *testing.T) {
	for _, tc := range odtCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ODT(odtOf(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestODTPackage(t *testing.T) {
	flat := `<office:document ` + odtNamespaces + ` office:mimetype="application/vnd.oasis.opendocument.text">` +
		`<office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Header.</text:p></style:header></style:master-page></office:master-styles>` +
		`<office:body><office:text><text:p>Body.</text:p></office:text></office:body></office:document>`
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{
			name: "no mimetype entry",
			data: zipOf(part{"content.xml", odtXML(tp("Still read."))}),
			want: []string{"Still read."},
		},
		{
			name: "a template is text too",
			data: zipOf(part{"mimetype", "application/vnd.oasis.opendocument.text-template"}, part{"content.xml", odtXML(tp("Template."))}),
			want: []string{"Template."},
		},
		{
			name: "headers and master pages are not read",
			data: odtPart(flat),
			want: []string{"Body."},
		},
		{
			name: "styles.xml is not read",
			data: zipOf(part{"mimetype", "application/vnd.oasis.opendocument.text"}, part{"content.xml", odtXML(tp("Body."))},
				part{"styles.xml", `<office:document-styles ` + odtNamespaces + `><office:master-styles><style:master-page><style:footer><text:p>Page 1</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>`}),
			want: []string{"Body."},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ODT(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
