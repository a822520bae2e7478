package corpus

import "testing"

func TestMatch(t *testing.T) {
	attrs := map[string]string{"gender": "female", "wave": "1", "area": ""}
	for _, tc := range []struct {
		name  string
		where []string
		want  bool
	}{
		{"same value", []string{"gender=female"}, true},
		{"any case", []string{"gender=Female"}, true},
		{"other value", []string{"gender=male"}, false},
		{"repeated key is OR", []string{"gender=male", "gender=FEMALE"}, true},
		{"different keys are AND", []string{"gender=female", "wave=2"}, false},
		{"empty value matches an empty attribute", []string{"area="}, true},
		{"missing attribute is empty", []string{"colour="}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := ParseFilters(tc.where)
			if err != nil {
				t.Fatal(err)
			}
			if got := Match(attrs, fs); got != tc.want {
				t.Errorf("Match(%v) = %v, want %v", tc.where, got, tc.want)
			}
		})
	}
}
