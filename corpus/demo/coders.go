package demo

import (
	"math/rand/v2"
	"strings"

	"github.com/qdatool/qda/corpus"
)

// The three coders. jt codes every transcript, eh the first interviews, ah
// the follow-ups and about a third of the first interviews. All start from
// the passage each answer was written for; each has habits of their own.
const (
	coderJT = "jt"
	coderEH = "eh"
	coderAH = "ah"
)

var coders = []string{coderJT, coderEH, coderAH}

func segment(t *corpus.Transcript, start, end int, codes ...string) corpus.Segment {
	return corpus.Segment{Lines: corpus.Range{Start: start, End: end}, Codes: codes, Quote: t.Quote(start)}
}

// memoBank holds a coder's memos for the codes under a path.
type memoBank struct {
	under string
	memos []string
}

var memosJT = []memoBank{
	{"referral/health-services", []string{
		"Referred through health services; reluctant at first.",
		"The referrer's persistence mattered more than the leaflet.",
	}},
	{"referral/self-referral", []string{
		"Family pushed for the referral. Compare with the health service referrals.",
		"Took a long time to make the call: pride, or not wanting to be a bother?",
	}},
	{"expectations/hopes", []string{
		"Hoped for a friend; the scheme offers linking. Expectation gap to discuss.",
		"Wants independence, not company: a different starting point.",
	}},
	{"expectations/remit", []string{
		"Clear about the remit from the first visit.",
		"Length of support not taken in at the start.",
	}},
	{"confidence", []string{
		"Doing with, not doing for: the connector as a companion for the task.",
		"Stepped approach. Confidence first, activities later.",
		"Small task, big change. Check the follow-up for whether it lasted.",
	}},
	{"tea-and-company", []string{
		"Company valued in itself; the activity is almost incidental.",
		"Routine and looking forward to the visit matter as much as the visit.",
	}},
	{"tea-and-company/home-visits", []string{"Home visits as the only contact that week."}},
	{"sustainability/ending-support", []string{
		"Ending felt abrupt. See the follow-up.",
		"Compare with how the ending was prepared in other follow-ups.",
	}},
	{"sustainability/infrastructure/transport", []string{
		"Cost of transport decides whether the activity lasts.",
		"Lifts from the connector not replaced once support ended.",
	}},
	{"sustainability/infrastructure/mobility", []string{"Health, not distance, is the barrier here."}},
	{"sustainability/infrastructure/local-activities", []string{"Activity kept up because it is within walking distance."}},
}

var memosEH = []memoBank{
	{"referral", []string{"Not sure of the route; coded as written."}},
	{"expectations", []string{"Check with jt: hopes or remit?"}},
	{"confidence", []string{"Could be travel as much as daily tasks."}},
	{"tea-and-company", []string{"Overlaps with outings; kept to the code that fits best."}},
	{"sustainability/infrastructure", []string{"Transport again. Rural?", "Mobility rather than transport, I think."}},
	{"sustainability/ending-support", []string{"Ending talked about before it happened."}},
}

var memosAH = []memoBank{
	{"confidence", []string{"What lasted is the skill, not the group."}},
	{"tea-and-company", []string{"Looking back, the company is what is missed."}},
	{"expectations", []string{"Remit only understood at the end."}},
	{"sustainability/ending-support/losing-a-friend", []string{"Mood lower since the visits stopped."}},
	{"sustainability/ending-support", []string{"Overlaps with losing-a-friend; coded as after-support."}},
	{"sustainability/infrastructure", []string{"Kept going only while someone else drives.", "Barrier outlasts the support."}},
	{"referral", []string{"Referral route recalled differently at follow-up."}},
}

// memoFor picks a memo for code from the bank entry with the longest path
// that code is under; "" when none fits.
func memoFor(r *rand.Rand, bank []memoBank, code string) string {
	best := -1
	for i, m := range bank {
		if (code == m.under || strings.HasPrefix(code, m.under+"/")) && (best < 0 || len(m.under) > len(bank[best].under)) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return pickOne(r, bank[best].memos)
}

// alsoRange returns where a unit's second code goes when it covers only
// the answer's last lines; ok is false when it covers the whole answer.
func alsoRange(u *unit) (start int, ok bool) {
	if u.also == "" || u.alsoTail == 0 || u.alsoTail >= u.aEnd-u.aStart+1 {
		return 0, false
	}
	return u.aEnd - u.alsoTail + 1, true
}

// codeJT: the answer lines with the passage's code (two codes when the
// passage has two), now and then the question too, a probe and its
// follow-on answer as one segment, and the second code of a passage's last
// lines as an overlapping segment.
func codeJT(r *rand.Rand, t *corpus.Transcript, units []unit) []corpus.Segment {
	var segs []corpus.Segment
	for i := 0; i < len(units); i++ {
		u := &units[i]
		start, end := u.aStart, u.aEnd
		var next *unit
		if i+1 < len(units) && units[i+1].follows && units[i+1].code == u.code && r.IntN(2) == 0 {
			next = &units[i+1]
			end = next.aEnd
		}
		if r.IntN(20) == 0 {
			start = u.qStart
		}
		codes := []string{u.code}
		for _, v := range []*unit{u, next} {
			if v == nil || v.also == "" {
				continue
			}
			if s, ok := alsoRange(v); ok {
				segs = append(segs, segment(t, s, v.aEnd, v.also))
			} else if v.also != codes[len(codes)-1] {
				codes = append(codes, v.also)
			}
		}
		s := segment(t, start, end, codes...)
		if r.IntN(10) == 0 {
			s.Memo = memoFor(r, memosJT, u.code)
		}
		segs = append(segs, s)
		if next != nil {
			i++
		}
	}
	return segs
}

// codeEH: mostly as jt, but sometimes the parent code or a sibling, from
// the question's last line, or one line short; now and then a passage
// missed, and a probe's answers always coded apart.
func codeEH(r *rand.Rand, t *corpus.Transcript, units []unit) []corpus.Segment {
	var segs []corpus.Segment
	for i := range units {
		u := &units[i]
		if r.IntN(25) == 0 {
			continue
		}
		code := u.code
		switch x := r.IntN(100); {
		case x < 6:
			code = parentOf(u.code)
		case x < 9:
			if sibs := siblingsOf(u.code); len(sibs) > 0 {
				code = pickOne(r, sibs)
			}
		}
		start, end := u.aStart, u.aEnd
		if r.IntN(14) == 0 {
			start = u.qEnd
		}
		if end > u.aStart && r.IntN(14) == 0 {
			end--
		}
		codes := []string{code}
		if s, ok := alsoRange(u); ok {
			if r.IntN(10) < 6 {
				segs = append(segs, segment(t, s, u.aEnd, u.also))
			}
		} else if u.also != "" && r.IntN(10) < 8 {
			codes = append(codes, u.also)
		}
		s := segment(t, start, end, codes...)
		if r.IntN(20) == 0 {
			s.Memo = memoFor(r, memosEH, code)
		}
		segs = append(segs, s)
	}
	return segs
}

// codeAH: mostly as jt, but a long answer sometimes split in two, the
// segment sometimes run on into the interviewer's next line or started a
// line late, and a passage's second code always on the whole answer.
func codeAH(r *rand.Rand, t *corpus.Transcript, units []unit) []corpus.Segment {
	var segs []corpus.Segment
	for i := range units {
		u := &units[i]
		if r.IntN(25) == 0 {
			continue
		}
		code := u.code
		if r.IntN(16) == 0 {
			code = parentOf(code)
		}
		codes := []string{code}
		if u.also != "" {
			codes = append(codes, u.also)
		}
		memo := ""
		if r.IntN(12) == 0 {
			memo = memoFor(r, memosAH, u.code)
		}
		start, end := u.aStart, u.aEnd
		n := end - start + 1
		switch x := r.IntN(100); {
		case x < 10 && n >= 4:
			mid := start + n/2 - 1
			segs = append(segs, segment(t, start, mid, codes...))
			start = mid + 1
		case x < 17 && end+2 <= t.Len() && !t.Line(end+2).Blank:
			end += 2
		case x < 23 && n >= 2:
			start++
		}
		s := segment(t, start, end, codes...)
		s.Memo = memo
		segs = append(segs, s)
	}
	return segs
}
