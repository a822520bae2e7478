package codebook

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// update rewrites the golden files instead of comparing with them
// (QDA_UPDATE=1 go test ./codebook/), as the command scripts do.
var update = os.Getenv("QDA_UPDATE") != ""

func loadEdit(t *testing.T) (*Codebook, []byte) {
	t.Helper()
	src, err := os.ReadFile("testdata/edit/codebook.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cb, findings := Parse("codebook.yaml", src)
	if cb == nil || len(findings) > 0 {
		t.Fatalf("fixture: %v", findings)
	}
	return cb, src
}

func ptr[T any](v T) *T { return &v }

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "edit", name)
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with QDA_UPDATE=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff is a unified-style diff of two texts by lines: enough to
// review a rewrite, and for tests to assert exactly which lines changed.
func lineDiff(a, b string) string {
	x, y := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	// longest common subsequence, by dynamic programming: the texts are small
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			i, j = i+1, j+1
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			out.WriteString("-" + strings.TrimSuffix(x[i], "\n") + "\n")
			i++
		default:
			out.WriteString("+" + strings.TrimSuffix(y[j], "\n") + "\n")
			j++
		}
	}
	return out.String()
}

type editCase struct {
	name string
	op   func(cb *Codebook, src []byte) (*Rewrite, error)
	// moved are the entries of Map (all of them); summary the Summary.
	moved   map[string]string
	summary []string
	// refs are references, old ones mostly, and the code each must
	// resolve to in the new codebook.
	refs map[string]string
	// diff is what Diff says between the fixture and the result.
	diff       []string
	unresolved []string
}

var editCases = []editCase{
	{
		name: "rename-travel",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Rename(cb, src, "confidence/travel", "journeys")
		},
		moved: map[string]string{
			"confidence/travel":       "confidence/journeys",
			"confidence/travel/buses": "confidence/journeys/buses",
			"confidence/travel/taxis": "confidence/journeys/taxis",
		},
		summary: []string{`renamed confidence/travel to confidence/journeys (alias "travel" kept)`},
		refs:    map[string]string{"confidence/travel/taxis": "confidence/journeys/taxis", "self-esteem/travel": "confidence/journeys"},
		diff:    []string{"renamed confidence/journeys from confidence/travel"},
	},
	{
		name: "rename-block-aliases",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Rename(cb, src, "confidence/daily-tasks", "tasks")
		},
		moved:   map[string]string{"confidence/daily-tasks": "confidence/tasks"},
		summary: []string{`renamed confidence/daily-tasks to confidence/tasks (alias "daily-tasks" kept)`},
		refs:    map[string]string{"confidence/daily-tasks": "confidence/tasks", "confidence/chores": "confidence/tasks"},
		diff:    []string{"renamed confidence/tasks from confidence/daily-tasks"},
	},
	{
		name: "rename-flow-aliases",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Rename(cb, src, "self-esteem", "self-confidence")
		},
		moved: map[string]string{
			"confidence":                      "self-confidence",
			"confidence/daily-tasks":          "self-confidence/daily-tasks",
			"confidence/travel":               "self-confidence/travel",
			"confidence/travel/buses":         "self-confidence/travel/buses",
			"confidence/travel/taxis":         "self-confidence/travel/taxis",
			"confidence/going-out":            "self-confidence/going-out",
			"confidence/going-out/first-trip": "self-confidence/going-out/first-trip",
		},
		summary: []string{`renamed confidence to self-confidence (alias "confidence" kept)`},
		refs:    map[string]string{"confidence/going-out/first-trip": "self-confidence/going-out/first-trip", "self-esteem": "self-confidence"},
		diff:    []string{"renamed self-confidence from confidence"},
	},
	{
		name: "rename-flow-code",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Rename(cb, src, "confidence/travel/taxis", "cabs")
		},
		moved:   map[string]string{"confidence/travel/taxis": "confidence/travel/cabs"},
		summary: []string{`renamed confidence/travel/taxis to confidence/travel/cabs (alias "taxis" kept)`},
		refs:    map[string]string{"confidence/travel/taxis": "confidence/travel/cabs"},
		diff:    []string{"renamed confidence/travel/cabs from confidence/travel/taxis"},
	},
	{
		name: "rename-quoted",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Rename(cb, src, "activities/volunteering", "giving-time")
		},
		moved: map[string]string{
			"activities/volunteering":              "activities/giving-time",
			"activities/volunteering/charity-shop": "activities/giving-time/charity-shop",
		},
		summary: []string{`renamed activities/volunteering to activities/giving-time (alias "volunteering" kept)`},
		refs:    map[string]string{"activities/volunteering/charity-shop": "activities/giving-time/charity-shop"},
		diff:    []string{"renamed activities/giving-time from activities/volunteering"},
	},
	{
		// DESIGN.md's example: with "ending" aliased "endings", endings/loss
		// resolves to ending/loss.
		name: "rename-theme",
		op:   func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "endings", "ending") },
		moved: map[string]string{
			"endings":                    "ending",
			"endings/loss":               "ending/loss",
			"endings/next-steps":         "ending/next-steps",
			"endings/next-steps/walking": "ending/next-steps/walking",
		},
		summary: []string{`renamed endings to ending (alias "endings" kept)`},
		refs:    map[string]string{"endings/loss": "ending/loss", "endings": "ending"},
		diff:    []string{"renamed ending from endings"},
	},
	{
		name: "move-to-top",
		op:   func(cb *Codebook, src []byte) (*Rewrite, error) { return Move(cb, src, "confidence/travel", "/") },
		moved: map[string]string{
			"confidence/travel":       "travel",
			"confidence/travel/buses": "travel/buses",
			"confidence/travel/taxis": "travel/taxis",
		},
		summary: []string{`moved confidence/travel to travel (alias "confidence/travel" kept)`},
		refs:    map[string]string{"confidence/travel/buses": "travel/buses", "confidence/travel/taxis": "travel/taxis"},
		diff:    []string{"moved travel from confidence/travel"},
	},
	{
		name: "move-across",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Move(cb, src, "confidence/travel", "activities")
		},
		moved: map[string]string{
			"confidence/travel":       "activities/travel",
			"confidence/travel/buses": "activities/travel/buses",
			"confidence/travel/taxis": "activities/travel/taxis",
		},
		summary: []string{`moved confidence/travel to activities/travel (alias "confidence/travel" kept)`},
		refs:    map[string]string{"confidence/travel/buses": "activities/travel/buses"},
		diff:    []string{"moved activities/travel from confidence/travel"},
	},
	{
		name: "move-new-children",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Move(cb, src, "activities/groups", "endings/loss")
		},
		moved: map[string]string{
			"activities/groups":         "endings/loss/groups",
			"activities/groups/walking": "endings/loss/groups/walking",
		},
		summary: []string{`moved activities/groups to endings/loss/groups (alias "activities/groups" kept)`},
		refs:    map[string]string{"activities/groups/walking": "endings/loss/groups/walking"},
		diff:    []string{"moved endings/loss/groups from activities/groups"},
	},
	{
		name: "move-aliases",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Move(cb, src, "confidence/daily-tasks", "activities")
		},
		moved:   map[string]string{"confidence/daily-tasks": "activities/daily-tasks"},
		summary: []string{`moved confidence/daily-tasks to activities/daily-tasks (aliases "confidence/daily-tasks", "confidence/everyday", "confidence/chores" kept)`},
		refs:    map[string]string{"confidence/everyday": "activities/daily-tasks", "confidence/chores": "activities/daily-tasks"},
		diff:    []string{"moved activities/daily-tasks from confidence/daily-tasks"},
	},
	{
		name: "move-theme",
		op:   func(cb *Codebook, src []byte) (*Rewrite, error) { return Move(cb, src, "endings", "confidence") },
		moved: map[string]string{
			"endings":                    "confidence/endings",
			"endings/loss":               "confidence/endings/loss",
			"endings/next-steps":         "confidence/endings/next-steps",
			"endings/next-steps/walking": "confidence/endings/next-steps/walking",
		},
		summary: []string{
			`moved endings to confidence/endings`,
			`a former top-level path cannot be kept as an alias: references to endings (and below it) no longer resolve`,
		},
		unresolved: []string{"endings", "endings/loss", "endings/next-steps", "endings/next-steps/walking"},
		diff: []string{
			`added confidence/endings: "Ending of support" with the 3 codes below it`,
			`removed endings: "Ending of support" with the 3 codes below it`,
		},
	},
	{
		name: "move-into-flow-code",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Move(cb, src, "confidence/travel/buses", "confidence/travel/taxis")
		},
		moved: map[string]string{"confidence/travel/buses": "confidence/travel/taxis/buses"},
		summary: []string{
			`rewrote confidence/travel/taxis in block style, to change its children`,
			`moved confidence/travel/buses to confidence/travel/taxis/buses (alias "confidence/travel/buses" kept)`,
		},
		refs: map[string]string{"confidence/travel/buses": "confidence/travel/taxis/buses"},
		diff: []string{"moved confidence/travel/taxis/buses from confidence/travel/buses"},
	},
	{
		name: "merge-siblings",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Merge(cb, src, []string{"activities/volunteering"}, "activities/groups")
		},
		moved: map[string]string{
			"activities/volunteering":              "activities/groups",
			"activities/volunteering/charity-shop": "activities/groups/charity-shop",
		},
		summary: []string{
			`merged activities/volunteering into activities/groups (alias "volunteering" kept)`,
			`moved activities/volunteering/charity-shop to activities/groups/charity-shop`,
			`dropped the label and description of activities/volunteering: activities/groups keeps its own`,
		},
		refs: map[string]string{"activities/volunteering/charity-shop": "activities/groups/charity-shop"},
		diff: []string{"merged activities/groups from activities/volunteering"},
	},
	{
		name: "merge-across",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Merge(cb, src, []string{"confidence/going-out"}, "activities")
		},
		moved: map[string]string{
			"confidence/going-out":            "activities",
			"confidence/going-out/first-trip": "activities/first-trip",
		},
		summary: []string{
			`merged confidence/going-out into activities (alias "confidence/going-out" kept)`,
			`moved confidence/going-out/first-trip to activities/first-trip`,
			`dropped the label of confidence/going-out: activities keeps its own`,
		},
		refs: map[string]string{"confidence/going-out/first-trip": "activities/first-trip", "confidence/going-out": "activities"},
		diff: []string{"merged activities from confidence/going-out"},
	},
	{
		name: "merge-several",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Merge(cb, src, []string{"confidence/daily-tasks", "activities/volunteering"}, "confidence/going-out")
		},
		moved: map[string]string{
			"confidence/daily-tasks":               "confidence/going-out",
			"activities/volunteering":              "confidence/going-out",
			"activities/volunteering/charity-shop": "confidence/going-out/charity-shop",
		},
		summary: []string{
			`merged confidence/daily-tasks into confidence/going-out (aliases "daily-tasks", "everyday", "chores" kept)`,
			`dropped the label of confidence/daily-tasks: confidence/going-out keeps its own`,
			`merged activities/volunteering into confidence/going-out (alias "activities/volunteering" kept)`,
			`moved activities/volunteering/charity-shop to confidence/going-out/charity-shop`,
			`dropped the label and description of activities/volunteering: confidence/going-out keeps its own`,
		},
		refs: map[string]string{"confidence/everyday": "confidence/going-out", "activities/volunteering/charity-shop": "confidence/going-out/charity-shop"},
		diff: []string{
			"merged confidence/going-out from activities/volunteering",
			"merged confidence/going-out from confidence/daily-tasks",
		},
	},
	{
		name: "delete-theme",
		op:   func(cb *Codebook, src []byte) (*Rewrite, error) { return Delete(cb, src, "activities") },
		moved: map[string]string{
			"activities": "", "activities/groups": "", "activities/groups/walking": "",
			"activities/volunteering": "", "activities/volunteering/charity-shop": "",
		},
		summary: []string{"deleted activities and the 4 codes below it"},
		diff:    []string{`removed activities: "Community activities" with the 4 codes below it`},
	},
	{
		name:    "delete-commented",
		op:      func(cb *Codebook, src []byte) (*Rewrite, error) { return Delete(cb, src, "confidence/travel") },
		moved:   map[string]string{"confidence/travel": "", "confidence/travel/buses": "", "confidence/travel/taxis": ""},
		summary: []string{"deleted confidence/travel and the 2 codes below it"},
		diff:    []string{`removed confidence/travel: "Travelling with support" with the 2 codes below it`},
	},
	{
		name: "delete-only-child",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Delete(cb, src, "confidence/going-out/first-trip")
		},
		moved:   map[string]string{"confidence/going-out/first-trip": ""},
		summary: []string{"deleted confidence/going-out/first-trip"},
		diff:    []string{"removed confidence/going-out/first-trip"},
	},
	{
		name: "edit",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Edit(cb, src, "confidence", Fields{
				Label:       ptr("Self-confidence"),
				Description: ptr(""),
				Examples:    ptr([]string{"I can do my own shopping now", "he came with me: the first time"}),
				Memo:        ptr("Split from wellbeing after wave 2."),
				Color:       ptr("#4e79a7"),
			})
		},
		summary: []string{
			"changed the label of confidence",
			"removed the description of confidence",
			"changed the examples of confidence",
			"added the memo of confidence",
		},
		diff: []string{
			`relabelled confidence: "Developing confidence and self-esteem" → "Self-confidence"`,
			`description changed confidence: "Support that rebuilt confidence before any onward referral." → (none)`,
			`examples changed confidence: added "I can do my own shopping now", "he came with me: the first time"; removed "the main thing was that he was there to support me"`,
			`memo changed confidence: (none) → "Split from wellbeing after wave 2."`,
		},
	},
	{
		name: "edit-multiline",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Edit(cb, src, "activities", Fields{Description: ptr("Groups and classes.\nWhat kept them going."), Include: ptr("Any group")})
		},
		summary: []string{"changed the description of activities", "added the include of activities"},
		diff: []string{
			`description changed activities: "Groups and classes the person was referred to, and what k..." → "Groups and classes.\nWhat kept them going."`,
			`include changed activities: (none) → "Any group"`,
		},
	},
	{
		name: "edit-flow-code",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Edit(cb, src, "confidence/travel/taxis", Fields{Label: ptr(""), Color: ptr("#f28e2b")})
		},
		summary: []string{"removed the label of confidence/travel/taxis", "added the color of confidence/travel/taxis"},
		diff: []string{
			`relabelled confidence/travel/taxis: "Taxis & cabs" → (none)`,
			`color changed confidence/travel/taxis: (none) → "#f28e2b"`,
		},
	},
	{
		name: "add",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Add(cb, src, "endings/support-after", Fields{Label: ptr("Support after the scheme"), Examples: ptr([]string{"I still ring her"})})
		},
		summary: []string{"added endings/support-after"},
		diff:    []string{`added endings/support-after: "Support after the scheme"`},
	},
	{
		name:    "add-under-leaf",
		op:      func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "endings/loss/grief", Fields{}) },
		summary: []string{"added endings/loss/grief"},
		diff:    []string{"added endings/loss/grief"},
	},
	{
		name: "add-theme",
		op: func(cb *Codebook, src []byte) (*Rewrite, error) {
			return Add(cb, src, "wellbeing", Fields{Label: ptr("Wellbeing: overall"), Color: ptr("#59a14f")})
		},
		summary: []string{"added wellbeing"},
		diff:    []string{`added wellbeing: "Wellbeing: overall"`},
	},
}

func TestEdit(t *testing.T) {
	for _, tc := range editCases {
		t.Run(tc.name, func(t *testing.T) {
			cb, src := loadEdit(t)
			rw, err := tc.op(cb, src)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			golden(t, tc.name+".yaml", rw.Data)
			moved := tc.moved
			if moved == nil {
				moved = map[string]string{}
			}
			if !maps.Equal(rw.Map, moved) {
				t.Errorf("Map = %v\nwant %v", rw.Map, moved)
			}
			if !slices.Equal(rw.Summary, tc.summary) {
				t.Errorf("Summary = %q\nwant %q", rw.Summary, tc.summary)
			}
			if !slices.Equal(rw.Unresolved, tc.unresolved) {
				t.Errorf("Unresolved = %q, want %q", rw.Unresolved, tc.unresolved)
			}
			nb, findings := Parse("codebook.yaml", rw.Data)
			if nb == nil || len(findings) > 0 {
				t.Fatalf("result has findings: %v", findings)
			}
			for ref, want := range tc.refs {
				got, _, err := nb.Resolve(ref)
				if err != nil || got.Path != want {
					t.Errorf("Resolve(%q) = %v, %v; want %q", ref, got, err, want)
				}
			}
			for old, want := range rw.Map {
				if want == "" || slices.Contains(rw.Unresolved, old) {
					continue
				}
				if got, _, err := nb.Resolve(old); err != nil || got.Path != want {
					t.Errorf("old path %q resolves to %v, %v; want %q", old, got, err, want)
				}
			}
			var diff []string
			for _, ch := range Diff(cb, nb) {
				diff = append(diff, ch.String())
			}
			if !slices.Equal(diff, tc.diff) {
				t.Errorf("Diff =\n%s\nwant\n%s", strings.Join(diff, "\n"), strings.Join(tc.diff, "\n"))
			}
		})
	}
}

// TestRenameDiffIsMinimal pins down what "a rename is a small diff" means:
// the name line changes and one alias line is added, or, where the code
// already has a [...] list of aliases, that line changes.
func TestRenameDiffIsMinimal(t *testing.T) {
	tests := []struct {
		path, name string
		want       string
	}{
		{"confidence/travel", "journeys", "-      - name: travel\n+      - name: journeys\n+        aliases: [travel]\n"},
		{"confidence", "self-confidence", "-  - name: confidence\n+  - name: self-confidence\n-    aliases: [self-esteem]          # former name\n+    aliases: [self-esteem, confidence]          # former name\n"},
		{"confidence/daily-tasks", "tasks", "-      - name: daily-tasks\n+      - name: tasks\n+          - daily-tasks\n"},
		{"confidence/travel/taxis", "cabs", "-          - {name: taxis, label: \"Taxis & cabs\"}\n+          - {name: cabs, aliases: [taxis], label: \"Taxis & cabs\"}\n"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			cb, src := loadEdit(t)
			rw, err := Rename(cb, src, tc.path, tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if got := lineDiff(string(src), string(rw.Data)); got != tc.want {
				t.Errorf("diff:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestEditErrors(t *testing.T) {
	tests := []struct {
		name string
		op   func(cb *Codebook, src []byte) (*Rewrite, error)
		want string
		// resolve marks the errors that are a *ResolveError
		resolve bool
	}{
		{"rename to a sibling's name",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Rename(cb, src, "confidence/travel", "going-out")
			},
			`codebook.yaml:28: code "confidence" already has a child named "going-out" (choose another name, or merge the two with 'qda codebook merge')`, false},
		{"rename to a theme's name",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "endings", "activities") },
			`codebook.yaml:34: there is already a top-level code named "activities" (choose another name, or merge the two with 'qda codebook merge')`, false},
		{"rename to a sibling's alias",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Rename(cb, src, "confidence/travel", "everyday")
			},
			`codebook.yaml:17: "everyday" is a former name of "confidence/daily-tasks": references to it would become ambiguous (choose another name, or first remove the alias "everyday" from "confidence/daily-tasks")`, false},
		{"rename to an invalid name",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Rename(cb, src, "confidence/travel", "Travel Support")
			},
			`invalid code name "Travel Support" (use lowercase letters, digits and single hyphens, e.g. "travel-support")`, false},
		{"rename to its own name",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Rename(cb, src, "confidence/travel", "travel")
			},
			`codebook.yaml:23: code "confidence/travel" is already named "travel"`, false},
		{"rename an unknown code",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "confidence/trave", "trips") },
			`unknown code "confidence/trave" (did you mean "confidence/travel"?)`, true},
		{"move under itself",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Move(cb, src, "confidence/travel", "confidence/travel")
			},
			`codebook.yaml:23: cannot move "confidence/travel" under itself`, false},
		{"move under its descendant",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Move(cb, src, "confidence", "confidence/travel/buses")
			},
			`codebook.yaml:26: cannot move "confidence" under its own descendant "confidence/travel/buses"`, false},
		{"move where it is",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Move(cb, src, "confidence/travel", "self-esteem")
			},
			`codebook.yaml:23: "confidence/travel" is already under "confidence"`, false},
		{"move a theme to the top",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Move(cb, src, "endings", "/") },
			`codebook.yaml:51: "endings" is already a top-level code`, false},
		{"move onto a name taken",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Move(cb, src, "endings/next-steps/walking", "activities/groups")
			},
			`codebook.yaml:43: code "activities/groups" already has a child named "walking" (choose another name, or merge the two with 'qda codebook merge')`, false},
		{"move under an unknown parent",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Move(cb, src, "confidence/travel", "activites")
			},
			`unknown code "activites" (did you mean "activities"?)`, true},
		{"merge into itself",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Merge(cb, src, []string{"activities/groups"}, "activities/groups")
			},
			`codebook.yaml:40: cannot merge "activities/groups" into itself`, false},
		{"merge into its descendant",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Merge(cb, src, []string{"activities"}, "activities/groups")
			},
			`codebook.yaml:40: cannot merge "activities" into "activities/groups", which is inside it`, false},
		{"merge with a child clash",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Merge(cb, src, []string{"activities/groups"}, "endings/next-steps")
			},
			`codebook.yaml:43: cannot merge "activities/groups" into "endings/next-steps": both have a child named "walking" ("endings/next-steps/walking" at line 59) (rename or merge one of the two children first)`, false},
		{"merge the same code twice",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Merge(cb, src, []string{"confidence/travel", "self-esteem/travel"}, "activities")
			},
			`"confidence/travel" is given twice`, false},
		{"merge nothing",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Merge(cb, src, nil, "activities") },
			`nothing to merge into "activities" (name the codes to merge, then the code they merge into)`, false},
		{"delete an unknown code",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Delete(cb, src, "activites") },
			`unknown code "activites" (did you mean "activities"?)`, true},
		{"add under an unknown parent",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "wellbeing/sleep", Fields{}) },
			`unknown code "wellbeing"`, true},
		{"add a name taken",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "endings/loss", Fields{}) },
			`codebook.yaml:54: code "endings" already has a child named "loss" (choose another name, or merge the two with 'qda codebook merge')`, false},
		{"add an invalid name",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Add(cb, src, "endings/Support After", Fields{})
			},
			`invalid code name "Support After" (use lowercase letters, digits and single hyphens, e.g. "support-after")`, false},
		{"edit an invalid color",
			func(cb *Codebook, src []byte) (*Rewrite, error) {
				return Edit(cb, src, "endings", Fields{Color: ptr("blue")})
			},
			`invalid color "blue" (write it as "#rgb" or "#rrggbb", e.g. "#4e79a7")`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cb, src := loadEdit(t)
			rw, err := tc.op(cb, src)
			if err == nil {
				t.Fatalf("no error; summary %q", rw.Summary)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tc.want)
			}
			var re *ResolveError
			if errors.As(err, &re) != tc.resolve {
				t.Errorf("error is a *ResolveError: %v, want %v", !tc.resolve, tc.resolve)
			}
		})
	}
}

// TestFinishRefusesWhatDoesNotCheckOut exercises the safety net under every
// refactoring: a result that does not resolve as Map says is not returned.
func TestFinishRefusesWhatDoesNotCheckOut(t *testing.T) {
	cb, src := loadEdit(t)
	tests := []struct {
		name string
		edit func(r *rewriter)
		want string
	}{
		{"a path that does not resolve to where Map says", func(r *rewriter) {
			r.rw.Map = map[string]string{"endings/loss": "endings/grief"}
		}, `cannot test: the rewritten codebook did not check out: "endings/loss" would resolve to "endings/loss", not "endings/grief"`},
		{"a code lost", func(r *rewriter) {
			r.commit([]edit{{53, 55, nil}})
		}, `cannot test: the rewritten codebook did not check out: code "endings/loss" would be lost`},
		{"a new error", func(r *rewriter) {
			r.commit([]edit{{7, 8, []string{"    label: a", "    label: b"}}})
		}, `cannot test: the rewritten codebook did not check out: codebook.yaml:9: field "label" given twice in code "confidence" (first at line 8) (remove one of them)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := newRewriter(cb, src, "test")
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(r)
			_, err = r.finish(nil)
			var ce *CheckError
			if !errors.As(err, &ce) || err.Error() != tc.want {
				t.Errorf("error = %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	_, bf := Parse("codebook.yaml", []byte("codes:\n  - name: a\n  - name: a\n  - name: B\n"))
	// the same problems about other codes on other lines are not new
	_, af := Parse("codebook.yaml", []byte("codes:\n  - name: x\n  - name: C\n  - name: x\n"))
	if got := newErrors(bf, af); len(got) != 0 {
		t.Errorf("newErrors = %v, want none", got)
	}
	_, af = Parse("codebook.yaml", []byte("codes:\n  - name: a\n  - name: a\n  - name: B\n  - name: C\n"))
	if got := newErrors(bf, af); len(got) != 1 || got[0].Line != 5 {
		t.Errorf("newErrors = %v, want the one about C", got)
	}
}

func TestEditRefusals(t *testing.T) {
	tests := []struct {
		name, src string
		op        func(cb *Codebook, src []byte) (*Rewrite, error)
		want      string
	}{
		{"merge into a parent where a child takes the merged path",
			"codes:\n  - name: a\n    children:\n      - name: s\n        children:\n          - name: s\n",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Merge(cb, src, []string{"a/s"}, "a") },
			`codebook.yaml:4: cannot merge "a/s" into "a": "a/s/s" would take the path "a/s", which is to mean "a" (rename "a/s/s" first)`},
		{"a code defined twice",
			"codes:\n  - name: a\n  - name: a\n",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "a", "b") },
			`codebook.yaml:3: code "a" is defined twice (first at line 2) (rename or remove the second one first)`},
		{"a field given twice",
			"codes:\n  - name: a\n    label: A\n    label: B\n",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Edit(cb, src, "a", Fields{Label: ptr("")}) },
			`codebook.yaml:4: field "label" given twice in code "a" (first at line 3) (remove one of them first)`},
		{"a new path that is another code's former path",
			"codes:\n  - name: a\n  - name: b\n    aliases: [a/x]\n",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "a/x", Fields{}) },
			`codebook.yaml:3: "a/x" is a former path of "b": references to it would change meaning (remove the alias "a/x" from "b" first, if those references should mean the new code)`},
		{"an old name a sibling has as an alias",
			"codes:\n  - name: a\n  - name: b\n    aliases: [a]\n",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "a", "c") },
			`codebook.yaml:3: cannot keep "a" as a former name of "a": "b" has that alias already (remove the alias "a" from "b" first)`},
		{"a merge child answering to a name taken",
			"codes:\n  - name: d\n    children:\n      - name: x\n  - name: s\n    children:\n      - name: y\n        aliases: [x]\n",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Merge(cb, src, []string{"s"}, "d") },
			`codebook.yaml:7: cannot merge "s" into "d": its child "s/y" and "d/x" both answer to "x" (line 4) (rename one of the two children, or remove the alias "x", first)`},
		{"a file ending in block text",
			"codes:\n  - name: a\n    description: |\n      text",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "b", Fields{}) },
			`codebook.yaml:3: the file ends inside a block of text ("|" or ">") with no line end after it (add a line end at the end of the file, then try again)`},
		{"a codebook written in flow style",
			"{codes: [{name: a}]}\n",
			func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "b", Fields{}) },
			`codebook.yaml: cannot add "b" in place: the codes are not written as a list of "- name: ..." entries (write "codes:" as a block list, one "- name: ..." entry per code)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cb, _ := Parse("codebook.yaml", []byte(tc.src))
			if cb == nil {
				t.Fatal("fixture does not parse")
			}
			rw, err := tc.op(cb, []byte(tc.src))
			if err == nil {
				t.Fatalf("no error; result:\n%s", rw.Data)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tc.want)
			}
		})
	}
}
