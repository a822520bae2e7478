package corpus

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/qdatool/qda/internal/diag"
)

// Filter keeps transcripts whose attribute Key has one of Values. Repeating
// a key on the command line adds values (OR); different keys must all
// match (AND).
type Filter struct {
	Key    string
	Values []string
}

// ParseFilters reads "attr=value" arguments, merging repeated keys.
func ParseFilters(args []string) ([]Filter, error) {
	var fs []Filter
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, fmt.Errorf("--where %q: write attribute=value, e.g. --where gender=female", a)
		}
		v = strings.TrimSpace(v)
		if i := slices.IndexFunc(fs, func(f Filter) bool { return f.Key == k }); i >= 0 {
			fs[i].Values = append(fs[i].Values, v)
		} else {
			fs = append(fs, Filter{Key: k, Values: []string{v}})
		}
	}
	return fs, nil
}

// Item is one transcript with what counting needs to know about it.
type Item struct {
	ID          string
	Participant string
	// Attrs holds the participant's attributes and the transcript's (the
	// transcript's win a clash), plus "transcript" and "participant".
	Attrs      map[string]string
	Transcript *Transcript
	Codings    []*Codings // one per chosen coder that has a file, by coder name
}

// Coded reports whether coder has a codings file for this transcript.
func (it *Item) Coded(coder string) bool {
	for _, c := range it.Codings {
		if c.Coder == coder {
			return true
		}
	}
	return false
}

// Index is the study's tables and who coded what: small enough to hold in
// memory for 10,000 transcripts, unlike their text, which Scan streams.
type Index struct {
	Participants *Table
	Transcripts  *Table
	Coders       []string

	// Who coded what is listed on first use: a command about one
	// transcript (show, code) never needs it, and listing the codings
	// folders of a large study is most of what opening it costs.
	s         *Study
	codedOnce sync.Once
	codedBy   map[string]map[string]bool
	codedErr  error
}

// LoadIndex reads participants.csv, transcripts.csv and the list of
// coders. Problems in the tables are returned as findings; an I/O error
// as an error.
func (s *Study) LoadIndex() (*Index, diag.List, error) {
	ix := &Index{s: s}
	var findings diag.List
	var fs diag.List
	ix.Participants, fs = ReadTable(s.Root, ParticipantsFile, "id")
	findings = append(findings, fs...)
	ix.Transcripts, fs = ReadTable(s.Root, TranscriptsFile, "id", "participant")
	findings = append(findings, fs...)
	coders, err := s.Coders()
	if err != nil {
		return nil, findings, err
	}
	ix.Coders = coders
	return ix, findings, nil
}

// listCoded lists each coder's codings folder, once.
func (ix *Index) listCoded() error {
	ix.codedOnce.Do(func() {
		ix.codedBy = map[string]map[string]bool{}
		if ix.s == nil {
			return
		}
		for _, c := range ix.Coders {
			ids, err := ix.s.CodedBy(c)
			if err != nil {
				ix.codedErr = err
				return
			}
			set := make(map[string]bool, len(ids))
			for _, id := range ids {
				set[id] = true
			}
			ix.codedBy[c] = set
		}
	})
	return ix.codedErr
}

// HasCoded reports whether coder has a codings file for transcript id.
// A codings folder that cannot be listed counts as coding nothing; Scan
// returns the error.
func (ix *Index) HasCoded(coder, id string) bool {
	ix.listCoded()
	return ix.codedBy[coder][id]
}

// Attrs returns the merged attributes of transcript row r.
func (ix *Index) Attrs(r Row) map[string]string {
	participant := ix.Transcripts.Get(r, "participant")
	attrs := map[string]string{}
	if p, ok := ix.Participants.Lookup(participant); ok {
		for k, v := range ix.Participants.Attributes(p) {
			attrs[k] = v
		}
	}
	for k, v := range ix.Transcripts.Attributes(r) {
		attrs[k] = v
	}
	// The checksum identifies a file's bytes; it describes nothing.
	delete(attrs, "sha256")
	attrs["participant"] = participant
	attrs["transcript"] = r.ID
	return attrs
}

// attrsOf returns Attrs limited to names: the same values, found by
// column indexes looked up once rather than by a map of every column.
func (ix *Index) attrsOf(names []string) func(Row) map[string]string {
	type col struct {
		name       string
		part, tran int
	}
	var cols []col
	for _, n := range names {
		if n == "sha256" || n == "participant" || n == "transcript" {
			continue
		}
		cols = append(cols, col{n, lastCol(ix.Participants, n), lastCol(ix.Transcripts, n)})
	}
	partCol := ix.Transcripts.Col("participant")
	return func(r Row) map[string]string {
		participant := ""
		if partCol >= 0 && partCol < len(r.Values) {
			participant = r.Values[partCol]
		}
		p, pok := ix.Participants.Lookup(participant)
		attrs := make(map[string]string, len(cols)+2)
		for _, c := range cols {
			v, ok := "", false
			if pok && c.part > 0 && c.part < len(p.Values) {
				v, ok = p.Values[c.part], true
			}
			if c.tran > 0 && c.tran < len(r.Values) {
				v, ok = r.Values[c.tran], true // the transcript's wins
			}
			if ok {
				attrs[c.name] = v
			}
		}
		attrs["participant"] = participant
		attrs["transcript"] = r.ID
		return attrs
	}
}

// lastCol is the index of the last column called name, whose value
// Table.Attributes keeps when a name is there twice; -1 if none.
func lastCol(t *Table, name string) int {
	for i := len(t.Header) - 1; i >= 0; i-- {
		if t.Header[i] == name {
			return i
		}
	}
	return -1
}

// AttributeNames lists every attribute a filter or grouping can use.
func (ix *Index) AttributeNames() []string {
	names := []string{"participant", "transcript"}
	// A set, not a search of names: a table may have a million columns.
	seen := map[string]bool{"participant": true, "transcript": true, "sha256": true}
	for _, t := range []*Table{ix.Participants, ix.Transcripts} {
		for _, h := range t.Header[1:] {
			if !seen[h] {
				seen[h] = true
				names = append(names, h)
			}
		}
	}
	return names
}

// CheckAttribute returns an error naming the attributes there are when
// name is not one of them.
func (ix *Index) CheckAttribute(name string) error {
	names := ix.AttributeNames()
	if slices.Contains(names, name) {
		return nil
	}
	// A table of a thousand columns is no list to read in an error.
	const show = 30
	if len(names) > show {
		names = append(names[:show:show], fmt.Sprintf("and %d more (the columns of %s and %s)", len(names)-show, ParticipantsFile, TranscriptsFile))
	}
	return fmt.Errorf("unknown attribute %q: the study has %s", name, strings.Join(names, ", "))
}

// Match reports whether attrs pass every filter. Values compare in any
// case, as search's lowercased keyword fields do, so one --where keeps
// the same transcripts in every command.
func Match(attrs map[string]string, filters []Filter) bool {
	for _, f := range filters {
		v := attrs[f.Key]
		if !slices.ContainsFunc(f.Values, func(w string) bool { return strings.EqualFold(w, v) }) {
			return false
		}
	}
	return true
}

// ScanOptions choose what Scan reads.
type ScanOptions struct {
	Coders  []string // nil means every coder
	Filters []Filter
	// Only, when set, limits the scan to these transcript ids.
	Only []string
	// Attrs, when set, are the only attributes fn reads from Item.Attrs
	// (the filters' are added): a participants.csv of a million columns
	// then costs a million map entries once, not once per transcript.
	// "participant" and "transcript" are always there.
	Attrs []string
}

// Scan calls fn for each transcript of transcripts.csv that passes the
// filters, in the file's order. Reading and parsing run ahead on every
// core while fn works, but only a few transcripts are in flight at once,
// so memory does not grow with the study.
func (s *Study) Scan(ix *Index, opt ScanOptions, fn func(*Item) error) error {
	if err := ix.listCoded(); err != nil {
		return err
	}
	coders := opt.Coders
	if coders == nil {
		coders = ix.Coders
	}
	for _, f := range opt.Filters {
		if err := ix.CheckAttribute(f.Key); err != nil {
			return err
		}
	}
	attrs := ix.Attrs
	if opt.Attrs != nil {
		names := slices.Clone(opt.Attrs)
		for _, f := range opt.Filters {
			names = append(names, f.Key)
		}
		attrs = ix.attrsOf(names)
	}
	rows := func(yield func(Row, error) bool) {
		for _, r := range ix.Transcripts.Rows {
			if opt.Only != nil && !slices.Contains(opt.Only, r.ID) {
				continue
			}
			if !yield(r, nil) {
				return
			}
		}
	}
	files := s.folderFiles()
	defer files.close()
	return inOrder(rows, func(r Row) (*Item, error) {
		return s.load(files, ix, r, coders, opt.Filters, attrs)
	}, func(it *Item) error {
		if it == nil {
			return nil // left out by the filters
		}
		return fn(it)
	})
}

// load reads one transcript and the chosen coders' codings for it; nil
// when the filters leave it out.
func (s *Study) load(files *folderFiles, ix *Index, r Row, coders []string, filters []Filter, attrsOf func(Row) map[string]string) (*Item, error) {
	attrs := attrsOf(r)
	if !Match(attrs, filters) {
		return nil, nil
	}
	t, err := s.readTranscript(files.read, r.ID)
	if err != nil {
		return nil, fmt.Errorf("%w (listed in %s:%d)", err, TranscriptsFile, r.Line)
	}
	it := &Item{ID: r.ID, Participant: attrs["participant"], Attrs: attrs, Transcript: t}
	for _, c := range coders {
		if !ix.HasCoded(c, r.ID) {
			continue
		}
		cs, err := s.readCodings(files.read, c, r.ID)
		if err != nil {
			return nil, err
		}
		if cs != nil {
			it.Codings = append(it.Codings, cs)
		}
	}
	return it, nil
}

// EachCodings calls fn with every codings file of every coder, one at a
// time and in order; a file that does not parse stops it with its
// findings. The files are read and parsed ahead, by as many workers as
// there are processors (a refactoring reads every codings file of the
// study, and parsing YAML is most of its time), a few per worker at most.
func (s *Study) EachCodings(ix *Index, fn func(*Codings) error) error {
	type file struct{ coder, id string }
	files := func(yield func(file, error) bool) {
		for _, coder := range ix.Coders {
			ids, err := s.CodedBy(coder)
			if err != nil {
				yield(file{}, err)
				return
			}
			for _, id := range ids {
				if !yield(file{coder, id}, nil) {
					return
				}
			}
		}
	}
	read := s.folderFiles()
	defer read.close()
	return inOrder(files, func(f file) (*Codings, error) { return s.readCodings(read.read, f.coder, f.id) }, fn)
}

// CodingsOf reads the codings of transcript id by coders (every coder's
// when nil) that have a file for it, in the order of coders.
func (s *Study) CodingsOf(ix *Index, id string, coders []string) ([]*Codings, error) {
	if coders == nil {
		coders = ix.Coders
	}
	var out []*Codings
	for _, c := range coders {
		if !ix.HasCoded(c, id) {
			continue
		}
		cs, err := s.ReadCodings(c, id)
		if err != nil {
			return nil, err
		}
		if cs != nil {
			out = append(out, cs)
		}
	}
	return out, nil
}
