package codebook

import (
	"errors"
	"slices"
	"testing"
)

func loadStudy(t *testing.T) *Codebook {
	t.Helper()
	cb, err := Load("testdata/study.yaml", "codebook.yaml")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(cb.Warnings) > 0 {
		t.Fatalf("unexpected warnings: %v", cb.Warnings)
	}
	return cb
}

func TestResolve(t *testing.T) {
	cb := loadStudy(t)
	tests := []struct {
		name, ref string
		want      string
		via       Via
		wantErr   string
	}{
		{name: "canonical top", ref: "confidence", want: "confidence", via: Canonical},
		{name: "canonical deep", ref: "confidence/going-out/alone", want: "confidence/going-out/alone", via: Canonical},
		{name: "spaces trimmed", ref: "  confidence/daily-tasks\t", want: "confidence/daily-tasks", via: Canonical},
		{name: "simple alias top", ref: "self-esteem", want: "confidence", via: SimpleAlias},
		{name: "simple alias top with child", ref: "endings/loss", want: "ending/loss", via: SimpleAlias},
		{name: "simple alias mid", ref: "confidence/everyday", want: "confidence/daily-tasks", via: SimpleAlias},
		{name: "simple aliases at two levels", ref: "self-esteem/going-out/unaccompanied", want: "confidence/going-out/alone", via: SimpleAlias},
		{name: "full-path alias", ref: "confidence/travel", want: "mobility/travel", via: FullPathAlias},
		{name: "full-path alias with child", ref: "confidence/travel/buses", want: "mobility/travel/buses", via: FullPathAlias},
		{name: "full-path alias then simple alias", ref: "confidence/travel/cabs", want: "mobility/travel/taxis", via: FullPathAlias},
		{name: "longest full-path alias wins", ref: "confidence/travel/trains", want: "mobility/public-transport", via: FullPathAlias},
		{name: "full-path alias under simple alias name", ref: "volunteer/fit", want: "connector/matching", via: FullPathAlias},
		{name: "simple alias beside full-path alias", ref: "volunteer/trust", want: "connector/trust", via: SimpleAlias},
		{name: "full-path alias across themes", ref: "sustainability/ending-support", want: "ending/ending-support", via: FullPathAlias},
		{name: "typo", ref: "confidance", wantErr: `unknown code "confidance" (did you mean "confidence"?)`},
		{name: "typo in child", ref: "confidence/daily-task", wantErr: `unknown code "confidence/daily-task" (did you mean "confidence/daily-tasks"?)`},
		{name: "parent left out", ref: "daily-tasks", wantErr: `unknown code "daily-tasks" (did you mean "confidence/daily-tasks"?)`},
		{name: "nothing close", ref: "weather", wantErr: `unknown code "weather"`},
		{name: "unknown below full-path alias", ref: "confidence/travel/walking", wantErr: `unknown code "confidence/travel/walking"`},
		{name: "alias not a name of a child", ref: "mobility/cabs", wantErr: `unknown code "mobility/cabs"`},
		{name: "empty", ref: "", wantErr: `unknown code ""`},
		{name: "blank", ref: "   ", wantErr: `unknown code ""`},
		{name: "trailing slash", ref: "confidence/", wantErr: `unknown code "confidence/" (did you mean "confidence"?)`},
		{name: "leading slash", ref: "/confidence", wantErr: `unknown code "/confidence" (did you mean "confidence"?)`},
		{name: "empty segment", ref: "confidence//daily-tasks", wantErr: `unknown code "confidence//daily-tasks" (did you mean "confidence/daily-tasks"?)`},
		{name: "lone slash", ref: "/", wantErr: `unknown code "/"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, via, err := cb.Resolve(tc.ref)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("Resolve(%q) = %q, want error %q", tc.ref, got.Path, tc.wantErr)
				}
				if err.Error() != tc.wantErr {
					t.Errorf("error:\n got %s\nwant %s", err, tc.wantErr)
				}
				var re *ResolveError
				if !errors.As(err, &re) || re.Kind != Unknown {
					t.Errorf("error %#v is not an Unknown *ResolveError", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Resolve(%q): %v", tc.ref, err)
			}
			if got.Path != tc.want || via != tc.via {
				t.Errorf("Resolve(%q) = %q via %v, want %q via %v", tc.ref, got.Path, via, tc.want, tc.via)
			}
		})
	}
}

// The codebook below has errors, but Parse still returns it, and Resolve
// must refuse to guess between the codes that share an alias.
const ambiguousYAML = `codes:
  - name: support
    children:
      - name: practical
        aliases: [help]
        children:
          - name: forms
      - name: emotional
        aliases: [help]
  - name: family
    aliases: [kin]
  - name: friends
    aliases: [kin]
`

func TestResolveAmbiguous(t *testing.T) {
	cb, findings := Parse("codebook.yaml", []byte(ambiguousYAML))
	if cb == nil || !findings.HasErrors() {
		t.Fatalf("Parse: got codebook %v and findings %v, want both", cb, findings)
	}
	tests := []struct {
		name, ref  string
		wantErr    string
		candidates []string
	}{
		{
			name:       "top level",
			ref:        "kin",
			wantErr:    `ambiguous code "kin": it resolves to both "family" and "friends"`,
			candidates: []string{"family", "friends"},
		},
		{
			name:       "mid level",
			ref:        "support/help",
			wantErr:    `ambiguous code "support/help": it resolves to both "support/practical" and "support/emotional"`,
			candidates: []string{"support/practical", "support/emotional"},
		},
		{
			name:       "with a remainder",
			ref:        "support/help/forms",
			wantErr:    `ambiguous code "support/help/forms": it resolves to both "support/practical/forms" and "support/emotional/forms"`,
			candidates: []string{"support/practical/forms", "support/emotional/forms"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := cb.Resolve(tc.ref)
			if err == nil {
				t.Fatalf("Resolve(%q) = %q, want an error", tc.ref, got.Path)
			}
			if err.Error() != tc.wantErr {
				t.Errorf("error:\n got %s\nwant %s", err, tc.wantErr)
			}
			var re *ResolveError
			if !errors.As(err, &re) || re.Kind != Ambiguous {
				t.Fatalf("error %#v is not an Ambiguous *ResolveError", err)
			}
			if !slices.Equal(re.Candidates, tc.candidates) {
				t.Errorf("candidates = %q, want %q", re.Candidates, tc.candidates)
			}
		})
	}
}

func TestResolveErrorFinding(t *testing.T) {
	cb := loadStudy(t)
	tests := []struct {
		name, ref, want string
	}{
		{"suggestion as hint", "confidance", `codings/jt/may-2.yaml:3: unknown code "confidance" (did you mean "confidence"?)`},
		{"no suggestion", "weather", `codings/jt/may-2.yaml:3: unknown code "weather" (run 'qda codebook tree' to see the codes)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := cb.Resolve(tc.ref)
			var re *ResolveError
			if !errors.As(err, &re) {
				t.Fatalf("Resolve(%q) error = %v, want a *ResolveError", tc.ref, err)
			}
			if got := re.Finding("codings/jt/may-2.yaml", 3).Error(); got != tc.want {
				t.Errorf("finding:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}
