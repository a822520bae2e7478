package anon

import (
	"fmt"
	"testing"
)

func TestValidNHSNumber(t *testing.T) {
	cases := []struct {
		digits string
		want   bool
	}{
		{"9434765919", true},
		{"4010232137", true},
		{"4505577104", true},
		{"4857773457", true},
		{"1000000060", true}, // check 11 is written 0
		{"0000000000", true},
		{"9434765918", false},
		{"9434765910", false},
		{"4010232138", false},
		{"", false},
		{"943476591", false},
		{"94347659190", false},
		{"943 476 5919", false},
		{"943476591a", false},
		{"９４３４７６５９１９", false}, // full-width digits
	}
	// A first nine whose check would be 10 has no valid number.
	for d := '0'; d <= '9'; d++ {
		cases = append(cases, struct {
			digits string
			want   bool
		}{"123456789" + string(d), false}, struct {
			digits string
			want   bool
		}{"100000001" + string(d), false})
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%q", tc.digits), func(t *testing.T) {
			if got := ValidNHSNumber(tc.digits); got != tc.want {
				t.Errorf("ValidNHSNumber(%q) = %v, want %v", tc.digits, got, tc.want)
			}
		})
	}
}

func TestLineNHSNumber(t *testing.T) {
	runLines(t, New(nil), []lineCase{
		{"spaced", "943 476 5919", []Match{{NHSNumber, 1, "943 476 5919"}}},
		{"hyphens", "943-476-5919", []Match{{NHSNumber, 1, "943-476-5919"}}},
		{"unspaced", "9434765919", []Match{{NHSNumber, 1, "9434765919"}}},
		{"in a sentence", "NHS no. 9434765919.", []Match{{NHSNumber, 9, "9434765919"}}},
		{"another", "my number is 401 023 2137 I think", []Match{{NHSNumber, 14, "401 023 2137"}}},
		{"check digit 0 from 11", "1000000060", []Match{{NHSNumber, 1, "1000000060"}}},
		{"count before", "12 943 476 5919", []Match{{NHSNumber, 4, "943 476 5919"}}},
		{"count after", "943 476 5919 2", []Match{{NHSNumber, 1, "943 476 5919"}}},

		{"check fails spaced", "943 476 5918", nil},
		{"check fails", "9434765918", nil},
		{"check would be 10", "1234567890", nil},
		{"last group too long", "943 476 59190", nil},
		{"first group too long", "1943 476 5919", nil},
		{"other grouping", "943 4765919", nil},
		{"eleven digits", "94347659190", nil},
		{"in a word", "A9434765919", nil},
		{"decimal", "0.9434765919", nil},
	})
}
