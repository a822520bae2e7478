package corpus

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/qdatool/qda/internal/diag"
)

// RuleSpec is one anonymisation rule of qda.yaml, applied by ingest:
//
//	anonymise:
//	  rules:
//	    - match: Bob Smith          # literal text, whole words, any case
//	      replace: "[name removed]"
//	    - regex: '\b07\d{3} ?\d{6}\b'
//	      replace: "[phone number removed]"
type RuleSpec struct {
	Match   string `yaml:"match"`
	Regex   string `yaml:"regex"`
	Replace string `yaml:"replace"`
	Line    int    `yaml:"-"`
}

// Rule is a compiled RuleSpec.
type Rule struct {
	Spec RuleSpec
	re   *regexp.Regexp
}

// Describe names the rule without repeating what it matches, so reports
// can be shared: "rule 2 (qda.yaml:9) → [name removed]".
func (r *Rule) Describe(i int) string {
	return fmt.Sprintf("rule %d (%s:%d) → %s", i+1, ConfigFile, r.Spec.Line, r.Spec.Replace)
}

// Apply replaces every match in text and returns how many it replaced.
func (r *Rule) Apply(text string) (string, int) {
	n := 0
	out := r.re.ReplaceAllStringFunc(text, func(string) string {
		n++
		return r.Spec.Replace
	})
	return out, n
}

// CompileRules compiles the rules of qda.yaml, with findings at their lines.
func CompileRules(specs []RuleSpec) ([]*Rule, diag.List) {
	var rules []*Rule
	var findings diag.List
	for _, s := range specs {
		var pattern string
		switch {
		case s.Match != "" && s.Regex != "":
			findings = append(findings, diag.Errorf(ConfigFile, s.Line, "an anonymise rule has both match and regex").
				WithHint("give one: match for literal text, regex for a pattern"))
			continue
		case s.Match != "":
			words := strings.Fields(s.Match)
			for i, w := range words {
				words[i] = regexp.QuoteMeta(w)
			}
			pattern = `(?i)\b` + strings.Join(words, `\s+`) + `\b`
		case s.Regex != "":
			pattern = s.Regex
		default:
			findings = append(findings, diag.Errorf(ConfigFile, s.Line, "an anonymise rule needs match or regex").
				WithHint("write match: for literal text or regex: for a pattern"))
			continue
		}
		re, err := regexp.Compile(pattern)
		if err != nil {
			findings = append(findings, diag.Errorf(ConfigFile, s.Line, "anonymise rule regex: %v", err).
				WithHint("regexes use Go's RE2 syntax; quote the pattern in single quotes"))
			continue
		}
		if re.MatchString("") {
			findings = append(findings, diag.Errorf(ConfigFile, s.Line, "anonymise rule matches empty text").
				WithHint("a rule must match at least one character"))
			continue
		}
		if s.Replace == "" {
			findings = append(findings, diag.Errorf(ConfigFile, s.Line, "an anonymise rule needs replace").
				WithHint(`e.g. replace: "[name removed]"`))
			continue
		}
		rules = append(rules, &Rule{Spec: s, re: re})
	}
	return rules, findings
}
