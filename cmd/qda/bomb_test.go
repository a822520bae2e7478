package main

import (
	"archive/zip"
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdMkrepeat writes TEXT N times, as a file or as the paragraphs of a
// .docx, for inputs too large to keep in a script (a small .docx that
// unzips to gigabytes, a text whose transcript outgrows it):
// mkrepeat FILE N TEXT. In TEXT, \n is a line break.
func cmdMkrepeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: mkrepeat FILE N TEXT")
	}
	var n int
	if _, err := fmt.Sscan(args[1], &n); err != nil {
		ts.Fatalf("mkrepeat: N %q: %v", args[1], err)
	}
	text := strings.ReplaceAll(args[2], `\n`, "\n")
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	defer func() { ts.Check(f.Close()) }()
	if !strings.HasSuffix(args[0], ".docx") {
		w := bufio.NewWriter(f)
		for range n {
			w.WriteString(text)
		}
		ts.Check(w.Flush())
		return
	}
	zw := zip.NewWriter(f)
	part, err := zw.Create("word/document.xml")
	ts.Check(err)
	w := bufio.NewWriter(part)
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	p := "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"
	for range n {
		w.WriteString(p)
	}
	w.WriteString("</w:body></w:document>")
	ts.Check(w.Flush())
	ts.Check(zw.Close())
}
