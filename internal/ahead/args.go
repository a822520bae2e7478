package ahead

import "strings"

// SearchDir is the folder a command line runs qda search in, as cobra
// reads it (cmd/qda: -C or --dir anywhere on the line, the other global
// flags before the command); ok is false unless the first word that is
// neither a flag nor a flag's value is "search", and for a line asking
// for help. A line read wrong costs only a sweep not used.
func SearchDir(args []string) (dir string, ok bool) {
	dir, cmd := ".", ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--" || a == "-h" || a == "--help" || a == "--version":
			return "", false
		case a == "-C" || a == "--dir":
			if i+1 == len(args) {
				return "", false
			}
			i++
			dir = args[i]
		case strings.HasPrefix(a, "--dir="):
			dir = a[len("--dir="):]
		case strings.HasPrefix(a, "-C"):
			dir = strings.TrimPrefix(a[2:], "=")
		case strings.HasPrefix(a, "-") && !strings.Contains(a, "="):
			// A flag whose value is the next word: the global --coder,
			// search's own; the others (--json, --uncoded) stand alone.
			switch a {
			case "--coder", "--code", "--where", "--speaker", "--context", "--limit", "--sort", "--within":
				i++
			}
		case strings.HasPrefix(a, "-"):
		case cmd == "":
			cmd = a
		}
	}
	return dir, cmd == "search" && dir != ""
}
