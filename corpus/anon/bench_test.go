package anon

import "testing"

// benchLines is a mix like a transcript's: mostly talk with nothing to
// find, some numbers that are not identifiers, a few that are.
var benchLines = []string{
	"Interviewer: Can you tell me a bit about how you've been feeling since the move?",
	"Participant: Honestly, it's been hard. I didn't really know anyone round here at first.",
	"I mean, my daughter comes over on a Sunday, but the rest of the week it's just me and the telly.",
	"Interviewer: And how does that make you feel?",
	"Lonely, I suppose. You don't like to admit it, do you? You feel like you should be coping.",
	"I was 42 when my husband died, in 2018, and I've been on my own since then.",
	"We used to go to the social club every Friday, but it closed down a couple of years ago.",
	"Interviewer: Mm-hm. [pause] What sorts of things help, would you say?",
	"The group at the library is nice. There's about 12 of us, and we have a cup of tea at 10:30.",
	"My UCLA score was 42 out of 80 at the first visit, they told me, and 35 at the second.",
	"I'd lived in [a rural location] for 30 years before that, so it was a big change.",
	"[name removed] from the surgery rang me on 12/03/2018 to see how I was getting on.",
	"It cost me £1,200 to get the boiler fixed and I just didn't have it.",
	"Participant: I don't go on the computer much, my grandson set up the email for me.",
	"You can't just turn up at people's doors, can you? Not these days.",
	"Interviewer: That's really helpful, thank you. Is there anything else you'd like to add?",
	"No, I think that's everything. It's nice to talk to someone, actually.",
	"The bus only comes twice a day now, the 8:15 and the 17:40, so I can't get into town.",
	"I had the operation in March and I was in for 3 days, then 6 weeks of physio.",
	"Sometimes I don't speak to anyone from one week to the next, you know?",
	"My neighbour, she's lovely, she'll pop in and say hello, but she works long hours.",
	"Interviewer: How would you describe your health at the moment?",
	"Not bad for 78! My knees are the worst of it. And my memory, ha.",
	"We moved here in the summer of 2016, after the flood.",
	"There's a WhatsApp group for the street now, about 20 households on it.",
	"Participant: I just ring 111 if I'm worried, or the out-of-hours number.",
	"Annual check-ups are the only time I see the doctor, to be fair.",
	"Interviewer: And do you feel part of the community here?",
	"Ann from the church rang me on 07700 900123 last week, which was kind.",
	"I used to work at the steelworks in Sheffield, forty years near enough.",
	"You can find the group on www.example.org if you want to look.",
	"Her email's ann.smith@example.com if you need it for the study.",
}

var benchNames = []string{
	"Ann", "Kate Smith", "Sheffield", "Rotherham", "Jean", "Margaret", "Bill Evans", "Jo",
	"Hillsborough", "Crookes", "Broomhill", "St Mary's", "Park Lane", "Doreen", "Sandra",
	"Elsie", "Mohammed Khan", "Priya", "Tomasz", "Aisha", "Siân", "Gwen", "Derek", "Colin",
	"Barnsley", "Meadowhall", "Dr Patel", "Nurse Okafor", "Ecclesall Road", "Firth Park",
	"Walkley", "Gleadless", "Heeley", "Norton", "Dore", "Totley", "Stannington", "Loxley",
	"Bradfield", "Chapeltown",
}

// BenchmarkLine reports the cost of scanning one line of the mix.
func BenchmarkLine(b *testing.B) {
	s := New(benchNames)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.Line(benchLines[i%len(benchLines)])
	}
}

// BenchmarkLineNoMatch is the common case on its own: a line with nothing
// to find.
func BenchmarkLineNoMatch(b *testing.B) {
	s := New(benchNames)
	line := benchLines[9]
	b.ReportAllocs()
	for b.Loop() {
		s.Line(line)
	}
}
