// Package ingest turns transcripts as researchers receive them (plain
// text, Markdown, Word, OpenDocument, WebVTT and SubRip files) into the
// normalised transcript of a qda study: turns separated by one blank line,
// "Speaker: " on the first line of a turn, one sentence per line, UTF-8
// and LF. It only computes; corpus writes the result into the study.
package ingest

import (
	"bytes"
	"errors"
	"iter"
	"strings"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/ingest/sentence"
	"github.com/qdatool/qda/internal/diag"
	"github.com/qdatool/qda/internal/lazyre"
)

// Options steer the normalisation of one file.
type Options struct {
	// Participant is the participant's id: the label of their turns when
	// the file uses a conventional one (R:, A:, P1:, Respondent:).
	Participant string
	// SpeakerMap renames labels as found (compared case-insensitively),
	// before anything else: {"p1": "May", "speaker 2": "Interviewer"}.
	SpeakerMap map[string]string
	// Rules are the anonymisation rules applied to the text.
	Rules []*corpus.Rule
}

// Result is a normalised transcript and what was found on the way.
type Result struct {
	Text []byte
	// Turns, Lines (sentences) and Speakers (label → turns) describe the
	// result; Unlabelled counts turns that had no speaker label.
	Turns, Lines, Unlabelled int
	Speakers                 map[string]int
	// Replaced counts the anonymisation replacements per rule, by the
	// rule's index in Options.Rules. Only counts: the identifiers are not
	// repeated back.
	Replaced []int
}

// maxText is what File returns at most, corpus.MaxFileSize; tests lower it.
var maxText = corpus.MaxFileSize

// TooLarge is the finding of a file whose normalised transcript would be
// larger than qda writes (speaker labels and line breaks can make it
// larger than the file read): nothing is written.
func TooLarge(name string) *diag.Finding {
	return diag.Errorf(name, 0, "its transcript would be larger than %d MB, more than qda writes as one file", corpus.MaxFileSize>>20).
		WithHint("is it the right file? a two-hour interview is well under 1 MB; split a longer one into parts and ingest each with its own --id")
}

// errTooLarge stops the writer once the transcript is over maxText.
var errTooLarge = errors.New("transcript too large")

// File normalises one file, read by its extension. A transcript larger
// than corpus.MaxFileSize is refused with a TooLarge finding as soon as it
// is known; turns are written as they end, so memory stays within a few
// times the file and the limit, whatever the number of lines or turns.
func File(name string, data []byte, opt Options) (*Result, error) {
	blocks, err := readBlocks(name, data)
	if err != nil {
		// A reader that knows the line says so; the file is ours to name.
		var f *diag.Finding
		if errors.As(err, &f) && f.File == "" {
			f.File = name
		}
		return nil, err
	}
	w := &writer{opt: opt, mapping: map[string]string{},
		res: &Result{Speakers: map[string]int{}, Replaced: make([]int, len(opt.Rules))}}
	for k, v := range opt.SpeakerMap {
		w.mapping[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	if err := w.assemble(blocks); err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, TooLarge(name)
		}
		return nil, err
	}
	w.res.Text = w.b.Bytes()
	return w.res, nil
}

// writer writes turns as assemble finds them.
type writer struct {
	opt     Options
	mapping map[string]string
	res     *Result
	b       bytes.Buffer

	open    bool            // a turn has begun
	speaker string          // its speaker, "" for text before any label
	text    strings.Builder // a labelled turn's speech so far
	written bool            // the turn has written a line (text with no speaker)
}

// start begins a turn of speaker, unless the turn going on is theirs:
// two turns of one speaker in a row become one.
func (w *writer) start(speaker string) error {
	if w.open && w.speaker == speaker {
		return nil
	}
	if err := w.end(); err != nil {
		return err
	}
	w.open, w.speaker = true, speaker
	return nil
}

// add adds a line of text to the turn going on. Speech runs on across the
// source's line breaks (files are often hard-wrapped), so a labelled turn
// is split into sentences as a whole when it ends; text with no speaker
// (a title, a header of details) keeps its lines, so each is written now.
func (w *writer) add(text string) error {
	text = inlineTimestampRE().ReplaceAllString(text, " ")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if !w.open {
		w.open, w.speaker = true, ""
	}
	if w.speaker == "" {
		return w.write(text)
	}
	if w.text.Len() > 0 {
		w.text.WriteByte(' ')
	}
	w.text.WriteString(text)
	return nil
}

// end writes the labelled turn going on; a label with no speech after it
// writes nothing.
func (w *writer) end() error {
	var err error
	if w.speaker != "" && w.text.Len() > 0 {
		err = w.write(w.text.String())
	}
	w.text.Reset()
	w.open, w.speaker, w.written = false, "", false
	return err
}

// write writes text as sentences, one a line, opening the turn with its
// label on its first line.
func (w *writer) write(text string) error {
	text = collapseSpace(text)
	for i, r := range w.opt.Rules {
		var n int
		text, n = r.Apply(text)
		w.res.Replaced[i] += n
	}
	sents := splitSentences(text)
	if len(sents) == 0 {
		return nil
	}
	if !w.written {
		w.written = true
		if w.b.Len() > 0 {
			w.b.WriteString("\n")
		}
		w.res.Turns++
		if w.speaker != "" {
			w.b.WriteString(w.speaker + ": ")
			w.res.Speakers[w.speaker]++
		} else {
			w.res.Unlabelled++
		}
	}
	for _, s := range sents {
		w.b.WriteString(s)
		w.b.WriteByte('\n')
		w.res.Lines++
	}
	if w.b.Len() > maxText {
		return errTooLarge
	}
	return nil
}

// splitWindow is the most text sentence.Split is given at once. It costs
// about ten times its text in word and token tables, and a turn a
// researcher would ingest is well under it.
var splitWindow = 1 << 20

// splitSentences is sentence.Split on collapsed text, taken a window at a
// time: the last sentence of a window, which may go on in the next, is
// split again with it. Only a sentence longer than a window is broken
// where the window ends.
func splitSentences(text string) []string {
	var out []string
	for len(text) > splitWindow {
		end := splitWindow + strings.IndexByte(text[splitWindow:], ' ')
		if end < splitWindow {
			break // one word to the end
		}
		sents := sentence.Split(text[:end])
		if len(sents) > 1 {
			sents = sents[:len(sents)-1]
		}
		n := len(sents) - 1 // the spaces between them
		for _, s := range sents {
			n += len(s)
		}
		out = append(out, sents...)
		text = strings.TrimPrefix(text[n:], " ")
	}
	return append(out, sentence.Split(text)...)
}

// collapseSpace is strings.Join(strings.Fields(s), " ") without a slice of
// every word, which costs many times the text of a long turn.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for w := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// inlineTimestampRE matches a bracketed time with seconds inside speech,
// "(00:03:10)", which tools insert at intervals.
var inlineTimestampRE = lazyre.New(`[\[(]\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?[\])]`)

// assemble finds speakers and groups the text into turns, writing each
// as it ends: a label starts a turn, unlabelled text continues the current
// one, an empty paragraph ends a paragraph but not the turn, and two turns
// of one speaker in a row become one.
func (w *writer) assemble(blocks iter.Seq[block]) error {
	for bl := range blocks {
		if bl.speaker != "" {
			if err := w.start(speakerName(bl.speaker, w.mapping, w.opt.Participant)); err != nil {
				return err
			}
			if err := w.add(bl.text); err != nil {
				return err
			}
			continue
		}
		for line := range strings.SplitSeq(bl.text, "\n") {
			label, rest, _, ok := splitLabel(line)
			if ok {
				if err := w.start(speakerName(label, w.mapping, w.opt.Participant)); err != nil {
					return err
				}
			}
			if err := w.add(rest); err != nil {
				return err
			}
		}
	}
	return w.end()
}
