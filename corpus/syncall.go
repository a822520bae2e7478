package corpus

import (
	"os"
	"strconv"
	"sync"
)

// syncEach makes the n temporary files of a batch (named 0 to n-1 in the
// folder in, open as dir) durable where there is no one call for the
// whole file system: each file is synced, several at a time, so the disk
// takes them together instead of one wait after another; then the folder,
// which a file system that cannot sync a folder skips.
func syncEach(dir *os.File, in *os.Root, n int) error {
	const workers = 16
	next := make(chan int)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range next {
				if errs[w] != nil {
					continue
				}
				f, err := in.OpenFile(strconv.Itoa(i), os.O_WRONLY, 0)
				if err == nil {
					err = f.Sync()
					f.Close()
				}
				errs[w] = err
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	dir.Sync()
	return nil
}
