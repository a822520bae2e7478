package search

import (
	"os"
	"strconv"
)

// fileID is what moves when a file's bytes may have: its size, its mtime
// and, where the system gives one, its inode (0 otherwise). qda writes
// the index's files by rename, so a new inode is a new file even when a
// backup put its size and mtime back. The quick file names the manifest
// it was made from by it (quickfile.go), and the seal each segment
// (seal.go).
type fileID struct {
	size, mtime int64
	ino         uint64
}

func idOf(fi os.FileInfo) fileID {
	return fileID{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: inode(fi)}
}

// String is the id as the seal writes it: "SIZE MTIME INO", or "SIZE
// MTIME" where there is no inode.
func (id fileID) String() string {
	b := strconv.AppendInt(nil, id.size, 10)
	b = strconv.AppendInt(append(b, ' '), id.mtime, 10)
	if id.ino != 0 {
		b = strconv.AppendUint(append(b, ' '), id.ino, 10)
	}
	return string(b)
}
