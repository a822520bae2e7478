// Package report builds qda's HTML report: a model of the study's findings
// counted by the same code as qda stats and qda export (the matrix, the
// co-occurrence table, the agreement figures), then pages rendered from it
// with html/template and assets embedded in the binary. It has no terminal
// and no network: it returns files, and cmd/qda writes them.
package report

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
)

// Options choose what the report counts and shows.
type Options struct {
	// Matrix chooses the heat map's rows, depth, measure and columns, as
	// the flags of qda export matrix do.
	Matrix export.MatrixOptions
	// By groups the heat map's rows by an attribute's values ("" for no
	// grouping) and splits the frequency chart by it.
	By string
	// About says where the report came from: title, command, commit, date.
	About export.About
	// Summaries are the framework summaries shown with a cell's passages.
	Summaries export.Summaries
	// AgreeCoders are the coders compared on the agreement chart (two or
	// more; fewer leaves the chart out).
	AgreeCoders []string
	// RowsInPage is how many heat-map rows the page holds as HTML (0:
	// the package's RowsInPage).
	RowsInPage int
	// Progress, when set, is called once per transcript read.
	Progress func()
}

// Report is everything the pages show, counted once.
type Report struct {
	Title       string
	Description string
	About       export.About
	// Stats are qda stats' counts of every code over the same transcripts,
	// split by Options.By when it is set.
	Stats   *corpus.StatsResult
	By      string
	Codes   int // the codebook's size
	Matrix  *export.Matrix
	Heat    *Heatmap
	Book    []*CodeEntry
	Cooc    *export.Cooccurrence
	Agree   *export.Agreement
	Passage *Passages
	// codeEntry finds a code's entry by path.
	codeEntry map[string]*CodeEntry
}

// CodeEntry is one code of the codebook page and its own page.
type CodeEntry struct {
	Code  *codebook.Code
	Page  string // the page's file name, unique in the report
	Total corpus.Measures
	// Refs are the code's passages (rolled up from its descendants),
	// indexes into Passages, grouped by participant in participants.csv
	// order: all of them for a column of the heat map, whose cells open
	// them, else the first PagePassages found, which its page quotes.
	Refs []int
	// RefCount counts all of the code's passages.
	RefCount int
	column   bool
}

// Build counts the report over the study in one pass: the matrix (with
// the passages behind every cell and every code, and the co-occurrence of
// its codes, from the same coverage) feeds qda stats' counts and the
// coders' agreement with each transcript it reads, through the counters
// qda stats and qda agree count with.
func Build(s *corpus.Study, ix *corpus.Index, cb *codebook.Codebook, opt Options) (*Report, error) {
	if err := opt.CheckBy(ix); err != nil {
		return nil, err
	}
	r := &Report{Title: s.Config.Title, Description: s.Config.Description, About: opt.About, By: opt.By, codeEntry: map[string]*CodeEntry{}}
	if r.Title == "" {
		r.Title = "qda report"
	}
	r.Passage = newPassages(ix)
	all := cb.All()
	r.Codes = len(all)
	pages := map[string]bool{}
	for _, c := range all {
		e := &CodeEntry{Code: c, Page: pageName(c.Path, pages)}
		r.Book = append(r.Book, e)
		r.codeEntry[c.Path] = e
	}
	res := corpus.NewResolver(cb)
	// Co-occurrence is counted in the matrix's pass, from the same coverage.
	cooc, err := export.NewCooccurrence(cb, export.CooccurrenceOptions{Scan: opt.Matrix.Scan, Depth: opt.Matrix.Depth, Codes: opt.Matrix.Codes})
	if err != nil {
		return nil, err
	}
	r.Cooc = cooc
	for _, c := range export.Columns(cb, opt.Matrix.Depth, opt.Matrix.Codes) {
		r.codeEntry[c.Path].column = true
	}
	// Stats are counted over the same transcripts (the same scan options)
	// from the matrix's coverage.
	stats, err := corpus.NewStatsCounter(ix, cb, corpus.StatsOptions{Scan: opt.Matrix.Scan, By: opt.By})
	if err != nil {
		return nil, err
	}
	var agree *agreeCounter
	if len(opt.AgreeCoders) >= 2 {
		if agree, err = newAgreeCounter(ix, cb, opt); err != nil {
			return nil, err
		}
	}
	// The agreement comes from the same pass when the matrix's scan reads
	// every compared coder's codings and every transcript Agree reads.
	agreeInPass := agree != nil && opt.Matrix.Scan.Only == nil && readsAll(opt.Matrix.Scan.Coders, opt.AgreeCoders)
	m, err := export.BuildMatrix(s, ix, cb, opt.Matrix, func(it *corpus.Item, row int, cov *corpus.Coverage) error {
		if opt.Progress != nil {
			opt.Progress()
		}
		cooc.Add(cov)
		stats.Add(it, cov)
		if agreeInPass {
			if err := agree.Add(it); err != nil {
				return err
			}
		}
		for _, e := range r.Book {
			for _, ref := range cov.References(e.Code) {
				if e.RefCount++; e.column || len(e.Refs) < PagePassages {
					i, err := r.Passage.add(it, res, e.Code, ref, row)
					if err != nil {
						return err
					}
					e.Refs = append(e.Refs, i)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.Matrix = m
	r.Passage.found()
	for _, e := range r.Book {
		r.Passage.sortByParticipant(e.Refs)
	}
	r.Stats = stats.Result()
	for _, cs := range r.Stats.Codes {
		r.codeEntry[cs.Code.Path].Total = cs.Total
	}
	r.Heat, err = newHeatmap(r, ix, opt)
	if err != nil {
		return nil, err
	}
	if agree != nil {
		if !agreeInPass {
			if err := s.Scan(ix, corpus.ScanOptions{Coders: opt.AgreeCoders, Filters: opt.Matrix.Scan.Filters}, agree.Add); err != nil {
				return nil, err
			}
		}
		r.Agree = agree.result()
	}
	return r, nil
}

// readsAll reports whether a scan of coders (nil: every coder) reads the
// codings of each of want.
func readsAll(coders, want []string) bool {
	if coders == nil {
		return true
	}
	for _, w := range want {
		if !slices.Contains(coders, w) {
			return false
		}
	}
	return true
}

func (o Options) matrixKeyed() bool {
	return o.Matrix.Rows == export.RowsParticipant || o.Matrix.Rows == export.RowsTranscript
}

// ErrByRows is CheckBy's error when the rows are not participants or
// transcripts: only those are grouped by an attribute's values.
var ErrByRows = errors.New("groups rows of participants or transcripts only")

// CheckBy reports whether the heat map's rows may be grouped by o.By: an
// attribute the study has, over rows of participants or transcripts. It
// is Build's own check, for a caller to make before anything is counted.
func (o Options) CheckBy(ix *corpus.Index) error {
	if o.By == "" {
		return nil
	}
	if !o.matrixKeyed() {
		return fmt.Errorf("%s %w, not of %s", o.By, ErrByRows, o.Matrix.Rows)
	}
	return ix.CheckAttribute(o.By)
}

// agreeCounter compares the coders on the heat map's codes, listing the
// disagreements, as qda agree does with its defaults (unit: line).
type agreeCounter struct {
	*corpus.AgreeCounter
	ds    []export.AgreementDisagreement
	found int
}

func newAgreeCounter(ix *corpus.Index, cb *codebook.Codebook, opt Options) (*agreeCounter, error) {
	a := &agreeCounter{}
	codes := export.Columns(cb, opt.Matrix.Depth, opt.Matrix.Codes)
	var err error
	a.AgreeCounter, err = corpus.NewAgreeCounter(ix, cb, corpus.AgreeOptions{Coders: opt.AgreeCoders, Codes: codes, Unit: corpus.UnitLine,
		Filters: opt.Matrix.Scan.Filters, OnDisagreement: func(d *corpus.Disagreement) error {
			// Only those the page lists are kept, with their text: a
			// large study has hundreds of thousands.
			if a.found++; len(a.ds) < PagePassages {
				a.ds = append(a.ds, export.NewAgreementDisagreement(d))
			}
			return nil
		}})
	return a, err
}

func (a *agreeCounter) result() *export.Agreement {
	out := export.NewAgreement(a.Result(), corpus.UnitLine, false)
	out.Disagreements, out.Found = a.ds, a.found
	return out
}

// Entry returns the codebook entry of the code at path, or nil.
func (r *Report) Entry(path string) *CodeEntry { return r.codeEntry[path] }

// Dated is the report's date as the pages print it.
func (r *Report) Dated() string { return r.About.Date.UTC().Format(time.DateOnly) }

// CodedShare is the share of a coder's text lines they coded, in percent.
func CodedShare(c corpus.CoderStats) float64 {
	if c.TextLines == 0 {
		return 0
	}
	return 100 * float64(c.CodedLines) / float64(c.TextLines)
}

// pageName is a file name for a code's page, made of the path's letters
// and digits so that it is safe on every file system and host, and unique
// in taken.
func pageName(path string, taken map[string]bool) string {
	b := []byte("code-")
	for _, r := range path {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b = append(b, byte(r))
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
		case r == '/':
			b = append(b, '.')
		default:
			b = append(b, '_')
		}
	}
	base := string(b)
	name := base + ".html"
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%s-%d.html", base, i)
	}
	taken[name] = true
	return name
}
