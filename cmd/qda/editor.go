package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/mattn/go-isatty"
)

// chooseEditor is $VISUAL, else $EDITOR, else vi. needTTY refuses the vi
// fallback when there is no terminal to run it in, where it would hang.
func chooseEditor(needTTY bool) (string, error) {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if e := strings.TrimSpace(os.Getenv(v)); e != "" {
			return e, nil
		}
	}
	if needTTY && !isatty.IsTerminal(os.Stdin.Fd()) {
		return "", withHint(usageErr(errors.New("no editor: $VISUAL and $EDITOR are not set")), "set EDITOR, or give the text with --text or --file")
	}
	return "vi", nil
}

// runEditor opens path in editor ("" chooses one). The variable may hold
// arguments ("code --wait"): like git, qda lets the shell split it.
func runEditor(g *globals, editor, path string) error {
	if editor == "" {
		var err error
		if editor, err = chooseEditor(false); err != nil {
			return err
		}
	}
	var cmd *exec.Cmd
	if runtime.GOOS == "windows" {
		args := strings.Fields(editor)
		cmd = exec.Command(args[0], append(args[1:], path)...)
	} else {
		cmd = exec.Command("sh", "-c", editor+` "$@"`, editor, path)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, g.stdout, g.stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("the editor (%s) exited with status %d", editor, ee.ExitCode())
		}
		return fmt.Errorf("cannot run the editor (%s): %v", editor, err)
	}
	return nil
}
