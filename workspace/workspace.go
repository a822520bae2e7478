// Package workspace is the logic of the full-screen coding workspace
// ('qda code' with no range): the transcript list, the reading position
// and selection, the code picker, the undo and redo of a session, the
// jumps, and the actions that write the study. It has no terminal in it:
// workspace/tui draws it and maps keys to its calls, and its tests drive
// it without keys.
//
// Every action is written at once, under the study's writer lock, through
// corpus's atomic writers, and each one reads the files it changes again
// after taking the lock: a 'qda code' from another terminal between two
// keystrokes is seen, kept, and never written over.
package workspace

import (
	"fmt"
	"slices"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// Workspace is one coder's session on a study.
type Workspace struct {
	Study *corpus.Study
	Coder string
	CB    *codebook.Codebook
	Ix    *corpus.Index
	// Adder adds a code to the codebook and applies it, all or nothing.
	Adder CodeAdder

	List   *List
	Doc    *Doc // the open transcript; nil on the list
	Picker *Picker

	colour func(string) string
	// canon maps a code as written in a codings file to its canonical
	// path. It is made once a codebook: a resolver costs the codebook's
	// size, and the disagreement marks ask for every line drawn.
	canon   func(string) string
	history history
	cbRaw   []byte // codebook.yaml as last read, to see another terminal's change
}

// New starts a session for coder on a study opened for reading (the lock
// is taken for each write, not held: another terminal may code too).
func New(st *corpus.Study, cb *codebook.Codebook, ix *corpus.Index, coder string) *Workspace {
	w := &Workspace{Study: st, Coder: coder, Ix: ix, Adder: CodebookAdder{}}
	w.setCodebook(cb)
	return w
}

func (w *Workspace) setCodebook(cb *codebook.Codebook) {
	w.CB = cb
	w.colour = codebook.Colours(cb)
	w.canon = corpus.NewResolver(cb).Canon
	q := ""
	if w.Picker != nil {
		q = w.Picker.Query
	}
	w.Picker = NewPicker(cb)
	w.Picker.SetQuery(q)
}

// Colour is a code's colour as the codebook gives it ("" for none).
func (w *Workspace) Colour(path string) string { return w.colour(path) }

// LoadList reads the transcript list with this coder's progress.
func (w *Workspace) LoadList() error {
	l, err := LoadList(w.Study, w.Ix, w.Coder)
	if err != nil {
		return err
	}
	w.List = l
	return nil
}

// Open reads transcript id and every coder's codings of it, and makes it
// the open transcript.
func (w *Workspace) Open(id string) error {
	row, ok := w.Ix.Transcripts.Lookup(id)
	if !ok {
		return fmt.Errorf("unknown transcript %q: 'qda transcripts' lists them", id)
	}
	t, err := w.Study.ReadTranscript(id)
	if err != nil {
		return err
	}
	d := &Doc{ID: id, T: t, Participant: w.Ix.Transcripts.Get(row, "participant"), Cursor: 1}
	if prow, ok := w.Ix.Participants.Lookup(d.Participant); ok {
		d.Pseudonym = w.Ix.Participants.Get(prow, "pseudonym")
	}
	if _, err := w.refresh(d); err != nil {
		return err
	}
	w.Doc = d
	return nil
}

// Close goes back to the list, with the progress of the transcript that
// was open brought up to date.
func (w *Workspace) Close() {
	if w.Doc != nil && w.List != nil {
		w.List.update(w.Doc)
	}
	w.Doc = nil
}

// Refresh reads the open transcript's codings again, for another
// terminal's change to show on the next redraw; changed says whether
// anything differs.
func (w *Workspace) Refresh() (bool, error) {
	data, _, err := w.read(corpus.CodebookFile)
	if err != nil {
		return false, err
	}
	cbChanged := w.cbRaw != nil && string(data) != string(w.cbRaw)
	w.cbRaw = data
	if cbChanged {
		if err := w.reloadCodebook(); err != nil {
			return false, err
		}
	}
	if w.Doc == nil {
		return cbChanged, nil
	}
	changed, err := w.refresh(w.Doc)
	return changed || cbChanged, err
}

// refresh reads every coder's codings file of d's transcript; a coder's
// file qda cannot read is an error naming it.
func (w *Workspace) refresh(d *Doc) (bool, error) {
	coders, err := w.Study.Coders()
	if err != nil {
		return false, err
	}
	if !slices.Contains(coders, w.Coder) {
		coders = append(coders, w.Coder)
	}
	changed := false
	var others []CoderCodings
	for _, c := range coders {
		data, exists, err := w.read(corpus.CodingsFile(c, d.ID))
		if err != nil {
			return false, err
		}
		var cs CoderCodings
		cs.Coder = c
		cs.Has = exists
		if exists {
			doc, fs := corpus.ParseCodingsDoc(corpus.CodingsFile(c, d.ID), data)
			if err := fs.Err(); err != nil {
				return false, err
			}
			cs.Segments, cs.None = doc.Segments, doc.None
		}
		if c == w.Coder {
			if string(data) != string(d.mineRaw) || exists != d.Mine.Has || !d.loaded {
				changed = true
			}
			d.mineRaw = data
			d.Mine = cs
			continue
		}
		if exists {
			others = append(others, cs)
		}
	}
	if !sameOthers(d.Others, others) {
		changed = true
	}
	d.Others = others
	d.loaded = true
	d.clampFocus()
	return changed, nil
}

func sameOthers(a, b []CoderCodings) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Coder != b[i].Coder || a[i].None != b[i].None ||
			string(corpus.MarshalCodings(a[i].Segments)) != string(corpus.MarshalCodings(b[i].Segments)) {
			return false
		}
	}
	return true
}
