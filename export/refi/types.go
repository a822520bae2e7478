// Package refi reads and writes the REFI-QDA exchange formats (QDA-XML
// 1.0): a project (.qdpx, a zip holding project.qde and its sources) and
// a codebook (.qdc), so a study travels to and from NVivo, ATLAS.ti,
// MAXQDA and QualCoder. Writing follows the schemas to the letter; reading
// is tolerant of what those tools really write and refuses what could harm
// the reader (see docs/refi.md). It never prints and never exits.
package refi

import "encoding/xml"

// The namespaces of the two formats.
const (
	ProjectNS  = "urn:QDA-XML:project:1.0"
	CodebookNS = "urn:QDA-XML:codebook:1.0"
)

// Project is project.qde. Fields are in the order the schema's sequence
// requires, which is the order encoding/xml writes them in.
type Project struct {
	XMLName          xml.Name   `xml:"urn:QDA-XML:project:1.0 Project"`
	Name             string     `xml:"name,attr"`
	Origin           string     `xml:"origin,attr,omitempty"`
	CreatingUserGUID string     `xml:"creatingUserGUID,attr,omitempty"`
	Users            *Users     `xml:"Users"`
	CodeBook         *CodeBook  `xml:"CodeBook"`
	Variables        *Variables `xml:"Variables"`
	Cases            *Cases     `xml:"Cases"`
	Sources          *Sources   `xml:"Sources"`
	Notes            *Notes     `xml:"Notes"`
	Links            *Others    `xml:"Links"`
	Sets             *Others    `xml:"Sets"`
	Graphs           *Others    `xml:"Graphs"`
	Description      string     `xml:"Description,omitempty"`
	NoteRefs         []Ref      `xml:"NoteRef"`
}

// Users lists the people who coded.
type Users struct {
	Users []User `xml:"User"`
}

// User is one person who coded; qda makes one per coder.
type User struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
	ID   string `xml:"id,attr,omitempty"`
}

// CodeBook holds the code tree, in a project or alone in a .qdc file.
type CodeBook struct {
	Codes Codes   `xml:"Codes"`
	Sets  *Others `xml:"Sets"`
}

// CodebookFile is a .qdc file: a codebook in its own namespace.
type CodebookFile struct {
	XMLName xml.Name `xml:"urn:QDA-XML:codebook:1.0 CodeBook"`
	Codes   Codes    `xml:"Codes"`
	Sets    *Others  `xml:"Sets"`
}

// Codes is a non-empty list of codes.
type Codes struct {
	Codes []Code `xml:"Code"`
}

// Code is one code; nesting is the hierarchy.
type Code struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	IsCodable   string `xml:"isCodable,attr"`
	Color       string `xml:"color,attr,omitempty"`
	Description string `xml:"Description,omitempty"`
	NoteRefs    []Ref  `xml:"NoteRef"`
	Codes       []Code `xml:"Code"`
}

// Variables lists the attributes of cases and sources.
type Variables struct {
	Variables []Variable `xml:"Variable"`
}

// Variable is one attribute and its type.
type Variable struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description,omitempty"`
}

// Cases lists the cases: qda's participants.
type Cases struct {
	Cases []Case `xml:"Case"`
}

// Case is one participant, with attribute values and the sources they own.
type Case struct {
	GUID        string          `xml:"guid,attr"`
	Name        string          `xml:"name,attr,omitempty"`
	Description string          `xml:"Description,omitempty"`
	CodeRefs    []Ref           `xml:"CodeRef"`
	Values      []VariableValue `xml:"VariableValue"`
	SourceRefs  []Ref           `xml:"SourceRef"`
	// SelectionRefs are parts of sources that belong to the case.
	SelectionRefs []Ref `xml:"SelectionRef"`
}

// VariableValue is one value of a variable; exactly one of the values is
// set, by the variable's type.
type VariableValue struct {
	VariableRef   Ref     `xml:"VariableRef"`
	TextValue     *string `xml:"TextValue"`
	BooleanValue  *string `xml:"BooleanValue"`
	IntegerValue  *string `xml:"IntegerValue"`
	FloatValue    *string `xml:"FloatValue"`
	DateValue     *string `xml:"DateValue"`
	DateTimeValue *string `xml:"DateTimeValue"`
}

// Value returns whichever value is set, as text.
func (v VariableValue) Value() string {
	for _, p := range []*string{v.TextValue, v.BooleanValue, v.IntegerValue, v.FloatValue, v.DateValue, v.DateTimeValue} {
		if p != nil {
			return *p
		}
	}
	return ""
}

// Sources lists the documents. Only text sources carry over into a qda
// study; the others are read to be reported.
type Sources struct {
	Text    []TextSource `xml:"TextSource"`
	Picture []Other      `xml:"PictureSource"`
	PDF     []Other      `xml:"PDFSource"`
	Audio   []Other      `xml:"AudioSource"`
	Video   []Other      `xml:"VideoSource"`
}

// TextSource is a text document (a transcript); Notes share its type.
type TextSource struct {
	GUID             string          `xml:"guid,attr"`
	Name             string          `xml:"name,attr,omitempty"`
	RichTextPath     string          `xml:"richTextPath,attr,omitempty"`
	PlainTextPath    string          `xml:"plainTextPath,attr,omitempty"`
	Path             string          `xml:"path,attr,omitempty"` // not the schema's, read only
	CreatingUser     string          `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string          `xml:"creationDateTime,attr,omitempty"`
	Description      string          `xml:"Description,omitempty"`
	PlainTextContent *string         `xml:"PlainTextContent"`
	Selections       []Selection     `xml:"PlainTextSelection"`
	Codings          []Coding        `xml:"Coding"`
	NoteRefs         []Ref           `xml:"NoteRef"`
	Values           []VariableValue `xml:"VariableValue"`
}

// Selection is a coded span of a text source, in Unicode code points from
// 0, end exclusive.
type Selection struct {
	GUID             string   `xml:"guid,attr"`
	Name             string   `xml:"name,attr,omitempty"`
	Start            int64    `xml:"startPosition,attr"`
	End              int64    `xml:"endPosition,attr"`
	CreatingUser     string   `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string   `xml:"creationDateTime,attr,omitempty"`
	Description      string   `xml:"Description,omitempty"`
	Codings          []Coding `xml:"Coding"`
	NoteRefs         []Ref    `xml:"NoteRef"`
}

// Coding applies a code to the selection (or source) it sits in.
type Coding struct {
	GUID             string `xml:"guid,attr"`
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	CodeRef          Ref    `xml:"CodeRef"`
	NoteRefs         []Ref  `xml:"NoteRef"`
}

// Notes lists memos.
type Notes struct {
	Notes []TextSource `xml:"Note"`
}

// Ref points at another object by its GUID.
type Ref struct {
	Target string `xml:"targetGUID,attr"`
}

// Others holds elements qda does not carry over (links, sets, graphs,
// non-text sources) so that they can be counted and reported.
type Others struct {
	Items []Other `xml:",any"`
}

// Other is an element read only to be reported.
type Other struct {
	XMLName xml.Name
	GUID    string `xml:"guid,attr"`
	Name    string `xml:"name,attr"`
}
