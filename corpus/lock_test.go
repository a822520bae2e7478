package corpus

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLockExcludes(t *testing.T) {
	s := &Study{Root: t.TempDir()}
	first, err := s.Lock(nil)
	if err != nil {
		t.Fatal(err)
	}
	if l, err := s.TryLock(); err != nil || l != nil {
		t.Fatalf("TryLock while held = %v, %v; want nil, nil", l, err)
	}
	waited := make(chan Holder, 1)
	got := make(chan *Lock)
	go func() {
		l, err := s.Lock(func(h Holder) { waited <- h })
		if err != nil {
			t.Error(err)
		}
		got <- l
	}()
	h := <-waited
	if h.PID != os.Getpid() || h.Since.IsZero() {
		t.Errorf("holder = %+v; want this process and a time", h)
	}
	select {
	case <-got:
		t.Fatal("second Lock returned while the first was held")
	case <-time.After(3 * lockPoll):
	}
	first.Unlock()
	second := <-got
	if l, _ := s.TryLock(); l != nil {
		t.Fatal("TryLock succeeded while the second lock was held")
	}
	second.Unlock()
	l, err := s.TryLock()
	if err != nil || l == nil {
		t.Fatalf("TryLock after Unlock = %v, %v", l, err)
	}
	l.Unlock()
}

func TestTryLockWithoutDataDir(t *testing.T) {
	s := &Study{Root: t.TempDir()}
	l, err := s.TryLock()
	if err != nil || l == nil {
		t.Fatalf("TryLock = %v, %v; want a lock that needs no file", l, err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Path(DataDir)); !os.IsNotExist(err) {
		t.Errorf("TryLock made %s: a reader must not write", DataDir)
	}
}

func TestReadHolder(t *testing.T) {
	since := time.Date(2026, 11, 24, 21, 3, 4, 0, time.UTC)
	tests := []struct {
		name, data string
		want       Holder
		str        string
	}{
		{"full", "4242\n2026-11-24T21:03:04Z\nqda code may-1 3 tea\n", Holder{4242, since, "qda code may-1 3 tea"}, "another qda (process 4242: qda code may-1 3 tea)"},
		{"no command", "7\n2026-11-24T21:03:04Z\n\n", Holder{7, since, ""}, "another qda (process 7)"},
		{"empty", "", Holder{}, "another qda"},
		{"garbage", "x\ny\nz\n", Holder{Command: "z"}, "another qda"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "lock")
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			got := readHolder(path)
			if got != tc.want {
				t.Errorf("readHolder = %+v; want %+v", got, tc.want)
			}
			if got.String() != tc.str {
				t.Errorf("String = %q; want %q", got.String(), tc.str)
			}
		})
	}
}
