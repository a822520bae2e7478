// Package ingest turns transcripts as researchers receive them (plain
// text, Markdown, Word, OpenDocument, WebVTT and SubRip files) into the
// normalised transcript of a qda study: turns separated by one blank line,
// "Speaker: " on the first line of a turn, one sentence per line, UTF-8
// and LF. It only computes; corpus writes the result into the study.
package ingest

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/corpus/ingest/sentence"
	"github.com/qdatool/qda/internal/diag"
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

type turn struct {
	speaker string
	parts   []string
}

// File normalises one file, read by its extension.
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
	mapping := map[string]string{}
	for k, v := range opt.SpeakerMap {
		mapping[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	res := &Result{Speakers: map[string]int{}, Replaced: make([]int, len(opt.Rules))}
	turns := assemble(blocks, mapping, opt.Participant)
	var b bytes.Buffer
	for _, t := range turns {
		// Speech runs on across the source's line breaks (files are often
		// hard-wrapped), so a turn is split into sentences as a whole; text
		// with no speaker (a title, a header of details) keeps its lines.
		units := []string{strings.Join(t.parts, " ")}
		if t.speaker == "" {
			units = t.parts
		}
		var sents []string
		for _, text := range units {
			text = strings.Join(strings.Fields(text), " ")
			for i, r := range opt.Rules {
				var n int
				text, n = r.Apply(text)
				res.Replaced[i] += n
			}
			sents = append(sents, sentence.Split(text)...)
		}
		if len(sents) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		res.Turns++
		if t.speaker != "" {
			b.WriteString(t.speaker + ": ")
			res.Speakers[t.speaker]++
		} else {
			res.Unlabelled++
		}
		for _, s := range sents {
			b.WriteString(s)
			b.WriteByte('\n')
			res.Lines++
		}
	}
	res.Text = b.Bytes()
	return res, nil
}

// inlineTimestampRE matches a bracketed time with seconds inside speech,
// "(00:03:10)", which tools insert at intervals.
var inlineTimestampRE = regexp.MustCompile(`[\[(]\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?[\])]`)

// assemble finds speakers and groups the text into turns: a label starts
// a turn, unlabelled text continues the current one, an empty paragraph
// ends a paragraph but not the turn, and two turns of one speaker in a row
// become one.
func assemble(blocks []block, mapping map[string]string, participant string) []turn {
	var turns []turn
	start := func(speaker string) {
		if n := len(turns); n > 0 && turns[n-1].speaker == speaker {
			return
		}
		turns = append(turns, turn{speaker: speaker})
	}
	add := func(text string) {
		text = inlineTimestampRE.ReplaceAllString(text, " ")
		if strings.TrimSpace(text) == "" {
			return
		}
		if len(turns) == 0 {
			turns = append(turns, turn{})
		}
		turns[len(turns)-1].parts = append(turns[len(turns)-1].parts, text)
	}
	for _, bl := range blocks {
		if bl.speaker != "" {
			start(speakerName(bl.speaker, mapping, participant))
			add(bl.text)
			continue
		}
		for _, line := range strings.Split(bl.text, "\n") {
			label, rest, _, ok := splitLabel(line)
			if ok {
				start(speakerName(label, mapping, participant))
			}
			add(rest)
		}
	}
	// A label with no speech after it leaves an empty turn; drop those.
	out := turns[:0]
	for _, t := range turns {
		if len(t.parts) > 0 {
			out = append(out, t)
		}
	}
	return out
}
