// Package yamldoc decodes the YAML files of a study (qda.yaml,
// codebook.yaml, codings) into yaml.v3 nodes, and reports a syntax error
// at the line where the file went wrong, which yaml.v3 alone often misses.
package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/lazyre"
)

// Docs decodes the first two YAML documents of data, enough to tell one
// from several. An empty file has none.
func Docs(data []byte) (docs []*yaml.Node, err error) {
	defer func() {
		// yaml.v3 has panicked on malformed input before; a study file
		// must never take qda down with it.
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for len(docs) < 2 {
		var doc yaml.Node
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		docs = append(docs, &doc)
	}
	return docs, nil
}

// Decode returns the root node of data's one document: nil for an empty
// file, or a finding for a syntax error, YAML aliases (which would let a
// small file expand into a huge one, and which qda could not keep when it
// rewrites a file) or a second document.
func Decode(file string, data []byte) (*yaml.Node, *diag.Finding) {
	docs, err := Docs(data)
	if err != nil {
		return nil, SyntaxError(file, data, err)
	}
	if len(docs) == 0 {
		return nil, nil
	}
	if len(docs) > 1 {
		return nil, diag.Errorf(file, docs[1].Line, "the file holds more than one YAML document").
			WithHint(`remove the "---" line and what follows it`)
	}
	root := docs[0]
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if n := FindAlias(root); n != nil {
		return nil, diag.Errorf(file, n.Line, "YAML aliases are not supported").
			WithHint("write the value out in full instead of *%s", n.Value)
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	return root, nil
}

// SyntaxError makes a yaml.v3 decoding error into a finding at the line
// of the problem.
func SyntaxError(file string, data []byte, err error) *diag.Finding {
	line, msg := splitError(err)
	return diag.Errorf(file, problemLine(data, line), "invalid YAML: %s", msg).
		WithHint("check the indentation, and quote text that contains \": \" or starts with a special character")
}

var lineRE = lazyre.New(`^yaml: line (\d+): `)

// splitError takes the line and the problem out of a yaml.v3 error,
// which gives the line only in its text.
func splitError(err error) (int, string) {
	msg := err.Error()
	if m := lineRE().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return line, msg[len(m[0]):]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// problemLine narrows a yaml.v3 error line down to the line of the problem.
// yaml.v3 reports where the enclosing construct starts, often "codes:" for
// a mis-indented line far below, counts parser errors from zero, and places
// an unclosed quote at the end of the file. Once a prefix of the file holds
// the problem every longer prefix fails too, so the line after the longest
// prefix that parses is where the file went wrong.
func problemLine(data []byte, line int) int {
	ends := lineEnds(data)
	// Each try parses a prefix; past this many bytes in all, keep yaml.v3's
	// line rather than keep the user waiting.
	budget := 16 << 20
	for n := len(ends) - 1; n > 0; n-- {
		if budget -= ends[n-1]; budget < 0 {
			return line
		}
		if _, err := Docs(data[:ends[n-1]]); err == nil {
			return n + 1
		}
	}
	return 1
}

// lineEnds returns, for each line, the offset just past its end.
func lineEnds(data []byte) []int {
	var ends []int
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	return ends
}

// FindAlias returns the first alias node (*name) under n, or nil. An
// anchor alone expands nothing, so it is let be.
func FindAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	for _, c := range n.Content {
		if a := FindAlias(c); a != nil {
			return a
		}
	}
	return nil
}
