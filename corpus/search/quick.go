package search

import (
	"os"
	"strings"

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
	// More parts than cores, taken in turn (eachOnCores).
	procs := workers()
	parts := splitLines(m.rest, 8*procs)
	var recs [][]quickRec
	if m.quick != nil {
		parts, recs = nil, splitRecs(m.quick.recs, 8*procs)
	}
	docs := make([]uint64, procs)
	pieced := make([]bool, procs)
	n := make([]int, procs)
	stats := make([]*nameStat, procs)
	if !eachOnCores(len(parts)+len(recs), func(w, i int) bool {
		if stats[w] == nil {
			stats[w] = newNameStat(dir)
		}
		ns := stats[w]
		if recs != nil {
			for _, r := range recs[i] {
				st := fileState{Size: r.size, MTime: r.mtime}
				if r.mtime == 0 || !st.sameStat(ns.stat(r.id, ".txt")) {
					return false
				}
				docs[w] += uint64(r.docs)
				pieced[w] = pieced[w] || r.pieces > 0
				n[w]++
			}
			return true
		}
		for text := parts[i]; len(text) > 0; {
			var line string
			line, text = nextLine(text)
			st, d, p, ok := quickEntry(line)
			if !ok || !st.sameStat(ns.stat(st.Hash, ".txt")) {
				return false
			}
			docs[w] += uint64(d)
			pieced[w] = pieced[w] || p > 0
			n[w]++
		}
		return true
	}) {
		return false
	}
	for w := range procs {
		m.quickDocs += docs[w]
		m.quickPieced = m.quickPieced || pieced[w]
		ix.Stats.Unchanged += n[w]
	}
	return true
}

// quickEntry reads what the quick check needs of a transcript's line:
// its text file's size and trusted mtime (and, in Hash, the transcript's
// id), its documents and pieces. ok is false for any line that is not a
// well-formed transcript's or whose mtime is not trusted.
//
// It reads the line in place, without splitting it into fields (at
// 10,000 participants, splitting every line was most of the check's work
// after the stats), and is stricter than fields and parseLine: a line
// they would accept and it does not only sends the update the long way.
func quickEntry(line string) (st fileState, docs, pieces int, ok bool) {
	st, docs, pieces, ok = parseQuick(line)
	if !ok || st.MTime == 0 {
		return st, 0, 0, false
	}
	return st, docs, pieces, true
}

// parseQuick is quickEntry without its test of the mtime.
func parseQuick(line string) (st fileState, docs, pieces int, ok bool) {
	// t ID LINES DOCS PIECES ATTRS SIZE MTIME HASH [CODER SIZE MTIME HASH]...
	var f [9]string
	rest, ok := strings.CutPrefix(line, "t ")
	if !ok || strings.HasSuffix(line, " ") {
		return st, 0, 0, false
	}
	for i := 1; i < 9; i++ {
		j := strings.IndexByte(rest, ' ')
		if j < 0 {
			j = len(rest)
		}
		if i < 8 && j == len(rest) || j == 0 {
			return st, 0, 0, false
		}
		f[i], rest = rest[:j], rest[min(j+1, len(rest)):]
	}
	// The coders' fields, which the check does not use, are counted
	// (whole groups of four, no more fields in all than fields holds)
	// and not read: a damaged one fails where they are read (entries,
	// load), and that update rebuilds the index.
	if rest != "" {
		spaces := strings.Count(rest, " ")
		if rest[0] == ' ' || (spaces+1)%4 != 0 || 9+spaces+1 > 64 {
			return st, 0, 0, false
		}
	}
	// The id names the file stat'ed: only a transcript name, never a
	// path, whatever the manifest (which git may carry) says.
	if !corpus.ValidName(f[1]) {
		return st, 0, 0, false
	}
	_, ok1 := decimal(f[2])
	d, ok2 := decimal(f[3])
	p, ok3 := decimal(f[4])
	size, ok4 := decimal(f[6])
	mtime, ok5 := decimal(f[7])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 {
		return st, 0, 0, false
	}
	return fileState{Size: size, MTime: mtime, Hash: f[1]}, int(d), int(p), true
}

// decimal reads an optionally negative decimal that fits an int64
// (strconv.ParseInt's generality cost more than the rest of a line's
// reading).
func decimal(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	if s == "" || len(s) > 19 || len(s) == 19 && s > "9223372036854775807" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int64(c)
	}
	if neg {
		n = -n
	}
	return n, true
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

// splitRecs cuts recs into at most n parts.
func splitRecs(recs []quickRec, n int) [][]quickRec {
	var parts [][]quickRec
	for size := max(1, (len(recs)+n-1)/n); len(recs) > 0; recs = recs[min(size, len(recs)):] {
		parts = append(parts, recs[:min(size, len(recs))])
	}
	return parts
}

// quickOrder is each transcript's place in the manifest, which is its
// place in transcripts.csv, for a search that read no table.
func (m *manifest) quickOrder() map[string]int {
	if m.quick != nil {
		rank := make(map[string]int, len(m.quick.recs))
		for _, r := range m.quick.recs {
			if _, dup := rank[r.id]; !dup {
				rank[r.id] = len(rank)
			}
		}
		return rank
	}
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
	if m.quick != nil {
		for _, line := range m.quickLines(ids) {
			id, _, _ := strings.Cut(strings.TrimPrefix(line, "t "), " ")
			if f := fields(line, buf[:]); len(f) >= 9 && (len(f)-9)%4 == 0 && f[0] == "t" {
				if e, ok := parseEntry(f); ok {
					out[id] = e
				}
			}
		}
		return out
	}
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
