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
	if !ix.lazy || m.Transcripts != nil || !ix.tablesSame() {
		// The sweep of qda's start is not asked for: its workers stop
		// and its folder is closed now, not when qda ends.
		if q := m.quick; q != nil && q.sweep != nil {
			q.sweep.Stop()
		}
		return false
	}
	q := m.records()
	if q == nil {
		return false
	}
	if q.sweep != nil {
		// Stat'ed as qda started (internal/ahead).
		// The sweep checked every record (ahead.QuickValid) and totalled
		// them: they are decoded only for hits to order and print.
		if q.sweep.Same() {
			m.quickDocs, m.quickPieced = q.sweep.Totals()
			ix.Stats.Unchanged += q.n
			return true
		}
		if !q.sweep.Refused() || m.needRest() != nil {
			return false
		}
		// A record the search may not use (a damaged or forged quick
		// file): the check reads the manifest's lines, as with no quick
		// file, and passing, writes the quick file again (saveQuick).
		m.quick = nil
		if q = m.records(); q == nil {
			return false
		}
	}
	dir, err := ix.study.OpenFolder(corpus.TranscriptsDir)
	if err != nil {
		return false
	}
	defer dir.Close()
	// More parts than cores, taken in turn (eachOnCores).
	procs := workers()
	recs, err := q.list()
	if err != nil {
		return false
	}
	parts := splitRecs(recs, 8*procs)
	docs := make([]uint64, procs)
	pieced := make([]bool, procs)
	stats := newFolderStats(map[string]*os.File{corpus.TranscriptsDir: dir})
	if !eachOnCores(len(parts), func(w, i int) bool {
		for _, r := range parts[i] {
			st := fileState{Size: r.size, MTime: r.mtime}
			if r.mtime == 0 || !st.sameStat(stats.stat(w, corpus.TranscriptsDir, r.id, ".txt")) {
				return false
			}
			docs[w] += uint64(r.docs)
			pieced[w] = pieced[w] || r.pieces > 0
		}
		return true
	}) {
		return false
	}
	for w := range procs {
		m.quickDocs += docs[w]
		m.quickPieced = m.quickPieced || pieced[w]
	}
	ix.Stats.Unchanged += q.n
	return true
}

// tablesSame reports whether both tables have the size and trusted
// mtime the manifest recorded.
func (ix *Index) tablesSame() bool {
	for _, t := range []string{corpus.ParticipantsFile, corpus.TranscriptsFile} {
		old, ok := ix.man.Tables[t]
		fi, err := os.Stat(ix.study.Path(t))
		if !ok || old.MTime == 0 || err != nil || !old.sameStat(fileState{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}) {
			return false
		}
	}
	return true
}

// quickLine reads a transcript's manifest line as the quick check needs
// it: its text file's size and mtime (0 when not trusted: the check
// fails on it), its documents and pieces, and its id. ok is false for
// any line that is not a well-formed transcript's.
//
// It reads the line in place, without splitting it into fields (at
// 10,000 participants, splitting every line was most of the check's work
// after the stats), and is stricter than fields and parseLine: a line
// they would accept and it does not only sends the update the long way.
func quickLine(line string) (quickRec, bool) {
	// t ID LINES DOCS PIECES ATTRS SIZE MTIME HASH [CODER SIZE MTIME HASH]...
	var f [9]string
	rest, ok := strings.CutPrefix(line, "t ")
	if !ok || strings.HasSuffix(line, " ") {
		return quickRec{}, false
	}
	for i := 1; i < 9; i++ {
		j := strings.IndexByte(rest, ' ')
		if j < 0 {
			j = len(rest)
		}
		if i < 8 && j == len(rest) || j == 0 {
			return quickRec{}, false
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
			return quickRec{}, false
		}
	}
	// The id names the file stat'ed: only a transcript name, never a
	// path, whatever the manifest (which git may carry) says.
	if !corpus.ValidName(f[1]) {
		return quickRec{}, false
	}
	_, ok1 := decimal(f[2])
	d, ok2 := decimal(f[3])
	p, ok3 := decimal(f[4])
	size, ok4 := decimal(f[6])
	mtime, ok5 := decimal(f[7])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || d < 0 || p < 0 || d > 1<<32-1 || p > 1<<32-1 {
		return quickRec{}, false
	}
	return quickRec{id: f[1], docs: uint32(d), pieces: uint32(p), size: size, mtime: mtime}, true
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
	q := m.records()
	if q == nil {
		return map[string]int{}
	}
	recs, err := q.list()
	if err != nil {
		return map[string]int{}
	}
	rank := make(map[string]int, len(recs))
	for _, r := range recs {
		if _, dup := rank[r.id]; !dup {
			rank[r.id] = len(rank)
		}
	}
	return rank
}

// entries are the manifest's entries of the transcripts ids, parsed
// from their lines when it is not loaded; a transcript it does not hold
// has none. A transcript listed twice has its last line's, as load
// reads it.
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
	// Parsed on every core (a common word prints most transcripts),
	// then kept in the manifest's order.
	lines := m.quickLines(ids)
	parsed := make([]*entry, len(lines))
	eachOnCores(len(lines), func(_, i int) bool {
		var buf [64]string
		if f := fields(lines[i], buf[:]); len(f) >= 9 && (len(f)-9)%4 == 0 && f[0] == "t" {
			if e, ok := parseEntry(f); ok {
				parsed[i] = e
			}
		}
		return true
	})
	for i, e := range parsed {
		if e != nil {
			id, _, _ := strings.Cut(strings.TrimPrefix(lines[i], "t "), " ")
			out[id] = e
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
