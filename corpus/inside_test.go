package corpus

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileInside(t *testing.T) {
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644))
	s := &Study{Root: t.TempDir()}
	defer s.Close()
	must(os.MkdirAll(s.Path("transcripts"), 0o755))
	must(os.WriteFile(s.Path("transcripts", "t.txt"), []byte("Ann: hi.\n"), 0o644))
	must(os.Symlink(filepath.Join(outside, "secret.txt"), s.Path("transcripts", "link.txt")))
	must(os.Symlink("t.txt", s.Path("transcripts", "inner.txt")))
	must(os.Symlink(outside, s.Path("codings")))
	tests := []struct {
		rel, want, err string
	}{
		{"transcripts/t.txt", "Ann: hi.\n", ""},
		{"transcripts/inner.txt", "Ann: hi.\n", ""}, // a link that stays inside is fine
		{"transcripts/link.txt", "", "transcripts/link.txt: leads outside the study"},
		{"codings/secret.txt", "", "codings/secret.txt: leads outside the study"},
		{"../secret.txt", "", "../secret.txt: leads outside the study"},
		{"transcripts/none.txt", "", "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.rel, func(t *testing.T) {
			data, err := s.ReadFile(tc.rel)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ReadFile(%q) error = %v; want %q", tc.rel, err, tc.err)
				}
				return
			}
			if err != nil || string(data) != tc.want {
				t.Fatalf("ReadFile(%q) = %q, %v; want %q", tc.rel, data, err, tc.want)
			}
		})
	}
	if err := s.WriteCodings(&Codings{Coder: "jt", Transcript: "t"}); err == nil || !strings.Contains(err.Error(), "leads outside the study") {
		t.Errorf("WriteCodings through a linked codings folder: error = %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "jt")); !os.IsNotExist(err) {
		t.Errorf("WriteCodings made a folder outside the study")
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestReadLimited(t *testing.T) {
	tests := []struct {
		name string
		size int64
		ok   bool
	}{
		{"empty", 0, true},
		{"at the limit", MaxFileSize, true},
		{"one byte over", MaxFileSize + 1, false},
		{"endless", -1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r io.Reader = zeros{}
			if tc.size >= 0 {
				r = io.LimitReader(r, tc.size)
			}
			data, err := readLimited("big.txt", r)
			if tc.ok != (err == nil) {
				t.Fatalf("readLimited error = %v; want ok %v", err, tc.ok)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "big.txt: larger than 64 MB") {
				t.Errorf("error %q does not name the file and the limit", err)
			}
			if tc.ok && int64(len(data)) != tc.size {
				t.Errorf("read %d bytes; want %d", len(data), tc.size)
			}
		})
	}
}
