package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sheetOf makes a Sheet from lines of comma-separated cells: the header on
// row 1, the others on rows 2, 3, ...; a line "-" is a row left out, so
// the next one is numbered as if it were there.
func sheetOf(lines ...string) *Sheet {
	s := &Sheet{File: "people.csv", HeaderLine: 1, Header: strings.Split(lines[0], ",")}
	for i, l := range lines[1:] {
		if l != "-" {
			s.Rows = append(s.Rows, SheetRow{Line: i + 2, Cells: strings.Split(l, ",")})
		}
	}
	return s
}

func participantsTable(t *testing.T, csv string) *Table {
	t.Helper()
	tab, fs := ParseTable(ParticipantsFile, strings.NewReader(csv), "id")
	if len(fs) != 0 {
		t.Fatal(fs)
	}
	return tab
}

// report fills in the empty lists a MergeReport always has.
func report(r MergeReport) *MergeReport {
	r.File = "people.csv"
	for _, l := range []any{&r.Changes, &r.AddedParticipants, &r.AddedColumns, &r.Renamed, &r.BySlug} {
		switch l := l.(type) {
		case *[]CellChange:
			if *l == nil {
				*l = []CellChange{}
			}
		case *[]string:
			if *l == nil {
				*l = []string{}
			}
		case *[]ColumnRename:
			if *l == nil {
				*l = []ColumnRename{}
			}
		case *[]SlugID:
			if *l == nil {
				*l = []SlugID{}
			}
		}
	}
	return &r
}

func TestMergeParticipants(t *testing.T) {
	const base = "id,gender,age_range\nmay,female,65-74\nted,male,\n"
	tests := []struct {
		name    string
		table   string
		sheet   *Sheet
		opt     MergeOptions
		want    *MergeReport
		wantCSV string // the table after the merge
		wantErr string
	}{
		{
			name:  "update and new column",
			table: base,
			sheet: sheetOf("id,age_range,wave", "ted,55-64,2", "may,65-74,1"),
			want: report(MergeReport{IDColumn: "id", UpdatedParticipants: 2, AddedColumns: []string{"wave"},
				Changes: []CellChange{
					{Participant: "ted", Column: "age_range", Old: "", New: "55-64", Line: 2},
					{Participant: "ted", Column: "wave", Old: "", New: "2", Line: 2},
					{Participant: "may", Column: "wave", Old: "", New: "1", Line: 3},
				}}),
			wantCSV: "id,gender,age_range,wave\nmay,female,65-74,1\nted,male,55-64,2\n",
		},
		{
			name:  "a value changes, an equal one does not",
			table: base,
			sheet: sheetOf("id,gender,age_range", "may,female,75+"),
			want: report(MergeReport{IDColumn: "id", UpdatedParticipants: 1,
				Changes: []CellChange{{Participant: "may", Column: "age_range", Old: "65-74", New: "75+", Line: 2}}}),
			wantCSV: "id,gender,age_range\nmay,female,75+\nted,male,\n",
		},
		{
			name:    "blank cells are skipped, never erase",
			table:   base,
			sheet:   sheetOf("id,gender,age_range", "may, ,", "ted,,"),
			want:    report(MergeReport{IDColumn: "id", SkippedBlank: 3}),
			wantCSV: base,
		},
		{
			name:    "a new column that gets no value is not added",
			table:   base,
			sheet:   sheetOf("id,notes", "may,"),
			want:    report(MergeReport{IDColumn: "id"}),
			wantCSV: base,
		},
		{
			name:  "new columns in the spreadsheet's order",
			table: base,
			sheet: sheetOf("id,b,a", "may,,1", "ted,2,"),
			want: report(MergeReport{IDColumn: "id", UpdatedParticipants: 2, AddedColumns: []string{"b", "a"},
				Changes: []CellChange{
					{Participant: "may", Column: "a", New: "1", Line: 2},
					{Participant: "ted", Column: "b", New: "2", Line: 3},
				}}),
			wantCSV: "id,gender,age_range,b,a\nmay,female,65-74,,1\nted,male,,2,\n",
		},
		{
			name:  "headers renamed",
			table: base,
			sheet: sheetOf(" ID , Gender ,Age  Range,Trigger group", "ted,male,55-64,bereavement"),
			want: report(MergeReport{IDColumn: "ID", UpdatedParticipants: 1, AddedColumns: []string{"trigger_group"},
				Renamed: []ColumnRename{{Header: "Age  Range", Column: "age_range"}, {Header: "Trigger group", Column: "trigger_group"}},
				Changes: []CellChange{
					{Participant: "ted", Column: "age_range", New: "55-64", Line: 2},
					{Participant: "ted", Column: "trigger_group", New: "bereavement", Line: 2},
				}}),
			wantCSV: "id,gender,age_range,trigger_group\nmay,female,65-74,\nted,male,55-64,bereavement\n",
		},
		{
			name:  "an existing column written differently",
			table: "id,Age Range\nmay,65-74\n",
			sheet: sheetOf("id,age range", "may,75+"),
			want: report(MergeReport{IDColumn: "id", UpdatedParticipants: 1, Renamed: []ColumnRename{{Header: "age range", Column: "Age Range"}},
				Changes: []CellChange{{Participant: "may", Column: "Age Range", Old: "65-74", New: "75+", Line: 2}}}),
			wantCSV: "id,Age Range\nmay,75+\n",
		},
		{
			name:    "a new column whose name could be a path is refused",
			table:   base,
			sheet:   sheetOf("id,../x,Age (years)", "may,1,70"),
			wantErr: "people.csv:1: column \"../x\" would be called \"../x\", which is not a valid attribute name (rename the header to lowercase letters, digits, '_' and '-', e.g. \"x\")\npeople.csv:1: column \"Age (years)\" would be called \"age_(years)\", which is not a valid attribute name (rename the header to lowercase letters, digits, '_' and '-', e.g. \"age_years\")",
		},
		{
			name:  "an invalid header with no values is left out",
			table: base,
			sheet: sheetOf("id,Notes?,wave", "may,,1"),
			want: report(MergeReport{IDColumn: "id", UpdatedParticipants: 1, AddedColumns: []string{"wave"},
				Changes: []CellChange{{Participant: "may", Column: "wave", New: "1", Line: 2}}}),
			wantCSV: "id,gender,age_range,wave\nmay,female,65-74,1\nted,male,,\n",
		},
		{
			name:    "unknown ids are refused",
			table:   base,
			sheet:   sheetOf("id,gender", "may,female", "zoe,female", "-", "ann,female"),
			wantErr: "people.csv:3: participant \"zoe\" is not in participants.csv\npeople.csv:5: participant \"ann\" is not in participants.csv\npeople.csv: 2 participants are not in participants.csv, so nothing was changed (give --add to append them to participants.csv, or correct their ids)",
		},
		{
			name:  "add appends unknown ids",
			table: base,
			sheet: sheetOf("id,gender,wave", "zoe,female,1", "may,female,"),
			opt:   MergeOptions{Add: true},
			want: report(MergeReport{IDColumn: "id", AddedParticipants: []string{"zoe"}, AddedColumns: []string{"wave"},
				Changes: []CellChange{
					{Participant: "zoe", Column: "gender", New: "female", Line: 2},
					{Participant: "zoe", Column: "wave", New: "1", Line: 2},
				}}),
			wantCSV: "id,gender,age_range,wave\nmay,female,65-74,\nted,male,,\nzoe,female,,1\n",
		},
		{
			name:    "duplicate ids",
			table:   base,
			sheet:   sheetOf("id,gender", "may,female", "ted,male", "May,female"),
			wantErr: "people.csv:4: participant \"may\" is on rows 2 and 4 (keep one row per participant)",
		},
		{
			name:  "ids by slug",
			table: base,
			sheet: sheetOf("id,wave", "May,1", "Mary Ann,2"),
			opt:   MergeOptions{Add: true},
			want: report(MergeReport{IDColumn: "id", UpdatedParticipants: 1, AddedParticipants: []string{"mary-ann"}, AddedColumns: []string{"wave"},
				BySlug: []SlugID{{Line: 2, Value: "May", Participant: "may"}, {Line: 3, Value: "Mary Ann", Participant: "mary-ann", Added: true}},
				Changes: []CellChange{
					{Participant: "may", Column: "wave", New: "1", Line: 2},
					{Participant: "mary-ann", Column: "wave", New: "2", Line: 3},
				}}),
			wantCSV: "id,gender,age_range,wave\nmay,female,65-74,1\nted,male,,\nmary-ann,,,2\n",
		},
		{
			name:    "an id that is no id even as a slug",
			table:   base,
			sheet:   sheetOf("id,wave", "???,1"),
			opt:     MergeOptions{Add: true},
			wantErr: "people.csv:2: \"???\" is not a valid participant id (use lowercase letters, digits, '-' and '_')",
		},
		{
			name:    "participant column",
			table:   base,
			sheet:   sheetOf("Name,Participant,wave", "May Smith,ted,2"),
			want:    report(MergeReport{IDColumn: "Participant", UpdatedParticipants: 1, AddedColumns: []string{"name", "wave"}, Changes: []CellChange{{Participant: "ted", Column: "name", New: "May Smith", Line: 2}, {Participant: "ted", Column: "wave", New: "2", Line: 2}}}),
			wantCSV: "id,gender,age_range,name,wave\nmay,female,65-74,,\nted,male,,May Smith,2\n",
		},
		{
			name:  "pseudonym column whose slugs are ids",
			table: base,
			sheet: sheetOf("Pseudonym,Gender", "Ted,male"),
			want: report(MergeReport{IDColumn: "Pseudonym",
				BySlug: []SlugID{{Line: 2, Value: "Ted", Participant: "ted"}}}),
			wantCSV: base,
		},
		{
			name:    "pseudonym column that names nobody",
			table:   base,
			sheet:   sheetOf("Pseudonym,Gender", "Bob,male"),
			wantErr: "people.csv:1: no column of participant ids among: Pseudonym, Gender (name it with --id-column, or call it id)",
		},
		{
			name:    "no id column",
			table:   base,
			sheet:   sheetOf("Name,Age range", "Ted,55-64"),
			wantErr: "people.csv:1: no column of participant ids among: Name, Age range (name it with --id-column, or call it id)",
		},
		{
			name:    "id column given",
			table:   base,
			sheet:   sheetOf("Code,Age range", "ted,55-64"),
			opt:     MergeOptions{IDColumn: "code"},
			want:    report(MergeReport{IDColumn: "Code", UpdatedParticipants: 1, Renamed: []ColumnRename{{Header: "Age range", Column: "age_range"}}, Changes: []CellChange{{Participant: "ted", Column: "age_range", New: "55-64", Line: 2}}}),
			wantCSV: "id,gender,age_range\nmay,female,65-74\nted,male,55-64\n",
		},
		{
			name:    "id column given that is not there",
			table:   base,
			sheet:   sheetOf("Code,Age range", "ted,55-64"),
			opt:     MergeOptions{IDColumn: "number"},
			wantErr: "people.csv:1: no column \"number\" (its columns are: Code, Age range)",
		},
		{
			name:    "a column that would overwrite ids",
			table:   base,
			sheet:   sheetOf("Pseudonym,ID", "Ted,t1"),
			opt:     MergeOptions{IDColumn: "pseudonym"},
			wantErr: "people.csv:1: column \"ID\" would overwrite the participants' ids (give --id-column \"ID\", or rename or delete the column)",
		},
		{
			name:    "two columns with one name",
			table:   base,
			sheet:   sheetOf("id,Gender,gender", "ted,m,male"),
			wantErr: "people.csv:1: columns \"Gender\" and \"gender\" are both gender (rename or delete one of them)",
		},
		{
			name:    "a column without a name",
			table:   base,
			sheet:   sheetOf("id,,wave", "ted,,1", "may,x,1"),
			wantErr: "people.csv:1: column 2 has no name but row 3 has a value in it (name the column in the header row, or delete it)",
		},
		{
			name:    "a row without an id",
			table:   base,
			sheet:   sheetOf("id,wave", "ted,1", " ,2", ","),
			wantErr: "people.csv:3: row has no participant id in column \"id\" (fill in the id, or delete the row)",
		},
		{
			name:    "all problems at once, in row order",
			table:   base,
			sheet:   sheetOf("id,wave", "zoe,1", "ted,1", "ted,2"),
			wantErr: "people.csv:2: participant \"zoe\" is not in participants.csv\npeople.csv:4: participant \"ted\" is on rows 3 and 4 (keep one row per participant)\npeople.csv: 1 participant is not in participants.csv, so nothing was changed (give --add to append it to participants.csv, or correct its id)",
		},
		{
			name:    "an empty spreadsheet",
			table:   base,
			sheet:   &Sheet{File: "people.csv"},
			wantErr: "people.csv: the spreadsheet is empty (its first row must name the columns, one of them the participants' ids)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab := participantsTable(t, tc.table)
			before := string(tab.Marshal())
			rep, err := MergeParticipants(tab, tc.sheet, tc.opt)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error:\n got %v\nwant %s", err, tc.wantErr)
				}
				if got := string(tab.Marshal()); got != before {
					t.Errorf("a failed merge changed the table:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rep, tc.want) {
				t.Errorf("report:\n got %+v\nwant %+v", rep, tc.want)
			}
			if got := string(tab.Marshal()); got != tc.wantCSV {
				t.Errorf("table:\n got %q\nwant %q", got, tc.wantCSV)
			}
			for _, r := range tab.Rows {
				if got, ok := tab.Lookup(r.ID); !ok || got.ID != r.ID {
					t.Errorf("Lookup(%q) after the merge = %v, %v", r.ID, got, ok)
				}
			}
		})
	}
}

func TestColumnName(t *testing.T) {
	for in, want := range map[string]string{
		"Age range":       "age_range",
		"  Gender ":       "gender",
		"Trigger\tgroup":  "trigger_group",
		"loneliness_pre":  "loneliness_pre",
		"Wave  2 score":   "wave_2_score",
		"":                "",
		"Ça va":           "ça_va",
		"UCLA (baseline)": "ucla_(baseline)",
	} {
		if got := ColumnName(in); got != want {
			t.Errorf("ColumnName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestImportParticipants(t *testing.T) {
	// CRLF and a quoted value: a write would change the bytes, so an
	// unchanged file shows that nothing was written.
	const orig = "id,gender\r\n\"may\",female\r\nted,male\r\n"
	setup := func(t *testing.T) (*Study, string) {
		dir := t.TempDir()
		path := filepath.Join(dir, ParticipantsFile)
		if err := os.WriteFile(path, []byte(orig), 0o644); err != nil {
			t.Fatal(err)
		}
		return &Study{Root: dir}, path
	}
	unchanged := func(t *testing.T, path string) {
		t.Helper()
		if data, _ := os.ReadFile(path); !bytes.Equal(data, []byte(orig)) {
			t.Errorf("participants.csv changed:\n%q", data)
		}
	}

	t.Run("writes", func(t *testing.T) {
		st, path := setup(t)
		rep, err := st.ImportParticipants(sheetOf("id,wave", "ted,2"), MergeOptions{})
		if err != nil || len(rep.Changes) != 1 {
			t.Fatal(rep, err)
		}
		if data, _ := os.ReadFile(path); string(data) != "id,gender,wave\nmay,female,\nted,male,2\n" {
			t.Errorf("participants.csv:\n%s", data)
		}
	})
	t.Run("dry run", func(t *testing.T) {
		st, path := setup(t)
		rep, err := st.ImportParticipants(sheetOf("id,wave", "ted,2"), MergeOptions{DryRun: true})
		if err != nil || len(rep.Changes) != 1 {
			t.Fatal(rep, err)
		}
		unchanged(t, path)
	})
	t.Run("nothing to change", func(t *testing.T) {
		st, path := setup(t)
		rep, err := st.ImportParticipants(sheetOf("id,gender", "ted,male", "may,"), MergeOptions{})
		if err != nil || rep.Changed() || rep.SkippedBlank != 1 {
			t.Fatal(rep, err)
		}
		unchanged(t, path)
	})
	t.Run("refused", func(t *testing.T) {
		st, path := setup(t)
		if _, err := st.ImportParticipants(sheetOf("id,wave", "ted,2", "zoe,1"), MergeOptions{}); err == nil {
			t.Fatal("unknown id accepted")
		}
		unchanged(t, path)
	})
	t.Run("broken participants.csv", func(t *testing.T) {
		st, path := setup(t)
		if err := os.WriteFile(path, []byte("id,gender\nmay,female\nMay Day,x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := st.ImportParticipants(sheetOf("id,wave", "may,2"), MergeOptions{})
		if err == nil || !strings.Contains(err.Error(), "participants.csv:3: id \"May Day\" is not a valid id") {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("no participants.csv yet", func(t *testing.T) {
		st := &Study{Root: t.TempDir()}
		if _, err := st.ImportParticipants(sheetOf("id,wave", "may,2"), MergeOptions{Add: true}); err != nil {
			t.Fatal(err)
		}
		if data, _ := os.ReadFile(st.Path(ParticipantsFile)); string(data) != "id,wave\nmay,2\n" {
			t.Errorf("participants.csv:\n%s", data)
		}
	})
}
