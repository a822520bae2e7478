package corpus

import (
	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/yamldoc"
)

// Config is qda.yaml: the study's settings.
type Config struct {
	Title       string    `yaml:"title"`
	Description string    `yaml:"description"`
	Anonymise   Anonymise `yaml:"anonymise"`
	// Coders are the study's declared coders (coders.go); HasCoders is
	// set when qda.yaml has the list, even an empty one.
	Coders    []Coder `yaml:"-"`
	HasCoders bool    `yaml:"-"`
	// Where the coders block is, for AddCoderText: its key's line, the
	// next top-level key's line (0 when last), and whether it is written
	// in flow style on one line.
	codersLine, codersNext int
	codersFlow             bool
}

// Anonymise holds the settings of check's anonymisation scan.
type Anonymise struct {
	// Names are identifying names (people, streets, places) that must not
	// appear in transcripts or memos; .qda/identifiers.txt adds more that
	// stay out of git.
	Names []string `yaml:"names"`
	// Rules are what ingest replaces in new transcripts.
	Rules []RuleSpec `yaml:"rules"`
	// Key is the path of the anonymisation key (outside the study).
	Key     string `yaml:"key"`
	keyLine int
}

// ParseConfig reads qda.yaml. Unknown keys are warnings, so a newer qda's
// settings do not stop an older one.
func ParseConfig(file string, data []byte) (Config, diag.List) {
	var cfg Config
	root, f := yamldoc.Decode(file, data)
	if f != nil {
		return cfg, diag.List{f}
	}
	if root == nil {
		return cfg, nil
	}
	if root.Kind != yaml.MappingNode {
		return cfg, diag.List{diag.Errorf(file, root.Line, "qda.yaml must be a mapping of settings (title, description, anonymise)")}
	}
	var findings diag.List
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var err error
		switch k.Value {
		case "title":
			err = v.Decode(&cfg.Title)
		case "description":
			err = v.Decode(&cfg.Description)
		case "anonymise", "anonymize":
			if err = v.Decode(&cfg.Anonymise); err == nil {
				findings = append(findings, ruleLines(file, v, &cfg.Anonymise)...)
			}
		case "coders":
			var fs diag.List
			cfg.Coders, fs = parseCoders(file, v)
			findings = append(findings, fs...)
			cfg.HasCoders, cfg.codersLine, cfg.codersFlow = true, k.Line, v.Style&yaml.FlowStyle != 0
			if i+2 < len(root.Content) {
				cfg.codersNext = root.Content[i+2].Line
			}
		default:
			findings = append(findings, diag.Warnf(file, k.Line, "unknown setting %q", k.Value).
				WithHint("qda.yaml knows title, description, anonymise and coders"))
			continue
		}
		if err != nil {
			findings = append(findings, diag.Errorf(file, v.Line, "%s: %s", k.Value, typeErrorText(err)))
		}
	}
	return cfg, findings
}

// typeErrorText strips yaml.v3's "yaml: unmarshal errors:\n  line N: "
// framing, since the finding carries the line already.
func typeErrorText(err error) string {
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg := te.Errors[0]
		if m := typeErrLineRE().FindStringSubmatch(msg); m != nil {
			return m[1]
		}
		return msg
	}
	return err.Error()
}

// ruleLines records each rule's line, for findings and reports, and
// compiles the rules so check reports a bad one.
func ruleLines(file string, v *yaml.Node, a *Anonymise) diag.List {
	for i := 0; i+1 < len(v.Content); i += 2 {
		if v.Content[i].Value == "key" {
			a.keyLine = v.Content[i].Line
		}
		if v.Content[i].Value != "rules" || v.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		for j, item := range v.Content[i+1].Content {
			if j < len(a.Rules) {
				a.Rules[j].Line = item.Line
			}
		}
	}
	_, findings := CompileRules(a.Rules)
	return findings
}
