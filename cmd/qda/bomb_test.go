package main

import (
	"archive/zip"
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdMkrepeat writes TEXT N times, for each N TEXT given, as a file or as
// the paragraphs of a .docx, for inputs too large to keep in a script (a
// small .docx that unzips to gigabytes, a text whose transcript outgrows
// it, a table of a million columns): mkrepeat FILE N TEXT [N TEXT]...
// In TEXT, \n is a line break and {i} the repetition's number from 0.
func cmdMkrepeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 || len(args)%2 == 0 {
		ts.Fatalf("usage: mkrepeat FILE N TEXT [N TEXT]...")
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	defer func() { ts.Check(f.Close()) }()
	docx := strings.HasSuffix(args[0], ".docx")
	var w *bufio.Writer
	var zw *zip.Writer
	if docx {
		zw = zip.NewWriter(f)
		part, err := zw.Create("word/document.xml")
		ts.Check(err)
		w = bufio.NewWriter(part)
		w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	} else {
		w = bufio.NewWriter(f)
	}
	for i := 1; i < len(args); i += 2 {
		var n int
		if _, err := fmt.Sscan(args[i], &n); err != nil {
			ts.Fatalf("mkrepeat: N %q: %v", args[i], err)
		}
		text := strings.ReplaceAll(args[i+1], `\n`, "\n")
		if docx {
			text = "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"
		}
		before, after, numbered := strings.Cut(text, "{i}")
		for k := range n {
			w.WriteString(before)
			if numbered {
				w.WriteString(strconv.Itoa(k))
				w.WriteString(after)
			}
		}
	}
	if docx {
		w.WriteString("</w:body></w:document>")
	}
	ts.Check(w.Flush())
	if docx {
		ts.Check(zw.Close())
	}
}
