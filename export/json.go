package export

import (
	"bufio"
	"encoding/json"
	"io"
)

// writeJSON writes v indented, as qda prints JSON everywhere.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteTableJSON writes t as a list of objects keyed by the header, numbers
// as numbers. Each object is written as it is made (an excerpts table
// holds every passage's text): the bytes are those of writeJSON given the
// whole list.
func WriteTableJSON(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	var buf jsonBuffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// The list's items are indented one level in; Encode ends each with
	// a line feed, which the separator replaces.
	enc.SetIndent("  ", "  ")
	n := 0
	err := t.eachRow(func(r []Cell) error {
		buf.b = buf.b[:0]
		if err := enc.Encode(tableObject(t.Header, r)); err != nil {
			return err
		}
		if n == 0 {
			bw.WriteString("[\n  ")
		} else {
			bw.WriteString(",\n  ")
		}
		n++
		_, err := bw.Write(buf.b[:len(buf.b)-1])
		return err
	})
	if err != nil {
		return err
	}
	if n == 0 {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("\n]\n")
	}
	return bw.Flush()
}

// tableObject is one row of a table as a JSON object.
func tableObject(header []string, r []Cell) orderedObject {
	o := orderedObject{keys: header, vals: make([]any, len(header))}
	for i := range header {
		if i >= len(r) {
			continue
		}
		// An attribute that reads as a number (Auto) stays the
		// string it was, as attributes are everywhere in JSON.
		switch {
		case r[i].Missing:
			o.vals[i] = nil
		case r[i].IsNum && r[i].Text == "":
			o.vals[i] = r[i].Num
		default:
			o.vals[i] = r[i].Text
		}
	}
	return o
}

// orderedObject is a JSON object whose keys keep the table's column order.
type orderedObject struct {
	keys []string
	vals []any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, k := range o.keys {
		if i > 0 {
			b = append(b, ',')
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := marshalNoEscape(o.vals[i])
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, kb...), ':'), vb...)
	}
	return append(b, '}'), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var buf jsonBuffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.b[:len(buf.b)-1], nil
}

type jsonBuffer struct{ b []byte }

func (j *jsonBuffer) Write(p []byte) (int, error) { j.b = append(j.b, p...); return len(p), nil }
