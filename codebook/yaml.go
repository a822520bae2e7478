package codebook

import (
	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/internal/yamldoc"
)

// decode reads the one YAML document of data, or returns nil after a finding.
func (p *parser) decode(data []byte) *yaml.Node {
	docs, err := yamldoc.Docs(data)
	if err != nil {
		p.findings = append(p.findings, yamldoc.SyntaxError(p.file, data, err))
		return nil
	}
	if len(docs) == 0 {
		p.errorf(0, "codebook is empty").
			WithHint(`start it with "title:" and "codes:", as 'qda init' writes it`)
		return nil
	}
	if n := yamldoc.FindAlias(docs[0]); n != nil {
		// Aliases would let a small file expand into a huge tree, and a
		// rewrite of the codebook could not keep them anyway.
		p.errorf(n.Line, "YAML aliases are not supported").
			WithHint("write the value out in full instead of *%s", n.Value)
		return nil
	}
	if len(docs) > 1 {
		p.errorf(docs[1].Line, "the codebook holds more than one YAML document").
			WithHint(`remove the "---" line and what follows it`)
	}
	return docs[0]
}
