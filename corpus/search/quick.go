package search

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/qdatool/qda/corpus"
)

// The quick check is what a search pays when nothing changed, which is
// nearly every search: at 10,000 participants, parsing the two tables
// and the manifest's 14,000 entries cost more than the stats that decide
// whether anything moved. So a search (Options.LazyCodings) first
// compares, on the manifest's bytes, what the index holds with the
// files, reading no table and building no entry:
//
//   - participants.csv and transcripts.csv have the size and mtime the
//     manifest recorded, and that mtime was old enough to trust when it
//     was recorded (racyWindow). The manifest is saved only by an update
//     that read both tables whole and found no problem in them, and it
//     lists the transcripts of transcripts.csv's rows in their order; so
//     unchanged tables mean the same transcripts, attributes and order.
//   - every transcript's text file has the size and mtime the manifest
//     recorded, trusted as above: one stat per file, relative to the
//     folder, on every core. This is the check an edit written in place
//     (nano, VS Code, a shell's >>) cannot escape, since it leaves the
//     folder's mtime alone; it is kept for every file, and is most of
//     what is left of a search's fixed cost.
//
// Codings files are checked after the query, for the transcripts
// printed (codings.go). Anything else, or anything that does not match,
// and the update parses everything and proceeds as it always did.

// quick reports whether the quick check finds nothing moved. When it
// does, the manifest's entries stay unparsed and the tables unread.
func (ix *Index) quick() bool {
	m := ix.man
	if !ix.lazy || m.Transcripts != nil {
		return false
	}
	for _, t := range []string{corpus.ParticipantsFile, corpus.TranscriptsFile} {
		old, ok := m.Tables[t]
		fi, err := os.Stat(ix.study.Path(t))
		if !ok || old.MTime == 0 || err != nil || !old.sameStat(fileState{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}) {
			return false
		}
	}
	dir, err := os.Open(ix.study.Path(corpus.TranscriptsDir))
	if err != nil {
		return false
	}
	defer dir.Close()
	parts := splitLines(m.rest, max(1, runtime.GOMAXPROCS(0)))
	var moved atomic.Bool
	docs := make([]uint64, len(parts))
	pieced := make([]bool, len(parts))
	n := make([]int, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf [64]string
			for text := part; len(text) > 0 && !moved.Load(); {
				var line string
				line, text = nextLine(text)
				st, d, p, ok := quickEntry(fields(line, buf[:]))
				if !ok || !st.sameStat(statAt(dir, st.Hash+".txt")) {
					moved.Store(true)
					return
				}
				docs[i] += uint64(d)
				pieced[i] = pieced[i] || p > 0
				n[i]++
			}
		}()
	}
	wg.Wait()
	if moved.Load() {
		return false
	}
	for i := range parts {
		m.quickDocs += docs[i]
		m.quickPieced = m.quickPieced || pieced[i]
		ix.Stats.Unchanged += n[i]
	}
	return true
}

// quickEntry reads what the quick check needs of a transcript's line:
// its text file's size and trusted mtime (and, in Hash, the transcript's
// id), its documents and pieces. ok is false for any line that is not a
// well-formed transcript's or whose mtime is not trusted.
func quickEntry(f []string) (st fileState, docs, pieces int, ok bool) {
	// The id names the file stat'ed: only a transcript name, never a
	// path, whatever the manifest (which git may carry) says.
	if len(f) < 9 || (len(f)-9)%4 != 0 || f[0] != "t" || !corpus.ValidName(f[1]) {
		return st, 0, 0, false
	}
	size, err1 := strconv.ParseInt(f[6], 10, 64)
	mtime, err2 := strconv.ParseInt(f[7], 10, 64)
	docs, err3 := strconv.Atoi(f[3])
	pieces, err4 := strconv.Atoi(f[4])
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || mtime == 0 {
		return st, 0, 0, false
	}
	return fileState{Size: size, MTime: mtime, Hash: f[1]}, docs, pieces, true
}

// splitLines cuts text into at most n parts of whole lines.
func splitLines(text string, n int) []string {
	var parts []string
	for i := n; i > 1 && len(text) > 0; i-- {
		cut := len(text) / i
		j := strings.IndexByte(text[cut:], '\n')
		if j < 0 {
			break
		}
		parts = append(parts, text[:cut+j+1])
		text = text[cut+j+1:]
	}
	if len(text) > 0 {
		parts = append(parts, text)
	}
	return parts
}

// quickOrder is each transcript's place in the manifest, which is its
// place in transcripts.csv, for a search that read no table.
func (m *manifest) quickOrder() map[string]int {
	rank := make(map[string]int, strings.Count(m.rest, "\n")+1)
	for text := m.rest; len(text) > 0; {
		var line string
		line, text = nextLine(text)
		// The id alone: quick checked every line's shape.
		id, _, _ := strings.Cut(strings.TrimPrefix(line, "t "), " ")
		if _, dup := rank[id]; !dup {
			rank[id] = len(rank)
		}
	}
	return rank
}

// entries are the manifest's entries of the transcripts ids, parsed
// from its bytes when it is not loaded; a transcript it does not hold
// has none.
func (m *manifest) entries(ids map[string]bool) map[string]*entry {
	out := make(map[string]*entry, len(ids))
	if m.Transcripts != nil {
		for id := range ids {
			if e := m.Transcripts[id]; e != nil {
				out[id] = e
			}
		}
		return out
	}
	var buf [64]string
	for text := m.rest; len(text) > 0 && len(out) < len(ids); {
		var line string
		line, text = nextLine(text)
		id, _, _ := strings.Cut(strings.TrimPrefix(line, "t "), " ")
		if !ids[id] {
			continue
		}
		if f := fields(line, buf[:]); len(f) >= 9 && (len(f)-9)%4 == 0 && f[0] == "t" {
			if e, ok := parseEntry(f); ok {
				out[id] = e
			}
		}
	}
	return out
}

// needTables reads the tables' rows if the index was opened without them
// (Options.Tables).
func (ix *Index) needTables() error {
	if ix.tables == nil {
		return nil
	}
	cix, err := ix.tables()
	if err != nil {
		return err
	}
	ix.cix, ix.tables, ix.rank = cix, nil, nil
	return nil
}
