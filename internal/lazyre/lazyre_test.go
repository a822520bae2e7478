package lazyre

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	re := New(`^a+$`)
	for _, tc := range []struct {
		in   string
		want bool
	}{{"aaa", true}, {"", false}, {"ab", false}} {
		if got := re().MatchString(tc.in); got != tc.want {
			t.Errorf("MatchString(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if re() != re() {
		t.Error("each call compiled the expression again; it must be compiled once")
	}
}

// A bad expression is a bug in qda: it must panic, and only when used, so
// that a command that never uses it still runs.
func TestNewBadPanicsOnUse(t *testing.T) {
	re := New(`(`)
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic on first use")
		}
	}()
	re()
}

// TestEveryExpressionCompiles compiles each expression qda gives New as a
// literal, so that a typo fails here and not in the one command that uses
// it (regexp.MustCompile at start-up used to fail every test). Expressions
// built from constants are left to their packages' tests.
func TestEveryExpressionCompiles(t *testing.T) {
	root := filepath.Join("..", "..")
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "New" {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lazyre" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				return true
			}
			expr, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Errorf("%s: %v", path, err)
				return true
			}
			seen++
			if _, err := regexp.Compile(expr); err != nil {
				t.Errorf("%s: lazyre.New(%s): %v", path, lit.Value, err)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 30 {
		t.Errorf("found %d literal expressions in the module; qda has about 40, so the walk missed files", seen)
	}
}
