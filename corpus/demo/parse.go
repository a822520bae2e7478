package demo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// tline is one sentence of a passage template.
type tline struct {
	text     string
	optional bool
}

// passage is one answer, question or fixed part of an interview.
type passage struct {
	key      string // section: a code path, "Q " + code path, or "@" + name
	lines    []tline
	when     filter
	also     string // a second code, "" for none
	alsoTail int    // also covers only the last alsoTail lines; 0 means all
	line     int    // line in bankText, for error messages
}

// filter says which participants and interviews a passage fits.
type filter struct {
	wave     int    // 0 any, else 1 or 2
	mode     string // "", "tel" or "f2f"
	triggers []string
	older    bool
	younger  bool
	under70  bool
	rural    bool
}

type bank struct {
	passages []passage
	byKey    map[string][]int // lookups only; output never depends on map order
}

var triggerGroups = []string{"bereaved", "living-alone", "young-parent", "separated", "mobility-health", "retired"}

var loadBank = sync.OnceValues(func() (*bank, error) { return parseBank(bankText) })

func parseBank(text string) (*bank, error) {
	b := &bank{byKey: map[string][]int{}}
	var key string
	var section filter
	var cur *passage
	flush := func() {
		if cur != nil {
			b.byKey[cur.key] = append(b.byKey[cur.key], len(b.passages))
			b.passages = append(b.passages, *cur)
			cur = nil
		}
	}
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		switch {
		case strings.TrimSpace(raw) == "":
			continue
		case strings.HasPrefix(raw, "## "):
			flush()
			head := strings.TrimPrefix(raw, "## ")
			attrs := ""
			if j := strings.IndexByte(head, '('); j >= 0 {
				if !strings.HasSuffix(head, ")") {
					return nil, fmt.Errorf("bank line %d: unclosed attributes", n)
				}
				attrs, head = head[j+1:len(head)-1], strings.TrimSpace(head[:j])
			}
			key = head
			var err error
			var also string
			if section, also, _, err = parseAttrs(attrs); err != nil {
				return nil, fmt.Errorf("bank line %d: %v", n, err)
			}
			if also != "" {
				return nil, fmt.Errorf("bank line %d: a second code belongs on a passage", n)
			}
		case strings.HasPrefix(raw, "-"):
			flush()
			if key == "" {
				return nil, fmt.Errorf("bank line %d: passage before any section", n)
			}
			rest := raw[1:]
			p := passage{key: key, when: section, line: n}
			if strings.HasPrefix(rest, "(") {
				j := strings.IndexByte(rest, ')')
				if j < 0 {
					return nil, fmt.Errorf("bank line %d: unclosed attributes", n)
				}
				f, also, tail, err := parseAttrs(rest[1:j])
				if err != nil {
					return nil, fmt.Errorf("bank line %d: %v", n, err)
				}
				p.when = mergeFilter(section, f)
				p.also, p.alsoTail = also, tail
				rest = rest[j+1:]
			}
			if !strings.HasPrefix(rest, " ") {
				return nil, fmt.Errorf("bank line %d: write '- text' or '-(attrs) text'", n)
			}
			p.lines = append(p.lines, tline{text: strings.TrimSpace(rest)})
			cur = &p
		case strings.HasPrefix(raw, "  "):
			if cur == nil {
				return nil, fmt.Errorf("bank line %d: continuation outside a passage", n)
			}
			t := strings.TrimSpace(raw)
			opt := strings.HasPrefix(t, "? ")
			if opt {
				t = strings.TrimSpace(t[2:])
			}
			cur.lines = append(cur.lines, tline{text: t, optional: opt})
		default:
			return nil, fmt.Errorf("bank line %d: cannot read %q", n, raw)
		}
	}
	flush()
	return b, nil
}

func parseAttrs(s string) (f filter, also string, tail int, err error) {
	for _, a := range strings.Fields(s) {
		switch {
		case a == "w1":
			f.wave = 1
		case a == "w2":
			f.wave = 2
		case a == "tel" || a == "f2f":
			f.mode = a
		case a == "older":
			f.older = true
		case a == "younger":
			f.younger = true
		case a == "under70":
			f.under70 = true
		case a == "rural":
			f.rural = true
		case slices.Contains(triggerGroups, a):
			f.triggers = append(f.triggers, a)
		case strings.HasPrefix(a, "+"):
			also = a[1:]
			if c, n, ok := strings.Cut(also, "@"); ok {
				also = c
				if tail, err = strconv.Atoi(n); err != nil || tail < 1 {
					return f, "", 0, fmt.Errorf("bad line count in %q", a)
				}
			}
			if !slices.Contains(codePaths, also) {
				return f, "", 0, fmt.Errorf("unknown code %q", also)
			}
		default:
			return f, "", 0, fmt.Errorf("unknown attribute %q", a)
		}
	}
	return f, also, tail, nil
}

func mergeFilter(a, b filter) filter {
	if b.wave != 0 {
		a.wave = b.wave
	}
	if b.mode != "" {
		a.mode = b.mode
	}
	a.triggers = append(slices.Clip(a.triggers), b.triggers...)
	a.older = a.older || b.older
	a.younger = a.younger || b.younger
	a.under70 = a.under70 || b.under70
	a.rural = a.rural || b.rural
	return a
}

// fits reports whether the filter admits participant p in the given
// interview.
func (f *filter) fits(p *person, wave int, tel bool) bool {
	if f.wave != 0 && f.wave != wave {
		return false
	}
	if f.mode == "tel" && !tel || f.mode == "f2f" && tel {
		return false
	}
	if len(f.triggers) > 0 && !slices.Contains(f.triggers, p.trigger) {
		return false
	}
	if f.older && p.ageBand < ageBand60 || f.younger && p.ageBand >= ageBand50 || f.under70 && p.ageBand >= ageBand70 {
		return false
	}
	if f.rural && p.location != "rural" {
		return false
	}
	return true
}
