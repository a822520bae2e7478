// Command qda is a toolkit for qualitative interview analysis: a study is
// a folder of plain text under git, and qda codes, checks, counts, searches
// and exports it.
package main

import "os"

func main() { os.Exit(Main(os.Args[1:])) }
