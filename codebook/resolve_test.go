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

const shortcutsYAML = `codes:
  - name: health
    label: Health
    children:
      - name: symptoms
        children:
          - name: fatigue
            label: Tiredness
          - name: pain
            label: Aches and pains
          - name: sleep
      - name: care
        aliases: [treatment]
        children:
          - name: sleep
          - name: gp
            label: Seeing the GP
  - name: work
    children:
      - name: pain
        label: Back pain at work
      - name: hours
        label: Tiredness
      - name: rest
        label: Seeing the GP
      - name: mood
  - name: mood
    label: Pain
`

func TestResolveArg(t *testing.T) {
	cb := parseClean(t, []byte(shortcutsYAML))
	tests := []struct {
		name, ref string
		want      string
		via       Via
		// wantErr is the error, and candidates those of an ambiguous one.
		wantErr    string
		candidates []string
	}{
		{name: "canonical", ref: "health/symptoms/fatigue", want: "health/symptoms/fatigue", via: Canonical},
		{name: "alias as Resolve has it", ref: "health/treatment/gp", want: "health/care/gp", via: SimpleAlias},
		{name: "unique leaf", ref: "fatigue", want: "health/symptoms/fatigue", via: ByName},
		{name: "unique name of a parent", ref: "symptoms", want: "health/symptoms", via: ByName},
		{name: "unique last segments", ref: "symptoms/sleep", want: "health/symptoms/sleep", via: ByName},
		{name: "leaf in capitals", ref: "Fatigue", want: "health/symptoms/fatigue", via: ByName},
		{name: "path in capitals", ref: "Health/Care", want: "health/care", via: Canonical},
		{name: "spaces trimmed", ref: "  gp ", want: "health/care/gp", via: ByName},
		{name: "unique label", ref: "Aches and pains", want: "health/symptoms/pain", via: ByLabel},
		{name: "label in other case and spacing", ref: "aches  AND pains", want: "health/symptoms/pain", via: ByLabel},
		{name: "label of a top-level code", ref: "Back pain at work", want: "work/pain", via: ByLabel},
		{name: "a top-level path beats a leaf", ref: "mood", want: "mood", via: Canonical},
		{
			name: "ambiguous leaf", ref: "sleep",
			wantErr:    `ambiguous code "sleep": it resolves to both "health/symptoms/sleep" and "health/care/sleep"`,
			candidates: []string{"health/symptoms/sleep", "health/care/sleep"},
		},
		{
			// A name is never passed over for a label: "pain" is two
			// names and the label of a third code.
			name: "ambiguous leaf that is also a label", ref: "pain",
			wantErr:    `ambiguous code "pain": it resolves to both "health/symptoms/pain" and "work/pain"`,
			candidates: []string{"health/symptoms/pain", "work/pain"},
		},
		{
			name: "ambiguous label", ref: "tiredness",
			wantErr:    `ambiguous code "tiredness": it resolves to both "health/symptoms/fatigue" and "work/hours"`,
			candidates: []string{"health/symptoms/fatigue", "work/hours"},
		},
		{
			name: "ambiguous label in capitals", ref: "SEEING THE GP",
			wantErr:    `ambiguous code "SEEING THE GP": it resolves to both "health/care/gp" and "work/rest"`,
			candidates: []string{"health/care/gp", "work/rest"},
		},
		{name: "part of a name is no name", ref: "tigue", wantErr: `unknown code "tigue"`},
		{name: "part of a label is no label", ref: "Aches", wantErr: `unknown code "Aches"`},
		{name: "typo of a name", ref: "fatigeu", wantErr: `unknown code "fatigeu" (did you mean "health/symptoms/fatigue"?)`},
		{name: "typo of a name two codes have", ref: "slep", wantErr: `unknown code "slep"`},
		{name: "typo near a path", ref: "helth", wantErr: `unknown code "helth" (did you mean "health"?)`},
		{name: "empty", ref: " ", wantErr: `unknown code ""`},
		{name: "a slash alone", ref: "/", wantErr: `unknown code "/"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, via, err := cb.ResolveArg(tc.ref)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("ResolveArg(%q) = %q, want error %q", tc.ref, got.Path, tc.wantErr)
				}
				if err.Error() != tc.wantErr {
					t.Errorf("error:\n got %s\nwant %s", err, tc.wantErr)
				}
				var re *ResolveError
				if !errors.As(err, &re) {
					t.Fatalf("error %#v is not a *ResolveError", err)
				}
				if want := Unknown; tc.candidates != nil {
					want = Ambiguous
					if re.Kind != want || !slices.Equal(re.Candidates, tc.candidates) {
						t.Errorf("kind %v, candidates %q; want ambiguous between %q", re.Kind, re.Candidates, tc.candidates)
					}
				} else if re.Kind != want {
					t.Errorf("kind %v, want unknown", re.Kind)
				}
				return
			}
			if err != nil {
				t.Fatalf("ResolveArg(%q): %v", tc.ref, err)
			}
			if got.Path != tc.want || via != tc.via {
				t.Errorf("ResolveArg(%q) = %q via %v, want %q via %v", tc.ref, got.Path, via, tc.want, tc.via)
			}
		})
	}
}

// A codings file keeps meaning what it meant: Resolve, which reads them,
// takes no shortcut.
func TestResolveTakesNoShortcut(t *testing.T) {
	cb := parseClean(t, []byte(shortcutsYAML))
	for _, ref := range []string{"fatigue", "Fatigue", "Aches and pains", "symptoms/sleep", "Health/Care"} {
		if c, _, err := cb.Resolve(ref); err == nil {
			t.Errorf("Resolve(%q) = %q, want an error", ref, c.Path)
		}
	}
}
