//go:build unix

package corpus

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestSpecialFilesRefused: a named pipe, a socket or a device where the
// study has a file or a folder is refused, promptly, by every way a study
// file is opened, with an error naming it. Without the non-blocking open
// each read of the pipe waits for a writer forever: the test's watchdog
// then fails it.
func TestSpecialFilesRefused(t *testing.T) {
	makers := map[string]func(t *testing.T, path string){
		"a named pipe": func(t *testing.T, path string) { must(t, unix.Mkfifo(path, 0o644)) },
		"a socket": func(t *testing.T, path string) {
			l, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
			must(t, err)
			l.SetUnlinkOnClose(false)
			l.Close()
		},
		// mknod needs root: skipped without it.
		"a character device": mknodNull,
	}
	reads := []struct {
		name, rel string
		read      func(s *Study, rel string) error
		want      string // the message, after "REL: "
	}{
		{"ReadFile", "transcripts/t.txt", func(s *Study, rel string) error { _, err := s.ReadFile(rel); return err }, "not a plain file"},
		{"OpenFile", "codings/jt/t.yaml", func(s *Study, rel string) error {
			f, err := s.OpenFile(rel)
			if err == nil {
				f.Close()
			}
			return err
		}, "not a plain file"},
		{"folderFiles", "transcripts/t.txt", func(s *Study, rel string) error {
			ff := s.folderFiles()
			defer ff.close()
			_, err := ff.read(rel)
			return err
		}, "not a plain file"},
		{"ReadTable", TranscriptsFile, func(s *Study, rel string) error {
			_, findings := ReadTable(s.Root, rel, "id", "participant")
			return findings.Err()
		}, "not a plain file"},
		{"ReadDir", MemosDir, func(s *Study, rel string) error { _, err := s.ReadDir(rel); return err }, "not a folder"},
		{"readDir", CodingsDir, func(s *Study, rel string) error { _, err := readDir(s, rel); return err }, "not a folder"},
		{"OpenFolder", TranscriptsDir, func(s *Study, rel string) error {
			f, err := s.OpenFolder(rel)
			if err == nil {
				f.Close()
			}
			return err
		}, "not a folder"},
		{"file under a pipe", "transcripts/t.txt", func(s *Study, rel string) error {
			_, err := s.ReadFile(rel + "/x") // transcripts/t.txt is the pipe
			return err
		}, "not a folder"},
		{"folderFiles under a pipe", "codings/jt", func(s *Study, rel string) error {
			ff := s.folderFiles()
			defer ff.close()
			_, err := ff.read(rel + "/t.yaml")
			return err
		}, "not a folder"},
	}
	for kind, mk := range makers {
		for _, r := range reads {
			t.Run(kind+"/"+r.name, func(t *testing.T) {
				s := &Study{Root: t.TempDir()}
				for _, d := range []string{TranscriptsDir, CodingsDir + "/jt", MemosDir} {
					must(t, os.MkdirAll(s.Path(d), 0o755))
				}
				must(t, os.RemoveAll(s.Path(r.rel)))
				mk(t, s.Path(filepath.FromSlash(r.rel)))
				done := make(chan error, 1)
				go func() { done <- r.read(s, r.rel) }()
				var err error
				select {
				case err = <-done:
				case <-time.After(10 * time.Second):
					t.Fatalf("%s of %s: still blocked after 10 s", r.name, kind)
				}
				want := r.rel + ": " + r.want + " (" + kind + ")"
				if err == nil || !strings.HasPrefix(err.Error(), want) {
					t.Errorf("error = %v; want %q", err, want)
				}
			})
		}
	}
}

// TestReadFileGrowing: a file that grows while it is read still stops at
// MaxFileSize, with the error naming it.
func TestReadFileGrowing(t *testing.T) {
	s := &Study{Root: t.TempDir()}
	f, err := os.Create(s.Path("grows.txt"))
	must(t, err)
	defer f.Close()
	must(t, f.Truncate(MaxFileSize-10)) // under the limit when opened
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		chunk := make([]byte, 1<<20)
		for range 256 {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := f.Write(chunk); err != nil {
				return
			}
		}
	}()
	data, err := s.ReadFile("grows.txt")
	// It either read a size under the limit (the writer had not caught
	// up) or refused it: never more than MaxFileSize.
	if err != nil && !strings.HasPrefix(err.Error(), "grows.txt: larger than 64 MB") {
		t.Fatalf("error = %v", err)
	}
	if len(data) > MaxFileSize {
		t.Fatalf("read %d bytes, more than MaxFileSize", len(data))
	}
}

// TestOpenFolderLinkOut: a study's folder that is a link out of the study
// (to a device) is refused as any link out, and never opened.
func TestOpenFolderLinkOut(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, ConfigFile), []byte("name: t\n"), 0o644))
	must(t, os.Symlink("/dev/null", filepath.Join(dir, TranscriptsDir)))
	s := &Study{Root: dir}
	f, err := s.OpenFolder(TranscriptsDir)
	if err == nil {
		f.Close()
		t.Fatal("a link to /dev/null opened as the transcripts folder")
	}
	if !errors.Is(err, ErrOutside) || !strings.HasPrefix(err.Error(), "transcripts: leads outside the study") {
		t.Errorf("got %v, want transcripts: leads outside the study", err)
	}
}
