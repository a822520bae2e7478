package layout

import (
	"slices"
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		width int
		want  []string
	}{
		{"empty", "", 10, []string{""}},
		{"fits", "a cup of tea", 12, []string{"a cup of tea"}},
		{"no limit", "a cup of tea every week", 0, []string{"a cup of tea every week"}},
		{"at spaces", "a cup of tea every week", 10, []string{"a cup of", "tea every", "week"}},
		{"long word cut", "abcdefghij xy", 4, []string{"abcd", "efgh", "ij", "xy"}},
		{"long word broken between its parts", "mobility-health", 12, []string{"mobility-", "health"}},
		{"never inside a date", "2018-04-23", 6, []string{"2018-0", "4-23"}},
		{"accents", "café crème brûlée", 10, []string{"café crème", "brûlée"}},
		{"wide", "日本語の文章 です", 8, []string{"日本語の", "文章", "です"}},
		{"wide word cut", "日本語の文章", 5, []string{"日本", "語の", "文章"}},
		{"emoji", "tea ☕☕ and 👍🏽 yes", 6, []string{"tea", "☕☕", "and 👍🏽", "yes"}},
		{"flag grapheme kept whole", "🇬🇧🇬🇧🇬🇧", 3, []string{"🇬🇧", "🇬🇧", "🇬🇧"}},
		{"wider than width", "日", 1, []string{"日"}},
		{"spaces kept within a row", "a.md  jt  2026-11-20  When the bus", 20, []string{"a.md  jt  2026-11-20", "When the bus"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Wrap(tc.s, tc.width)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tc.s, tc.width, got, tc.want)
			}
			for _, r := range got {
				if tc.width > 1 && Width(r) > tc.width {
					t.Errorf("row %q is %d columns, more than %d", r, Width(r), tc.width)
				}
			}
		})
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"taxis", 10, "taxis"},
		{"transport options", 10, "transport…"},
		{"a cup of tea", 6, "a cup…"},
		{"日本語の文章", 5, "日本…"},
		{"☕☕☕", 4, "☕…"},
		{"anything", 1, "…"},
		{"anything", 0, "anything"},
	}
	for _, tc := range tests {
		if got := Clip(tc.s, tc.width); got != tc.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tc.s, tc.width, got, tc.want)
		}
	}
}

func TestElidePath(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		width int
		want  string
	}{
		{"fits", "sustainability/transport/taxis", 30, "sustainability/transport/taxis"},
		{"no limit", "sustainability/transport/taxis", 0, "sustainability/transport/taxis"},
		{"middle out", "sustainability/transport/taxis", 29, "sustainability/…/taxis"},
		{"keeps trailing names", "a/bbbbbbbbbb/cc/dd/ee", 16, "a/…/cc/dd/ee"},
		{"head too long", "sustainability/transport/taxis", 12, "…/taxis"},
		{"two names", "confidence/daily-tasks", 20, "…/daily-tasks"},
		{"last clipped", "confidence/daily-tasks", 8, "…/daily…"},
		{"tiny", "confidence/daily-tasks", 3, "da…"},
		{"one name clipped", "sustainability", 8, "sustain…"},
		{"wide names", "健康/交通手段/タクシー", 16, "健康/…/タクシー"},
		{"emoji names", "☕/🍰🍰🍰🍰/🫖", 10, "☕/…/🫖"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ElidePath(tc.path, tc.width)
			if got != tc.want {
				t.Errorf("ElidePath(%q, %d) = %q, want %q", tc.path, tc.width, got, tc.want)
			}
			if tc.width > 0 && Width(got) > tc.width {
				t.Errorf("%q is %d columns, more than %d", got, Width(got), tc.width)
			}
		})
	}
}

func TestTable(t *testing.T) {
	rows := [][]string{
		{"code", "label", "references"},
		{"sustainability/transport/taxis", "Taking taxis to appointments and the shops", "12"},
		{"tea", "A cup of tea", "3"},
	}
	tests := []struct {
		name  string
		width int
		want  string
	}{
		{"no limit", 0, `
code                            label                                       references
sustainability/transport/taxis  Taking taxis to appointments and the shops          12
tea                             A cup of tea                                         3`},
		{"label wrapped", 80, `
code                            label                                 references
sustainability/transport/taxis  Taking taxis to appointments and the          12
                                shops
tea                             A cup of tea                                   3`},
		{"path elided", 70, `
code                    label                             references
sustainability/…/taxis  Taking taxis to appointments and          12
                        the shops
tea                     A cup of tea                               3`},
		{"path elided, its room given to the label", 60, `
code     label                                        refer-
                                                       ences
…/taxis  Taking taxis to appointments and the shops       12
tea      A cup of tea                                      3`},
		{"path elided further", 40, `
code     label                 refer-
                                ences
…/taxis  Taking taxis to           12
         appointments and the
         shops
tea      A cup of tea               3`},
		{"records when nothing else fits", 24, `
sustainability/…/taxis
  label
    Taking taxis to
    appointments and the
    shops
  references  12

tea
  label
    A cup of tea
  references  3`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := Table{Rows: rows, Paths: map[int]bool{0: true}}
			got := "\n" + strings.Join(tb.Lines(tc.width, nil), "\n")
			if got != tc.want {
				t.Errorf("got:%s\nwant:%s", got, tc.want)
			}
			for _, l := range tb.Lines(tc.width, nil) {
				if tc.width > 0 && Width(l) > tc.width {
					t.Errorf("line %q is %d columns, more than %d", l, Width(l), tc.width)
				}
			}
		})
	}
}

// A table with many short columns fits by wrapping headers first (at
// spaces, between a word's parts, then hyphenated evenly), and then the
// values of the column that wraps fewest rows.
func TestTableManyColumns(t *testing.T) {
	rows := [][]string{
		{"id", "participant", "coded by", "mode", "ucla_initial"},
		{"may-1", "may", "eh, jt", "telephone", "72"},
		{"arthur-1", "arthur", "eh, jt", "face-to-face", "64"},
		{"brenda-1", "brenda", "ah, eh, jt", "telephone", "65"},
	}
	tests := []struct {
		width int
		want  string
	}{
		{61, `
id        participant  coded by    mode          ucla_initial
may-1     may          eh, jt      telephone               72
arthur-1  arthur       eh, jt      face-to-face            64
brenda-1  brenda       ah, eh, jt  telephone               65`},
		{60, `
id        participant  coded by    mode            ucla_
                                                 initial
may-1     may          eh, jt      telephone          72
arthur-1  arthur       eh, jt      face-to-face       64
brenda-1  brenda       ah, eh, jt  telephone          65`},
		{50, `
id        partic-  coded by  mode            ucla_
          ipant                            initial
may-1     may      eh, jt    telephone          72
arthur-1  arthur   eh, jt    face-to-face       64
brenda-1  brenda   ah, eh,   telephone          65
                   jt`},
		{44, `
id        partic-  coded  mode         ucla_
          ipant    by                initial
may-1     may      eh,    telephone       72
                   jt
arthur-1  arthur   eh,    face-to-        64
                   jt     face
brenda-1  brenda   ah,    telephone       65
                   eh,
                   jt`},
	}
	for _, tc := range tests {
		tb := Table{Rows: rows}
		lines := tb.Lines(tc.width, nil)
		if got := "\n" + strings.Join(lines, "\n"); got != tc.want {
			t.Errorf("width %d: got:%s\nwant:%s", tc.width, got, tc.want)
		}
		for _, l := range lines {
			if Width(l) > tc.width {
				t.Errorf("width %d: line %q is %d columns", tc.width, l, Width(l))
			}
		}
	}
}

func TestTableStyle(t *testing.T) {
	tb := Table{Rows: [][]string{{"code", "n"}, {"a/b/c", "1"}}, Paths: map[int]bool{0: true}}
	got := tb.Lines(0, func(row, col int, full, shown string) string {
		if row == 0 || col != 0 {
			return shown
		}
		return "<" + shown + ">"
	})
	want := []string{"code   n", "<a/b/c>  1"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMargin(t *testing.T) {
	notes := []Note{{Code: "sustainability/transport/taxis", Suffix: "jt,eh"}, {Code: "tea", Suffix: "jt"}}
	text := "May: We take a taxi to the shops when it rains, and have a cup of tea."
	tests := []struct {
		name string
		m    Margin
		want string
	}{
		{"wide", FitMargin(120, 2, NoteWidth(notes[0])), `
  9  May: We take a taxi to the shops when it rains, and have a cup of tea.       │ sustainability/transport/taxis jt,eh
                                                                                  │ tea jt`},
		{"80", FitMargin(80, 2, NoteWidth(notes[0])), `
  9  May: We take a taxi to the shops when it     │ sustainability/…/taxis jt,eh
     rains, and have a cup of tea.                │ tea jt`},
		{"60", FitMargin(60, 2, NoteWidth(notes[0])), `
  9  May: We take a taxi to the shops │ …/taxis jt,eh
     when it rains, and have a cup of │ tea jt
     tea.`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := tc.m.Lines(9, text, notes, MarginStyle{})
			if got := "\n" + strings.Join(lines, "\n"); got != tc.want {
				t.Errorf("got:%s\nwant:%s", got, tc.want)
			}
		})
	}
}

func TestColour(t *testing.T) {
	if got := Colour("#4e79a7", "x"); got != "\x1b[38;2;78;121;167mx\x1b[0m" {
		t.Errorf("Colour = %q", got)
	}
	if got := Colour("#f00", "x"); got != "\x1b[38;2;255;0;0mx\x1b[0m" {
		t.Errorf("Colour short = %q", got)
	}
	if got := Colour("red", "x"); got != "x" {
		t.Errorf("Colour of a name = %q, want it plain", got)
	}
}

func TestElidePaths(t *testing.T) {
	paths := []string{"sustainability/infrastructure/transport", "sustainability/infrastructure/transport/taxis", "tea"}
	tests := []struct {
		width int
		want  []string
	}{
		{0, paths},
		{200, paths},
		{60, []string{"sustainability/…/transport", "sustainability/…/taxis", "tea"}},
		{30, []string{"…/transport", "…/taxis", "tea"}},
	}
	for _, tc := range tests {
		got := ElidePaths(paths, ", ", tc.width)
		if !slices.Equal(got, tc.want) {
			t.Errorf("ElidePaths(%d) = %q, want %q", tc.width, got, tc.want)
		}
		if w := Width(strings.Join(got, ", ")); tc.width >= 33 && w > tc.width {
			t.Errorf("ElidePaths(%d) is %d wide", tc.width, w)
		}
	}
}

func TestHanging(t *testing.T) {
	tests := []struct {
		width int
		want  []string
	}{
		{0, []string{"  include:  doing things with the connector"}},
		{50, []string{"  include:  doing things with the connector"}},
		{40, []string{"  include:  doing things with the", "            connector"}},
		{30, []string{"  include:  doing things with", "            the connector"}},
		{20, []string{"  include:  doing things with the connector"}}, // no room to wrap in
	}
	for _, tc := range tests {
		if got := Hanging("  include:  ", "doing things with the connector", tc.width); !slices.Equal(got, tc.want) {
			t.Errorf("Hanging(%d) = %q, want %q", tc.width, got, tc.want)
		}
	}
}

func TestClipAround(t *testing.T) {
	s := "May: I'll get a taxi home if it's dark."
	dark := strings.Index(s, "dark")
	tests := []struct {
		name     string
		width    int
		from, to int
		want     string
		start    int
	}{
		{"fits", 60, dark, dark + 4, s, 0},
		{"match in view", 25, 16, 20, "May: I'll get a taxi hom…", 0},
		{"match cut off", 25, dark, dark + 4, "…taxi home if it's dark.", strings.Index(s, "taxi home")},
		{"both ends cut", 12, 16, 20, "…a taxi hom…", 14},
		{"no limit", 0, dark, dark + 4, s, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, start := ClipAround(s, tc.width, tc.from, tc.to)
			if got != tc.want || start != tc.start {
				t.Errorf("ClipAround = %q, %d; want %q, %d", got, start, tc.want, tc.start)
			}
		})
	}
}
