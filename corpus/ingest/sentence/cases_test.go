package sentence

// splitCases are the fixtures both candidate splitters were scored on (see
// the package comment). The file holds the table only, so that the scoring
// harness in testdata/punktcmp can link it in as it is.
var splitCases = []struct {
	name string
	in   string
	want []string
}{
	// Abbreviations that do not end sentences.
	{"mr", "I spoke to Mr. Jones about it.", []string{"I spoke to Mr. Jones about it."}},
	{"mrs then new sentence", "Mrs. Khan runs the group. She is lovely.", []string{"Mrs. Khan runs the group.", "She is lovely."}},
	{"ms", "Ms. Shah rang me on Tuesday.", []string{"Ms. Shah rang me on Tuesday."}},
	{"dr", "I saw Dr. Patel at the surgery.", []string{"I saw Dr. Patel at the surgery."}},
	{"prof", "Prof. Evans came to talk to us.", []string{"Prof. Evans came to talk to us."}},
	{"rev", "The Rev. Taylor ran the lunch club.", []string{"The Rev. Taylor ran the lunch club."}},
	{"st saint", "We went to the fair at St. Anne's. It was busy.", []string{"We went to the fair at St. Anne's.", "It was busy."}},
	{"st street at end", "I live on Church St. It is quiet.", []string{"I live on Church St.", "It is quiet."}},
	{"eg", "Things like the bus, e.g. the number 52, were hard.", []string{"Things like the bus, e.g. the number 52, were hard."}},
	{"eg before capital", "Some groups, e.g. Knit and Natter, meet weekly.", []string{"Some groups, e.g. Knit and Natter, meet weekly."}},
	{"ie", "The hub, i.e. the old library, was open.", []string{"The hub, i.e. the old library, was open."}},
	{"ie in brackets", "It was the other one (i.e. The Grange) that closed.", []string{"It was the other one (i.e. The Grange) that closed."}},
	{"etc mid sentence", "We did crafts, quizzes, etc. and it was fun.", []string{"We did crafts, quizzes, etc. and it was fun."}},
	{"etc ends sentence", "We had tea, biscuits etc. Then she left.", []string{"We had tea, biscuits etc.", "Then she left."}},
	{"etc at end", "We had tea, biscuits etc.", []string{"We had tea, biscuits etc."}},
	{"am mid sentence", "At 10.30 a.m. we met.", []string{"At 10.30 a.m. we met."}},
	{"pm ends sentence", "It finished at 3 p.m. Then I got the bus home.", []string{"It finished at 3 p.m.", "Then I got the bus home."}},
	{"vs", "It was the old building vs. the new one.", []string{"It was the old building vs. the new one."}},
	{"approx", "It took approx. 20 minutes to get there.", []string{"It took approx. 20 minutes to get there."}},
	{"no before digit", "I lived at No. 5 for years.", []string{"I lived at No. 5 for years."}},
	{"no starts turn", "No. 5 was ours.", []string{"No. 5 was ours."}},
	{"no lowercase before digit", "we were in room no. 12 at the back", []string{"we were in room no. 12 at the back"}},
	{"no as answer", "No. I never went back.", []string{"No.", "I never went back."}},
	{"months before year", "It started in Jan. 2019 and ended in Feb. 2020.", []string{"It started in Jan. 2019 and ended in Feb. 2020."}},
	{"month ends sentence", "It started in Sept. Then it stopped in Dec.", []string{"It started in Sept.", "Then it stopped in Dec."}},
	{"ltd mid sentence", "I worked for Hill Ltd. for ten years.", []string{"I worked for Hill Ltd. for ten years."}},
	{"ltd ends sentence", "It was a small firm, Hill Ltd. It closed in 2010.", []string{"It was a small firm, Hill Ltd.", "It closed in 2010."}},
	{"co mid sentence", "She was at Brown & Co. in Leeds.", []string{"She was at Brown & Co. in Leeds."}},
	{"uk mid sentence", "I came to the U.K. in 1998.", []string{"I came to the U.K. in 1998."}},
	{"uk ends sentence", "I moved to the U.K. Then I met my husband.", []string{"I moved to the U.K.", "Then I met my husband."}},
	{"nhs before name", "The N.H.S. Trust sent a letter.", []string{"The N.H.S. Trust sent a letter."}},
	{"nhs ends sentence", "I worked for the N.H.S. It was hard work.", []string{"I worked for the N.H.S.", "It was hard work."}},
	{"title at sentence start", "Dr. Patel referred me. Mr. Jones was the link worker.", []string{"Dr. Patel referred me.", "Mr. Jones was the link worker."}},

	// Initials.
	{"initials", "J. R. R. Tolkien wrote it.", []string{"J. R. R. Tolkien wrote it."}},
	{"title and initial", "I saw Dr. A. Patel.", []string{"I saw Dr. A. Patel."}},
	{"initial in apposition", "My worker, S. Ahmed, rang me.", []string{"My worker, S. Ahmed, rang me."}},
	{"letter ends sentence", "We called it plan B. Then it fell through.", []string{"We called it plan B.", "Then it fell through."}},

	// Decimals and times.
	{"decimal", "It cost 2.50 a week.", []string{"It cost 2.50 a week."}},
	{"time ends sentence", "We met at 10.30. It was early.", []string{"We met at 10.30.", "It was early."}},
	{"money ends sentence", "I paid £3.20. The bus was free with my pass.", []string{"I paid £3.20.", "The bus was free with my pass."}},
	{"percentage", "About 2.5% of us went. Most stayed home.", []string{"About 2.5% of us went.", "Most stayed home."}},

	// Ellipses.
	{"ellipsis lowercase", "I was... well, lonely.", []string{"I was... well, lonely."}},
	{"spaced ellipsis", "It was . . . hard.", []string{"It was . . . hard."}},
	{"unicode ellipsis", "I don’t know… it was odd.", []string{"I don’t know… it was odd."}},
	{"ellipsis then new sentence", "I waited... Nobody came.", []string{"I waited...", "Nobody came."}},
	{"ellipsis then name", "I went to... Sheffield, I think.", []string{"I went to... Sheffield, I think."}},
	{"ellipsis then I", "And then... I don't know.", []string{"And then...", "I don't know."}},
	{"unicode ellipsis then new sentence", "I waited… Then I rang her.", []string{"I waited…", "Then I rang her."}},
	{"spaced ellipsis then new sentence", "I waited . . . Then I rang her.", []string{"I waited . . .", "Then I rang her."}},
	{"four dots", "I thought.... It was over.", []string{"I thought....", "It was over."}},
	{"ellipsis opens turn", "...and then we left.", []string{"...and then we left."}},
	{"lone ellipsis opens turn", "... And then we left.", []string{"... And then we left."}},
	{"ellipsis closes turn", "I just thought...", []string{"I just thought..."}},
	{"ellipsis with loose spaces", "It was   ...   hard.", []string{"It was ... hard."}},
	{"ellipsis then marker", "It was... [inaudible].", []string{"It was... [inaudible]."}},

	// Closing quotes and brackets stay with their sentence.
	{"straight quote", `She said "come along." Then she left.`, []string{`She said "come along."`, "Then she left."}},
	{"curly double quote", "She said “come along.” Then she left.", []string{"She said “come along.”", "Then she left."}},
	{"curly single quote", "He said ‘no chance.’ So I went.", []string{"He said ‘no chance.’", "So I went."}},
	{"stop outside quote", `She said "come along". Then she left.`, []string{`She said "come along".`, "Then she left."}},
	{"round bracket", "I went every week (it was free.) Then it closed.", []string{"I went every week (it was free.)", "Then it closed."}},
	{"square bracket", "It was hard [pause.] Then it got better.", []string{"It was hard [pause.]", "Then it got better."}},
	{"nested quotes", `He said, "She told me 'no.'" Then he left.`, []string{`He said, "She told me 'no.'"`, "Then he left."}},
	{"quoted question mid sentence", `She asked "are you okay?" and I said yes.`, []string{`She asked "are you okay?" and I said yes.`}},
	{"quote opens next sentence", `I thought about it. "Why not?" So I went.`, []string{"I thought about it.", `"Why not?"`, "So I went."}},

	// Question and exclamation marks.
	{"interrobang", "Really?! I never knew.", []string{"Really?!", "I never knew."}},
	{"double bang", "No way!! I was shocked.", []string{"No way!!", "I was shocked."}},
	{"question", "Was it helpful? Yes, very.", []string{"Was it helpful?", "Yes, very."}},
	{"exclamation", "I loved it! It got me out.", []string{"I loved it!", "It got me out."}},
	{"lone question", "What?", []string{"What?"}},
	{"two questions", "Why? Why would they stop it?", []string{"Why?", "Why would they stop it?"}},
	{"question then lowercase", "you know? and then it stopped", []string{"you know? and then it stopped"}},

	// No punctuation at all.
	{"no punctuation", "yeah we went to the group and had tea and it was nice", []string{"yeah we went to the group and had tea and it was nice"}},
	{"irregular whitespace", "  yeah   we went\tto the\n group  ", []string{"yeah we went to the group"}},
	{"empty", "", nil},
	{"only spaces", " \t\n ", nil},

	// Redaction markers.
	{"marker and saint", "I met [name removed] at St. Mary's.", []string{"I met [name removed] at St. Mary's."}},
	{"marker at end", "She lives in [a rural location].", []string{"She lives in [a rural location]."}},
	{"marker opens turn", "[inaudible] so I went. Then home.", []string{"[inaudible] so I went.", "Then home."}},
	{"marker ends sentence", "And then she said [inaudible]. Then she left.", []string{"And then she said [inaudible].", "Then she left."}},
	{"stop inside marker", "I met [name removed. Surname removed] there. It was nice.", []string{"I met [name removed. Surname removed] there.", "It was nice."}},
	{"marker after stop", "I went home. [name removed] came later.", []string{"I went home.", "[name removed] came later."}},
	{"marker alone", "[inaudible]", []string{"[inaudible]"}},
	{"marker then answer", "[crosstalk] Yes. I agree.", []string{"[crosstalk]", "Yes.", "I agree."}},
	{"marker between sentences", "But it closed. [inaudible] That was the only thing on.", []string{"But it closed.", "[inaudible]", "That was the only thing on."}},
	{"marker after last sentence", "We were on hold for an hour. [laughs]", []string{"We were on hold for an hour.", "[laughs]"}},
	{"marker before lowercase", "It closed. [laughs] and that was that.", []string{"It closed.", "[laughs] and that was that."}},
	{"omission marker", "I went there [...]. Then home.", []string{"I went there [...].", "Then home."}},
	{"unclosed bracket", "I said [unclear. Then I left.", []string{"I said [unclear.", "Then I left."}},
	{"email marker", "I emailed [email removed]. She replied.", []string{"I emailed [email removed].", "She replied."}},

	// Lowercase after a full stop.
	{"lowercase continues", "I went to the shop. and then home", []string{"I went to the shop. and then home"}},
	{"lowercase i starts", "i went to the shop. i got milk.", []string{"i went to the shop.", "i got milk."}},

	// Numbers and list markers.
	{"inline list", "My reasons were 1. the cost and 2. the bus.", []string{"My reasons were 1. the cost and 2. the bus."}},
	{"list after colon", "There were two things: 1. The cost. 2. The bus.", []string{"There were two things: 1. The cost.", "2. The bus."}},
	{"list opens turn", "1. Get the bus. 2. Meet the group.", []string{"1. Get the bus.", "2. Meet the group."}},
	{"hour ends sentence", "I was there until 1. Then I left.", []string{"I was there until 1.", "Then I left."}},
	{"number ends sentence", "We lived at number 10. It was a council flat.", []string{"We lived at number 10.", "It was a council flat."}},
	{"year then year", "It was in 1984. 1985 was worse.", []string{"It was in 1984.", "1985 was worse."}},
	{"age ends sentence", "I was, er, 70. Then I had my fall.", []string{"I was, er, 70.", "Then I had my fall."}},

	// Emails and URLs.
	{"email", "Email jo.smith@example.org.uk for details.", []string{"Email jo.smith@example.org.uk for details."}},
	{"url ends sentence", "Look at www.example.org. It has the times.", []string{"Look at www.example.org.", "It has the times."}},
	{"url with path", "The site is example.org/groups and it lists them.", []string{"The site is example.org/groups and it lists them."}},

	// Interjections and short sentences.
	{"yes no okay", "Yes. No. Okay.", []string{"Yes.", "No.", "Okay."}},
	{"mm yeah", "Mm. Yeah. I suppose so.", []string{"Mm.", "Yeah.", "I suppose so."}},
	{"right so", "Right. So, anyway.", []string{"Right.", "So, anyway."}},
	{"loose spaces between", "Yes.   No.", []string{"Yes.", "No."}},
	{"newline between", "Yes.\nNo.", []string{"Yes.", "No."}},
	{"no-break space between", "Yes.\u00a0No.", []string{"Yes.", "No."}},

	// Odds and ends.
	{"spaced stop", "I went home . Then I slept .", []string{"I went home .", "Then I slept ."}},
	{"dash after stop", "Yes. — No, not really.", []string{"Yes.", "— No, not really."}},
	{"colon then capital", "She said: Come along. Then she left.", []string{"She said: Come along.", "Then she left."}},
	{"abbreviations together", "It's approx. 3 miles, i.e. about an hour's walk. I did it twice.", []string{"It's approx. 3 miles, i.e. about an hour's walk.", "I did it twice."}},
	{"lone stop", ".", []string{"."}},
	{"trailing off then restart", "Hmm ... I don't know ...", []string{"Hmm ...", "I don't know ..."}},
	{"fillers trail off", "Er... Um... I think so.", []string{"Er... Um...", "I think so."}},
	{"ellipsis then quantifier", "It isn't long enough... Some people need more.", []string{"It isn't long enough...", "Some people need more."}},
	{"dotted ok", "It was O.K. Then it got worse.", []string{"It was O.K.", "Then it got worse."}},
	{"long turn", "Well, I'd been on my own since my husband died. Mrs. Khan from the surgery rang me. She said there was a group at St. Luke's on a Tuesday, 10 a.m. till 12. I wasn't sure... I hadn't been out much. But I went! And I'm glad I did.",
		[]string{"Well, I'd been on my own since my husband died.", "Mrs. Khan from the surgery rang me.", "She said there was a group at St. Luke's on a Tuesday, 10 a.m. till 12.", "I wasn't sure...", "I hadn't been out much.", "But I went!", "And I'm glad I did."}},
}
