package search

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/qdatool/qda/corpus"
)

// TestAdmissionBoundsText: workers admitted by an admission, and a
// writer releasing in order, never hold more than maxCount transcripts
// or more than maxBytes of text, except one transcript alone (the long
// one still goes through), and every transcript is admitted in order.
func TestAdmissionBoundsText(t *testing.T) {
	weights := []int64{10, 50, 30, 100, 5, 5, 5, 0, 60, 1, 59, 20, 20, 20, 200, 3}
	for _, tc := range []struct {
		maxCount int
		maxBytes int64
	}{{4, 60}, {8, 60}, {2, 1000}, {8, 1}} {
		t.Run(fmt.Sprint(tc.maxCount, tc.maxBytes), func(t *testing.T) {
			adm := newAdmission(weights, tc.maxCount, tc.maxBytes)
			var mu sync.Mutex
			held, bytes, next := 0, int64(0), 0
			done := make([]chan struct{}, len(weights))
			for i := range done {
				done[i] = make(chan struct{})
			}
			var wg sync.WaitGroup
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := adm.admit()
						if i < 0 {
							return
						}
						mu.Lock()
						if i != next {
							t.Errorf("admitted %d, want %d next", i, next)
						}
						next++
						held++
						bytes += weights[i]
						if held > 1 && (held > tc.maxCount || bytes > tc.maxBytes) {
							t.Errorf("%d transcripts of %d bytes held at %d", held, bytes, i)
						}
						mu.Unlock()
						time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
						close(done[i])
					}
				}()
			}
			for i := range weights {
				<-done[i]
				mu.Lock()
				held--
				bytes -= weights[i]
				mu.Unlock()
				adm.release(i)
			}
			wg.Wait()
		})
	}
}

// TestAheadStartsNothingAfterStop: once a build's writer stops the
// workers (a transcript failed), no worker starts another transcript,
// though the admission has room for more.
func TestAheadStartsNothingAfterStop(t *testing.T) {
	defer func(f func() int, h func(*plan) error, s func()) {
		buildWorkers, analyseHook, aheadStopped = f, h, s
	}(buildWorkers, analyseHook, aheadStopped)
	buildWorkers = func() int { return 2 }
	boom, skip := errors.New("boom"), errors.New("skip")
	todo := make([]*plan, 50)
	for i := range todo {
		todo[i] = &plan{id: fmt.Sprintf("t%d", i)}
	}
	// Run again and again: a worker that may pick either of two ready
	// cases picks each at random.
	for range 30 {
		var mu sync.Mutex
		started := 0
		gate, entered := make(chan struct{}), make(chan struct{}, len(todo))
		analyseHook = func(p *plan) error {
			mu.Lock()
			started++
			mu.Unlock()
			if p.id == "t0" {
				return boom
			}
			entered <- struct{}{}
			<-gate
			return skip
		}
		aheadStopped = func() { close(gate) }
		ix := &Index{}
		next, stop := ix.analyseAhead(todo)
		if a := next(0); a.err != boom {
			t.Fatalf("t0: %v, want boom", a.err)
		}
		<-entered
		<-entered
		stop()
		if started != 3 {
			t.Fatalf("%d transcripts started, want 3 (t0, and t1 and t2 started before the stop)", started)
		}
	}
}

// TestBuildPanicLikeSerial: a panic analysing a transcript of a build
// from nothing on several workers ends Open as it does on one: with the
// panic as its error (after the rebuild it makes Open try), not the
// process.
func TestBuildPanicLikeSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and indexes a demo study")
	}
	defer func(f func() int, h func(*plan) error) { buildWorkers, analyseHook = f, h }(buildWorkers, analyseHook)
	dir := demoStudyOf(t, 20)
	ageStudy(dir)
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cix, _, err := st.LoadIndex()
	if err != nil {
		t.Fatal(err)
	}
	bad := cix.Transcripts.Rows[6].ID
	analyseHook = func(p *plan) error {
		if p.id == bad {
			panic("analysis failed on " + p.id)
		}
		return nil
	}
	var want string
	for _, workers := range []int{1, 2} {
		buildWorkers = func() int { return workers }
		if err := os.RemoveAll(filepath.Join(dir, Dir)); err != nil {
			t.Fatal(err)
		}
		err := openErr(t, dir)
		if err == nil {
			t.Fatalf("%d workers: opened, want the panic", workers)
		}
		if !isPanic(err) {
			t.Fatalf("%d workers: %v, want the panic as a panicError", workers, err)
		}
		if workers == 1 {
			want = err.Error()
		} else if err.Error() != want {
			t.Fatalf("%d workers: %v, one worker %v", workers, err, want)
		}
	}
}

// openErr opens the index of the study in dir, as a process would, and
// returns Open's error.
func openErr(t *testing.T, dir string) error {
	t.Helper()
	ix, err := openTried(t, dir, Options{})
	if err == nil {
		ix.Close()
	}
	return err
}

// TestTextWeight: a transcript weighs its text as statted; one too large
// to be read nothing; one whose stat failed all qda may read of it.
func TestTextWeight(t *testing.T) {
	for _, tc := range []struct{ size, want int64 }{
		{0, 0}, {5000, 5000}, {corpus.MaxFileSize, corpus.MaxFileSize},
		{corpus.MaxFileSize + 1, 0}, {-1, corpus.MaxFileSize},
	} {
		if got := textWeight(&plan{text: fileState{Size: tc.size}}); got != tc.want {
			t.Errorf("size %d: weight %d, want %d", tc.size, got, tc.want)
		}
	}
}
