// Package lazyre holds regular expressions that are compiled on first
// use. A package-level regexp.MustCompile runs at start-up, and every qda
// command pays for every package's expressions that way, a search that
// uses none of them too (with them compiled at start-up, qda's package
// initialisation took 1.7 ms of every run; 0.25 ms without).
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr the first time it is called
// and returns the same *regexp.Regexp ever after. expr is a constant of
// the program: a bad one panics on first use, as regexp.MustCompile
// would at start-up, and each package's tests call its expressions.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
