package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/qdatool/qda/corpus/anon"
)

// Finding is a possible identifier in the report's pages.
type Finding struct {
	File  string
	Match anon.Match
	Count int // how many times the same text is found in all files
}

func (f Finding) String() string {
	times := ""
	if f.Count > 1 {
		times = fmt.Sprintf(" (%d times)", f.Count)
	}
	return fmt.Sprintf("%s: possible identifier: %s %q%s", f.File, f.Match.Kind.Describe(), f.Match.Text, times)
}

// Scan looks through the report's pages for what qda check flags in
// transcripts (corpus/anon: emails, phone numbers, postcodes, URLs, NHS
// numbers, the study's identifying names). It reads what a reader sees:
// the pages' text, the attributes shown on hover or read aloud, and the
// JSON the script shows; not the markup, whose namespaces look like URLs.
func Scan(files []File, names []string) []Finding {
	sc := anon.New(names)
	var out []Finding
	seen := map[string]int{}
	add := func(file, text string) {
		for _, line := range strings.Split(text, "\n") {
			for _, m := range sc.Line(line) {
				k := string(m.Kind) + "\x00" + m.Text
				if i, ok := seen[k]; ok {
					out[i].Count++
					continue
				}
				seen[k] = len(out)
				out = append(out, Finding{File: file, Match: m, Count: 1})
			}
		}
	}
	for _, f := range files {
		if !strings.HasSuffix(f.Name, ".html") {
			continue // the assets are qda's own
		}
		scanHTML(f, add)
	}
	return out
}

// dataOpen opens the page's data (templates/layout.html).
var dataOpen = []byte(`<script type="application/json" id="qda-data">`)

// scanHTML scans one page. The page's data is read as JSON where it lies,
// between the page before it and the page after it: through the
// tokenizer, whose buffer grows to hold a whole element, the data of a
// large study would be copied into a buffer of twice its size.
func scanHTML(f File, add func(file, text string)) {
	data := f.Data
	if at := bytes.Index(data, dataOpen); at >= 0 {
		start := at + len(dataOpen)
		// json.Marshal writes < as \u003c: the first "</" ends the script.
		if n := bytes.Index(data[start:], []byte("</")); n >= 0 {
			end := start + n
			if !tokenize(f, data[:start], add) {
				return
			}
			jsonStrings(data[start:end], func(s string) { add(f.Name, s) })
			tokenize(f, data[end:], add)
			return
		}
	}
	tokenize(f, data, add)
}

// tokenize scans part of page f's HTML, reporting whether it could be read
// (when not, all of f has been scanned as text).
func tokenize(f File, part []byte, add func(file, text string)) bool {
	z := html.NewTokenizer(bytes.NewReader(part))
	skip := false // inside qda's own style or script
	inJSON := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				add(f.Name, string(f.Data)) // unreadable: scan it all
				return false
			}
			return true
		case html.TextToken:
			switch {
			case inJSON:
				// The page's data, read as the script reads it: its
				// escapes (\u003c) are not text a reader sees.
				jsonStrings(z.Text(), func(s string) { add(f.Name, s) })
			case !skip:
				add(f.Name, html.UnescapeString(string(z.Text())))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			isJSON := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "title", "aria-label", "alt", "content":
					add(f.Name, string(v))
				case "type":
					isJSON = string(v) == "application/json"
				}
			}
			skip = tag == "style" || (tag == "script" && !isJSON)
			inJSON = tag == "script" && isJSON
		case html.EndTagToken:
			skip, inJSON = false, false
		}
	}
}

// jsonStrings calls fn with each string of the JSON in data, unquoted,
// one at a time: the data of a large study is tens of megabytes, and
// neither a decoded tree nor a decoder's copy of it is needed to read its
// strings. Data that is not JSON is passed whole.
func jsonStrings(data []byte, fn func(string)) {
	for i := 0; i < len(data); i++ {
		if data[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(data) && data[j] != '"' {
			if data[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(data) {
			fn(string(data[i:]))
			return
		}
		var s string
		if plainJSON(data[i+1 : j]) {
			// Nothing to unquote, as for most of the passages' text:
			// what json.Unmarshal would return, without its cost.
			s = string(data[i+1 : j])
		} else if err := json.Unmarshal(data[i:j+1], &s); err != nil {
			s = string(data[i : j+1])
		}
		fn(s)
		i = j
	}
}

// plainJSON reports whether b, the inside of a JSON string, is its own
// value: valid UTF-8 with no escape and no control character.
func plainJSON(b []byte) bool {
	for _, c := range b {
		if c == '\\' || c < 0x20 {
			return false
		}
	}
	return utf8.Valid(b)
}
