package codebook

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/qdatool/qda/internal/diag"
	"gopkg.in/yaml.v3"
)

func TestParseFindings(t *testing.T) {
	tests := []struct {
		name   string
		yaml   string
		want   []string
		wantCB bool // whether Parse still returns a codebook
	}{
		{
			name:   "clean",
			yaml:   "title: T\ncodes:\n  - name: a\n    children:\n      - name: b\n",
			wantCB: true,
		},
		{
			name: "syntax error at the mis-indented line",
			yaml: "title: T\ncodes:\n  - name: a\n   label: b\n",
			want: []string{`codebook.yaml:4: invalid YAML: did not find expected '-' indicator (check the indentation, and quote text that contains ": " or starts with a special character)`},
		},
		{
			name: "syntax error at an unclosed quote",
			yaml: "title: \"Service users\ncodes:\n  - name: a\n",
			want: []string{`codebook.yaml:1: invalid YAML: found unexpected end of stream (check the indentation, and quote text that contains ": " or starts with a special character)`},
		},
		{
			name: "syntax error at a colon in plain text",
			yaml: "codes:\n  - name: a\n    label: Ending: loss\n",
			want: []string{`codebook.yaml:3: invalid YAML: mapping values are not allowed in this context (check the indentation, and quote text that contains ": " or starts with a special character)`},
		},
		{
			name: "empty file",
			yaml: "# nothing yet\n",
			want: []string{`codebook.yaml: codebook is empty (start it with "title:" and "codes:", as 'qda init' writes it)`},
		},
		{
			name: "top level not a mapping",
			yaml: "- name: a\n",
			want: []string{`codebook.yaml:1: the codebook must be a mapping with "title" and "codes" (start it with "title:" and "codes:", as 'qda init' writes it)`},
		},
		{
			name: "YAML alias",
			yaml: "codes:\n  - &c {name: a}\n  - *c\n",
			want: []string{`codebook.yaml:3: YAML aliases are not supported (write the value out in full instead of *c)`},
		},
		{
			name:   "two documents",
			yaml:   "codes: []\n---\ncodes: []\n",
			want:   []string{`codebook.yaml:2: the codebook holds more than one YAML document (remove the "---" line and what follows it)`},
			wantCB: true,
		},
		{
			name:   "codes not a list",
			yaml:   "title: T\ncodes: confidence\n",
			want:   []string{`codebook.yaml:2: field "codes" of the codebook must be a list of codes (start each code with "- name: ...")`},
			wantCB: true,
		},
		{
			name:   "children not a list",
			yaml:   "codes:\n  - name: a\n    children: b\n",
			want:   []string{`codebook.yaml:3: field "children" of code "a" must be a list of codes (start each code with "- name: ...")`},
			wantCB: true,
		},
		{
			name:   "code not a mapping",
			yaml:   "codes:\n  - confidence\n",
			want:   []string{`codebook.yaml:2: each code must be a mapping with a "name" field (start each code with "- name: ...")`},
			wantCB: true,
		},
		{
			name:   "title not text",
			yaml:   "title: [a, b]\ncodes: []\n",
			want:   []string{`codebook.yaml:1: field "title" of the codebook must be text (put the text in quotes)`},
			wantCB: true,
		},
		{
			name: "fields of the wrong type",
			yaml: "codes:\n  - name: a\n    label: {x: 1}\n    aliases: self-esteem\n    examples:\n      - ok\n      - [not, text]\n",
			want: []string{
				`codebook.yaml:3: field "label" of code "a" must be text (put the text in quotes)`,
				`codebook.yaml:4: field "aliases" of code "a" must be a list of text (write it as a list: aliases: ["self-esteem"])`,
				`codebook.yaml:7: each entry of "examples" in code "a" must be text (put the text in quotes)`,
			},
			wantCB: true,
		},
		{
			name: "missing and empty names",
			yaml: "codes:\n  - label: Day-to-day tasks\n  - name: \"\"\n  - name:\n    children: [{name: b}]\n  - name: [a]\n",
			want: []string{
				`codebook.yaml:2: code has no name (add "name: day-to-day-tasks")`,
				`codebook.yaml:3: code has no name (add a "name:" field with a short slug such as "daily-tasks")`,
				`codebook.yaml:4: code has no name (add a "name:" field with a short slug such as "daily-tasks")`,
				`codebook.yaml:6: the name of a code must be text (write a short slug such as "daily-tasks")`,
			},
			wantCB: true,
		},
		{
			name: "names not slugs",
			yaml: "codes:\n  - name: Daily Tasks\n  - name: a--b\n  - name: a/b\n  - name: \"!!!\"\n",
			want: []string{
				`codebook.yaml:2: code name "Daily Tasks" is not a slug (use lowercase letters, digits and single hyphens, e.g. "daily-tasks")`,
				`codebook.yaml:3: code name "a--b" is not a slug (use lowercase letters, digits and single hyphens, e.g. "a-b")`,
				`codebook.yaml:4: code name "a/b" is not a slug (use lowercase letters, digits and single hyphens, e.g. "a-b")`,
				`codebook.yaml:5: code name "!!!" is not a slug (use lowercase letters, digits and single hyphens)`,
			},
			wantCB: true,
		},
		{
			name: "duplicate siblings",
			yaml: "codes:\n  - name: a\n    children:\n      - name: b\n      - name: b\n  - name: b\n  - name: a\n",
			want: []string{
				`codebook.yaml:5: duplicate code "a/b" (first defined at line 4) (rename one of them, or move what is under the second into the first)`,
				`codebook.yaml:7: duplicate code "a" (first defined at line 2) (rename one of them, or move what is under the second into the first)`,
			},
			wantCB: true,
		},
		{
			name: "duplicate field",
			yaml: "codes:\n  - name: a\n    label: A\n    label: B\n",
			want: []string{
				`codebook.yaml:4: field "label" given twice in code "a" (first at line 3) (remove one of them)`,
			},
			wantCB: true,
		},
		{
			name: "unknown fields",
			yaml: "title: T\nversion: 2\ncodes:\n  - name: a\n    lable: A\n    weight: 3\n",
			want: []string{
				`codebook.yaml:2: warning: unknown top-level field "version" (known fields: title, codes)`,
				`codebook.yaml:5: warning: unknown field "lable" in code "a" (did you mean "label"?)`,
				`codebook.yaml:6: warning: unknown field "weight" in code "a" (known fields: name, label, description, include, exclude, examples, color, aliases, patterns, memo, codable, children)`,
			},
			wantCB: true,
		},
		{
			name: "simple aliases",
			yaml: `codes:
  - name: a
    aliases: [Self Esteem, a, x, x]
  - name: b
    aliases: [a, x]
`,
			want: []string{
				`codebook.yaml:3: alias "Self Esteem" of code "a" is not a slug (use lowercase letters, digits and single hyphens, e.g. "self-esteem")`,
				`codebook.yaml:3: warning: alias "a" of code "a" repeats its name (remove the alias)`,
				`codebook.yaml:3: warning: alias "x" of code "a" is listed twice (remove one of them)`,
				`codebook.yaml:5: alias "a" of code "b" is ambiguous: it is also the name of "a" (remove the alias, or rename one of the codes)`,
				`codebook.yaml:5: alias "x" of code "b" is ambiguous: "a" has the same alias (line 3) (keep the alias on one code only)`,
			},
			wantCB: true,
		},
		{
			name: "full-path aliases",
			yaml: `codes:
  - name: a
    children:
      - name: b
        aliases: [a/b, old/b]
  - name: c
    aliases:
      - a/b
      - old/b
      - old//c
      - Old/C
      - /
`,
			want: []string{
				`codebook.yaml:5: alias "a/b" of code "a/b" is its own path (remove the alias)`,
				`codebook.yaml:8: alias "a/b" of code "c" is the path of another code (remove the alias, or rename the code "a/b")`,
				`codebook.yaml:9: alias "old/b" of code "c" is ambiguous: "a/b" has the same alias (line 5) (keep the alias on one code only)`,
				`codebook.yaml:10: alias "old//c" of code "c" is not a path of slugs (write it as "old/c")`,
				`codebook.yaml:11: alias "Old/C" of code "c" is not a path of slugs (write it as "old/c")`,
				`codebook.yaml:12: alias "/" of code "c" is not a path of slugs (write a former path as names joined by "/", e.g. "confidence/travel")`,
			},
			wantCB: true,
		},
		{
			name: "colors",
			yaml: "codes:\n  - name: a\n    color: \"#abc\"\n  - name: b\n    color: blue\n  - name: c\n    color: #4e79a7\n",
			want: []string{
				`codebook.yaml:5: warning: color "blue" of code "b" is not a hex color (write it as "#rgb" or "#rrggbb", e.g. "#4e79a7")`,
				`codebook.yaml:7: warning: color of code "c" is empty: an unquoted "#" starts a YAML comment (quote it: color: "#4e79a7")`,
			},
			wantCB: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cb, findings := Parse("codebook.yaml", []byte(tc.yaml))
			got := make([]string, len(findings))
			for i, f := range findings {
				got[i] = f.Error()
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
			if (cb != nil) != tc.wantCB {
				t.Errorf("codebook returned = %v, want %v", cb != nil, tc.wantCB)
			}
		})
	}
}

// A code whose name cannot be a path segment is left out; one whose name
// is merely not a slug stays, so that references to it do not cascade into
// more errors.
func TestParseKeepsAddressableCodes(t *testing.T) {
	cb, _ := Parse("codebook.yaml", []byte("codes:\n  - name: Daily Tasks\n  - name: a/b\n  - name: ok\n  - name: ok\n    label: second\n"))
	var paths []string
	for _, c := range cb.All() {
		paths = append(paths, c.Path)
	}
	if want := []string{"Daily Tasks", "ok"}; !slices.Equal(paths, want) {
		t.Errorf("paths = %q, want %q", paths, want)
	}
	if c := cb.Lookup("ok"); c == nil || c.Label != "" {
		t.Errorf("Lookup(ok) = %+v, want the first of the duplicates", c)
	}
}

func TestParseFields(t *testing.T) {
	cb := loadStudy(t)
	c := cb.Lookup("confidence")
	if c == nil {
		t.Fatal("no code confidence")
	}
	checks := []struct{ field, got, want string }{
		{"title", cb.Title, "Service users' experiences of a social prescribing scheme"},
		{"label", c.Label, "Developing confidence and self-esteem"},
		{"include", c.Include, "Talk about regaining the ability to do everyday things."},
		{"exclude", c.Exclude, "Confidence gained from attending a community group (see activities)."},
		{"color", c.Color, "#4e79a7"},
		{"examples", strings.Join(c.Examples, "|"), "the main thing was that he was there to support me"},
		{"aliases", strings.Join(c.Aliases, "|"), "self-esteem"},
		{"patterns", strings.Join(c.Patterns, "|"), `"confidence back"|confident*`},
		{"memo", cb.Lookup("connector").Memo, `Merged "volunteer" into this after wave 2.`},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %q, want %q", ck.field, ck.got, ck.want)
		}
	}
	if c.Line != 4 || c.Node == nil || c.Node.Line != 4 {
		t.Errorf("confidence at line %d (node %v), want line 4", c.Line, c.Node)
	}
	out, err := yaml.Marshal(cb.Doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []string{"# Framework refined", "# former name", "# moved from confidence"} {
		if !strings.Contains(string(out), keep) {
			t.Errorf("Doc written back lost %q:\n%s", keep, out)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("codes:\n  - name: Bad Name\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		wantErr    string
		wantCB     bool
	}{
		{name: "ok", path: "testdata/study.yaml", wantCB: true},
		{
			name:    "missing",
			path:    filepath.Join(dir, "nope.yaml"),
			wantErr: `codebook.yaml: codebook not found (run qda in a study folder (or pass -C DIR), or create one with 'qda init')`,
		},
		{
			name:    "invalid",
			path:    bad,
			wantErr: `codebook.yaml:2: code name "Bad Name" is not a slug (use lowercase letters, digits and single hyphens, e.g. "bad-name")`,
			wantCB:  true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cb, err := Load(tc.path, "codebook.yaml")
			if (cb != nil) != tc.wantCB {
				t.Errorf("codebook returned = %v, want %v", cb != nil, tc.wantCB)
			}
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if err == nil || err.Error() != tc.wantErr {
				t.Fatalf("error:\n got %v\nwant %s", err, tc.wantErr)
			}
			var f *diag.Finding
			var l diag.List
			if !errors.As(err, &f) && !errors.As(err, &l) {
				t.Errorf("error %T carries no position", err)
			}
		})
	}
}
