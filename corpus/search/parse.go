package search

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
)

// QueryError is a query that does not parse, with the column (1-based,
// in characters) where the trouble starts.
type QueryError struct {
	Query  string
	Column int
	Near   string
	Msg    string
}

func (e *QueryError) Error() string {
	if e.Near == "" {
		return fmt.Sprintf("query %q: column %d: %s", e.Query, e.Column, e.Msg)
	}
	return fmt.Sprintf("query %q: column %d, at %q: %s", e.Query, e.Column, e.Near, e.Msg)
}

// token is one whitespace-separated piece of a query, quotes kept whole.
type token struct {
	text  string
	start int // byte offset in the query
}

// lex splits a query string as bleve's lexer does at the top level: on
// spaces outside double quotes, with backslash escapes.
func lex(s string) ([]token, *QueryError) {
	var toks []token
	start, quote := -1, -1
	escaped := false
	for i, r := range s {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
			if start < 0 {
				start = i
			}
		case r == '"':
			if start < 0 {
				start = i
			}
			if quote < 0 {
				quote = i
			} else {
				quote = -1
			}
		case (r == ' ' || r == '\t' || r == '\n' || r == '\r') && quote < 0:
			if start >= 0 {
				toks = append(toks, token{s[start:i], start})
				start = -1
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if quote >= 0 {
		return nil, &QueryError{Query: s, Column: column(s, quote), Near: s[quote:], Msg: "the phrase is not closed: add a \" at its end"}
	}
	if start >= 0 {
		toks = append(toks, token{s[start:], start})
	}
	return toks, nil
}

func column(s string, offset int) int { return len([]rune(s[:offset])) + 1 }

// operators turns the words AND, OR and NOT, which bleve's syntax reads as
// search terms, into its own: AND makes both sides required (+), NOT
// excludes what follows (-), OR is what terms without + are already.
func operators(s string, toks []token) ([]token, *QueryError) {
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.text {
		case "OR":
			if len(out) == 0 || i == len(toks)-1 {
				return nil, &QueryError{Query: s, Column: column(s, t.start), Near: t.text, Msg: "OR needs a term on each side"}
			}
		case "AND":
			if len(out) == 0 || i == len(toks)-1 || isOperator(toks[i+1].text) {
				return nil, &QueryError{Query: s, Column: column(s, t.start), Near: t.text, Msg: "AND needs a term on each side"}
			}
			out[len(out)-1].text = required(out[len(out)-1].text)
			toks[i+1].text = required(toks[i+1].text)
		case "NOT":
			if i == len(toks)-1 || isOperator(toks[i+1].text) {
				return nil, &QueryError{Query: s, Column: column(s, t.start), Near: t.text, Msg: "NOT needs a term after it"}
			}
			next := toks[i+1].text
			if strings.HasPrefix(next, "+") {
				next = next[1:]
			}
			if !strings.HasPrefix(next, "-") {
				next = "-" + next
			}
			toks[i+1].text = next
		default:
			out = append(out, t)
		}
	}
	return out, nil
}

func isOperator(s string) bool { return s == "AND" || s == "OR" || s == "NOT" }

func required(s string) string {
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		return s
	}
	return "+" + s
}

// parse reads a query string into bleve's query tree, and its proximity
// terms ("a b"~N), which bleve's syntax lacks, apart; q is nil when the
// query is proximity terms only. bleve's own errors carry no position,
// so on an error the tokens are parsed as growing prefixes: the first
// prefix that fails holds the culprit.
func parse(s string) (q query.Query, prox []proximity, err error) {
	toks, qe := lex(s)
	if qe != nil {
		return nil, nil, qe
	}
	if toks, qe = operators(s, toks); qe != nil {
		return nil, nil, qe
	}
	if toks, prox, qe = proximities(s, toks); qe != nil {
		return nil, nil, qe
	}
	if len(toks) == 0 {
		return nil, prox, nil
	}
	texts := make([]string, len(toks))
	for i, t := range toks {
		texts[i] = t.text
	}
	q, err = query.NewQueryStringQuery(strings.Join(texts, " ")).Parse()
	if err == nil {
		return q, prox, nil
	}
	msg := strings.TrimPrefix(err.Error(), "parse error: ")
	bad := len(toks) - 1
	for i := range toks {
		if _, err := query.NewQueryStringQuery(strings.Join(texts[:i+1], " ")).Parse(); err != nil {
			bad = i
			break
		}
	}
	if bad < 0 {
		return nil, nil, &QueryError{Query: s, Column: 1, Msg: msg}
	}
	t := toks[bad]
	return nil, nil, &QueryError{Query: s, Column: column(s, t.start), Near: t.text, Msg: explain(msg, t.text)}
}

// explain puts bleve's terse messages in words a researcher can act on.
func explain(msg, near string) string {
	switch {
	case strings.HasPrefix(msg, "invalid fuzziness"):
		return "write fuzziness as a number of edits, e.g. lonely~1"
	case msg == "syntax error" && strings.HasSuffix(near, ":"):
		return "a field needs a value, e.g. speaker:may"
	case msg == "syntax error" && strings.HasPrefix(near, ":"):
		return "a value needs a field before the colon, e.g. gender:female"
	case msg == "syntax error" && (near == "+" || near == "-"):
		return "+ and - go right before a term, e.g. +taxi -bus"
	case msg == "syntax error":
		return "not understood; quote it to search for it literally, e.g. \"" + strings.ReplaceAll(near, `"`, ``) + "\""
	}
	return msg
}
