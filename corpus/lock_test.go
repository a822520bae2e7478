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
	if !s.writerActive() {
		t.Fatal("writerActive = false while the lock is held")
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
	if !s.writerActive() {
		t.Fatal("writerActive = false while the second lock was held")
	}
	second.Unlock()
	if s.writerActive() {
		t.Fatal("writerActive = true after Unlock")
	}
}

func TestReaderWritesNothing(t *testing.T) {
	s := &Study{Root: t.TempDir()}
	if s.writerActive() {
		t.Fatal("writerActive = true with no lock file")
	}
	if err := s.Pending(); err != nil {
		t.Fatalf("Pending = %v; want nothing pending", err)
	}
	if _, err := os.Stat(s.Path(DataDir)); !os.IsNotExist(err) {
		t.Errorf("a reader made %s: a reader must not write", DataDir)
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
			s := &Study{Root: t.TempDir()}
			if err := os.WriteFile(filepath.Join(s.Root, "lock"), []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			got := s.readHolder("lock")
			if got != tc.want {
				t.Errorf("readHolder = %+v; want %+v", got, tc.want)
			}
			if got.String() != tc.str {
				t.Errorf("String = %q; want %q", got.String(), tc.str)
			}
		})
	}
}
