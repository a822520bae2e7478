//go:build unix

package corpus

import (
	"os"
	"path"
	"sync"

	"golang.org/x/sys/unix"
)

// rename renames a batch's temporary file temp over the study's file rel
// with one renameat(2) between their two folders, each opened once a
// batch through the study's root: the root would walk both paths from the
// top, a few system calls a folder, for each of tens of thousands of
// files. The names given are single path elements, so the rename stays
// in those folders and replaces a link at rel rather than following it.
// The file replaced is held open across the rename (where the system
// allows, holdOld) and let go by the batch's releasers, below.
func (d *folders) rename(r *os.Root, temp, rel string) error {
	from, err := d.folder(r, path.Dir(temp))
	if err != nil {
		return err
	}
	to, err := d.folder(r, path.Dir(rel))
	if err != nil {
		return err
	}
	old, isDir := holdOld(int(to.Fd()), path.Base(rel))
	if isDir {
		return errFolder(rel)
	}
	err = unix.Renameat(int(from.Fd()), path.Base(temp), int(to.Fd()), path.Base(rel))
	d.replaced.release(old)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: temp, New: rel, Err: err}
	}
	return nil
}

// folder is the study's folder dir, opened through its root the first
// time a batch needs it.
func (d *folders) folder(r *os.Root, dir string) (*os.File, error) {
	if f := d.open[dir]; f != nil {
		return f, nil
	}
	f, err := openIn(r, dir, dir, wantFolder)
	if err != nil {
		return nil, err
	}
	d.open[dir] = f
	return f, nil
}

// replaced lets go of the files a batch's renames replaced, several at a
// time. A rename over a file that nothing else holds frees the old file
// inside the rename, and freeing is the slow part: on a file system
// mounted with discard (and no journal) each freed file waits for the
// disk to discard its blocks, and renames between two folders are made
// one at a time (the kernel serialises them), so at 10,000 participants
// 32,000 renames took 22 s, nearly all of it waiting. Held open, the old
// file is only unlinked by the rename; the last close frees it, and
// closes on several threads wait for the disk together (about 5 times
// faster measured here). At most releaseAhead files are held at once.
type replaced struct {
	fds  chan int
	wg   sync.WaitGroup
	once sync.Once
}

const (
	releasers    = 16
	releaseAhead = 256
)

// release hands fd (an old file held open, or -1 for none) to the
// releasers, started with the first. After wait there are none: fd is
// closed here and now, rather than sent where nothing receives.
func (p *replaced) release(fd int) {
	if fd < 0 {
		return
	}
	p.once.Do(func() {
		fds := make(chan int, releaseAhead)
		p.fds = fds
		for range releasers {
			p.wg.Go(func() {
				for fd := range fds {
					unix.Close(fd)
				}
			})
		}
	})
	if p.fds == nil {
		unix.Close(fd)
		return
	}
	p.fds <- fd
}

// wait lets go of every file still held and waits until they are all
// closed; a release after it closes its file at once.
func (p *replaced) wait() {
	p.once.Do(func() {}) // none started: none will be
	if p.fds != nil {
		close(p.fds)
		p.wg.Wait()
		p.fds = nil
	}
}
