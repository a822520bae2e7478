package codebook

import (
	"errors"
	"strings"
	"testing"
)

// FuzzResolveArg checks that no reference a person types makes ResolveArg
// panic, and that what it says is consistent with the codebook: a code it
// returns is the codebook's own; an ambiguity names at least two codes,
// each a canonical path; a canonical path is always that code; and a
// reference Resolve takes means what Resolve says, so a shortcut never
// changes what a codings file's reference means.
func FuzzResolveArg(f *testing.F) {
	f.Add(shortcutsYAML, "fatigue")
	f.Add(shortcutsYAML, "Aches and pains")
	f.Add(shortcutsYAML, "sleep")
	f.Add(shortcutsYAML, "SEEING THE GP")
	f.Add(shortcutsYAML, "health/treatment/gp")
	f.Add(shortcutsYAML, "symptoms/")
	f.Add(ambiguousYAML, "help")
	f.Add("codes:\n  - name: a\n    label: A/B\n    children:\n      - name: b\n        label: a\n", "A/B")
	f.Fuzz(func(t *testing.T, yaml, ref string) {
		cb, _ := Parse("codebook.yaml", []byte(yaml))
		if cb == nil {
			return
		}
		got, via, err := cb.ResolveArg(ref)
		var re *ResolveError
		switch {
		case err == nil:
			if got == nil || cb.Lookup(got.Path) != got {
				t.Fatalf("ResolveArg(%q) = %v, not a code of the codebook", ref, got)
			}
		case !errors.As(err, &re):
			t.Fatalf("ResolveArg(%q): error %#v is not a *ResolveError", ref, err)
		case re.Kind == Ambiguous && len(re.Candidates) < 2:
			t.Fatalf("ResolveArg(%q): ambiguous between %q", ref, re.Candidates)
		case re.Kind == Unknown && re.Suggestion != "" && cb.Lookup(re.Suggestion) == nil:
			t.Fatalf("ResolveArg(%q): suggestion %q is no code", ref, re.Suggestion)
		}
		if c, v, rerr := cb.Resolve(ref); rerr == nil && (c != got || v != via) {
			t.Fatalf("Resolve(%q) = %v via %v, ResolveArg = %v via %v", ref, c, v, got, via)
		}
		if c := cb.Lookup(strings.TrimSpace(ref)); c != nil && got != c {
			t.Fatalf("ResolveArg(%q) = %v, want the code of that path", ref, got)
		}
	})
}
