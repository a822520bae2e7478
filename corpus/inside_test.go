package corpus

import (
	"bytes"
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
	must(os.WriteFile(s.Path("transcripts", "empty.txt"), nil, 0o644))
	long := strings.Repeat("Ann: a longer line than one read takes.\n", 300)
	must(os.WriteFile(s.Path("transcripts", "long.txt"), []byte(long), 0o644))
	must(os.Mkdir(s.Path("transcripts", "folder.txt"), 0o755))
	tests := []struct {
		rel, want, err string
	}{
		{"transcripts/t.txt", "Ann: hi.\n", ""},
		{"transcripts/empty.txt", "", ""},
		{"transcripts/long.txt", long, ""},
		{"transcripts/folder.txt", "", "transcripts/folder.txt: not a plain file (a folder)"},
		{"transcripts/inner.txt", "Ann: hi.\n", ""}, // a link that stays inside is fine
		{"transcripts/link.txt", "", "transcripts/link.txt: leads outside the study"},
		{"codings/secret.txt", "", "codings/secret.txt: leads outside the study"},
		{"../secret.txt", "", "../secret.txt: leads outside the study"},
		{"transcripts/none.txt", "", "no such file"},
	}
	// folderFiles reads each file by name in its folder opened once (on
	// unix with a few system calls of its own): its answers and errors
	// are ReadFile's.
	files := s.folderFiles()
	defer files.close()
	readers := []struct {
		name string
		read func(string) ([]byte, error)
	}{{"ReadFile", s.ReadFile}, {"folderFiles", files.read}}
	for _, r := range readers {
		for _, tc := range tests {
			t.Run(r.name+"/"+tc.rel, func(t *testing.T) {
				data, err := r.read(tc.rel)
				if tc.err != "" {
					if err == nil || !strings.Contains(err.Error(), tc.err) {
						t.Fatalf("%s(%q) error = %v; want %q", r.name, tc.rel, err, tc.err)
					}
					return
				}
				if err != nil || string(data) != tc.want {
					t.Fatalf("%s(%q) = %q, %v; want %q", r.name, tc.rel, data, err, tc.want)
				}
			})
		}
	}
	if err := s.WriteCodings(&Codings{Coder: "jt", Transcript: "t", None: true}); err == nil || !strings.Contains(err.Error(), "leads outside the study") {
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

// TestLinksOutsideRefused: a study whose memos/ or .qda/ folder, or whose
// table, is a link to a folder or file elsewhere is neither written
// through nor read; each refusal says the link leads outside.
func TestLinksOutsideRefused(t *testing.T) {
	tests := []struct {
		name string
		link string // the study's path that links to the outside folder
		file string // for a link to a file: the outside file's name
		op   func(s *Study) error
		err  string
	}{
		{"memo add", MemosDir, "", func(s *Study) error {
			_, err := s.AddMemo(&Memo{Title: "Hi", Text: "hello\n"})
			return err
		}, "memos: leads outside the study"},
		{"writer lock", DataDir, "", func(s *Study) error {
			_, err := s.Lock(nil)
			return err
		}, ".qda: leads outside the study through a symbolic link; delete the link"},
		{"reader", DataDir, "", func(s *Study) error {
			return s.Pending()
		}, ".qda: leads outside the study through a symbolic link; delete the link"},
		{"ingest --replace", TranscriptFile("t"), "t.txt", func(s *Study) error {
			for file, text := range map[string]string{TranscriptsFile: "id,participant\nt,ann\n", ParticipantsFile: "id\nann\n"} {
				if err := os.WriteFile(s.Path(file), []byte(text), 0o644); err != nil {
					return err
				}
			}
			ix, _, err := s.LoadIndex()
			if err != nil {
				return err
			}
			_, err = s.PutTranscript(ix, NewTranscript{ID: "t", Participant: "ann", Text: []byte("Ann: new.\n"), Replace: true})
			return err
		}, "transcripts/t.txt: leads outside the study through a symbolic link or '..'; qda reads and writes only inside the study: copy the file in instead of linking it; qda replaces only a transcript it can read"},
		{"participants table", ParticipantsFile, "p.csv", func(s *Study) error {
			_, findings := ReadTable(s.Root, ParticipantsFile, "id")
			return findings.Err()
		}, "participants.csv: leads outside the study"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			outside := t.TempDir()
			s := &Study{Root: t.TempDir()}
			defer s.Close()
			target := outside
			if tc.file != "" {
				target = filepath.Join(outside, tc.file)
				if err := os.WriteFile(target, []byte("id,secret\nmay,hunter2\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.MkdirAll(filepath.Dir(s.Path(tc.link)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, s.Path(tc.link)); err != nil {
				t.Fatal(err)
			}
			err := tc.op(s)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("error = %v; want %q", err, tc.err)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("the error shows what is outside: %v", err)
			}
			want := 0
			if tc.file != "" {
				want = 1 // the linked file itself
			}
			if entries, _ := os.ReadDir(outside); len(entries) != want {
				t.Errorf("%d files outside the study, want %d: something was written there", len(entries), want)
			}
		})
	}
}

func TestReadTableTooLarge(t *testing.T) {
	root := t.TempDir()
	f, err := os.Create(filepath.Join(root, TranscriptsFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, findings := ReadTable(root, TranscriptsFile, "id", "participant")
	if got, want := findings.Err(), "transcripts.csv: larger than 64 MB"; got == nil || !strings.HasPrefix(got.Error(), want) {
		t.Fatalf("error = %v; want %q", got, want)
	}
}

// TestReadLimitedContent: what readLimited returns is the reader's bytes
// whatever their size against its pooled buffer, and a later read does
// not change an earlier result.
func TestReadLimitedContent(t *testing.T) {
	var kept [][]byte
	var wants [][]byte
	for _, n := range []int{0, 1, 4096, 32<<10 - 1, 32 << 10, 32<<10 + 1, 1 << 20, 1<<20 + 3, 100} {
		want := make([]byte, n)
		for i := range want {
			want[i] = byte(i*7 + n)
		}
		got, err := readLimited("f.txt", bytes.NewReader(want))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%d bytes: read back differs", n)
		}
		kept, wants = append(kept, got), append(wants, want)
	}
	for i := range kept {
		if !bytes.Equal(kept[i], wants[i]) {
			t.Errorf("read %d changed by later reads", i)
		}
	}
}
