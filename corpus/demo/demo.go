// Package demo generates the built-in example study that 'qda demo' writes:
// synthetic interviews written for qda, in the shape of a published study
// of a social prescribing scheme (service users interviewed once, some of
// them again about three months later, coded by three researchers with one
// framework). None of the text comes from real interviews.
//
// The study is deterministic: the same Options give byte-identical files.
// It scales: each participant is generated from a random stream of its own
// and written before the next, so memory stays flat however many there are.
package demo

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qdatool/qda/corpus"
)

// Options choose the size and the random seed of the demo study.
type Options struct {
	Participants int    // 0 means 26
	Seed         uint64 // 0 means 1
}

// Summary counts what Write wrote.
type Summary struct {
	Participants, Transcripts, FollowUps, Coders, Segments int
}

// DefaultParticipants is the size of the standard demo, as in the seed study.
const DefaultParticipants = 26

// Source is the source column of every transcript the demo writes.
const Source = "qda demo"

const workers = 2

// plan holds the choices made across the whole study before any
// participant is written: who is interviewed again, who face to face, and
// which first interviews ah codes.
type plan struct {
	seed     uint64
	followUp []bool
	f2f      []bool
	ahWave1  []bool
}

// roundShare is round(n*k/26): the seed study's proportions scaled to n.
func roundShare(n, k int) int { return (n*k + 13) / 26 }

func newPlan(n int, seed uint64) *plan {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	pl := &plan{seed: seed, followUp: make([]bool, n), f2f: make([]bool, n), ahWave1: make([]bool, n)}
	mark := func(flags []bool, k int) {
		for _, i := range r.Perm(n)[:min(k, n)] {
			flags[i] = true
		}
	}
	mark(pl.followUp, roundShare(n, 12))
	// May, the first participant, is the running example of DESIGN.md
	// and the README (may-1, may-2), so she is always interviewed again:
	// the last participant drawn for one gives her the place.
	if k := roundShare(n, 12); k > 0 && !pl.followUp[0] {
		for i := n - 1; i > 0; i-- {
			if pl.followUp[i] {
				pl.followUp[i], pl.followUp[0] = false, true
				break
			}
		}
	}
	mark(pl.f2f, max(1, roundShare(n, 2)))
	mark(pl.ahWave1, max(1, (n+1)/3))
	return pl
}

// Write writes a complete study into dir, which exists and is empty.
func Write(dir string, opt Options) (Summary, error) {
	n := opt.Participants
	if n == 0 {
		n = DefaultParticipants
	}
	if n < 0 {
		return Summary{}, fmt.Errorf("demo: participants must be positive, not %d", n)
	}
	seed := opt.Seed
	if seed == 0 {
		seed = 1
	}
	b, err := loadBank()
	if err != nil {
		return Summary{}, fmt.Errorf("demo: %v", err)
	}
	if ents, err := os.ReadDir(dir); err != nil {
		return Summary{}, err
	} else if len(ents) > 0 {
		return Summary{}, fmt.Errorf("demo: %s is not empty: the demo study is written into an empty folder", dir)
	}
	for _, d := range []string{"transcripts", "memos", "codings/jt", "codings/eh", "codings/ah"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return Summary{}, err
		}
	}
	static := []struct{ name, text string }{
		{"qda.yaml", qdaYAML},
		{"codebook.yaml", codebookYAML},
		{".gitignore", gitignore},
		{"memos/README.md", memoReadme},
	}
	for _, f := range static {
		if err := os.WriteFile(filepath.Join(dir, f.name), []byte(f.text), 0o644); err != nil {
			return Summary{}, err
		}
	}

	pl := newPlan(n, seed)
	pRows := make([][]string, n)
	tRows := make([][][]string, n)
	segs := make([]int, n)
	errs := make([]error, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{dir: dir, b: b, pl: pl, used: make([]bool, len(b.passages))}
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				pRows[i], tRows[i], segs[i], errs[i] = w.participant(i)
				if errs[i] != nil {
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return Summary{}, err
		}
	}

	sum := Summary{Participants: n, Coders: len(coders)}
	var pcsv, tcsv bytes.Buffer
	pw, tw := csv.NewWriter(&pcsv), csv.NewWriter(&tcsv)
	pw.Write([]string{"id", "pseudonym", "gender", "age_range", "trigger_group", "location", "ucla_initial", "ucla_end"})
	tw.Write([]string{"id", "participant", "wave", "mode", "date", "interviewer", "source", "sha256"})
	for i := range n {
		pw.Write(pRows[i])
		for _, row := range tRows[i] {
			tw.Write(row)
		}
		sum.Transcripts += len(tRows[i])
		if len(tRows[i]) > 1 {
			sum.FollowUps++
		}
		sum.Segments += segs[i]
	}
	pw.Flush()
	tw.Flush()
	if err := os.WriteFile(filepath.Join(dir, "participants.csv"), pcsv.Bytes(), 0o644); err != nil {
		return Summary{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "transcripts.csv"), tcsv.Bytes(), 0o644); err != nil {
		return Summary{}, err
	}
	return sum, nil
}

// worker writes participants one at a time, reusing its buffers.
type worker struct {
	dir   string
	b     *bank
	pl    *plan
	lines []string
	used  []bool
}

var (
	firstDay     = time.Date(2017, time.October, 3, 0, 0, 0, 0, time.UTC)
	lastDay      = time.Date(2018, time.December, 20, 0, 0, 0, 0, time.UTC)
	lastFollowed = time.Date(2018, time.September, 10, 0, 0, 0, 0, time.UTC) // leaves room for a follow-up
)

// weekday moves a weekend date back to the Friday before.
func weekday(d time.Time) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDate(0, 0, -1)
	case time.Sunday:
		return d.AddDate(0, 0, -2)
	}
	return d
}

func days(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// participant generates and writes participant i: its transcripts and
// their codings. It returns the participant's CSV row, its transcripts'
// rows and how many segments it wrote.
func (w *worker) participant(i int) ([]string, [][]string, int, error) {
	r := rand.New(rand.NewPCG(w.pl.seed, uint64(i)*0x9e3779b97f4a7c15+1))
	p := newPerson(i, r)
	prow := []string{p.id, p.name, p.gender, ageRanges[p.ageBand], p.trigger, p.location,
		strconv.Itoa(p.uclaA), strconv.Itoa(p.uclaB)}

	last := lastDay
	if w.pl.followUp[i] {
		last = lastFollowed
	}
	date := weekday(firstDay.AddDate(0, 0, r.IntN(days(firstDay, last)+1)))
	who := pickOne(r, coders)

	var trows [][]string
	nsegs := 0
	waves := 1
	if w.pl.followUp[i] {
		waves = 2
	}
	for wave := 1; wave <= waves; wave++ {
		tel := wave == 2 || !w.pl.f2f[i]
		if wave == 2 {
			date = weekday(date.AddDate(0, 0, 84+r.IntN(13)))
			if r.IntN(4) == 0 {
				who = pickOne(r, coders)
			}
		}
		g := newInterview(w.b, r, p, wave, tel, w.lines, w.used)
		g.write()
		w.lines = g.lines
		data := g.bytes()
		id := p.id + "-" + strconv.Itoa(wave)
		if err := os.WriteFile(filepath.Join(w.dir, "transcripts", id+".txt"), data, 0o644); err != nil {
			return nil, nil, 0, err
		}
		sum := sha256.Sum256(data)
		mode := "telephone"
		if !tel {
			mode = "face-to-face"
		}
		trows = append(trows, []string{id, p.id, strconv.Itoa(wave), mode, date.Format(time.DateOnly), who, Source, hex.EncodeToString(sum[:])})

		t := corpus.ParseTranscript(id, data)
		for _, c := range coders {
			var segs []corpus.Segment
			switch {
			case c == coderJT:
				segs = codeJT(r, t, g.units)
			case c == coderEH && wave == 1:
				segs = codeEH(r, t, g.units)
			case c == coderAH && (wave == 2 || w.pl.ahWave1[i]):
				segs = codeAH(r, t, g.units)
			default:
				continue
			}
			nsegs += len(segs)
			if err := os.WriteFile(filepath.Join(w.dir, "codings", c, id+".yaml"), corpus.MarshalCodings(segs), 0o644); err != nil {
				return nil, nil, 0, err
			}
		}
	}
	return prow, trows, nsegs, nil
}
