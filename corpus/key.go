package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/yamldoc"
)

// Key is the anonymisation key: the real identifiers found in a study and
// what replaces each. It holds exactly what must not be in the study, so
// it lives outside it, at anonymise.key in qda.yaml or $QDA_KEY.
type Key struct {
	Terms []KeyTerm `yaml:"terms"`
}

// KeyTerm is one identifier and its replacement (a pseudonym or a marker).
type KeyTerm struct {
	Term    string `yaml:"term"`
	Kind    string `yaml:"kind"`
	Replace string `yaml:"replace"`
	// Keep marks a term scan proposed that is not identifying: apply
	// leaves it and scan does not propose it again.
	Keep  bool `yaml:"keep,omitempty"`
	Found int  `yaml:"found,omitempty"`
	Line  int  `yaml:"-"`
}

// KeyEnv is the environment variable that names the key file.
const KeyEnv = "QDA_KEY"

// ErrNoKey is returned by KeyPath when no key file is configured.
var ErrNoKey = errors.New("no anonymisation key file: set anonymise.key in qda.yaml, or $QDA_KEY, to a path outside the study")

// KeyPath returns the key file's path: $QDA_KEY (given as env), else
// anonymise.key of qda.yaml relative to the study. A path inside the study
// is refused: the key must never be committed with it.
func (s *Study) KeyPath(env string) (string, error) {
	p := env
	if p == "" {
		p = s.Config.Anonymise.Key
		if p != "" && !filepath.IsAbs(p) {
			p = filepath.Join(s.Root, p)
		}
	}
	if p == "" {
		return "", ErrNoKey
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if inside(s.Root, abs) {
		return "", fmt.Errorf("the anonymisation key %s is inside the study, where git would keep it: move it outside the study folder and point anonymise.key or $%s at it", p, KeyEnv)
	}
	return abs, nil
}

// inside reports whether path is root or below it, symbolic links resolved
// where they exist.
func inside(root, path string) bool {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	dir, base := filepath.Split(path)
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		path = filepath.Join(d, base)
	}
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// LoadKey reads a key file; a missing file is an empty key.
func LoadKey(path string) (*Key, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Key{}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseKey(path, data)
}

// ParseKey reads a key file's bytes; path names it in errors.
func ParseKey(path string, data []byte) (*Key, error) {
	root, f := yamldoc.Decode(path, data)
	if f != nil {
		return nil, f
	}
	k := &Key{}
	if root == nil {
		return k, nil
	}
	if err := root.Decode(k); err != nil {
		return nil, diag.Errorf(path, root.Line, "%s", typeErrorText(err)).WithHint("the key is a list of terms with term, kind and replace")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "terms" {
			for j, item := range root.Content[i+1].Content {
				if j < len(k.Terms) {
					k.Terms[j].Line = item.Line
				}
			}
		}
	}
	for _, t := range k.Terms {
		switch {
		case strings.TrimSpace(t.Term) == "":
			return nil, diag.Errorf(path, t.Line, "a term is empty").WithHint("delete the entry or fill in term")
		case !t.Keep && strings.Contains(t.Replace, "\n"):
			return nil, diag.Errorf(path, t.Line, "the replacement of a term holds a line break").WithHint("replacements stay on one line, so line numbers do not move")
		case !t.Keep && strings.Contains(strings.ToLower(t.Replace), strings.ToLower(t.Term)):
			return nil, diag.Errorf(path, t.Line, "the replacement of a term contains the term").WithHint("choose a pseudonym or a marker such as [name removed]")
		}
	}
	return k, nil
}

const keyHeader = `# qda anonymisation key. It holds the real identifiers of the study:
# keep it OUTSIDE the study folder and out of git.
# 'qda anonymise apply' replaces each term (whole words, any case) with its
# replacement in every transcript, memo and codings file. Change replace to
# a pseudonym or a marker; set keep: true for a term that is not identifying.
`

// Marshal writes the key with its explanatory header.
func (k *Key) Marshal() ([]byte, error) {
	body, err := yaml.Marshal(k)
	if err != nil {
		return nil, err
	}
	return append([]byte(keyHeader), body...), nil
}
