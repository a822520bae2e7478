// Package diag holds the one position-carrying error type that every qda
// parser and check reports with, so that all of them print the same way:
// "file:line: message", compiler style, with an optional hint saying what to do.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Severity tells an error (fails a check) from a warning (fails only with --strict).
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Finding is one problem at one place. File is relative to the study root
// where there is a study, so that the text opens in an editor from there.
// Line is 1-based; 0 means the finding is about the whole file.
type Finding struct {
	File     string
	Line     int
	Severity Severity
	Msg      string
	// Hint says what to do about it, when that is known.
	Hint string
}

// Pos renders the position: "file:line", or "file" when there is no line.
func (f Finding) Pos() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return f.File
}

// Error renders the finding on one line, hint included, as check prints it.
func (f Finding) Error() string {
	var b strings.Builder
	if f.File != "" {
		b.WriteString(f.Pos())
		b.WriteString(": ")
	}
	if f.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(f.Msg)
	if f.Hint != "" {
		b.WriteString(" (")
		b.WriteString(f.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Errorf makes an error-severity finding.
func Errorf(file string, line int, format string, args ...any) *Finding {
	return &Finding{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning finding.
func Warnf(file string, line int, format string, args ...any) *Finding {
	return &Finding{File: file, Line: line, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// As makes err a finding about file: the finding it holds, if it holds
// one, else a new one with err's message (less a leading "file: ").
func As(file string, err error) *Finding {
	var f *Finding
	if errors.As(err, &f) {
		return f
	}
	return Errorf(file, 0, "%s", strings.TrimPrefix(err.Error(), file+": "))
}

// WithHint sets the hint and returns f, for chaining at the point of creation.
func (f *Finding) WithHint(format string, args ...any) *Finding {
	f.Hint = fmt.Sprintf(format, args...)
	return f
}

// List is several findings; as an error it prints one per line.
type List []*Finding

func (l List) Error() string {
	parts := make([]string, len(l))
	for i, f := range l {
		parts[i] = f.Error()
	}
	return strings.Join(parts, "\n")
}

// Err returns l as an error when it holds an error-severity finding, else nil.
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// HasErrors reports whether any finding is an error rather than a warning.
// Errors counts the findings of error severity.
func (l List) Errors() int {
	n := 0
	for _, f := range l {
		if f.Severity == Error {
			n++
		}
	}
	return n
}

func (l List) HasErrors() bool {
	for _, f := range l {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders findings by file, line, then message, as check prints them.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}
