package search

import (
	"sync"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/search/zapwrite"
)

// A build from nothing analyses on every core: the English, exact and
// keyword analysis of a transcript's lines is most of a build's CPU,
// and each transcript's is its own. Workers read and analyse
// transcripts a few ahead of the one being written, each into a
// docRecord, the writer's calls that segmentLines and segmentTranscript
// make, and the build's goroutine replays the records into the one
// zapwrite.Writer strictly in the order of todo. The writer so gets the
// same calls in the same order as when it is given them directly, and
// the segment is the same, byte for byte (TestParallelBuildLikeSerial).

// What waits for the writer is bounded twice. aheadPerWorker bounds
// how many transcripts each worker may have read and analysed before the
// writer takes them: enough that a worker never waits for the writer
// between two transcripts. aheadBytes bounds the text of those
// transcripts: a record is about twenty times its transcript's text
// (measured: 18-22x), and a transcript may be up to corpus.MaxFileSize,
// so a count alone would let a few long transcripts hold gigabytes, and
// more the more cores. The next transcript is always admitted when none
// waits, however long it is.
const (
	aheadPerWorker = 2
	aheadBytes     = 32 << 20
)

// buildWorkers is how many workers analyse a build: one analyses on
// the build's goroutine, writing to the writer directly (a record would
// only cost its copy). A variable for tests.
var buildWorkers = workers

// analyseHook, when set (tests), is called before a transcript is read
// for a build from nothing, on the goroutine that analyses it; an error
// is that transcript's error.
var analyseHook func(p *plan) error

// aheadStopped, when set (tests), is called by stop once no transcript
// is admitted any more, before it waits for the workers.
var aheadStopped func()

// admission admits transcripts to the workers one by one in todo's
// order while what is admitted and not yet released (taken by the
// writer) stays within maxCount transcripts and maxBytes of text, or is
// nothing. In order, so the transcript the writer waits for is always
// admitted: all before it are released, so nothing holds the budget.
type admission struct {
	mu       sync.Mutex
	cond     sync.Cond
	weights  []int64 // of todo's transcripts, their text's size
	next     int
	count    int
	bytes    int64
	maxCount int
	maxBytes int64
	closed   bool
}

func newAdmission(weights []int64, maxCount int, maxBytes int64) *admission {
	a := &admission{weights: weights, maxCount: maxCount, maxBytes: maxBytes}
	a.cond.L = &a.mu
	return a
}

// admit waits until the next transcript may be analysed and returns its
// index, or -1 once closed (then never another: a worker that was
// waiting when the build failed starts nothing) or when all are taken.
func (a *admission) admit() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	for {
		if a.closed || a.next >= len(a.weights) {
			return -1
		}
		w := a.weights[a.next]
		if a.count == 0 || a.count < a.maxCount && a.bytes+w <= a.maxBytes {
			i := a.next
			a.next++
			a.count++
			a.bytes += w
			return i
		}
		a.cond.Wait()
	}
}

// release says the writer took transcript i's record.
func (a *admission) release(i int) {
	a.mu.Lock()
	a.count--
	a.bytes -= a.weights[i]
	a.mu.Unlock()
	a.cond.Broadcast()
}

func (a *admission) close() {
	a.mu.Lock()
	a.closed = true
	a.mu.Unlock()
	a.cond.Broadcast()
}

// textWeight is the text a transcript's record is made of, as its stat
// said: none for a file too large to be read, which read skips; as much
// as qda reads from a file when the stat failed (the read may not).
func textWeight(p *plan) int64 {
	switch {
	case p.text.Size > corpus.MaxFileSize:
		return 0
	case p.text.Size < 0:
		return corpus.MaxFileSize
	}
	return p.text.Size
}

// analysed is a transcript of todo read and analysed by a worker.
type analysed struct {
	done    chan struct{} // closed once the rest is set
	e       *entry
	lines   int
	pieced  int
	write   func(w *zapwrite.Writer) // nil when read found nothing to index
	notices []string
	err     error
}

// analyseAhead starts the workers on todo. next(i) waits for todo[i]
// and must be called for i = 0, 1, 2... in turn; stop ends the workers
// (those analysing finish first) and must be called, also after an error
// (again is nothing).
func (ix *Index) analyseAhead(todo []*plan) (next func(i int) *analysed, stop func()) {
	procs := buildWorkers()
	if procs == 1 {
		return ix.analyseHere(todo), func() {}
	}
	slots := make([]analysed, len(todo))
	for i := range slots {
		slots[i].done = make(chan struct{})
	}
	weights := make([]int64, len(todo))
	for i, p := range todo {
		weights[i] = textWeight(p)
	}
	adm := newAdmission(weights, aheadPerWorker*procs, aheadBytes)
	var wg sync.WaitGroup
	for range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := adm.admit()
				if i < 0 {
					return
				}
				a := &slots[i]
				ix.analyseSafely(todo[i], a)
				close(a.done)
			}
		}()
	}
	next = func(i int) *analysed {
		a := &slots[i]
		<-a.done
		r := *a
		// The slot lets its record go once the writer has it.
		*a = analysed{done: a.done}
		adm.release(i)
		return &r
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			adm.close()
			if aheadStopped != nil {
				aheadStopped()
			}
			wg.Wait()
		})
	}
	return next, stop
}

// analyseSafely is analyse with a panic (bleve's analysis, a bug) kept
// as the transcript's error, a panicError: the writer's goroutine returns
// it, as safely would have made of the same panic on one core, and Open
// rebuilds, instead of the process ending on a worker's goroutine.
func (ix *Index) analyseSafely(p *plan, a *analysed) {
	defer func() {
		if v := recover(); v != nil {
			a.write, a.err = nil, panicError{v}
		}
	}()
	ix.analyse(p, a)
}

// analyse reads p, as the serial build does, and records its documents.
// The manifest holds nothing yet (a build from nothing), so read is
// given no old entry and touches neither the manifest nor ix's notices.
func (ix *Index) analyse(p *plan, a *analysed) {
	if analyseHook != nil {
		if a.err = analyseHook(p); a.err != nil {
			return
		}
	}
	e, t, codings, err := ix.readFrom(p, nil, func(msg string) { a.notices = append(a.notices, msg) })
	a.e, a.err = e, err
	if err != nil || t == nil {
		return
	}
	rec := records.Get().(*docRecord)
	a.pieced = segmentLines(rec, t, codings, p.attrs, ix.an)
	segmentTranscript(rec, p.id, p.attrs)
	a.lines = t.Len()
	a.write = func(w *zapwrite.Writer) {
		rec.replay(w)
		rec.reset()
		records.Put(rec)
	}
}

// records are docRecords replayed, kept for the next transcripts, so
// that a record's slices grow to a transcript's size once rather than
// for every transcript (growing and clearing slices was about a tenth
// of a profile of a 2,000-participant build).
var records = sync.Pool{New: func() any { return &docRecord{} }}

// analyseHere is analyseAhead's next on one core: each transcript read
// when the writer asks for it, and its documents given to the writer as
// they are made.
func (ix *Index) analyseHere(todo []*plan) func(i int) *analysed {
	return func(i int) *analysed {
		p, a := todo[i], &analysed{}
		if analyseHook != nil {
			if a.err = analyseHook(p); a.err != nil {
				return a
			}
		}
		e, t, codings, err := ix.readFrom(p, nil, func(msg string) { a.notices = append(a.notices, msg) })
		a.e, a.err = e, err
		if err != nil || t == nil {
			return a
		}
		a.lines = t.Len()
		a.write = func(w *zapwrite.Writer) {
			a.pieced = segmentLines(w, t, codings, p.attrs, ix.an)
			segmentTranscript(w, p.id, p.attrs)
		}
		return a
	}
}

// docRecord is a docSink that keeps the calls it is given, compactly
// (the bytes of terms and values one after another, 20 bytes an op),
// for replay to give a zapwrite.Writer.
type docRecord struct {
	ops    []docOp
	ids    []string
	bytes  []byte
	arrays []uint64
	fields []recordField // by the numbers Field gave
	named  map[recordField]zapwrite.Field
}

type recordField struct {
	name    string
	vectors bool
}

type docOp struct {
	kind            uint8
	field           zapwrite.Field
	n               uint32 // the op's bytes, after the previous op's; a Store's array positions
	pos, start, end uint32
}

const (
	opDoc = iota
	opField
	opToken
	opStore
)

// StartDoc keeps the id as it is: the writer keeps ids as strings.
func (r *docRecord) StartDoc(id string) {
	r.ids = append(r.ids, id)
	r.ops = append(r.ops, docOp{kind: opDoc})
}

// Field numbers the fields of this record. The first time a field is
// named it is named to the writer too, at the same point of the calls:
// the writer numbers and checks fields as they come.
func (r *docRecord) Field(name string, vectors bool) zapwrite.Field {
	k := recordField{name, vectors}
	if f, ok := r.named[k]; ok {
		return f
	}
	if r.named == nil {
		r.named = map[recordField]zapwrite.Field{}
	}
	f := zapwrite.Field(len(r.fields))
	r.named[k] = f
	r.fields = append(r.fields, k)
	r.ops = append(r.ops, docOp{kind: opField, field: f})
	return f
}

func (r *docRecord) Token(f zapwrite.Field, term []byte, pos, start, end int) {
	r.bytes = append(r.bytes, term...)
	r.ops = append(r.ops, docOp{kind: opToken, field: f, n: uint32(len(term)), pos: uint32(pos), start: uint32(start), end: uint32(end)})
}

func (r *docRecord) Store(f zapwrite.Field, value []byte, arrayPositions []uint64) {
	r.bytes = append(r.bytes, value...)
	r.arrays = append(r.arrays, arrayPositions...)
	r.ops = append(r.ops, docOp{kind: opStore, field: f, n: uint32(len(value)), pos: uint32(len(arrayPositions))})
}

func (r *docRecord) reset() {
	clear(r.ids)
	r.ops, r.ids, r.bytes, r.arrays, r.fields = r.ops[:0], r.ids[:0], r.bytes[:0], r.arrays[:0], r.fields[:0]
	clear(r.named)
}

// replay gives w the calls r was given, in their order.
func (r *docRecord) replay(w *zapwrite.Writer) {
	fields := make([]zapwrite.Field, len(r.fields))
	at, arr, doc := 0, 0, 0
	for _, op := range r.ops {
		b := r.bytes[at : at+int(op.n)]
		at += int(op.n)
		switch op.kind {
		case opDoc:
			w.StartDoc(r.ids[doc])
			doc++
		case opField:
			f := r.fields[op.field]
			fields[op.field] = w.Field(f.name, f.vectors)
		case opToken:
			w.Token(fields[op.field], b, int(op.pos), int(op.start), int(op.end))
		case opStore:
			var ap []uint64
			if op.pos > 0 {
				ap = r.arrays[arr : arr+int(op.pos)]
				arr += int(op.pos)
			}
			w.Store(fields[op.field], b, ap)
		}
	}
}
