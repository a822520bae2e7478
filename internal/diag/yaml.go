package diag

import (
	"regexp"
	"strconv"
	"strings"
)

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// YAML turns a yaml.v3 syntax error into a finding at its line. yaml.v3
// reports a parser error ("did not find expected ...") at the 0-based line
// of the construct it was parsing, one short of the line a person counts,
// so those get one added; scanner errors are already 1-based.
func YAML(file string, err error) *Finding {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
	}
	return Errorf(file, line, "YAML syntax error: %s", msg).WithHint("fix the YAML; 'git diff' shows what changed")
}
