// Package assistant holds what an AI assistant may do with a study, as
// plain functions over the library the CLI uses: read it (overview,
// codebook, transcripts, search, counts, agreement, memos) and propose
// (codings, codes, memos) as a declared machine coder, never deciding.
// A person decides with Review. Nothing here prints, exits or serves:
// the MCP server (assistant/mcpserver) and the commands (qda mcp, qda
// review) are thin layers over it.
package assistant

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/anon"
)

// DefaultCoder is the machine coder an assistant writes as when none is named.
const DefaultCoder = "ai-claude"

// Assistant is one assistant's access to one study.
type Assistant struct {
	// Dir is the study's folder, or a folder inside it.
	Dir string
	// Coder is the machine coder proposals are written as.
	Coder string
	// Model names the model in proposals' memos when a call gives none.
	Model string
	// Wait is called when another qda process holds the study's lock.
	Wait func(corpus.Holder)
	// Now dates memos and review decisions; time.Now when nil.
	Now func() time.Time
	// AllowIdentifiers sends text in which the identifier scan finds
	// something; otherwise such a line is withheld (see withhold).
	AllowIdentifiers bool

	// mu keeps one proposal writing at a time: a host may call tools
	// concurrently, and the study's lock would have the server wait on
	// itself, saying another qda is writing.
	mu sync.Mutex
}

// New checks that dir holds a study and that coder can be the
// assistant's: a valid name that the study does not declare as a person.
func New(dir, coder, model string) (*Assistant, error) {
	if coder == "" {
		coder = DefaultCoder
	}
	if !corpus.ValidName(coder) {
		return nil, fmt.Errorf("coder %q is not a name: lowercase letters, digits, '-' and '_', e.g. %q", coder, corpus.Slug(coder))
	}
	st, err := corpus.Open(dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if k, ok := st.Config.Coder(coder); ok && !k.Machine {
		return nil, fmt.Errorf("coder %q is declared in %s as a person: an assistant writes only as a machine coder (e.g. 'qda coder add ai-claude --machine')", coder, corpus.ConfigFile)
	}
	return &Assistant{Dir: dir, Coder: coder, Model: model}, nil
}

func (a *Assistant) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// view is the study opened to read, with its codebook and tables.
type view struct {
	st *corpus.Study
	cb *codebook.Codebook
	ix *corpus.Index
	// ids is check's identifier scan, run on every line of text a tool
	// returns; nil when the assistant may be sent identifiers.
	ids *anon.Scanner
}

// open reads the study afresh for each call, so an assistant sees what
// people changed while it was connected. The caller closes v.st.
func (a *Assistant) open() (*view, error) {
	st, err := corpus.Open(a.Dir)
	if err != nil {
		return nil, err
	}
	v, err := load(st)
	if err != nil || a.AllowIdentifiers {
		return v, err
	}
	// A names file that cannot be read leaves the scan of numbers,
	// emails and the names of qda.yaml: check reports the file.
	v.ids, _ = st.IdentifierScanner()
	return v, nil
}

// text is a line of the study's text as a tool returns it: clipped, and
// withheld when the identifier scan finds something in it, so a study not
// yet anonymised does not send names or numbers to a model. withheld
// counts the lines held back.
func (v *view) text(line string, withheld *int) string {
	if v.ids != nil {
		if ms := v.ids.Line(line); len(ms) > 0 {
			*withheld++
			return fmt.Sprintf("[withheld by qda: %s at column %d; anonymise it ('qda check' lists it), or serve with 'qda mcp --allow-identifiers']", ms[0].Kind.Describe(), ms[0].Col)
		}
	}
	return clip(line)
}

// openScan is open with where and coders checked as scan options.
func (a *Assistant) openScan(where, coders []string) (*view, corpus.ScanOptions, error) {
	v, err := a.open()
	if err != nil {
		return nil, corpus.ScanOptions{}, err
	}
	scan, err := v.scan(where, coders)
	if err != nil {
		v.st.Close()
		return nil, scan, err
	}
	return v, scan, nil
}

// openTranscript is open with transcript id checked and read.
func (a *Assistant) openTranscript(id string) (*view, *corpus.Transcript, error) {
	v, err := a.open()
	if err != nil {
		return nil, nil, err
	}
	t, err := v.transcript(id)
	if err != nil {
		v.st.Close()
		return nil, nil, err
	}
	return v, t, nil
}

// openWrite is open holding the study's writer lock until v.st.Close.
func (a *Assistant) openWrite() (*view, error) {
	st, err := corpus.OpenWrite(a.Dir, a.Wait)
	if err != nil {
		return nil, err
	}
	return load(st)
}

func load(st *corpus.Study) (*view, error) {
	cb, fs := st.Codebook()
	if err := fs.Err(); err != nil {
		st.Close()
		return nil, fmt.Errorf("%w (fix %s; 'qda check' lists every problem)", err, corpus.CodebookFile)
	}
	ix, fs, err := st.LoadIndex()
	if err == nil {
		err = fs.Err()
	}
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("%w ('qda check' lists every problem)", err)
	}
	return &view{st: st, cb: cb, ix: ix}, nil
}

// code resolves a code reference as the CLI does (aliases, a unique
// name or label included); what is stored is the canonical path.
func (v *view) code(ref string) (*codebook.Code, error) {
	c, _, err := v.cb.ResolveArg(ref)
	if err != nil {
		return nil, fmt.Errorf("%w (the codebook tool lists the codes)", err)
	}
	return c, nil
}

func (v *view) codes(refs []string) ([]*codebook.Code, error) {
	var out []*codebook.Code
	for _, r := range refs {
		c, err := v.code(r)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// ErrUnknownTranscript is wrapped by the error of an id that names no
// transcript of the study (or is no name at all).
var ErrUnknownTranscript = errors.New("unknown transcript")

// transcript checks id against transcripts.csv and reads it: an id that
// is not a name (a path, "..") is refused before any file is opened.
func (v *view) transcript(id string) (*corpus.Transcript, error) {
	if !corpus.ValidName(id) {
		return nil, fmt.Errorf("%w: transcript id %q is not a name: ids are lowercase letters, digits, '-' and '_' (the transcripts tool lists them)", ErrUnknownTranscript, id)
	}
	if _, ok := v.ix.Transcripts.Lookup(id); !ok {
		return nil, fmt.Errorf("%w %q (the transcripts tool lists them)", ErrUnknownTranscript, id)
	}
	return v.st.ReadTranscript(id)
}

// scan turns where and coders into scan options, checked as the CLI
// checks --where and --coder.
func (v *view) scan(where, coders []string) (corpus.ScanOptions, error) {
	filters, err := corpus.ParseFilters(where)
	if err != nil {
		return corpus.ScanOptions{}, err
	}
	for _, f := range filters {
		if err := v.ix.CheckAttribute(f.Key); err != nil {
			return corpus.ScanOptions{}, err
		}
	}
	for _, c := range coders {
		found := false
		for _, k := range v.ix.Coders {
			found = found || k == c
		}
		if !found {
			return corpus.ScanOptions{}, fmt.Errorf("unknown coder %q (the overview tool lists the coders)", c)
		}
	}
	if len(coders) == 0 {
		coders = nil
	}
	return corpus.ScanOptions{Coders: coders, Filters: filters}, nil
}

// Paging: every list a tool returns is bounded, so a study of 10,000
// transcripts never floods a model's context.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// Page says which part of a list a result holds.
type Page struct {
	Total      int `json:"total"`
	Offset     int `json:"offset"`
	Returned   int `json:"returned"`
	NextOffset int `json:"next_offset,omitempty" jsonschema:"give as offset for the next page; absent on the last page"`
}

func pageBounds(total, offset, limit int) (int, int, Page, error) {
	if offset < 0 || limit < 0 {
		return 0, 0, Page{}, errors.New("offset and limit must be 0 or more")
	}
	if limit == 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	from := min(offset, total)
	to := min(from+limit, total)
	p := Page{Total: total, Offset: offset, Returned: to - from}
	if to < total {
		p.NextOffset = to
	}
	return from, to, p, nil
}

func paged[T any](items []T, offset, limit int) ([]T, Page, error) {
	from, to, p, err := pageBounds(len(items), offset, limit)
	if err != nil {
		return nil, p, err
	}
	out := items[from:to]
	if out == nil {
		out = []T{}
	}
	return out, p, nil
}
