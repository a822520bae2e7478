package codebook

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// layoutOps are refactorings of the small codebooks in
// testdata/edit/layouts.txtar, each written in a layout that a rewrite
// must cope with: "NAME.in" is the input, "NAME.out" the exact result
// (its summary in comments at the top), rewritten with QDA_UPDATE=1.
var layoutOps = map[string]func(cb *Codebook, src []byte) (*Rewrite, error){
	"flow-children-rename": func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "a/c", "d") },
	"flow-children-delete": func(cb *Codebook, src []byte) (*Rewrite, error) { return Delete(cb, src, "a/c") },
	"flow-children-move":   func(cb *Codebook, src []byte) (*Rewrite, error) { return Move(cb, src, "a/c", "z") },
	"flow-children-add":    func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "a/x", Fields{}) },
	"flow-codes-add":       func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "x", Fields{}) },
	"flow-code-comment":    func(cb *Codebook, src []byte) (*Rewrite, error) { return Move(cb, src, "z/b", "a") },
	"no-codes-add":         func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "x", Fields{Label: ptr("X")}) },
	"empty-codes-add":      func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "x", Fields{}) },
	"null-codes-add":       func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "x", Fields{}) },
	"crlf-rename":          func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "a", "c") },
	"crlf-move":            func(cb *Codebook, src []byte) (*Rewrite, error) { return Move(cb, src, "b/x", "a") },
	"no-final-newline":     func(cb *Codebook, src []byte) (*Rewrite, error) { return Move(cb, src, "b/x", "a") },
	"no-final-newline-add": func(cb *Codebook, src []byte) (*Rewrite, error) { return Add(cb, src, "c", Fields{}) },
	"indentless":           func(cb *Codebook, src []byte) (*Rewrite, error) { return Move(cb, src, "a/b", "c") },
	"name-not-first":       func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "a", "c") },
	"remove-first-field": func(cb *Codebook, src []byte) (*Rewrite, error) {
		return Edit(cb, src, "a", Fields{Label: ptr("")})
	},
	"rename-back":       func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "ending", "endings") },
	"rename-back-block": func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "ending", "endings") },
	"move-back":         func(cb *Codebook, src []byte) (*Rewrite, error) { return Move(cb, src, "m/t", "c") },
	"merge-theme-into-child": func(cb *Codebook, src []byte) (*Rewrite, error) {
		return Merge(cb, src, []string{"s"}, "a/b")
	},
	"merge-child-into-parent": func(cb *Codebook, src []byte) (*Rewrite, error) {
		return Merge(cb, src, []string{"a/b"}, "a")
	},
	"merge-nested-sources": func(cb *Codebook, src []byte) (*Rewrite, error) {
		return Merge(cb, src, []string{"a", "a/b"}, "d")
	},
	"block-scalar-edit": func(cb *Codebook, src []byte) (*Rewrite, error) {
		return Edit(cb, src, "a", Fields{Description: ptr("new\ntext"), Label: ptr("B")})
	},
	"quoted-null-name": func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "null", "true") },
	"rename-to-null":   func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "a", "null") },
	"empty-aliases":    func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "a", "c") },
	"tagged-name":      func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "a", "c") },
	"unicode-flow":     func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "b", "c") },
	"name-not-slug":    func(cb *Codebook, src []byte) (*Rewrite, error) { return Rename(cb, src, "Daily Tasks", "daily-tasks") },
	"delete-spaced":    func(cb *Codebook, src []byte) (*Rewrite, error) { return Delete(cb, src, "b") },
	"delete-first-spaced": func(cb *Codebook, src []byte) (*Rewrite, error) {
		return Delete(cb, src, "a")
	},
	"delete-last-spaced": func(cb *Codebook, src []byte) (*Rewrite, error) { return Delete(cb, src, "c") },
}

func TestLayouts(t *testing.T) {
	const file = "testdata/edit/layouts.txtar"
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	in := map[string][]byte{}
	for _, f := range ar.Files {
		if name, ok := strings.CutSuffix(f.Name, ".in"); ok {
			in[name] = unescapeCR(f.Data)
		}
	}
	out := map[string][]byte{}
	for name, op := range layoutOps {
		src, ok := in[name]
		if !ok {
			t.Errorf("%s: no %s.in in %s", name, name, file)
			continue
		}
		cb, findings := Parse("codebook.yaml", src)
		if cb == nil {
			t.Errorf("%s: %v", name, findings)
			continue
		}
		var b bytes.Buffer
		rw, err := op(cb, src)
		if err != nil {
			fmt.Fprintf(&b, "# error: %v\n", err)
		} else {
			for _, s := range rw.Summary {
				fmt.Fprintf(&b, "# %s\n", s)
			}
			b.Write(rw.Data)
			if !bytes.HasSuffix(rw.Data, []byte("\n")) {
				b.WriteString("\n# (no newline at the end)\n")
			}
		}
		out[name] = escapeCR(b.Bytes())
	}
	if update {
		var files []txtar.File
		for _, f := range ar.Files {
			if name, ok := strings.CutSuffix(f.Name, ".in"); ok {
				files = append(files, f, txtar.File{Name: name + ".out", Data: out[name]})
			}
		}
		ar.Files = files
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".out")
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			if got := out[name]; !bytes.Equal(got, f.Data) {
				t.Errorf("got:\n%s\nwant:\n%s\ndiff:\n%s", got, f.Data, lineDiff(string(f.Data), string(got)))
			}
		})
	}
}

// A txtar file cannot hold a "\r" in a way a reviewer sees, nor a file
// without a final newline: "⏎" stands for "\r", and "\\z" ends a file
// early.
func unescapeCR(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("⏎"), []byte("\r"))
	if i := bytes.Index(b, []byte(`\z`)); i >= 0 {
		b = b[:i]
	}
	return b
}

func escapeCR(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r"), []byte("⏎")) }
