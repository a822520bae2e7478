package codebook

import "testing"

func TestSlugs(t *testing.T) {
	tests := []struct {
		in     string
		isSlug bool
		slug   string
	}{
		{"daily-tasks", true, "daily-tasks"},
		{"wave2", true, "wave2"},
		{"Day-to-day tasks", false, "day-to-day-tasks"},
		{"  Self  Esteem ", false, "self-esteem"},
		{"a--b", false, "a-b"},
		{"-a", false, "a"},
		{"a-", false, "a"},
		{"Café crème", false, "cafe-creme"},
		{"Straße", false, "strasse"},
		{"日本", false, ""},
		{"", false, ""},
		{"!!!", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := IsSlug(tc.in); got != tc.isSlug {
				t.Errorf("IsSlug(%q) = %v, want %v", tc.in, got, tc.isSlug)
			}
			if got := Slugify(tc.in); got != tc.slug {
				t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.slug)
			}
			if s := Slugify(tc.in); s != "" && !IsSlug(s) {
				t.Errorf("Slugify(%q) = %q, not a slug", tc.in, s)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"label", "label", 0},
		{"lable", "label", 1},
		{"confidance", "confidence", 1},
		{"kitten", "sitting", 3},
		{"", "abc", 3},
		{"ça", "ca", 1},
	}
	for _, tc := range tests {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := editDistance(tc.a, tc.b); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := editDistance(tc.b, tc.a); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
			}
		})
	}
}
