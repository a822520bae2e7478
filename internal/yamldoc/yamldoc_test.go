package yamldoc

import (
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string // the finding without its hint, or "" for none
		wantNil bool   // no root node
	}{
		{name: "mapping", in: "a: 1\n"},
		{name: "empty", in: "", wantNil: true},
		{name: "comment only", in: "# nothing\n", wantNil: true},
		{name: "null document", in: "~\n", wantNil: true},
		{name: "unclosed flow list", in: "- lines: 2\n  codes: [tea\n", want: "f:2: invalid YAML: did not find expected ',' or ']'"},
		{name: "bad indentation deep in the file", in: "a:\n  b: 1\n  c: 2\n d: 3\n", want: "f:4: invalid YAML: did not find expected key"},
		{name: "mapping value in plain text", in: "a: 1\nb: x: y\n", want: "f:2: invalid YAML: mapping values are not allowed in this context"},
		{name: "unclosed quote", in: "a: 1\nb: 'open\nc: 3\n", want: "f:2: invalid YAML: found unexpected end of stream"},
		{name: "tab indentation", in: "a:\n\t- b\n", want: "f:2: invalid YAML: found character that cannot start any token"},
		{name: "alias", in: "a: &x 1\nb: *x\n", want: "f:2: YAML aliases are not supported"},
		{name: "two documents", in: "a: 1\n---\nb: 2\n", want: "f:2: the file holds more than one YAML document"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, f := Decode("f", []byte(tc.in))
			got := ""
			if f != nil {
				g := *f
				g.Hint = ""
				got = g.Error()
			}
			if got != tc.want {
				t.Fatalf("finding = %q, want %q", got, tc.want)
			}
			if f == nil && (root == nil) != tc.wantNil {
				t.Fatalf("root = %v, want nil: %v", root, tc.wantNil)
			}
		})
	}
}
