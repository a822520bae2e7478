package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	if os.Getenv("QDA_TEST_MAIN") == "1" {
		// The crash tests run the test binary as qda, to kill it.
		mainExit(os.Args[1:])
	}
	testscript.Main(m, map[string]func(){
		// The scripts' qda notes a failing exit status on stderr, so a
		// script can tell misuse (2) from problems found (1).
		"qda": func() {
			watchdog(os.Getenv("QDA_TEST_TIMEOUT"))
			code := Main(os.Args[1:])
			if code != 0 {
				fmt.Fprintf(os.Stderr, "[exit %d]\n", code)
			}
			os.Exit(code)
		},
	})
}

// TestScripts runs cmd/qda/testdata/script/*.txtar. QDA_UPDATE=1 rewrites
// the golden files inside the scripts from the actual output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("QDA_UPDATE") == "1",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"waitfile":  cmdWaitfile,
			"mkzip":     mkzip,
			"treehash":  cmdTreehash,
			"mkbig":     cmdMkbig,
			"mkrepeat":  cmdMkrepeat,
			"mkline":    cmdMkline,
			"mcpclient": cmdMCPClient,
			"mkfifo":    cmdMkfifo,
			"mksocket":  cmdMksocket,
			"age":       cmdAge,
		},
		Setup: func(env *testscript.Env) error {
			// A coder from the developer's own git config must not leak in.
			env.Setenv("QDA_CODER", "")
			env.Setenv("GIT_CONFIG_GLOBAL", env.WorkDir+"/.gitconfig-none")
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("NO_COLOR", "1")
			// Nor the developer's terminal width: scripts set COLUMNS.
			env.Setenv("COLUMNS", "")
			// Binary fixtures (Word files) cannot live in a txtar archive.
			testdata, err := filepath.Abs("../../testdata")
			if err != nil {
				return err
			}
			env.Setenv("TESTDATA", testdata)
			return nil
		},
	})
}

// cmdWaitfile waits for a file a background qda creates (up to a minute),
// so a script can go on once that qda has reached a point, however slow
// the machine is: waitfile FILE.
func cmdWaitfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
			return
		}
	}
	ts.Fatalf("%s did not appear within a minute", args[0])
}

// mkzip builds a zip from text fixtures, so archives (REFI-QDA projects,
// hostile ones too) stay reviewable in the scripts:
//
//	mkzip OUT.zip DIR [NAME=FILE | NAME@TARGET]...
//
// puts every file under DIR in the zip by its relative path, then FILE
// as entry NAME (any name, "../x" too) and a symbolic link NAME → TARGET.
func mkzip(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mkzip OUT.zip DIR [NAME=FILE | NAME@TARGET]...")
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name string, data []byte, mode fs.FileMode) {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		ts.Check(err)
		_, err = w.Write(data)
		ts.Check(err)
	}
	root := ts.MkAbs(args[1])
	ts.Check(filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		add(filepath.ToSlash(rel), data, 0o644)
		return nil
	}))
	for _, a := range args[2:] {
		if name, file, ok := strings.Cut(a, "="); ok {
			add(name, []byte(ts.ReadFile(file)), 0o644)
		} else if name, target, ok := strings.Cut(a, "@"); ok {
			add(name, []byte(target), fs.ModeSymlink|0o777)
		} else {
			ts.Fatalf("mkzip: %q is neither NAME=FILE nor NAME@TARGET", a)
		}
	}
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), b.Bytes(), 0o644))
}

// cmdTreehash writes one line per file and link under DIR (but .qda/, the
// derived data) with its SHA-256 or its link target, so a script can show
// that a failed command left every file of the study as it was:
// treehash DIR OUT, then cmp OUT an earlier one.
func cmdTreehash(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: treehash DIR OUT")
	}
	root := ts.MkAbs(args[0])
	var b strings.Builder
	ts.Check(filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && rel == ".qda":
			return filepath.SkipDir
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			fmt.Fprintf(&b, "%s -> %s\n", rel, target)
			return err
		case d.Type().IsRegular():
			data, err := os.ReadFile(path)
			fmt.Fprintf(&b, "%s %x\n", rel, sha256.Sum256(data))
			return err
		}
		return nil
	}))
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(b.String()), 0o644))
}

// cmdMkbig makes a file of SIZE MB (sparse: it costs no disk), too large
// a file to keep in a script: mkbig FILE SIZE.
func cmdMkbig(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkbig FILE SIZE")
	}
	var mb int64
	if _, err := fmt.Sscan(args[1], &mb); err != nil {
		ts.Fatalf("mkbig: size %q: %v", args[1], err)
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(f.Truncate(mb << 20))
	ts.Check(f.Close())
}

// cmdMkline appends to FILE one line of TEXT repeated, space-separated,
// to about KB kilobytes, and a newline, so a script can make a long
// transcript line without committing it: mkline FILE KB TEXT.
func cmdMkline(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: mkline FILE KB TEXT")
	}
	var kb int
	if _, err := fmt.Sscan(args[1], &kb); err != nil {
		ts.Fatalf("mkline: size %q: %v", args[1], err)
	}
	n := max(1, (kb<<10)/(len(args[2])+1))
	line := strings.TrimSuffix(strings.Repeat(args[2]+" ", n), " ") + "\n"
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	ts.Check(err)
	_, err = f.WriteString(line)
	ts.Check(err)
	ts.Check(f.Close())
}
