// Command refi writes hostile REFI-QDA inputs for measuring import's peak
// memory and time (see docs/refi.md, "Limits"):
//
//	go run ./bench/hostile/refi source OUT.qdpx MB   one source of MB megabytes
//	go run ./bench/hostile/refi codes OUT.qdpx N     a project of N codes
//	go run ./bench/hostile/refi qdc OUT.qdc N        a codebook of N codes
//
// Measure with: /usr/bin/time -v qda import qdpx OUT.qdpx study
package main

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
)

const guid = "00000000-0000-4000-8000-%012d"

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: refi source|codes|qdc OUT N")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[3])
	if err == nil {
		err = write(os.Args[1], os.Args[2], n)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "refi:", err)
		os.Exit(1)
	}
}

func write(kind, out string, n int) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	if kind == "qdc" {
		w := bufio.NewWriter(f)
		fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<Codes>\n")
		codes(w, n)
		fmt.Fprintf(w, "</Codes>\n</CodeBook>\n")
		return w.Flush()
	}
	zw := zip.NewWriter(f)
	qde, err := zw.Create("project.qde")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(qde)
	fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"hostile\">\n")
	switch kind {
	case "codes":
		fmt.Fprintf(w, "<CodeBook><Codes>\n")
		codes(w, n)
		fmt.Fprintf(w, "</Codes></CodeBook>\n</Project>\n")
	case "source":
		fmt.Fprintf(w, "<Sources><TextSource guid=\""+guid+"\" name=\"big\" plainTextPath=\"internal://big.txt\">"+
			"<PlainTextSelection guid=\""+guid+"\" startPosition=\"0\" endPosition=\"10\"/></TextSource></Sources>\n</Project>\n", 1, 2)
	default:
		return fmt.Errorf("unknown kind %q", kind)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if kind == "source" {
		src, err := zw.Create("sources/big.txt")
		if err != nil {
			return err
		}
		line := "Ann: We talked about the garden and the long winter that year.\n"
		for written := 0; written < n<<20; written += len(line) {
			if _, err := io.WriteString(src, line); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

// codes writes n sibling codes, named apart.
func codes(w io.Writer, n int) {
	for i := range n {
		fmt.Fprintf(w, "<Code guid=\""+guid+"\" name=\"code %d\" isCodable=\"true\"/>\n", i+10, i)
	}
}
