package main

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search"
)

// A common word prints most of the study's lines: at 10,000
// participants 13,000 hits, whose codes are resolved and lines formatted
// one by one. printHitsOnCores formats them on every core, a part of
// consecutive hits at a time, and writes the parts in order as they are
// done, while the tables' rows of the transcripts printed are read
// (which only the participants of the summary, and the hits of
// transcripts the study lacks, need). Its output is printHits's, byte
// for byte.

// onCoresMaxText is the longest line printHitsOnCores formats: a longer
// one (a transcript of one line of megabytes) goes through printHits,
// which writes it without a copy.
const onCoresMaxText = 1 << 20

// canPrintOnCores reports whether printHitsOnCores prints hits: lines
// the index stored (no file to read), none longer than onCoresMaxText.
func canPrintOnCores(hits []search.Hit) bool {
	if len(hits) == 0 {
		return false
	}
	for i := range hits {
		if !hits[i].Stored || len(hits[i].Text) > onCoresMaxText {
			return false
		}
	}
	return true
}

// hitPart is a run of consecutive hits, formatted.
type hitPart struct {
	done chan struct{}
	buf  bytes.Buffer
	ends []int // each hit's end in buf
}

// printHitsOnCores prints hits (canPrintOnCores) as readHits and
// printHits without context would, and returns the summary's counts:
// rows is called once, beside the formatting, and must have read the
// rows of the hits' transcripts when it returns nil.
func printHitsOnCores(g *globals, s *session, hits []search.Hit, coders []string, rows func() error) (printed, transcripts, participants int, err error) {
	participant := func(id string) (string, bool) {
		row, ok := s.ix.Transcripts.Lookup(id)
		if !ok {
			return "", false
		}
		return s.ix.Transcripts.Get(row, "participant"), true
	}
	return printOnCores(g.stdout, isTerminal(g.stdout), termWidth(g.stdout), s.cb, hits, coders, rows, participant)
}

// printOnCores is printHitsOnCores writing to w, as on a terminal of
// width (0: not one), in colour or not; participant is the participant
// of a transcript, false for one the study lacks, once rows returned.
func printOnCores(w io.Writer, colour bool, width int, cb *codebook.Codebook, hits []search.Hit, coders []string, rows func() error, participant func(string) (string, bool)) (printed, transcripts, participants int, err error) {
	codeColour := codeColours(cb)
	procs := max(1, runtime.GOMAXPROCS(0))
	size := max(64, len(hits)/(8*procs))
	parts := make([]hitPart, (len(hits)+size-1)/size)
	for i := range parts {
		parts[i].done = make(chan struct{})
	}
	// At most a few parts wait to be written: the memory of a few parts
	// of lines, not of every hit printed.
	tokens := make(chan struct{}, 4*procs)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A resolver of its own: it caches as it resolves.
			res := corpus.NewResolver(cb)
			for {
				tokens <- struct{}{}
				p := int(next.Add(1)) - 1
				if p >= len(parts) {
					<-tokens
					return
				}
				part := &parts[p]
				from, to := p*size, min(len(hits), (p+1)*size)
				n := 0
				for i := from; i < to; i++ {
					n += len(hits[i].Transcript) + len(hits[i].Text) + 64 // and the codes, roughly
				}
				part.buf.Grow(n)
				for i := from; i < to; i++ {
					j := lineHit(&hits[i], hits[i].Text, coders, res)
					writeHitLine(&part.buf, &j, width, colour, codeColour)
					part.buf.WriteByte('\n')
					part.ends = append(part.ends, part.buf.Len())
				}
				close(part.done)
			}
		}()
	}
	err = rows()
	seenT, seenP := map[string]bool{}, map[string]bool{}
	for p := range parts {
		part := &parts[p]
		<-part.done
		if err == nil {
			// The hits kept are written in runs, a write per part.
			buf := part.buf.Bytes()
			from, run := 0, 0
			for k, end := range part.ends {
				h := &hits[p*size+k]
				// Only a damaged index names a transcript the study lacks.
				if who, ok := participant(h.Transcript); ok {
					printed++
					seenT[h.Transcript] = true
					seenP[who] = true
				} else {
					if run < from {
						_, err = w.Write(buf[run:from])
					}
					run = end
				}
				from = end
			}
			if err == nil && run < from {
				_, err = w.Write(buf[run:from])
			}
		}
		part.buf = bytes.Buffer{}
		<-tokens
	}
	wg.Wait()
	return printed, len(seenT), len(seenP), err
}
