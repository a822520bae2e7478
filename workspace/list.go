package workspace

import (
	"strings"

	"github.com/qdatool/qda/corpus"
)

// Item is one transcript of the list.
type Item struct {
	ID          string
	Participant string
	Lines       int // -1 until read: List.Lines reads it
	// Coded is the lines this coder's segments cover; Mine says they
	// have a codings file, None that it says nothing applies.
	Coded      int
	Mine, None bool
	Others     []string // other coders with a codings file for it
	hay        string   // what the filter matches: lower-cased id, participant, coders
}

// Done reports whether this coder is through with the transcript: coded
// (a file with segments) or read with nothing applying.
func (it *Item) Done() bool { return it.Mine }

// List is the transcript list, filtered as the user types.
type List struct {
	Items  []Item
	Query  string
	Shown  []int // indexes into Items that match Query, in order
	Cursor int   // index into Shown
	study  *corpus.Study
}

// LoadList lists the study's transcripts with coder's progress in each.
// It reads no transcript and only this coder's codings files: who coded
// what is in the index (a listing of each coder's folder), and a line
// count is read when its row is drawn (Lines): reading every transcript
// and every coder's files of a 10,000-participant study first kept the
// list off the screen for seconds.
func LoadList(st *corpus.Study, ix *corpus.Index, coder string) (*List, error) {
	items := make([]Item, len(ix.Transcripts.Rows))
	for i, r := range ix.Transcripts.Rows {
		it := Item{ID: r.ID, Participant: ix.Transcripts.Get(r, "participant"), Lines: -1}
		for _, c := range ix.Coders {
			if !ix.HasCoded(c, r.ID) {
				continue
			}
			if c == coder {
				it.Mine = true
				continue
			}
			it.Others = append(it.Others, c)
		}
		if it.Mine {
			cs, err := st.ReadCodings(coder, r.ID)
			if err != nil {
				return nil, err
			}
			if cs != nil {
				it.Coded, it.None = CodedLines(cs.Segments), cs.None
			}
		}
		it.index()
		items[i] = it
	}
	l := NewList(items)
	l.study = st
	return l, nil
}

// Lines is the number of lines of the item Shown[i], read from its
// transcript the first time it is asked for; -1 when it cannot be read.
func (l *List) Lines(i int) int {
	it := &l.Items[l.Shown[i]]
	if it.Lines >= 0 || l.study == nil {
		return it.Lines
	}
	t, err := l.study.ReadTranscript(it.ID)
	if err != nil {
		return -1
	}
	it.Lines = t.Len()
	return it.Lines
}

func (it *Item) index() {
	it.hay = strings.ToLower(it.ID + " " + it.Participant + " " + strings.Join(it.Others, " "))
}

// NewList is a list of items, unfiltered.
func NewList(items []Item) *List {
	l := &List{Items: items}
	for i := range l.Items {
		if l.Items[i].hay == "" {
			l.Items[i].index()
		}
	}
	l.SetQuery("")
	return l
}

// SetQuery filters the list: an item matches when every word of q is in
// its id, participant or coders, in any case. The cursor stays on the
// item it was on when that item still matches.
func (l *List) SetQuery(q string) {
	var keep string
	if it, ok := l.Selected(); ok {
		keep = it.ID
	}
	l.Query = q
	words := strings.Fields(strings.ToLower(q))
	l.Shown = l.Shown[:0]
	l.Cursor = 0
	for i := range l.Items {
		if matchAll(l.Items[i].hay, words) {
			if l.Items[i].ID == keep {
				l.Cursor = len(l.Shown)
			}
			l.Shown = append(l.Shown, i)
		}
	}
}

func matchAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// Selected is the item under the cursor.
func (l *List) Selected() (*Item, bool) {
	if l.Cursor < 0 || l.Cursor >= len(l.Shown) {
		return nil, false
	}
	return &l.Items[l.Shown[l.Cursor]], true
}

// Move moves the cursor by delta rows, kept inside the shown rows.
func (l *List) Move(delta int) {
	l.Cursor = max(0, min(l.Cursor+delta, len(l.Shown)-1))
}

// Find puts the cursor on transcript id; false when it is not shown.
func (l *List) Find(id string) bool {
	for i, j := range l.Shown {
		if l.Items[j].ID == id {
			l.Cursor = i
			return true
		}
	}
	return false
}

// update brings an item's progress in line with the open transcript.
func (l *List) update(d *Doc) {
	for i := range l.Items {
		it := &l.Items[i]
		if it.ID != d.ID {
			continue
		}
		it.Mine, it.None, it.Lines = d.Mine.Has, d.Mine.None, d.Len()
		it.Coded = CodedLines(d.Mine.Segments)
		it.Others = it.Others[:0]
		for _, o := range d.Others {
			it.Others = append(it.Others, o.Coder)
		}
		it.index()
		return
	}
}
