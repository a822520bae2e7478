package codebook

import (
	"slices"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{
			name: "nothing",
			old:  "codes:\n  - name: a\n",
			new:  "# a comment\ncodes:\n  - name: a\n",
		},
		{
			name: "rename",
			old:  "codes:\n  - name: endings\n    children:\n      - name: loss\n",
			new:  "codes:\n  - name: ending\n    aliases: [endings]\n    children:\n      - name: loss\n",
			want: []string{"renamed ending from endings"},
		},
		{
			name: "rename without an alias is a removal and an addition",
			old:  "codes:\n  - name: endings\n    children:\n      - name: loss\n",
			new:  "codes:\n  - name: ending\n    children:\n      - name: loss\n",
			want: []string{"added ending: with the code below it", "removed endings: with the code below it"},
		},
		{
			name: "move",
			old:  "codes:\n  - name: confidence\n    children:\n      - name: travel\n        children:\n          - name: buses\n  - name: mobility\n",
			new:  "codes:\n  - name: confidence\n  - name: mobility\n    children:\n      - name: travel\n        aliases: [confidence/travel]\n        children:\n          - name: buses\n",
			want: []string{"moved mobility/travel from confidence/travel"},
		},
		{
			name: "move and rename",
			old:  "codes:\n  - name: a\n    children:\n      - name: x\n  - name: b\n",
			new:  "codes:\n  - name: a\n  - name: b\n    children:\n      - name: y\n        aliases: [a/x]\n",
			want: []string{`moved b/y from a/x: renamed "x" to "y"`},
		},
		{
			name: "merge into a code that was there",
			old:  "codes:\n  - name: connector\n  - name: volunteer\n    label: Volunteer\n    children:\n      - name: fit\n",
			new:  "codes:\n  - name: connector\n    aliases: [volunteer]\n    children:\n      - name: fit\n",
			want: []string{"merged connector from volunteer"},
		},
		{
			name: "merge of two into a new code",
			old:  "codes:\n  - name: a\n  - name: b\n",
			new:  "codes:\n  - name: c\n    aliases: [a, b]\n",
			want: []string{"merged c from a", "merged c from b"},
		},
		{
			name: "merge across branches",
			old:  "codes:\n  - name: a\n    children:\n      - name: x\n  - name: b\n    children:\n      - name: y\n",
			new:  "codes:\n  - name: a\n  - name: b\n    children:\n      - name: y\n        aliases: [a/x]\n",
			want: []string{"merged b/y from a/x"},
		},
		{
			name: "an alias on another code lets a removed path resolve",
			old:  "codes:\n  - name: a\n    children:\n      - name: trust\n      - name: matching\n",
			new:  "codes:\n  - name: a\n    children:\n      - name: trust\n  - name: connector\n    children:\n      - name: fit\n        aliases: [a/matching]\n",
			want: []string{"added connector", `moved connector/fit from a/matching: renamed "matching" to "fit"`},
		},
		{
			name: "add and remove",
			old:  "codes:\n  - name: a\n    children:\n      - name: x\n        label: Ex\n        children:\n          - name: deep\n",
			new:  "codes:\n  - name: a\n    children:\n      - name: y\n        label: Why\n  - name: b\n    children:\n      - name: c\n      - name: d\n",
			want: []string{
				`removed a/x: "Ex" with the code below it`,
				`added a/y: "Why"`,
				`added b: with the 2 codes below it`,
			},
		},
		{
			name: "fields",
			old:  "codes:\n  - name: a\n    label: Old\n    description: Before.\n    include: In\n    exclude: Out\n    examples: [one, two]\n    color: '#111111'\n    aliases: [x]\n    patterns: [p]\n    memo: m\n",
			new:  "codes:\n  - name: a\n    label: New\n    description: After.\n    include: In too\n    exclude: Out too\n    examples: [two, one]\n    color: '#222222'\n    aliases: [y]\n    patterns: [p, q]\n",
			want: []string{
				`relabelled a: "Old" → "New"`,
				`description changed a: "Before." → "After."`,
				`include changed a: "In" → "In too"`,
				`exclude changed a: "Out" → "Out too"`,
				`examples changed a: reordered`,
				`color changed a: "#111111" → "#222222"`,
				`aliases changed a: added "y"; removed "x"`,
				`patterns changed a: added "q"`,
				`memo changed a: "m" → (none)`,
			},
		},
		{
			name: "a renamed code's fields are compared too",
			old:  "codes:\n  - name: a\n    label: A\n",
			new:  "codes:\n  - name: b\n    label: B\n    aliases: [a]\n",
			want: []string{"renamed b from a", `relabelled b: "A" → "B"`},
		},
		{
			name: "renamed back: the alias it lost is accounted for",
			old:  "codes:\n  - name: ending\n    aliases: [endings]\n",
			new:  "codes:\n  - name: endings\n    aliases: [ending]\n",
			want: []string{"renamed endings from ending"},
		},
		{
			name: "sorted by path",
			old:  "codes:\n  - name: z\n    label: Z\n  - name: m\n  - name: b\n",
			new:  "codes:\n  - name: a\n  - name: z\n    label: Zed\n  - name: n\n    aliases: [m]\n",
			want: []string{"added a", "removed b", "renamed n from m", `relabelled z: "Z" → "Zed"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, of := Parse("old.yaml", []byte(tc.old))
			new, nf := Parse("new.yaml", []byte(tc.new))
			if of.HasErrors() || nf.HasErrors() {
				t.Fatalf("fixtures: %v %v", of, nf)
			}
			var got []string
			for _, ch := range Diff(old, new) {
				got = append(got, ch.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Diff =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestDiffIsDeterministic(t *testing.T) {
	old, _ := Parse("old.yaml", []byte("codes:\n  - name: a\n  - name: b\n  - name: c\n"))
	new, _ := Parse("new.yaml", []byte("codes:\n  - name: d\n    aliases: [a, b, c]\n  - name: e\n"))
	first := Diff(old, new)
	for range 20 {
		if got := Diff(old, new); !slices.Equal(got, first) {
			t.Fatalf("Diff changed between runs:\n%v\n%v", first, got)
		}
	}
}
