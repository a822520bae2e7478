package report

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets/report.css assets/report.js
var assetFS embed.FS

// File is one file of the report, its name relative to the report's folder.
type File struct {
	Name string
	Data []byte
}

// PagePassages is the most passages a code's page quotes, and the most
// disagreements the charts page lists: a theme of a study of 10,000
// participants has a hundred thousand, a page no one reads to the end.
const PagePassages = 300

// page is one page of the site, or one section of the single file.
type page struct {
	name     string // "overview", "codebook", "charts" or a code page's file name
	title    string
	template string
	data     any
	search   bool
}

// layoutData is what the layout template sees.
type layoutData struct {
	R         *Report
	Page      string
	PageTitle string
	Body      template.HTML
	Data      template.JS
	Search    bool
	Single    bool
	CSS       template.CSS
	JS        template.JS
}

// Render writes the report: with single unset, index.html, codebook.html,
// charts.html, a page per code and the assets; with single set, one file,
// index.html, holding every page as a section, the styles and the script.
func (r *Report) Render(single bool) ([]File, error) {
	t, err := r.templates(single)
	if err != nil {
		return nil, err
	}
	pages, err := r.pages()
	if err != nil {
		return nil, err
	}
	// The data is written into the page by withData, passage by passage,
	// where the template leaves a mark: the template would marshal it
	// whole and copy it again to escape it, tens of megabytes for a large
	// study.
	css, _ := assetFS.ReadFile("assets/report.css")
	js, _ := assetFS.ReadFile("assets/report.js")
	if single {
		var body bytes.Buffer
		for _, p := range pages {
			if err := t.ExecuteTemplate(&body, p.template, p.data); err != nil {
				return nil, err
			}
		}
		var out bytes.Buffer
		err := t.ExecuteTemplate(&out, "layout", layoutData{R: r, Page: "overview", PageTitle: "Report", Body: template.HTML(body.String()),
			Data: dataMark, Search: true, Single: true, CSS: template.CSS(css), JS: template.JS(js)})
		if err != nil {
			return nil, err
		}
		page, err := withData(out.Bytes(), r.pageData())
		if err != nil {
			return nil, err
		}
		return []File{{Name: "index.html", Data: page}}, nil
	}
	// The page with the data (tens of megabytes, beside the passages it
	// copies) is rendered last, when the other pages' work is done, so
	// that the memory it takes is not added to theirs.
	order := make([]int, 0, len(pages))
	for i, p := range pages {
		if !p.search {
			order = append(order, i)
		}
	}
	for i, p := range pages {
		if p.search {
			order = append(order, i)
		}
	}
	files := make([]File, len(pages))
	for _, i := range order {
		p := pages[i]
		var body bytes.Buffer
		if err := t.ExecuteTemplate(&body, p.template, p.data); err != nil {
			return nil, err
		}
		ld := layoutData{R: r, Page: p.name, PageTitle: p.title, Body: template.HTML(body.String()), Search: p.search}
		if p.search {
			ld.Data = dataMark
		}
		var out bytes.Buffer
		if err := t.ExecuteTemplate(&out, "layout", ld); err != nil {
			return nil, err
		}
		page := out.Bytes()
		if p.search {
			if page, err = withData(page, r.pageData()); err != nil {
				return nil, err
			}
		}
		name := p.name
		if name == "overview" {
			name = "index"
		}
		if !strings.HasSuffix(name, ".html") {
			name += ".html"
		}
		files[i] = File{Name: name, Data: page}
	}
	files = append(files, File{Name: "assets/report.css", Data: css}, File{Name: "assets/report.js", Data: js})
	return files, nil
}

// pages lists the report's pages in reading order.
func (r *Report) pages() ([]page, error) {
	charts, err := r.charts()
	if err != nil {
		return nil, err
	}
	ps := []page{
		{name: "overview", title: "Overview", template: "overview", data: r, search: true},
		{name: "codebook", title: "Codebook", template: "codebook", data: r},
		{name: "charts", title: "Charts", template: "charts", data: charts},
	}
	for _, e := range r.Book {
		ps = append(ps, page{name: e.Page, title: e.Code.DisplayLabel(), template: "code", data: codePage{R: r, E: e}})
	}
	return ps, nil
}

type codePage struct {
	R *Report
	E *CodeEntry
}

// participantPassages are one participant's passages of a code.
type participantPassages struct {
	Participant string
	Passages    []*Passage
}

func (r *Report) groupByParticipant(refs []int) ([]participantPassages, error) {
	var out []participantPassages
	for _, i := range refs {
		p, err := r.Passage.Get(i)
		if err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Participant != p.Participant {
			out = append(out, participantPassages{Participant: p.Participant})
		}
		last := &out[len(out)-1]
		last.Passages = append(last.Passages, p)
	}
	return out, nil
}

func (r *Report) templates(single bool) (*template.Template, error) {
	pageOf := map[string]string{}
	for _, e := range r.Book {
		pageOf[e.Code.Path] = e.Page
	}
	link := func(name string) string {
		id := strings.TrimSuffix(name, ".html")
		if single {
			return "#" + id
		}
		switch id {
		case "overview":
			return "index.html"
		case "heatmap":
			return "index.html#heatmap"
		}
		return id + ".html"
	}
	funcs := template.FuncMap{
		"link":   link,
		"anchor": func(name string) string { return strings.TrimSuffix(name, ".html") },
		"page":   func(c *codebook.Code) string { return pageOf[c.Path] },
		"colour": (*codebook.Code).Colour,
		// Colours come from the study: only one codebook.ParseColour
		// takes is placed in a style.
		"css": func(c string) template.CSS {
			if col, ok := codebook.ParseColour(c); ok {
				return template.CSS(col)
			}
			return "transparent"
		},
		"share": CodedShare,
		"join":  strings.Join,
		"short": func(s string) string { return s[:min(len(s), 12)] },
		"title": func(s string) string {
			if s == "" {
				return s
			}
			return strings.ToUpper(s[:1]) + s[1:]
		},
		"noun": MeasureNoun,
		"steps": func() []int {
			out := make([]int, Steps)
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
		"shown": func(g *HeatGroup) []*HeatRow { return g.Rows[:g.Shown] },
		"add":   func(a, b int) int { return a + b },
		"plural": func(n int, what string) string {
			if n == 1 {
				return "1 " + what
			}
			return fmt.Sprintf("%d %ss", n, what)
		},
		"sub": func(a, b int) int { return a - b },
		"filters": func(fs []corpus.Filter) string {
			var parts []string
			for _, f := range fs {
				parts = append(parts, f.Key+"="+strings.Join(f.Values, "|"))
			}
			return strings.Join(parts, "; ")
		},
		"ancestors": func(c *codebook.Code) []*codebook.Code {
			var out []*codebook.Code
			for p := c.Parent; p != nil; p = p.Parent {
				out = append([]*codebook.Code{p}, out...)
			}
			return out
		},
		"groupByParticipant": r.groupByParticipant,
		"pageRefs":           func(refs []int) []int { return refs[:min(len(refs), PagePassages)] },
		"coocStep":           func(v int) int { return Step(v, r.coocMax()) },
		"stat":               func(s export.Stat) string { return s.String() },
	}
	return template.New("report").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
}

func (r *Report) coocMax() int { return offDiagonalMax(r.Cooc) }

// pageData is the heat map's data for the page's script: the passages
// behind each cell, the framework summaries, and the rows the page does
// not hold as HTML.
type pageData struct {
	Measure string            `json:"measure"`
	Columns []string          `json:"cols"`
	Rows    []dataRow         `json:"rows"`
	Groups  [][2]int          `json:"groups"` // each group's first row in Rows and its count
	Cells   map[string][]int  `json:"cells"`  // "row.col" → passages
	Sums    map[string]string `json:"sums,omitempty"`
	P       *Passages         `json:"-"` // written one by one by withData
}

// dataMark is where the template leaves the page's data for withData.
const dataMark template.JS = "/*qda-data*/"

// withData returns page with its data mark replaced by d as JSON, the
// passages copied from the JSON they are held as into a buffer of the
// final size. json.Marshal writes <, > and & as \u003c, \u003e and
// \u0026, so the JSON cannot end its script element.
func withData(page []byte, d pageData) ([]byte, error) {
	at := bytes.Index(page, []byte(dataMark))
	if at < 0 {
		return nil, fmt.Errorf("report: the page has no place for its data")
	}
	head, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	size := len(page) + len(head) + 16
	for i := range d.P.Len() {
		size += len(d.P.JSON(i)) + 1
	}
	out := make([]byte, 0, size)
	out = append(out, page[:at]...)
	out = append(out, head[:len(head)-1]...) // without its closing brace
	out = append(out, `,"p":[`...)
	for i := range d.P.Len() {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, d.P.JSON(i)...)
	}
	out = append(out, "]}"...)
	return append(out, page[at+len(dataMark):]...), nil
}

type dataRow struct {
	Index int    `json:"i"`
	Key   string `json:"k"`
	Vals  []int  `json:"v"`
	Steps []int  `json:"s"`
	Total int    `json:"t"`
}

func (r *Report) pageData() pageData {
	h := r.Heat
	d := pageData{Measure: h.Measure, Cells: map[string][]int{}, Sums: map[string]string{}, P: r.Passage}
	for _, c := range h.Columns {
		d.Columns = append(d.Columns, c.Code.DisplayLabel())
	}
	for _, g := range h.Groups {
		d.Groups = append(d.Groups, [2]int{len(d.Rows), len(g.Rows)})
		for _, row := range g.Rows {
			dr := dataRow{Index: row.Index, Key: row.Key, Total: row.Total}
			for j, c := range row.Cells {
				dr.Vals = append(dr.Vals, c.Value)
				dr.Steps = append(dr.Steps, c.Step)
				key := fmt.Sprintf("%d.%d", row.Index, j)
				if len(c.Passages) > 0 {
					d.Cells[key] = c.Passages
				}
				if c.Summary != "" {
					d.Sums[key] = c.Summary
				}
			}
			d.Rows = append(d.Rows, dr)
		}
	}
	return d
}
