package codebook

import (
	"reflect"
	"slices"
	"testing"
)

func paths(codes []*Code) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = c.Path
	}
	return out
}

func TestAtDepth(t *testing.T) {
	cb := loadStudy(t)
	depth2 := []string{
		"confidence/daily-tasks", "confidence/going-out",
		"mobility/travel", "mobility/public-transport",
		"ending/loss", "ending/ending-support",
		"connector/trust", "connector/matching",
	}
	leaves := []string{
		"confidence/daily-tasks", "confidence/going-out/first-trip", "confidence/going-out/alone",
		"mobility/travel/buses", "mobility/travel/trains", "mobility/travel/taxis", "mobility/public-transport",
		"ending/loss", "ending/ending-support",
		"connector/trust", "connector/matching",
	}
	tests := []struct {
		name string
		n    int
		want []string
	}{
		{"themes", 1, []string{"confidence", "mobility", "ending", "connector"}},
		{"depth 2", 2, depth2},
		{"depth 3 keeps shallower leaves", 3, leaves},
		{"below the deepest", 9, leaves},
		{"zero means all", 0, paths(cb.All())},
		{"negative means all", -1, paths(cb.All())},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := paths(cb.AtDepth(tc.n)); !slices.Equal(got, tc.want) {
				t.Errorf("AtDepth(%d) =\n %q\nwant\n %q", tc.n, got, tc.want)
			}
		})
	}
	if got := len(cb.All()); got != 17 {
		t.Errorf("len(All()) = %d, want 17", got)
	}
	if got := cb.MaxDepth(); got != 3 {
		t.Errorf("MaxDepth() = %d, want 3", got)
	}
}

// Rolling a leaf, or a code at least n deep, up to depth n must land on a
// column of AtDepth(n), or the matrix would lose its counts.
func TestAncestorLandsInAtDepth(t *testing.T) {
	cb := loadStudy(t)
	for n := 0; n <= cb.MaxDepth()+1; n++ {
		cols := cb.AtDepth(n)
		for _, c := range cb.All() {
			if c.Depth() < n && !c.IsLeaf() {
				continue
			}
			if a := c.Ancestor(n); !slices.Contains(cols, a) {
				t.Errorf("%s.Ancestor(%d) = %s, not in AtDepth(%d)", c.Path, n, a.Path, n)
			}
		}
	}
}

func TestTree(t *testing.T) {
	cb := loadStudy(t)
	alone := cb.Lookup("confidence/going-out/alone")
	goingOut := cb.Lookup("confidence/going-out")
	confidence := cb.Lookup("confidence")
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"depth of a theme", confidence.Depth(), 1},
		{"depth of a leaf", alone.Depth(), 3},
		{"ancestor at 1", alone.Ancestor(1), confidence},
		{"ancestor at 2", alone.Ancestor(2), goingOut},
		{"ancestor at own depth", alone.Ancestor(3), alone},
		{"ancestor below own depth", alone.Ancestor(5), alone},
		{"ancestor at 0", alone.Ancestor(0), alone},
		{"descendants in pre-order", paths(confidence.Descendants()), []string{
			"confidence/daily-tasks", "confidence/going-out", "confidence/going-out/first-trip", "confidence/going-out/alone",
		}},
		{"descendants of a leaf", len(alone.Descendants()), 0},
		{"contains itself", confidence.Contains(confidence), true},
		{"contains a grandchild", confidence.Contains(alone), true},
		{"does not contain its parent", goingOut.Contains(confidence), false},
		{"does not contain a cousin", goingOut.Contains(cb.Lookup("confidence/daily-tasks")), false},
		{"does not contain nil", confidence.Contains(nil), false},
		{"label", goingOut.DisplayLabel(), "Leaving the house"},
		{"label falls back to name", alone.DisplayLabel(), "alone"},
		{"lookup is canonical only", cb.Lookup("self-esteem") == nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func TestWalkSkipsChildren(t *testing.T) {
	cb := loadStudy(t)
	var seen []string
	cb.Walk(func(c *Code) bool {
		seen = append(seen, c.Path)
		return c.Name != "confidence" && c.Name != "mobility"
	})
	want := []string{"confidence", "mobility", "ending", "ending/loss", "ending/ending-support", "connector", "connector/trust", "connector/matching"}
	if !slices.Equal(seen, want) {
		t.Errorf("Walk visited %q, want %q", seen, want)
	}
}
