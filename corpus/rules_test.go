package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRules(t *testing.T) {
	rules, fs := CompileRules([]RuleSpec{
		{Match: "Bob  Smith", Replace: "[name removed]", Line: 3},
		{Regex: `\b07\d{3} ?\d{6}\b`, Replace: "[phone number removed]", Line: 5},
	})
	if len(fs) != 0 {
		t.Fatal(fs)
	}
	tests := []struct {
		in, want string
		counts   [2]int
	}{
		{"bob smith rang on 07700 900123.", "[name removed] rang on [phone number removed].", [2]int{1, 1}},
		{"Bob\nSmith and BOB SMITH", "[name removed] and [name removed]", [2]int{2, 0}},
		{"Bobby Smithson", "Bobby Smithson", [2]int{0, 0}},
	}
	for _, tc := range tests {
		got := tc.in
		var counts [2]int
		for i, r := range rules {
			got, counts[i] = r.Apply(got)
		}
		if got != tc.want || counts != tc.counts {
			t.Errorf("apply(%q) = %q %v, want %q %v", tc.in, got, counts, tc.want, tc.counts)
		}
	}
	if d := rules[0].Describe(0); d != "rule 1 (qda.yaml:3) → [name removed]" {
		t.Errorf("Describe = %q", d)
	}
}

func TestRulesFindings(t *testing.T) {
	tests := []struct {
		spec RuleSpec
		want string
	}{
		{RuleSpec{Match: "a", Regex: "b", Replace: "x", Line: 2}, "qda.yaml:2: an anonymise rule has both match and regex"},
		{RuleSpec{Replace: "x", Line: 3}, "qda.yaml:3: an anonymise rule needs match or regex"},
		{RuleSpec{Regex: "(", Replace: "x", Line: 4}, "qda.yaml:4: anonymise rule regex: error parsing regexp: missing closing ): `(`"},
		{RuleSpec{Regex: "a*", Replace: "x", Line: 5}, "qda.yaml:5: anonymise rule matches empty text"},
		{RuleSpec{Match: "Bob", Line: 6}, "qda.yaml:6: an anonymise rule needs replace"},
	}
	for _, tc := range tests {
		_, fs := CompileRules([]RuleSpec{tc.spec})
		if len(fs) != 1 {
			t.Fatalf("%+v: findings %v", tc.spec, fs)
		}
		f := *fs[0]
		f.Hint = ""
		if f.Error() != tc.want {
			t.Errorf("finding = %q, want %q", f.Error(), tc.want)
		}
	}
}

func readFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func TestRecoverRemovesStagedFiles(t *testing.T) {
	s := &Study{Root: t.TempDir()}
	for _, rel := range []string{DataDir + "/staging", "codings/jt/.may-1.yaml.qda-123", ".codebook.yaml.qda-9", "codings/jt/may-1.yaml"} {
		if err := os.MkdirAll(s.Path(filepath.Dir(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(s.Path(rel), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Recover(); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]bool{DataDir + "/staging": false, "codings/jt/.may-1.yaml.qda-123": false, ".codebook.yaml.qda-9": false, "codings/jt/may-1.yaml": true} {
		_, err := os.Stat(s.Path(rel))
		if (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", rel, err == nil, want)
		}
	}
}
