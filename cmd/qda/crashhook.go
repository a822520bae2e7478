package main

import (
	"os"

	"github.com/qdatool/qda/corpus"
)

// setCrashHook lets tests stop qda at a point of a multi-file write, as a
// killed process would stop, to prove the next command finds the study in
// its old or its new state: $QDA_TEST_CRASH_AT names the point ("staged
// 2", "journal", "renamed 3"), and $QDA_TEST_CRASH_POINTS names a file to
// which every point passed is appended, so a test can list them first.
func setCrashHook() {
	at, log := os.Getenv("QDA_TEST_CRASH_AT"), os.Getenv("QDA_TEST_CRASH_POINTS")
	if at == "" && log == "" {
		return
	}
	corpus.CrashPoint = func(point string) {
		if log != "" {
			if f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
				f.WriteString(point + "\n")
				f.Close()
			}
		}
		if point == at {
			os.Exit(3)
		}
	}
}
