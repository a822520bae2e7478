package scratch

import (
	"io"
	"os"
	"runtime"
	"testing"
)

func TestFileIsUsableAndNameless(t *testing.T) {
	f, err := File("qda-scratch-test-*")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("spilled"); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := f.ReadAt(buf, 0); err != nil && err != io.EOF {
		t.Fatal(err)
	}
	if string(buf) != "spilled" {
		t.Fatalf("read back %q", buf)
	}
	if _, err := os.Stat(f.Name()); runtime.GOOS != "windows" && !os.IsNotExist(err) {
		t.Errorf("%s is still in the temporary folder (stat: %v): a killed export would leave it", f.Name(), err)
	}
}
