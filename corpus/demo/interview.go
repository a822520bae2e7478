package demo

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unit is one answer passage in a written transcript: where it is, the
// question that led to it, and the code it was written for. The coders
// start from these.
type unit struct {
	code     string
	also     string
	alsoTail int
	qStart   int // the interviewer turn before the answer
	qEnd     int
	aStart   int // the answer
	aEnd     int
	follows  bool // a probe's answer, following the previous unit on the same code
}

// interview writes one transcript.
type interview struct {
	b     *bank
	r     *rand.Rand
	p     *person
	wave  int
	tel   bool
	lines []string
	units []unit
	used  []bool
	sb    strings.Builder
}

const interviewer = "Interviewer"

func newInterview(b *bank, r *rand.Rand, p *person, wave int, tel bool, lines []string, used []bool) *interview {
	clear(used)
	return &interview{b: b, r: r, p: p, wave: wave, tel: tel, lines: lines[:0], used: used}
}

// bytes renders the transcript: LF line endings, one newline at the end.
func (g *interview) bytes() []byte {
	n := 0
	for _, l := range g.lines {
		n += len(l) + 1
	}
	out := make([]byte, 0, n)
	for _, l := range g.lines {
		out = append(out, l...)
		out = append(out, '\n')
	}
	return out
}

// turn adds a turn and returns its first and last line numbers.
func (g *interview) turn(label string, sents []string) (int, int) {
	if len(g.lines) > 0 {
		g.lines = append(g.lines, "")
	}
	start := len(g.lines) + 1
	for i, s := range sents {
		if i == 0 {
			s = label + ": " + s
		}
		g.lines = append(g.lines, s)
	}
	return start, len(g.lines)
}

// expand fills a template line: {a|b} picks an option, {slot} asks the
// participant; the line starts with a capital.
func (g *interview) expand(t string) string {
	if !strings.Contains(t, "{") {
		return capitalise(t)
	}
	b := &g.sb
	b.Reset()
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			b.WriteString(t)
			break
		}
		j += i
		b.WriteString(t[:i])
		inner := t[i+1 : j]
		if strings.Contains(inner, "|") {
			n := strings.Count(inner, "|") + 1
			k := g.r.IntN(n)
			for ; k > 0; k-- {
				inner = inner[strings.IndexByte(inner, '|')+1:]
			}
			if e := strings.IndexByte(inner, '|'); e >= 0 {
				inner = inner[:e]
			}
			b.WriteString(inner)
		} else {
			v, ok := g.p.slot(g.r, strings.ToLower(inner))
			switch {
			case !ok:
				v = "{" + inner + "}" // a test catches unknown slots
			case inner != "" && inner[0] >= 'A' && inner[0] <= 'Z':
				v = capitalise(v)
			}
			b.WriteString(v)
		}
		t = t[j+1:]
	}
	return capitalise(b.String())
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// render expands passage i into sentences, dropping some optional lines.
func (g *interview) render(i int) []string {
	p := &g.b.passages[i]
	out := make([]string, 0, len(p.lines)+1)
	for _, l := range p.lines {
		if l.optional && g.r.IntN(5) >= 3 {
			continue
		}
		out = append(out, g.expand(l.text))
	}
	if len(out) > 6 {
		out = out[:6]
	}
	if g.tel && len(out) >= 2 && len(out) < 6 && g.r.IntN(30) == 0 {
		at := 1 + g.r.IntN(len(out)-1)
		out = append(out[:at], append([]string{"[inaudible]"}, out[at:]...)...)
	}
	return out
}

// pick chooses an unused passage under key that fits this interview, and
// marks it used; -1 when there is none.
func (g *interview) pick(key string) int {
	cands := g.b.byKey[key]
	n := 0
	for _, i := range cands {
		if !g.used[i] && g.b.passages[i].when.fits(g.p, g.wave, g.tel) {
			n++
		}
	}
	if n == 0 {
		return -1
	}
	k := g.r.IntN(n)
	for _, i := range cands {
		if !g.used[i] && g.b.passages[i].when.fits(g.p, g.wave, g.tel) {
			if k == 0 {
				g.used[i] = true
				return i
			}
			k--
		}
	}
	return -1
}

// fixed renders a fixed part (@open, @probe, ...); these may repeat.
func (g *interview) fixed(name string) []string {
	cands := g.b.byKey["@"+name]
	var fit []int
	for _, i := range cands {
		if g.b.passages[i].when.fits(g.p, g.wave, g.tel) {
			fit = append(fit, i)
		}
	}
	if len(fit) == 0 {
		return []string{"Okay."}
	}
	return g.render(pickOne(g.r, fit))
}

// question asks about code: a question written for it, else for the
// nearest ancestor that has one.
func (g *interview) question(code string) []string {
	for c := code; c != ""; c = parentOf(c) {
		if i := g.pick("Q " + c); i >= 0 {
			return g.render(i)
		}
	}
	return g.fixed("probe")
}

// block asks about one leaf code and records the answer (and maybe a
// probe and a second answer) as units.
func (g *interview) block(code string, first bool) {
	pi := g.pick(code)
	if pi < 0 {
		return
	}
	q := g.question(code)
	switch {
	case first:
		q = append(g.fixed("start"), q...)
	case g.r.IntN(10) < 4:
		q = append(g.fixed("ack"), q...)
	}
	qs, qe := g.turn(interviewer, q)
	g.answer(pi, qs, qe, false)
	probe := 5
	if g.wave == 2 {
		probe = 3
	}
	if g.r.IntN(probe) == 0 {
		if pj := g.pick(code); pj >= 0 {
			qs, qe := g.turn(interviewer, g.fixed("probe"))
			g.answer(pj, qs, qe, true)
		}
	}
}

func (g *interview) answer(pi, qs, qe int, follows bool) {
	as, ae := g.turn(g.p.name, g.render(pi))
	p := &g.b.passages[pi]
	g.units = append(g.units, unit{
		code: p.key, also: p.also, alsoTail: p.alsoTail,
		qStart: qs, qEnd: qe, aStart: as, aEnd: ae, follows: follows,
	})
}

// distinct shuffles xs (repeats weigh an item up) and returns the first k
// different items.
func distinct(r *rand.Rand, xs []string, k int) []string {
	r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	var out []string
	for _, x := range xs {
		if len(out) == k {
			break
		}
		dup := false
		for _, o := range out {
			dup = dup || o == x
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

const (
	cBills    = "confidence/daily-tasks/bills-and-letters"
	cShopping = "confidence/daily-tasks/shopping"
	cTravel   = "confidence/travel"
	cEduc     = "confidence/education"
	cCompany  = "tea-and-company/companionship"
	cHome     = "tea-and-company/home-visits"
	cOutings  = "tea-and-company/outings"
	cLoss     = "sustainability/ending-support/losing-a-friend"
	cAfter    = "sustainability/ending-support/after-support"
	cPublic   = "sustainability/infrastructure/transport/public-transport"
	cTaxis    = "sustainability/infrastructure/transport/taxis"
	cLifts    = "sustainability/infrastructure/transport/lifts"
	cMobility = "sustainability/infrastructure/mobility"
	cLocal    = "sustainability/infrastructure/local-activities"
	cHopes    = "expectations/hopes"
	cRemit    = "expectations/remit"
)

// plan is the topic guide: the leaf codes the interview asks about, in order.
func (g *interview) plan() []string {
	r, p := g.r, g.p
	frail := p.trigger == "mobility-health" || p.ageBand >= ageBand70
	var plan []string
	if g.wave == 1 {
		ref := "referral/health-services"
		if r.IntN(5) < 2 {
			ref = "referral/self-referral"
		}
		plan = append(plan, ref, cHopes)
		if r.IntN(4) == 0 {
			plan = append(plan, cRemit)
		}
		conf := []string{cBills, cShopping, cTravel, cTravel}
		if p.ageBand < ageBand50 {
			conf = append(conf, cEduc, cEduc, cEduc)
		}
		plan = append(plan, distinct(r, conf, 1+r.IntN(2))...)
		plan = append(plan, distinct(r, []string{cCompany, cCompany, cHome, cHome, cOutings}, 1+r.IntN(3)/2)...)
		infra := []string{cPublic, cTaxis, cLifts, cMobility, cLocal}
		if frail {
			infra = append(infra, cMobility, cMobility)
		}
		plan = append(plan, distinct(r, infra, 1+r.IntN(3)/2)...)
		if r.IntN(10) < 4 {
			plan = append(plan, pickOne(r, []string{cLoss, cAfter}))
		}
		return plan
	}
	if r.IntN(10) < 7 {
		plan = append(plan, cLoss, cAfter)
	} else {
		plan = append(plan, cAfter, cLoss)
	}
	if r.IntN(2) == 0 {
		plan = append(plan, cCompany)
	}
	if r.IntN(10) < 8 {
		plan = append(plan, cLocal)
	}
	plan = append(plan, distinct(r, []string{cPublic, cPublic, cTaxis, cLifts}, 1+r.IntN(2))...)
	if frail && r.IntN(10) < 7 || r.IntN(10) < 4 {
		plan = append(plan, cMobility)
	}
	if r.IntN(10) < 6 {
		plan = append(plan, pickOne(r, []string{cTravel, cShopping, cBills}))
	}
	if r.IntN(10) < 3 {
		plan = append(plan, cRemit)
	}
	return plan
}

// write writes the whole interview: opening, topics, closing.
func (g *interview) write() {
	g.turn(interviewer, g.fixed("open"))
	g.turn(g.p.name, g.fixed("reply-open"))
	for k, code := range g.plan() {
		g.block(code, k == 0)
	}
	close := g.fixed("close")
	if g.r.IntN(3) == 0 {
		close = append(g.fixed("ack"), close...)
	}
	g.turn(interviewer, close)
	g.turn(g.p.name, g.fixed("reply-close"))
	g.turn(interviewer, g.fixed("thanks"))
	g.turn(g.p.name, g.fixed("bye"))
}
