package corpus

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qdatool/qda/internal/diag"
)

// Sheet is a spreadsheet read for import (see package corpus/sheet): a
// header row and data rows, every cell as the text a person sees in it,
// each row with its number in the file so that messages can point at it.
type Sheet struct {
	File       string // the file as the user named it, for messages
	HeaderLine int
	Header     []string
	Rows       []SheetRow
}

// SheetRow is one data row of a Sheet.
type SheetRow struct {
	Line  int      // the row's number in the spreadsheet (a CSV's line)
	Cells []string // under Header; may be shorter than it
}

// Cell returns cell i of r, trimmed; "" past the end.
func (r SheetRow) Cell(i int) string {
	if i < len(r.Cells) {
		return strings.TrimSpace(r.Cells[i])
	}
	return ""
}

// Column returns the index of the column a person called name: its header
// as written, in any case, or as the column name it becomes; -1 if none.
func (s *Sheet) Column(name string) int {
	name = strings.TrimSpace(name)
	for i, h := range s.Header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	for i, h := range s.Header {
		if ColumnName(h) == ColumnName(name) && ColumnName(h) != "" {
			return i
		}
	}
	return -1
}

// Names returns the sheet's column headers, trimmed, blank ones left out.
func (s *Sheet) Names() []string { return nonBlank(s.Header) }

// ColumnName makes a spreadsheet header into a column name for a study's
// tables: trimmed, lowercase, each run of spaces made one '_' ("Age range"
// → "age_range").
func ColumnName(header string) string {
	return strings.Join(strings.Fields(strings.ToLower(header)), "_")
}

// AttrSlug is the valid attribute name nearest a free-text one: a slug
// with '_' between its words, as ColumnName joins them ("Age (years)" is
// age_years); "" when nothing of it is left.
func AttrSlug(name string) string { return strings.ReplaceAll(Slug(name), "-", "_") }

// MergeOptions says how to merge a spreadsheet into participants.csv.
type MergeOptions struct {
	// IDColumn is the spreadsheet's column of participant ids. Empty means
	// the column called id, else participant_id, else participant, else
	// pseudonym when its values, made slugs, are participants' ids.
	IDColumn string
	// Add appends rows whose participant is not in the table; without it
	// they are refused and nothing is merged.
	Add bool
	// DryRun makes Study.ImportParticipants report without writing.
	DryRun bool
}

// MergeReport says what a merge changed, in the spreadsheet's row and
// column order. Its JSON is what 'qda participants import --json' prints.
type MergeReport struct {
	File                string         `json:"-"` // the spreadsheet
	IDColumn            string         `json:"-"` // the header of its id column
	Changes             []CellChange   `json:"changes"`
	UpdatedParticipants int            `json:"-"`                  // participants already in the table that changed
	AddedParticipants   []string       `json:"added_participants"` // appended with Add
	AddedColumns        []string       `json:"added_columns"`
	SkippedBlank        int            `json:"skipped_blank"` // blank cells that left a value alone
	Renamed             []ColumnRename `json:"renamed_columns"`
	BySlug              []SlugID       `json:"ids_by_slug"`
}

// CellChange is one cell the merge set: Old is "" for a new cell.
type CellChange struct {
	Participant string `json:"participant"`
	Column      string `json:"column"`
	Old         string `json:"old"`
	New         string `json:"new"`
	Line        int    `json:"-"` // the spreadsheet row it came from
}

// ColumnRename is a header merged under another name than its own in
// lowercase ("Age range" as age_range).
type ColumnRename struct {
	Header string `json:"header"`
	Column string `json:"column"`
}

// SlugID is an id cell that was not a valid id, taken as its slug.
type SlugID struct {
	Line        int    `json:"row"`
	Value       string `json:"value"`
	Participant string `json:"participant"`
	Added       bool   `json:"added"` // a new participant (Add); else an existing one
}

// Changed reports whether the merge changed the table at all.
func (r *MergeReport) Changed() bool {
	return len(r.Changes) > 0 || len(r.AddedParticipants) > 0 || len(r.AddedColumns) > 0
}

// ImportParticipants merges in into participants.csv and, unless
// opt.DryRun, writes it atomically. A participants.csv with problems is
// refused, since the rows it could not read would be dropped by the write;
// any problem with the spreadsheet leaves the file exactly as it was.
func (s *Study) ImportParticipants(in *Sheet, opt MergeOptions) (*MergeReport, error) {
	t, findings := ReadTable(s.Root, ParticipantsFile, "id")
	if err := findings.Err(); err != nil {
		return nil, err
	}
	rep, err := MergeParticipants(t, in, opt)
	if err != nil {
		return nil, err
	}
	if opt.DryRun || !rep.Changed() {
		return rep, nil
	}
	if err := s.WriteTable(t); err != nil {
		return nil, fmt.Errorf("%s: %w", ParticipantsFile, err)
	}
	return rep, nil
}

// MergeParticipants sets the attributes of the participants in t from the
// spreadsheet in: each row's id is found in t, and each other column's
// value is set, adding the column (at the end, empty for the other
// participants) when t lacks it. Nothing is deleted: a blank cell leaves a
// value alone. On any problem (no id column, an id twice, a participant
// not in t without opt.Add, a row without an id) it returns every finding
// and t is unchanged.
func MergeParticipants(t *Table, in *Sheet, opt MergeOptions) (*MergeReport, error) {
	rep := &MergeReport{File: in.File, Changes: []CellChange{}, AddedParticipants: []string{}, AddedColumns: []string{},
		Renamed: []ColumnRename{}, BySlug: []SlugID{}}
	idCol, err := findIDColumn(t, in, opt.IDColumn)
	if err != nil {
		return nil, err
	}
	rep.IDColumn = strings.TrimSpace(in.Header[idCol])
	cols, renamed, findings := mapColumns(t, in, idCol)
	rep.Renamed = append(rep.Renamed, renamed...)

	type plan struct {
		id  string
		new bool
		row SheetRow
	}
	var plans []plan
	var unknown diag.List
	seen := map[string]int{}
	for _, r := range in.Rows {
		raw := r.Cell(idCol)
		if raw == "" {
			if !blankRow(r) {
				findings = append(findings, diag.Errorf(in.File, r.Line, "row has no participant id in column %q", rep.IDColumn).
					WithHint("fill in the id, or delete the row"))
			}
			continue
		}
		id, known := raw, false
		if _, known = t.Lookup(id); !known && !ValidName(id) {
			slug := Slug(raw)
			_, known = t.Lookup(slug)
			if known || (opt.Add && ValidName(slug)) {
				id = slug
				rep.BySlug = append(rep.BySlug, SlugID{Line: r.Line, Value: raw, Participant: slug, Added: !known})
			} else if opt.Add || slug == "" {
				findings = append(findings, diag.Errorf(in.File, r.Line, "%q is not a valid participant id", raw).
					WithHint("use lowercase letters, digits, '-' and '_'"))
				continue
			}
		}
		if first, dup := seen[id]; dup {
			findings = append(findings, diag.Errorf(in.File, r.Line, "participant %q is on rows %d and %d", id, first, r.Line).
				WithHint("keep one row per participant"))
			continue
		}
		seen[id] = r.Line
		if !known && !opt.Add {
			unknown = append(unknown, diag.Errorf(in.File, r.Line, "participant %q is not in %s", raw, ParticipantsFile))
			continue
		}
		plans = append(plans, plan{id: id, new: !known, row: r})
	}
	if len(unknown) > 0 {
		findings = append(findings, unknown...)
	}
	findings.Sort()
	if len(unknown) > 0 {
		what, them, their := "participants are", "them", "their ids"
		if len(unknown) == 1 {
			what, them, their = "participant is", "it", "its id"
		}
		findings = append(findings, diag.Errorf(in.File, 0, "%d %s not in %s, so nothing was changed", len(unknown), what, ParticipantsFile).
			WithHint("give --add to append %s to %s, or correct %s", them, ParticipantsFile, their))
	}
	if err := findings.Err(); err != nil {
		return nil, err
	}

	// New columns go at the end in the spreadsheet's order, and only those
	// that get a value: an empty column would only be noise.
	out := t.Clone()
	for _, c := range cols {
		if c.target == "" || out.Col(c.target) >= 0 {
			continue
		}
		for _, p := range plans {
			if p.row.Cell(c.index) != "" {
				out.addColumn(c.target)
				rep.AddedColumns = append(rep.AddedColumns, c.target)
				break
			}
		}
	}
	for _, p := range plans {
		if p.new {
			out.Set(p.id, "id", p.id)
			rep.AddedParticipants = append(rep.AddedParticipants, p.id)
		}
		row, _ := out.Lookup(p.id)
		changed := false
		for _, c := range cols {
			if c.target == "" {
				continue
			}
			v, old := p.row.Cell(c.index), out.Get(row, c.target)
			switch {
			case v == "" && old != "":
				rep.SkippedBlank++
			case v != old:
				out.Set(p.id, c.target, v)
				rep.Changes = append(rep.Changes, CellChange{Participant: p.id, Column: c.target, Old: old, New: v, Line: p.row.Line})
				changed = true
			}
		}
		if changed && !p.new {
			rep.UpdatedParticipants++
		}
	}
	*t = *out
	return rep, nil
}

// importColumn is a spreadsheet column and the table column it merges into.
type importColumn struct {
	index  int
	name   string // ColumnName of its header
	target string // the table's column; "" to leave the column out
}

// findIDColumn finds the spreadsheet's column of participant ids.
func findIDColumn(t *Table, in *Sheet, name string) (int, error) {
	headers := strings.Join(in.Names(), ", ")
	if name != "" {
		if i := in.Column(name); i >= 0 {
			return i, nil
		}
		return 0, diag.Errorf(in.File, in.HeaderLine, "no column %q", name).WithHint("its columns are: %s", headers)
	}
	if len(in.Header) == 0 {
		return 0, diag.Errorf(in.File, 0, "the spreadsheet is empty").WithHint("its first row must name the columns, one of them the participants' ids")
	}
	for _, want := range []string{"id", "participant_id", "participant"} {
		for i, h := range in.Header {
			if ColumnName(h) == want {
				return i, nil
			}
		}
	}
	for i, h := range in.Header {
		if ColumnName(h) != "pseudonym" {
			continue
		}
		if len(t.Rows) == 0 {
			return i, nil
		}
		for _, r := range in.Rows {
			if _, ok := t.Lookup(Slug(r.Cell(i))); ok {
				return i, nil
			}
		}
	}
	return 0, diag.Errorf(in.File, in.HeaderLine, "no column of participant ids among: %s", headers).
		WithHint("name it with --id-column, or call it id")
}

// mapColumns pairs each spreadsheet column but the id column with a column
// of t: the one with the same ColumnName, else a new one.
func mapColumns(t *Table, in *Sheet, idCol int) ([]importColumn, []ColumnRename, diag.List) {
	var cols []importColumn
	var renamed []ColumnRename
	var findings diag.List
	byTarget := map[string]string{}
	for i, h := range in.Header {
		h = strings.TrimSpace(h)
		if i == idCol {
			continue
		}
		c := importColumn{index: i, name: ColumnName(h)}
		if c.name == "" {
			for _, r := range in.Rows {
				if r.Cell(i) != "" {
					findings = append(findings, diag.Errorf(in.File, in.HeaderLine, "column %d has no name but row %d has a value in it", i+1, r.Line).
						WithHint("name the column in the header row, or delete it"))
					break
				}
			}
			cols = append(cols, c)
			continue
		}
		c.target = c.name
		if t.Col(c.name) < 0 {
			for _, th := range t.Header {
				if ColumnName(th) == c.name {
					c.target = th
					break
				}
			}
		}
		if c.target == t.Header[0] {
			findings = append(findings, diag.Errorf(in.File, in.HeaderLine, "column %q would overwrite the participants' ids", h).
				WithHint("give --id-column %q, or rename or delete the column", h))
			c.target = ""
		} else if t.Col(c.target) < 0 && !ValidName(c.target) && hasValue(in, i) {
			// A new column's name is an attribute name, which --by and
			// --where take and exports turn into headers and names.
			f := diag.Errorf(in.File, in.HeaderLine, "column %q would be called %q, which is not a valid attribute name", h, c.target)
			if slug := AttrSlug(h); slug != "" {
				f = f.WithHint("rename the header to lowercase letters, digits, '_' and '-', e.g. %q", slug)
			} else {
				f = f.WithHint("rename the header to lowercase letters, digits, '_' and '-'")
			}
			findings = append(findings, f)
			c.target = ""
		} else if prev, dup := byTarget[c.target]; dup {
			findings = append(findings, diag.Errorf(in.File, in.HeaderLine, "columns %q and %q are both %s", prev, h, c.target).
				WithHint("rename or delete one of them"))
			c.target = ""
		} else {
			byTarget[c.target] = h
			if c.target != strings.ToLower(h) {
				renamed = append(renamed, ColumnRename{Header: h, Column: c.target})
			}
		}
		cols = append(cols, c)
	}
	return cols, renamed, findings
}

// addColumn appends an empty column.
func (t *Table) addColumn(name string) {
	t.Header = append(t.Header, name)
	for i := range t.Rows {
		for len(t.Rows[i].Values) < len(t.Header) {
			t.Rows[i].Values = append(t.Rows[i].Values, "")
		}
	}
}

// hasValue reports whether any row has a value in column i.
func hasValue(in *Sheet, i int) bool {
	return slices.ContainsFunc(in.Rows, func(r SheetRow) bool { return r.Cell(i) != "" })
}

func blankRow(r SheetRow) bool {
	return !slices.ContainsFunc(r.Cells, func(c string) bool { return strings.TrimSpace(c) != "" })
}

func nonBlank(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
