package ahead

import (
	"encoding/binary"
	"unsafe"
)

// The quick file (corpus/search/quickfile.go says what it holds and
// why) is framed here, for the search that reads it and for the sweep
// started before it (ahead.go): a magic line, a head, then a record per
// transcript, each its id's length in a byte, the id, and fixed-width
// fields.
const (
	QuickMagic = "qda-quick 1\n"
	// QuickHead follows the magic line: the manifest's size, mtime and
	// inode, the length of its head (uint64 each), the records' count
	// (uint32).
	QuickHead = 36
	// QuickFields follow a record's id: its documents and pieces
	// (uint32), its text's size and mtime and its line's offset in the
	// manifest (uint64), that line's length (uint32).
	QuickFields = 36
)

// QuickRecords calls each with every record of quick file data, its id
// (a string into data, which must not change after) and its fields, and
// reports whether data is whole and well framed: the magic line, a head,
// as many records as it counts, nothing after them. It stops, false,
// where each returns false.
func QuickRecords(data []byte, each func(id string, fields []byte) bool) bool {
	return quickWalk(data, func(_ int, id string, fields []byte) bool { return each(id, fields) })
}

// quickWalk is QuickRecords, each also given the offset of its record.
func quickWalk(data []byte, each func(at int, id string, fields []byte) bool) bool {
	at := len(QuickMagic) + QuickHead
	if len(data) < at || string(data[:len(QuickMagic)]) != QuickMagic {
		return false
	}
	n := int(binary.LittleEndian.Uint32(data[at-4 : at]))
	// Ids into data: a string per id was a third of the reading.
	text := unsafe.String(&data[0], len(data))
	for range n {
		if at >= len(data) || len(data)-at < 1+int(data[at])+QuickFields {
			return false
		}
		id, fields, next := quickRecord(text, data, at)
		if !each(at, id, fields) {
			return false
		}
		at = next
	}
	return at == len(data)
}

// quickRecord is the record at offset at of a quick file's data (and
// its text, the same bytes), and the offset of the next one: framed as
// quickWalk checked.
func quickRecord(text string, data []byte, at int) (id string, fields []byte, next int) {
	k := int(data[at])
	return text[at+1 : at+1+k], data[at+1+k : at+1+k+QuickFields], at + 1 + k + QuickFields
}

// QuickStat is the text size and mtime a record's fields hold (the
// mtime 0 when it was too recent to trust when recorded).
func QuickStat(fields []byte) State {
	le := binary.LittleEndian
	return State{Size: int64(le.Uint64(fields[8:])), MTime: int64(le.Uint64(fields[16:]))}
}

// QuickHeadInfo is a quick file's head: the manifest it was made from
// (size, mtime, inode), the length of that manifest's head, the records'
// count.
type QuickHeadInfo struct {
	Size, MTime int64
	Ino         uint64
	HeadLen     int64
	N           int
}

// QuickHeadOf reads data's head; false unless it is a quick file's
// whose head lies inside its manifest and whose records could fit in
// data.
func QuickHeadOf(data []byte) (QuickHeadInfo, bool) {
	at := len(QuickMagic) + QuickHead
	if len(data) < at || string(data[:len(QuickMagic)]) != QuickMagic {
		return QuickHeadInfo{}, false
	}
	le := binary.LittleEndian
	b := data[len(QuickMagic):]
	h := QuickHeadInfo{Size: int64(le.Uint64(b)), MTime: int64(le.Uint64(b[8:])), Ino: le.Uint64(b[16:]),
		HeadLen: int64(le.Uint64(b[24:])), N: int(le.Uint32(b[32:36]))}
	if h.HeadLen < 0 || h.HeadLen > h.Size || h.N > (len(data)-at)/(1+2+QuickFields) {
		return QuickHeadInfo{}, false
	}
	return h, true
}

// QuickValid reports whether a record of the quick file whose head is h
// may be used: its id a transcript's name (it names the file the check
// stats) and its line inside the manifest, after its head. Written so
// that no offset or length, however forged, wraps around.
func QuickValid(h QuickHeadInfo, id string, fields []byte) bool {
	off, n := QuickLine(fields)
	return ValidName(id) && off >= h.HeadLen && off <= h.Size && n <= h.Size-off
}

// QuickLine is the offset and length of a record's line in the manifest.
func QuickLine(fields []byte) (off, n int64) {
	le := binary.LittleEndian
	return int64(le.Uint64(fields[24:])), int64(le.Uint32(fields[32:]))
}

// QuickCounts are a record's documents and pieces.
func QuickCounts(fields []byte) (docs, pieces uint32) {
	le := binary.LittleEndian
	return le.Uint32(fields), le.Uint32(fields[4:])
}

// ValidName is corpus.ValidName (which says why it is what it is):
// here for the quick file's records, checked as qda starts. The grammar
// is ^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$, checked by hand.
func ValidName(s string) bool {
	if s == "" || len(s) > 100 || !isNameByte(s[0]) || s[0] == '_' || s[0] == '-' {
		return false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			if i+1 == len(s) || !isNameByte(s[i+1]) {
				return false
			}
		case !isNameByte(c):
			return false
		}
	}
	return true
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
