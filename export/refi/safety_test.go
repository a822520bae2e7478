package refi

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

const minimalQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p"></Project>`

// rawZip writes entries with the given modes, names as given.
func rawZip(t *testing.T, entries ...struct {
	name string
	data string
	mode fs.FileMode
}) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		h.SetMode(e.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e.data))
	}
	zw.Close()
	return b.Bytes()
}

type entry = struct {
	name string
	data string
	mode fs.FileMode
}

func TestHostileArchives(t *testing.T) {
	qde := entry{"project.qde", minimalQDE, 0o644}
	small := DefaultLimits
	small.Entry, small.Total = 1000, 1500
	tests := []struct {
		name   string
		data   []byte
		limits Limits
		unsafe bool
		want   string
	}{
		{"dot-dot", rawZip(t, qde, entry{"sources/../../evil.txt", "x", 0o644}), DefaultLimits, true, `"sources/../../evil.txt" climbs out of the archive`},
		{"absolute", rawZip(t, qde, entry{"/etc/cron.d/evil", "x", 0o644}), DefaultLimits, true, "absolute path"},
		{"windows absolute", rawZip(t, qde, entry{`C:\evil.txt`, "x", 0o644}), DefaultLimits, true, "absolute path"},
		{"symlink", rawZip(t, qde, entry{"sources/a.txt", "/etc/passwd", fs.ModeSymlink | 0o777}), DefaultLimits, true, "not a regular file"},
		{"oversized entry", rawZip(t, qde, entry{"sources/a.txt", strings.Repeat("a", 1001), 0o644}), small, true, "more than the 1000 qda reads"},
		{"oversized total", rawZip(t, qde, entry{"sources/a.txt", strings.Repeat("a", 900), 0o644}, entry{"sources/b.txt", strings.Repeat("b", 900), 0o644}), small, true, "more than 1500 bytes"},
		{"doctype", rawZip(t, entry{"project.qde", `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>`, 0o644}), DefaultLimits, true, "declares a document type"},
		{"billion laughs", rawZip(t, entry{"project.qde", `<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><Project name="&b;"/>`, 0o644}), DefaultLimits, true, "declares a document type"},
		{"deep nesting", rawZip(t, entry{"project.qde", `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>` + strings.Repeat(`<Code name="x" isCodable="true">`, 300) + strings.Repeat(`</Code>`, 300) + `</Codes></CodeBook></Project>`, 0o644}), DefaultLimits, true, "nest more than 200 deep"},
		{"one name twice", rawZip(t, qde, entry{"sources/a.txt", "x", 0o644}, entry{"sources/a.txt", "y", 0o644}), DefaultLimits, true, `entries "sources/a.txt" and "sources/a.txt" are one file twice`},
		{"two projects in different case", rawZip(t, qde, entry{"Project.qde", minimalQDE, 0o644}), DefaultLimits, true, `entries "project.qde" and "Project.qde" are one file twice`},
		{"not a zip", []byte("hello"), DefaultLimits, false, "not a zip archive"},
		{"no project", rawZip(t, entry{"sources/a.txt", "x", 0o644}), DefaultLimits, false, "no project.qde"},
		{"wrong root", rawZip(t, entry{"project.qde", `<CodeBook/>`, 0o644}), DefaultLimits, false, "root element is <CodeBook>"},
		{"broken xml", rawZip(t, entry{"project.qde", `<Project name="p"><Users>`, 0o644}), DefaultLimits, false, "ends inside an element"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := OpenArchive(tc.data, tc.limits)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			if errors.Is(err, ErrUnsafe) != tc.unsafe {
				t.Errorf("error %q: unsafe is %v, want %v", err, errors.Is(err, ErrUnsafe), tc.unsafe)
			}
		})
	}
}

// TestTolerant reads what real exporters write: a BOM before the XML,
// no namespace, braced GUIDs in any case, the project in Project.qde.
func TestTolerant(t *testing.T) {
	qde := "\ufeff" + `<?xml version="1.0" encoding="utf-8"?>
<Project name="p" origin="x"><Users><User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Ann Lee"/></Users>
<CodeBook><Codes><Code guid="{C0000000-0000-4000-8000-000000000001}" name="Day to day" isCodable="1"/></Codes></CodeBook>
<Sources><TextSource guid="{50000000-0000-4000-8000-000000000001}" name="A 1.txt" plainTextPath="internal://{50000000-0000-4000-8000-000000000001}.TXT">
<PlainTextSelection guid="{5E000000-0000-4000-8000-000000000001}" startPosition="4" endPosition="8" creatingUser="{aaaaaaaa-0000-4000-8000-000000000001}">
<Coding guid="{C1000000-0000-4000-8000-000000000001}"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
</PlainTextSelection></TextSource>
<TextSource guid="{50000000-0000-4000-8000-000000000002}" name="Gone" plainTextPath="internal://gone.txt"/>
<TextSource guid="{50000000-0000-4000-8000-000000000003}" name="Wide" plainTextPath="internal://wide.txt">
<PlainTextSelection guid="{5E000000-0000-4000-8000-000000000002}" startPosition="11" endPosition="14" creatingUser="{aaaaaaaa-0000-4000-8000-000000000001}">
<Coding guid="{C1000000-0000-4000-8000-000000000002}"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
</PlainTextSelection></TextSource></Sources></Project>`
	data := rawZip(t, entry{"Project.qde", qde, 0o644}, entry{"Sources/.root", "", 0o644},
		entry{"Sources/{50000000-0000-4000-8000-000000000001}.txt", "\ufeffAnn: Hello there.\r\nIt rained.\r\n", 0o644},
		entry{"sources/wide.txt", utf16("\ufeffAnn: 👋 Hi.\nBye now.\n"), 0o644})
	p := plan(t, data)
	if got := segments(p); !slices.Equal(got, []string{"ann-lee a-1 1 day-to-day", "ann-lee wide 2 day-to-day"}) {
		t.Errorf("segments %q", got)
	}
	if len(p.Report.Dropped) != 1 || !strings.Contains(p.Report.Dropped[0], `source "Gone": internal://gone.txt is not in the archive`) {
		t.Errorf("dropped %q", p.Report.Dropped)
	}
}

// utf16 encodes s as UTF-16, little-endian, as Windows tools write it.
func utf16(s string) string {
	var b []byte
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			b = append(b, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

// TestBareProject reads a project.qde given on its own, with its text inline.
func TestBareProject(t *testing.T) {
	qde := `<Project xmlns="urn:QDA-XML:project:1.0" name="p">
<CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Tea" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="a"><PlainTextContent>Ann: We had tea. It was nice.</PlainTextContent>
<PlainTextSelection guid="5e000000-0000-4000-8000-000000000001" startPosition="18" endPosition="29">
<Coding guid="c1000000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding>
</PlainTextSelection></TextSource></Sources></Project>`
	p := plan(t, []byte(qde))
	if got := segments(p); !slices.Equal(got, []string{"imported a 2 tea"}) {
		t.Errorf("segments %q", got)
	}
}
