package corpus

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// codePathRE is what isCodePath hand-writes.
var codePathRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$`)

// sameAsYAML fails t when the fast path accepts data and reads it other
// than yaml.v3 does; it reports whether the fast path accepted it.
func sameAsYAML(t *testing.T, name string, data []byte) bool {
	t.Helper()
	fast, ok := parseCanonicalCodings(data)
	if !ok {
		return false
	}
	doc, fs := parseCodingsYAML("f.yaml", data)
	if len(fs) > 0 {
		t.Fatalf("%s: the fast path read a file yaml.v3 finds wrong (%v):\n%s", name, fs, data)
	}
	if doc.None || doc.Empty || !reflect.DeepEqual(fast, doc.Segments) {
		t.Fatalf("%s: the fast path read\n%#v\nyaml.v3 read\n%#v\nfrom\n%s", name, fast, doc, data)
	}
	return true
}

func TestCodingsFastMatchesYAML(t *testing.T) {
	cases := []struct {
		name, data string
		fast       bool
	}{
		{"canonical", "- lines: 3-5\n  codes: [confidence, tea]\n  quote: I wanted\n  memo: note\n", true},
		{"single line", "- lines: 7\n  codes: [a/b-c]\n", true},
		{"single-quoted", "- lines: 1\n  codes: [a]\n  quote: '[name removed] said ''no'''\n  memo: 'Check: this'\n", true},
		{"colon inside", "- lines: 1\n  codes: [a]\n  quote: ratio 3:1 it's \"fine\", [ok]\n", true},
		{"two segments", "- lines: 1\n  codes: [a]\n- lines: 2-9\n  codes: [b, c]\n  memo: m m\n", true},
		{"no final newline", "- lines: 1\n  codes: [a]", false},
		{"comment", "# x\n- lines: 1\n  codes: [a]\n", false},
		{"trailing comment", "- lines: 1\n  codes: [a]\n  quote: a #b\n", false},
		{"memo first", "- lines: 1\n  codes: [a]\n  memo: m\n  quote: q\n", false},
		{"codes twice", "- lines: 1\n  codes: [a]\n  codes: [b]\n", false},
		{"no codes", "- lines: 1\n", false},
		{"empty codes", "- lines: 1\n  codes: []\n", false},
		{"code with a space", "- lines: 1\n  codes: [a , b]\n", false},
		{"quoted code", "- lines: 1\n  codes: [\"a\"]\n", false},
		{"plain code", "- lines: 1\n  codes: a\n", false},
		{"leading zero", "- lines: 01\n  codes: [a]\n", false},
		{"backwards", "- lines: 5-3\n  codes: [a]\n", false},
		{"double-quoted", "- lines: 1\n  codes: [a]\n  quote: \"x\"\n", false},
		{"block", "- lines: 1\n  codes: [a]\n  memo: |-\n    x\n    y\n", false},
		{"unicode", "- lines: 1\n  codes: [a]\n  quote: café\n", false},
		{"crlf", "- lines: 1\r\n  codes: [a]\r\n", false},
		{"none", "# read in full; nothing in this transcript applies\n- none: true\n", false},
		{"empty", "", false},
		{"tab", "- lines: 1\n  codes: [a]\n  quote: a\tb\n", false},
		{"lone quote", "- lines: 1\n  codes: [a]\n  quote: 'a'b'\n", false},
		{"anchor", "- lines: 1\n  codes: [a]\n  quote: &x y\n", false},
		{"document end", "- lines: 1\n  codes: [a]\n...\n", false},
	}
	for _, c := range cases {
		if got := sameAsYAML(t, c.name, []byte(c.data)); got != c.fast {
			t.Errorf("%s: fast path took it: %v, want %v", c.name, got, c.fast)
		}
	}
}

// TestCodingsFastFixtures reads every codings file of the command
// scripts' studies and the fuzz seeds both ways.
func TestCodingsFastFixtures(t *testing.T) {
	var files []string
	for _, glob := range []string{"../cmd/qda/testdata/script/*.txtar", "testdata/fuzz/FuzzParseCodings/*"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	read, fast := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".txtar") {
			for _, af := range txtar.Parse(data).Files {
				if strings.HasPrefix(af.Name, "codings/") || strings.Contains(af.Name, "/codings/") {
					read++
					if sameAsYAML(t, f+":"+af.Name, af.Data) {
						fast++
					}
				}
			}
			continue
		}
		if s := fuzzSeedBytes(string(data)); s != nil {
			read++
			sameAsYAML(t, f, s)
		}
	}
	if read < 50 || fast < 20 {
		t.Fatalf("read %d codings files, %d by the fast path: the fixtures moved?", read, fast)
	}
	t.Logf("%d codings files, %d by the fast path", read, fast)
}

// fuzzSeedBytes is the []byte value of a seed file of go test's corpus
// format ("go test fuzz v1" then "[]byte(...)"), or nil.
func fuzzSeedBytes(s string) []byte {
	_, v, ok := strings.Cut(s, "\n[]byte(")
	if !ok {
		return nil
	}
	v = strings.TrimSpace(v)
	v = strings.TrimSuffix(v, ")")
	if u, err := strconv.Unquote(v); err == nil {
		return []byte(u)
	}
	return nil
}

func TestQuickScalarMatchesYAML(t *testing.T) {
	for _, s := range []string{
		"I wanted", "[name removed] used to drive me", "Check with jt: hopes or remit?",
		"it's", "'quoted'", "a #b", "a#b", "ends:", "a: b", "- dash", "-dash", "? x", "?x",
		": x", ":x", "---x", "...x", "true", "True", "yes", "no", "on", "off", "null", "~",
		"nothing", "Offered", "y", "<<", "<<x", "1", "12 apples", "+1", ".5", "-", "x ", " x",
		"a  b", "!x", "&x", "*x", "%x", "@x", "`x", "|x", ">x", "\"x\"", "{x}", "x, y", "x,y",
		"x?", "x!", "\\", "a\\b", "tab\tx", "new\nline", "café", "2001-12-14", "0x1F",
		"FALSE", "Falsely", "NULL", "Nullify",
	} {
		checkQuickScalar(t, s)
	}
}

func checkQuickScalar(t *testing.T, s string) {
	t.Helper()
	q, ok := quickScalar(s)
	if !ok {
		return
	}
	if want := marshalScalar(s); q != want {
		t.Fatalf("quickScalar(%q) = %s, yaml.v3 writes %s", s, q, want)
	}
	// What quickScalar writes, the fast reader reads back as yaml.v3 does.
	data := []byte("- lines: 1\n  codes: [a]\n  quote: " + q + "\n")
	if !sameAsYAML(t, s, data) {
		t.Fatalf("the fast path does not read back %s", q)
	}
}

func TestIsCodePath(t *testing.T) {
	for _, s := range []string{"", "a", "a-b", "a/b", "a//b", "a-", "-a", "a--b", "a/-b", "a-/b", "/a", "a/",
		"confidence/daily-tasks", "A", "a_b", "a b", "0", "a1/2b-3"} {
		if got, want := isCodePath(s), codePathRE.MatchString(s); got != want {
			t.Errorf("isCodePath(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}

func FuzzCodingsFast(f *testing.F) {
	f.Add([]byte("- lines: 3-5\n  codes: [confidence, tea]\n  quote: I wanted\n  memo: note\n"))
	f.Add([]byte("- lines: 1\n  codes: [a]\n  quote: '[x] ''y'''\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsYAML(t, "fuzz", data)
	})
}

func FuzzQuickScalar(f *testing.F) {
	for _, s := range []string{"I wanted", "[x] y", "a: b", "it's", "true", "x #y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkQuickScalar(t, s)
		got, want := isCodePath(s), codePathRE.MatchString(s)
		if got != want {
			t.Fatalf("isCodePath(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}
