package corpus

import (
	"iter"
	"runtime"
)

// inOrder runs work on each item that items yields, on a worker per
// processor and a few items ahead per worker at most (memory stays
// bounded), and calls use with each result in the order items yielded
// them. The first error stops it: one items yields (after the results
// before it are used), one of work, or one of use. Reading a study's
// files and parsing them is most of a scan's time; this puts every core
// on it while the caller sees one file after another.
func inOrder[In, Out any](items iter.Seq2[In, error], work func(In) (Out, error), use func(Out) error) error {
	type job struct {
		in   In
		out  Out
		err  error
		done chan struct{}
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	todo := make(chan *job)
	order := make(chan *job, 4*workers)
	quit := make(chan struct{})
	defer close(quit)
	go func() {
		defer close(order)
		defer close(todo)
		for in, err := range items {
			j := &job{in: in, err: err, done: make(chan struct{})}
			if err != nil {
				close(j.done) // nothing to work on: its error comes in its turn
			}
			select {
			case order <- j:
			case <-quit:
				return
			}
			if err != nil {
				return
			}
			select {
			case todo <- j:
			case <-quit:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for j := range todo {
				j.out, j.err = work(j.in)
				close(j.done)
			}
		}()
	}
	for j := range order {
		select {
		case <-j.done:
		case <-quit:
		}
		if j.err != nil {
			return j.err
		}
		if err := use(j.out); err != nil {
			return err
		}
	}
	return nil
}
