package refi

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
)

// ExportOptions choose what a project carries.
type ExportOptions struct {
	Coders []string // nil: every coder
	Origin string   // the Project's origin attribute, e.g. "qda v1.2"
	// Epoch dates what has neither a date nor a commit of its own
	// ($SOURCE_DATE_EPOCH); zero: the file's modification time.
	Epoch time.Time
	// Combined writes one selection per segment with a coding per code.
	// By default each code gets a selection of its own over the same
	// range, as NVivo and QualCoder write them: some readers take only
	// a selection's first coding.
	Combined bool
}

// ExportReport counts what a project holds and lists what was left out.
type ExportReport struct {
	Users, Codes, Sources, Selections, Codings, Cases, Variables, Notes int
	// Skipped are the things left out, one line each, naming the file.
	Skipped []string
}

// zipTime is the time stamp of every entry, so the same study gives the
// same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// ExportProject writes the study as a .qdpx to w: each transcript as
// sources/GUID.txt, its text exactly the transcript's lines, then
// project.qde.
func ExportProject(st *corpus.Study, cb *codebook.Codebook, ix *corpus.Index, opt ExportOptions, w io.Writer) (*ExportReport, error) {
	title := Title(st, cb)
	ids := NewGUIDs(title)
	rep := &ExportReport{}
	p := &Project{Name: title, Origin: opt.Origin, Description: projectDescription(st.Config.Description, title, cb.Title)}
	coders := opt.Coders
	if coders == nil {
		coders = ix.Coders
	}
	users := map[string]string{}
	if len(coders) > 0 {
		p.Users = &Users{}
		for _, c := range coders {
			users[c] = ids.Of("user", c)
			p.Users.Users = append(p.Users.Users, User{GUID: users[c], Name: c, ID: c})
		}
	}
	if codes := exportCodes(cb.Codes, ids); len(codes) > 0 {
		p.CodeBook = &CodeBook{Codes: Codes{codes}}
	}
	rep.Users, rep.Codes = len(coders), len(cb.All())

	pvars := variables(ix.Participants, 1, ids, "participant-variable")
	tvars := variables(ix.Transcripts, 2, ids, "transcript-variable")
	if all := append(slices.Clone(pvars), tvars...); len(all) > 0 {
		p.Variables = &Variables{}
		for _, v := range all {
			p.Variables.Variables = append(p.Variables.Variables, v.Variable)
		}
		rep.Variables = len(all)
	}

	// Sources are written as they are read, so a large study's text is
	// never all in memory; project.qde, which refers to them, comes last.
	// Their XML (a selection per segment: hundreds of megabytes for a
	// large study) goes to a temporary file meanwhile, for the same reason.
	zw := zip.NewWriter(w)
	fastDeflate(zw)
	spill := newSourceSpill()
	defer spill.close()
	res := corpus.NewResolver(cb)
	d := newDater(st, opt.Epoch)
	// Each code's GUID made once, not once a coding.
	codeIDs := map[string]string{}
	for _, c := range cb.All() {
		codeIDs[c.Path] = ids.Of("code", c.Path)
	}
	// The sources' files are deflated on another core while the next
	// transcripts are read (one at a time, in order, into zw).
	q := newZipQueue(zw)
	err := st.Scan(ix, corpus.ScanOptions{Coders: coders}, func(it *corpus.Item) error {
		src, text := exportSource(it, ids, codeIDs, users, res, d, opt.Combined, rep)
		row, _ := ix.Transcripts.Lookup(it.ID)
		src.Values = values(tvars, ix.Transcripts, row)
		if err := spill.add(&src); err != nil {
			return err
		}
		rep.Sources++
		return q.add("sources/"+strings.TrimPrefix(src.PlainTextPath, "internal://"), text)
	})
	// The zip's error, once: add returned it too when it stopped the scan.
	if werr := q.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	if rep.Sources > 0 {
		p.Sources = &Sources{}
	}

	if len(ix.Participants.Rows) > 0 {
		// One pass over the transcripts, not one per participant: at
		// 10,000 participants that was 146 million comparisons.
		owned := map[string][]Ref{}
		for _, t := range ix.Transcripts.Rows {
			pid := ix.Transcripts.Get(t, "participant")
			owned[pid] = append(owned[pid], Ref{ids.Of("source", t.ID)})
		}
		p.Cases = &Cases{}
		for _, r := range ix.Participants.Rows {
			c := Case{GUID: ids.Of("case", r.ID), Name: r.ID, Values: values(pvars, ix.Participants, r), SourceRefs: owned[r.ID]}
			p.Cases.Cases = append(p.Cases.Cases, c)
		}
		rep.Cases = len(p.Cases.Cases)
	}
	add := func(name string, data []byte) error { return addFile(zw, name, data) }
	if err := exportNotes(st, cb, p, ids, users, d, add, rep); err != nil {
		return nil, err
	}

	// Never whole in memory: a large study's project.qde is hundreds of
	// megabytes, and a buffer of it, doubling as it grew, was most of the
	// export's memory.
	if err := spill.writeProject(zw, p); err != nil {
		return nil, err
	}
	return rep, zw.Close()
}

// projectDescription is the project's description: the study's, then,
// where the codebook's title is not the project's name, a marked
// paragraph with it, since the standard gives a codebook no name.
func projectDescription(desc, name, cbTitle string) string {
	cbTitle = strings.Join(strings.Fields(cbTitle), " ")
	if cbTitle == "" || cbTitle == name {
		return desc
	}
	return strings.TrimSpace(strings.TrimSpace(desc) + "\n\n" + codebookTitleMark + cbTitle)
}

// Title is the name a study's project goes by, and the namespace of its
// GUIDs: qda.yaml's title, else the codebook's, else the folder's name.
func Title(st *corpus.Study, cb *codebook.Codebook) string {
	switch {
	case st.Config.Title != "":
		return st.Config.Title
	case cb.Title != "":
		return cb.Title
	}
	return filepath.Base(st.Root)
}

// fastDeflate makes zw deflate at flate's fastest level, as the workbook
// does (export/xlsxzip.go): the default level took a fifth of the export's
// CPU. zw writes one entry at a time, closing each before the next, so one
// compressor is reset for each rather than made anew (its state is
// hundreds of kilobytes: a new one for each of thousands of sources cost
// more than the level saved).
func fastDeflate(zw *zip.Writer) {
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(out, flate.BestSpeed)
			return fw, err
		}
		fw.Reset(out)
		return fw, nil
	})
}

// zipQueue adds files to a zip on a goroutine of its own, in the order
// they are given.
type zipQueue struct {
	files  chan zipFile
	done   chan error
	err    error
	failed atomic.Pointer[error] // the first file that could not be added
}

type zipFile struct {
	name string
	data []byte
}

func newZipQueue(zw *zip.Writer) *zipQueue {
	files := make(chan zipFile, 64)
	q := &zipQueue{files: files, done: make(chan error, 1)}
	go func() {
		var err error
		// files, not q.files, which wait sets to nil.
		for f := range files {
			if err == nil {
				if err = addFile(zw, f.name, f.data); err != nil {
					q.failed.Store(&err)
				}
			}
		}
		q.done <- err
	}()
	return q
}

// add queues a file. Once a file could not be added (a full disk) it
// returns that error, so the export stops reading the study instead of
// building every source for nothing; wait returns it too.
func (q *zipQueue) add(name string, data []byte) error {
	if err := q.failed.Load(); err != nil {
		return *err
	}
	q.files <- zipFile{name, data}
	return nil
}

// wait returns once every file queued is in the zip.
func (q *zipQueue) wait() error {
	if q.files != nil {
		close(q.files)
		q.files = nil
		q.err = <-q.done
	}
	return q.err
}

func addFile(zw *zip.Writer, name string, data []byte) error {
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}

// marshal returns v as an XML document.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := encode(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// encode writes v to w as an XML document.
func encode(w io.Writer, v any) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// exportSource makes the TextSource of one transcript: for each coder's
// segment a selection per code spanning its lines (or, combined, one
// selection with a coding per code), dated by the codings file's last
// commit.
func exportSource(it *corpus.Item, ids GUIDs, codeIDs, users map[string]string, res *corpus.Resolver, d *dater, combined bool, rep *ExportReport) (TextSource, []byte) {
	guid := ids.Of("source", it.ID)
	src := TextSource{GUID: guid, Name: it.ID, PlainTextPath: "internal://" + guid + ".txt", CreationDateTime: d.of(corpus.TranscriptFile(it.ID))}
	var text strings.Builder
	starts := make([]int, len(it.Transcript.Lines)+1)
	pos := 0
	for i, l := range it.Transcript.Lines {
		starts[i] = pos
		text.WriteString(l.Text)
		text.WriteByte('\n')
		pos += utf8.RuneCountInString(l.Text) + 1
	}
	starts[len(it.Transcript.Lines)] = pos
	for _, cs := range it.Codings {
		date := d.of(cs.File)
		for _, seg := range cs.Segments {
			where := func() string { return fmt.Sprintf("%s:%d", cs.File, seg.Line) }
			if seg.Lines.End > it.Transcript.Len() {
				rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s: lines %s are outside the transcript (%d lines)", where(), seg.Lines, it.Transcript.Len()))
				continue
			}
			var paths []string
			for _, ref := range seg.Codes {
				if c := res.Code(ref); c != nil {
					paths = append(paths, c.Path)
				} else {
					rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s: code %q is not in the codebook", where(), ref))
				}
			}
			slices.Sort(paths)
			paths = slices.Compact(paths)
			groups := [][]string{paths}
			if !combined {
				groups = nil
				for _, path := range paths {
					groups = append(groups, []string{path})
				}
			}
			for _, group := range groups {
				if len(group) == 0 {
					continue
				}
				// A segment of one code has the same GUIDs either way.
				key := cs.Coder + "/" + it.ID + "/" + seg.Lines.String() + "/" + strings.Join(group, ",")
				sel := Selection{
					GUID:             ids.Of("selection", key),
					Start:            int64(starts[seg.Lines.Start-1]),
					End:              int64(starts[seg.Lines.End] - 1), // the last line's text, not its newline
					CreatingUser:     users[cs.Coder],
					CreationDateTime: date,
					Description:      seg.Memo,
				}
				for _, path := range group {
					sel.Codings = append(sel.Codings, Coding{GUID: ids.Of("coding", key+"/"+path), CreatingUser: users[cs.Coder], CreationDateTime: date, CodeRef: Ref{codeIDs[path]}})
				}
				src.Selections = append(src.Selections, sel)
				rep.Selections++
				rep.Codings += len(sel.Codings)
			}
		}
	}
	return src, []byte(text.String())
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
