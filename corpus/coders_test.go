package corpus

import (
	"slices"
	"strings"
	"testing"
)

func TestResolveCoder(t *testing.T) {
	declared := "title: T\ncoders:\n  jt: {name: Jill Thompson, email: jill@example.org}\n  eh: Emma Hughes\n  auto: {name: qda autocode, machine: true}\n  ah: {name: Ann Hill, git: annie@laptop}\n"
	tests := []struct {
		name   string
		config string
		who    Identity
		want   string
		err    string
	}{
		{"explicit, declared", declared, Identity{Explicit: "eh", From: "--coder"}, "eh", ""},
		{"explicit, undeclared", declared, Identity{Explicit: "jtt", From: "--coder"}, "", `coder "jtt" from --coder is not one of the study's coders (jt, eh, auto, ah)`},
		{"explicit, not a name", declared, Identity{Explicit: "Jill T", From: "$QDA_CODER"}, "", `not a valid coder name`},
		{"git email", declared, Identity{GitName: "J. Thompson", GitEmail: "JILL@example.org"}, "jt", ""},
		{"git name", declared, Identity{GitName: "Emma Hughes", GitEmail: "emma@home"}, "eh", ""},
		{"git field", declared, Identity{GitName: "annie", GitEmail: "annie@laptop"}, "ah", ""},
		{"git, undeclared: never a new coder", declared, Identity{GitName: "Jill Thompson2", GitEmail: "x@y"}, "", "is not one of the study's coders"},
		{"no list: explicit as given", "title: T\n", Identity{Explicit: "me", From: "--coder"}, "me", ""},
		{"no list: git name slugged", "title: T\n", Identity{GitName: "Jill Thompson"}, "jill-thompson", ""},
		{"nobody", "title: T\n", Identity{}, "", "no coder"},
		{"an empty list holds no one", "coders:\n", Identity{Explicit: "me", From: "--coder"}, "me", ""},
		{"machine coders alone hold no one", "coders:\n  auto: {machine: true}\n", Identity{GitName: "Jill Thompson"}, "jill-thompson", ""},
		{"a person declared holds everyone", "coders:\n  auto: {machine: true}\n  jt: J\n", Identity{Explicit: "me", From: "--coder"}, "", "is not one of the study's coders (auto, jt)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, fs := ParseConfig("qda.yaml", []byte(tc.config))
			if len(fs) != 0 {
				t.Fatal(fs)
			}
			got, err := cfg.ResolveCoder(tc.who)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ResolveCoder = %q, %v; want an error containing %q", got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ResolveCoder = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	cfg, _ := ParseConfig("qda.yaml", []byte(declared))
	if !cfg.Machine("auto") || cfg.Machine("jt") {
		t.Error("auto must be the machine coder, jt not")
	}
}

func TestParseCodersFindings(t *testing.T) {
	tests := []struct{ config, want string }{
		{"coders: [jt, eh]\n", "qda.yaml:1: coders must be a mapping"},
		{"coders:\n  Jill T: x\n", `qda.yaml:2: coder id "Jill T" is not a name`},
		{"coders:\n  jt: a\n  jt: b\n", `qda.yaml:3: coder "jt" is declared twice`},
		{"coders:\n  jt: {name: a, phone: 1}\n", `qda.yaml:2: warning: coder jt: unknown field "phone"`},
	}
	for _, tc := range tests {
		_, fs := ParseConfig("qda.yaml", []byte(tc.config))
		if !strings.Contains(fs.Error(), tc.want) {
			t.Errorf("%q: findings %v, want %q", tc.config, fs, tc.want)
		}
	}
}

func TestAddCoderText(t *testing.T) {
	jt := Coder{ID: "jt", Name: "Jill Thompson", Email: "jill@example.org"}
	tests := []struct {
		name, in, want string
		k              Coder
	}{
		{"no list yet", "title: T\n# the study\n", "title: T\n# the study\ncoders:\n  jt: {name: Jill Thompson, email: jill@example.org}\n", jt},
		{"no final newline", "title: T", "title: T\ncoders:\n  jt: {name: Jill Thompson, email: jill@example.org}\n", jt},
		{"after the last coder, before the next key",
			"title: T\ncoders:\n  eh: Emma Hughes # lead\n\n# settings\nanonymise:\n  names: [May]\n",
			"title: T\ncoders:\n  eh: Emma Hughes # lead\n  jt: {name: Jill Thompson, email: jill@example.org}\n\n# settings\nanonymise:\n  names: [May]\n", jt},
		{"an empty list", "coders:\ntitle: T\n", "coders:\n  auto: {name: qda autocode, machine: true}\ntitle: T\n", Coder{ID: "auto", Name: "qda autocode", Machine: true}},
		{"a name that needs quotes", "coders:\n", "coders:\n  x: {name: 'yes: no'}\n", Coder{ID: "x", Name: "yes: no"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := AddCoderText("qda.yaml", []byte(tc.in), tc.k)
			if err != nil || string(out) != tc.want {
				t.Fatalf("got\n%s(%v)\nwant\n%s", out, err, tc.want)
			}
			cfg, fs := ParseConfig("qda.yaml", out)
			if k, ok := cfg.Coder(tc.k.ID); len(fs) != 0 || !ok || k.Name != tc.k.Name || k.Machine != tc.k.Machine {
				t.Fatalf("read back %+v, %v", k, fs)
			}
		})
	}
	if _, err := AddCoderText("qda.yaml", []byte("coders:\n  jt: J\n"), jt); err == nil {
		t.Error("a coder declared twice must be refused")
	}
	if _, err := AddCoderText("qda.yaml", []byte("coders: {eh: E}\n"), jt); err == nil || !strings.Contains(err.Error(), "one line") {
		t.Errorf("a flow-style list: %v", err)
	}
}

// TestDeclareCoder: the first person declared brings in everyone already
// coding; a machine coder is declared alone and the list is re-read.
func TestDeclareCoder(t *testing.T) {
	s := studyOf(t, map[string]string{
		"qda.yaml":              "title: t\n",
		"codebook.yaml":         "codes:\n  - name: tea\n",
		"participants.csv":      "id\nmay\n",
		"transcripts.csv":       "id,participant\nmay-1,may\n",
		"transcripts/may-1.txt": "May: Tea.\n",
		"codings/eh/may-1.yaml": "- lines: 1\n  codes: [tea]\n",
		"codings/jt/may-1.yaml": "- lines: 1\n  codes: [tea]\n",
	})
	defer s.Close()
	got, err := s.DeclareCoder(Coder{ID: "auto", Machine: true})
	if err != nil || !slices.Equal(got, []string{"auto (machine)"}) {
		t.Fatalf("machine: %v, %v", got, err)
	}
	got, err = s.DeclareCoder(Coder{ID: "jt", Name: "J T"})
	if err != nil || !slices.Equal(got, []string{"eh", "jt"}) {
		t.Fatalf("first person: %v, %v", got, err)
	}
	if k, ok := s.Config.Coder("jt"); !ok || k.Name != "J T" {
		t.Errorf("the config was not re-read: %+v %v", k, ok)
	}
	got, err = s.DeclareCoder(Coder{ID: "ah"})
	if err != nil || !slices.Equal(got, []string{"ah"}) {
		t.Errorf("a later person: %v, %v", got, err)
	}
}

func TestPeople(t *testing.T) {
	c := Config{Coders: []Coder{{ID: "jt"}, {ID: "auto", Machine: true}, {ID: "ai", Machine: true}}}
	tests := []struct {
		coders, want []string
	}{
		{nil, nil},
		{[]string{"jt", "auto", "eh"}, []string{"jt", "eh"}}, // an undeclared coder is a person
		{[]string{"auto", "ai"}, nil},
		{[]string{"eh", "jt"}, []string{"eh", "jt"}}, // in their order
	}
	for _, tt := range tests {
		if got := c.People(tt.coders); !slices.Equal(got, tt.want) {
			t.Errorf("People(%v) = %v, want %v", tt.coders, got, tt.want)
		}
	}
}
