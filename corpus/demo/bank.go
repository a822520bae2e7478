package demo

// bankText is every line of talk the demo study is made from. It was written
// for qda; none of it is taken from a real interview.
//
// Format:
//
//	## CODE (ATTRS)     a section of answer passages drawn when asking about CODE
//	## Q CODE (ATTRS)   interviewer questions about CODE (or a descendant)
//	## @NAME (ATTRS)    fixed parts of an interview: openings, probes, closings
//	- first line        a passage starts; one sentence per line
//	-(ATTRS) first line a passage with attributes of its own
//	  next line         continuation (two spaces)
//	  ? optional line   kept about three times in five
//
// Inside a line, {a|b|c} picks one option (options may be empty) and {slot}
// is filled from the participant: she, obj, pos (the connector's pronouns),
// cc (how the participant names the connector), ycc (how the interviewer
// does), fam, group, place, town, day, health, aid, loss, kid, shop, bus,
// weeks. A slot written with a capital ({She}) is capitalised, and every
// line starts with a capital.
//
// ATTRS, separated by spaces: w1 or w2 (initial or follow-up only), tel or
// f2f (interview mode), a trigger group (bereaved, living-alone,
// young-parent, separated, mobility-health, retired: any one of those
// given), older (60+), younger (under 50), under70, rural, and +CODE or +CODE@N: a
// second code for the whole passage or for its last N lines.
const bankText = `
## @open (w1 tel)
- Hello, thanks for agreeing to talk to me today.
  Can you hear me all right?
- Thanks for taking the time to speak to me.
  Before we start, is it still all right for me to record the call?
- Hi, it's the researcher from the evaluation, we spoke last week.
  Is now still a good time?
- Thank you for agreeing to do this.
  As I said in the letter, it's about your time with the community connectors.
  Are you still happy for me to record?

## @open (w1 f2f)
- Thank you for having me.
  I'll just put the recorder down here on the table, is that all right?
- Thanks for letting me come round.
  Before we start, are you still happy for me to record this?

## @open (w2)
- Thanks for agreeing to talk to me again.
  It's been about three months since we last spoke.
  Is it all right to record, like last time?
- Hello again, and thanks for speaking to me a second time.
  Are you still happy for me to record?
- Thanks for making the time again.
  Can you hear me all right?

## @reply-open
- Yes, that's fine.
- Yes, go on.
- That's all right, love.
- Yes, no problem at all.
- Fine by me.
- Of course you can.
-(tel) Yes, I can hear you.
  Go ahead.
- Yes.
  I'm not sure how much help I'll be, mind.

## @start
- Lovely.
- Great, thank you.
- Okay, let's make a start.
- Right then.
- Thank you.
  I'll start with an easy one.

## @ack
- Right.
- Okay.
- Thank you.
- Mm, I see.
- That's really helpful.
- That makes sense.
- Okay, thank you for that.
- Mm-hm.
- I see, yes.

## @probe
- Can you tell me a bit more about that?
- Mm.
  Go on.
- Was there anything else along those lines?
- Anything else you remember about that?
- And what else?
- Is there more you'd like to say about that?

## @close
- Is there anything else you'd like to tell me about the scheme?
- Is there anything we haven't covered that you think is important?
- Before we finish, is there anything you'd want to add?

## @reply-close
- No, I think I've said it all.
- Just that I'd recommend it to anybody.
  ? I've told a few people about it already.
- No, not really.
  Thank you for asking me.
- I don't think so.
  I hope it's been some use.
- Only that I'm glad I said yes to it.
- No, you've been very thorough.
  [laughs]

## @thanks
- Thank you, that's been really helpful.
  I'll stop the recording there.
- That's brilliant, thank you so much for your time.
- Thank you.
  I'll turn this off now.
- Thanks ever so much, you've been really generous with your time.

## @bye
- You're welcome.
- No problem, love.
- Thank you.
  Ta-ra.
- Bye now.
- That's all right.
  Take care.

## Q referral
- Can you tell me how you first came to the scheme?
- How did you first hear about the community connectors?
- Let's start at the beginning.
  How did you come to be referred?
- So how did it all start, how did you end up with the scheme?
- Could you tell me a bit about how you got involved in the first place?

## referral/health-services
- I'd been back and forth to the surgery {a lot|a fair bit|more than I'd like} that winter.
  The doctor said a lot of it was {me being on my own|loneliness, if I'm honest|me being stuck in the house}.
  They gave me a leaflet and said somebody would ring.
  ? I put it on the side and forgot about it, to be honest.
  Then {cc} rang and that was that.
- It was the nurse at the {surgery|health centre}.
  I'd gone in about {health} and I ended up crying in front of her, which isn't like me.
  She asked if I'd mind her passing my name on.
  I said go on then, I've nothing to lose.
- I was in for {a week or so|nearly a fortnight|about ten days} after my operation.
  The ward sister asked if there'd be anyone popping in once I was home.
  I must have pulled a face, because she went and got me a leaflet.
  ? A young lad from the scheme rang the week after I got out.
- My social worker sorted it.
  ? She'd been coming about my care package.
  She said there was this scheme that might get me out {a bit more|of the house now and again}.
  I didn't really know what it was at first.
-(young-parent) The health visitor mentioned it.
  She could see I wasn't getting out with {kid}.
  ? I think she was worried about me, really.
  She said they'd help me find groups and that.
-(mobility-health) It came through the physio.
  I'd finished my sessions and she said I needed to keep moving, but I'd nobody to go out with.
  ? She said it's no good doing the exercises in the kitchen for ever.
  So she referred me on.
-(bereaved) After {loss} died the doctor kept an eye on me.
  I think they could tell I wasn't coping.
  They said there was somebody who could come and have a chat and maybe get me to a few things.
  I wasn't keen, but I said yes.
- It was the {pharmacist|chemist}, believe it or not.
  I was in there every week for my tablets and we'd got chatting.
  She said she'd seen a poster for it and did I want her to ring them.
- The mental health team put me in touch.
  I'd been {really low|in a bad way|struggling} for a while.
  They said this would be something alongside, not instead of.
- I went to the doctor about my sleep.
  And we got talking and he said, have you heard of the connectors?
  ? I said, the what?
  [laughs]
  He printed something off for me there and then.

## referral/self-referral
- {Fam} found it online and rang them up for me.
  ? I'm hopeless with computers.
  I wasn't best pleased at first, I'll be honest.
  But I'm glad now.
- I saw a poster in the library.
  I must have walked past it {three or four times|a dozen times|for weeks}.
  Then one day I took one of the little cards and rang.
  ? It took me a while to pluck up the courage.
- My neighbour had done it the year before.
  She said it had done her the world of good.
  So I thought, well, if it worked for her.
- I referred myself, really.
  I'd got to the point where I was going days without speaking to anybody.
  And I thought, this isn't right, I need to do something.
- There was a stall at the {community centre|church hall|market} and I got talking to the lady on it.
  She took my details there and then.
  ? I didn't think I'd hear anything, but they rang the week after.
- {Fam} was worried about me being on my own so much.
  They'd seen something about it in the paper.
  ? I think they'd been on at me for weeks before I gave in.
  In the end I rang them just to keep the peace.
- A friend from church gave me the number.
  I kept it in my purse for ages.
  ? I'm not very good at asking for help.
  Then after Christmas I thought, go on, ring them.
-(young-parent) It was on a noticeboard at the children's centre.
  I'd just moved here and didn't know anybody.
  So I sent them a message, and they got back to me the same day.
-(separated) After me and my partner split up I was just sat in the flat.
  A mate said there's this thing, give them a ring.
  ? I nearly didn't.
  But I did, and here we are.

## Q expectations
- What were you hoping the scheme would do for you?
- When you first started, what did you want to get out of it?
- What did you think it would be like, before it started?
- What were you expecting when they first got in touch?

## expectations/hopes
- I just wanted to get out of the house again.
  I'd got so I was frightened of going past the front gate.
  ? Silly, really.
  I wanted somebody to help me get going again.
- Honestly, just somebody to talk to.
  The days are very long when you're on your own.
  ? You can go a whole week and the only person you speak to is the man in the shop.
-(younger) I wanted to meet people my own age.
  All my friends had moved away or had their own things going on.
  I wanted some sort of routine back.
-(retired) I wanted something to do with my days now I've finished work.
  I'd worked all my life and then suddenly nothing.
  ? I was rattling round the house.
  I was hoping they'd point me at a few clubs.
- I didn't really know what to expect.
  I thought they might just give me a list of things and leave me to it.
  But it wasn't like that at all.
-(+confidence) I was hoping to get a bit of my independence back.
  Since {health} got bad I'd been relying on {fam} for everything.
  And I didn't want to be a burden.
- To be honest, I was hoping for a friend.
  Somebody who'd come every week.
  ? I know that's not really what it's for.
- I wanted to get back into doing things for myself.
  Little things, like going to the post office.
  Things I used to do without thinking.
-(young-parent) I wanted help to get out with {kid}.
  I was stuck indoors all day and it was getting me down.
  I wanted to find some groups where I'd meet other parents.
-(bereaved) Since {loss} died I've not known what to do with myself.
  We did everything together.
  I was hoping they'd help me find my feet a bit.
- I wanted to stop feeling so sorry for myself, if I'm honest.
  I knew I needed a push.
  ? And I wasn't going to do it on my own.

## Q expectations/remit
- Did you have a clear idea of what the connectors could and couldn't do?
- Was it clear from the start what the scheme was for?
- Was the scheme what you thought it would be?

## expectations/remit
- They did say at the start it was only for {weeks}.
  I don't think it sank in, though.
  ? You hear it but you don't really hear it, do you?
- I thought it was more of a befriending thing.
  Then {cc} explained it was about finding me things to go to.
  I was a bit disappointed, to be honest.
- It was all explained very well on the first visit.
  {She} went through what {she} could help with and what {she} couldn't.
  ? {She} left me a sheet about it as well.
- I didn't realise they weren't a care service.
  I'd thought they might help with the cleaning and that.
  ? But that's not what they do, and fair enough.
- {She} was very clear it was about getting me out and about.
  Not doing things for me but doing them with me.
  I liked that, actually.
- I think they could have been clearer about the end.
  It came round very quick.
  One minute you're getting started and the next they're saying it's the last few weeks.
- I wasn't sure what they wanted from me at first.
  There was a form with questions about how lonely you feel.
  ? I didn't know how to answer half of them.
  But {cc} talked me through it.
-(older) I expected somebody older, to be honest.
  {Cc} was young enough to be my grandchild.
  But {she} was lovely, it didn't matter in the end.

## Q confidence
- What sort of things did you do together?
- What kind of help did you get with everyday things?
- Did the scheme help you to do things you'd stopped doing?

## Q confidence/daily-tasks/bills-and-letters
- Did you get any help with paperwork, bills, that sort of thing?
- Some people have said the connectors helped with letters and forms.
  Was that the case for you?

## confidence/daily-tasks/bills-and-letters
- I'd let the post pile up on the table.
  Brown envelopes, I couldn't face them.
  {Cc} sat with me and we went through them one at a time.
  ? It wasn't half as bad as I'd thought.
-(bereaved) {Loss} always did the bills.
  I'd never had to ring the gas people in my life.
  {She} showed me how to do it and stayed while I made the call.
  Now I can do it on my own.
- {She} helped me fill in the forms for my {benefits|blue badge|bus pass}.
  ? They're so long, those forms.
  I'd have given up halfway through on my own.
- I get in a panic on the phone.
  So we practised what I was going to say first.
  ? I wrote it all down on a bit of paper.
  And I did it, I rang the council myself.
- There was a letter from the housing about my rent.
  I didn't understand it and I'd been worrying for weeks.
  {She} read it with me and it turned out it was nothing much.
- {She} helped me set up a little folder for everything.
  Bills in one bit, hospital letters in another.
  ? I still use it now.
- I'm not very good with reading, I'll be honest with you.
  So {she} would read things out and I'd decide what to do.
  It made me feel like I was still in charge, if you know what I mean.
- We sorted out my direct debits together.
  I'd been paying things at the post office every week in cash.
  ? Which was a trek with {health}.
  {She} showed me there was an easier way.
- It's the automated phone lines I can't stand.
  Press one for this, press two for that.
  {She} sat with me on the speakerphone and we got through it together.
  ? We were on hold for nearly an hour. [laughs]

## Q confidence/daily-tasks/shopping
- Did you go out shopping or do errands together?
- What about getting to the shops?

## confidence/daily-tasks/shopping
- The first few weeks we just went to {shop} together.
  Nothing big, just a few bits.
  But it was the first time I'd been in there for months.
- I'd been having my shopping delivered since I came out of hospital.
  {Cc} said, why don't we try going ourselves?
  ? I was nervous of the crowds.
  We went early on a {day} when it's quiet.
- Going round {shop} with somebody made all the difference.
  If I got tired there was someone to say, come on, let's sit down a minute.
  ? And they had a little cafe, so we'd have a drink after.
- I used to get in a state at the checkout.
  Everybody rushing behind you.
  {She} just stood with me and said, take your time.
  Now I go on my own on a {day}.
- We went to get my glasses sorted.
  ? I'd been putting it off for about two years.
  And then the chemist, and then the bank.
  It was like a proper day out, all the jobs done in one go.
- I'd forgotten how to do it, in a way.
  Make a list, get the bus, carry the bags home.
  {She} didn't do it for me, {she} just came along.
  ? That was the important bit.
- I needed a new coat and I couldn't face going into {town} on my own.
  So we made a morning of it.
  ? I got a lovely one in the end, navy blue.
- We'd do the market on a {day}.
  I know a lot of the stallholders from years ago.
  So it was nice to be seen again, people saying, oh, we've missed you.

## Q confidence/travel
- Did the scheme help you with getting about, travelling?
- How did you find going further afield?
- Was there anything about travelling that {ycc} helped with?

## confidence/travel
- The first time we got {bus} I was shaking.
  {She} had it all planned, which stop, which seat, even the right change ready.
  We sat near the front and {she} talked to me the whole way so I didn't think about it.
- I hadn't been on a train in years.
  We went to sort out my {pension|bank card|appointment} in {town} and did it together.
  ? I'd never have managed the ticket machine on my own.
  Next time I went by myself.
- My goal was to get to {fam}'s on my own.
  It's two buses and a walk.
  We did it together a couple of times, then {she} met me at the other end, then I did it on my own.
  ? I rang {obj} when I got there and {she} was made up.
- I'd got it into my head that I'd get lost.
  Or that I'd fall and nobody would know.
  Having {obj} with me the first few times took that away.
-(+sustainability/infrastructure/transport/public-transport@1) We practised getting to the hospital, because I've a lot of appointments.
  ? You can't always get the patient transport.
  Now I know which bus and where to get off.
- {She} showed me the journey planner on my phone.
  I didn't even know it did that.
  ? I still get {fam} to check it for me, though.
- It was just the bus into {town} at first.
  Then one week we went all the way to the seaside.
  ? I hadn't been for years.
  I felt like a kid again, honestly.
- I'd stopped going anywhere I didn't know.
  {She} said, we'll do it together and if you don't like it we'll come straight back.
  And we never once came straight back.
- I still won't go at night.
  But in the day I'm all right now.
  ? That's a big change for me.

## Q confidence/education
- Did you talk about courses or work at all?
- You said you wanted to get back into learning.
  How did that go?

## confidence/education (younger)
- I'd always wanted to go back to college.
  {She} helped me look at the courses and fill in the application.
  ? I start after the summer.
  I'd never have done it on my own.
- I wanted to get my maths and English.
  I left school with nothing, really.
  {She} found a course at the library that's free, and they've got a creche.
-(young-parent) {She} helped me do my CV.
  I hadn't worked since {kid} was born.
  ? We did it on the computer at the library.
  It made me feel like I had something to offer.
- We looked at volunteering first, to build me up.
  I do a morning at the charity shop now.
  It's not a job, but it's a start.
- I'm doing an evening class now, a cooking one.
  ? It's not exactly a qualification.
  But I'm out of the house and I'm learning something.
- I was talking about maybe retraining.
  {She} put me in touch with the careers people.
  ? Nothing's happened yet, but I feel like I could.
- I'd got it into my head I was too thick for college.
  {She} said, who told you that?
  And I couldn't think of anyone, it was just me.
- I've started an online course, just a little one.
  {She} sat with me and got me logged on the first time.
  I've done a few bits of it now.

## Q tea-and-company
- What did you like most about the scheme?
- What was the best part of it for you?
- What was it like having {ycc} come round?

## tea-and-company/companionship
- Just having somebody to talk to.
  That was the best part, really.
  We'd talk about all sorts, the telly, the old days, {pos} holidays.
- {She} was a proper friend to me.
  ? I know {she} was doing a job.
  But it never felt like that.
- It was the company, more than anything.
  I looked forward to a {day} all week.
  ? I'd have the place tidied up and the biscuits out.
- We just got on, you know?
  Same sense of humour.
  We'd be laughing our heads off about nothing.
  ? {Fam} said they could hear us from the hallway.
- You don't realise how much you miss a conversation.
  Not just hello and goodbye.
  A proper natter about nothing in particular.
- {She} listened.
  That's the thing.
  ? Some people talk at you, but {she} listened.
  And {she} remembered what I'd said the week before.
- Some weeks we didn't do anything at all, we just sat.
  A cup of tea and a chat.
  And honestly, those were some of the best weeks.
- I'd go weeks without anyone to talk to before.
  {Cc} was somebody who was there just for me for that hour.
  ? It sounds daft, but it made me feel like I mattered.
- It gave me a reason to get dressed.
  Somebody was coming, so you make an effort.
  ? Put the kettle on ready.
  It sounds silly, but it's true.

## Q tea-and-company/home-visits
- Where did you usually meet?
- Did {ycc} visit you at home?

## tea-and-company/home-visits
- {She} came to the house every {day} afternoon.
  I'd have the kettle on before {she} was through the gate.
  ? We had our routine.
-(+sustainability/infrastructure/mobility) Mostly {she} came here, because of {health}.
  Getting out was such a palaver.
  ? So {she} came to me instead.
- We'd sit in the kitchen with a pot of tea and go through what I wanted to do that week.
  Sometimes we'd get nowhere near it.
  [laughs]
- {She} came round and we'd do a jigsaw.
  I've always loved jigsaws.
  We did a big one of a lighthouse, it took us weeks.
- At first I didn't want anyone in the house.
  It was a mess and I was embarrassed.
  {She} never said a word about it.
  ? After a while I started tidying up before {she} came.
- I'd make a bit of lunch.
  Just soup and a sandwich.
  ? It was nice to cook for somebody again.
  You don't bother when it's just you.
- {She} brought photos of {pos} dog to show me.
  ? I used to have dogs.
  We'd look through my old albums as well.
- It was always at mine.
  I preferred that, I'm more comfortable in my own place.
  ? I know they want you to go out to things.
  But that was a big enough step for me at the start.
- {She} even helped me with the garden one week.
  We got the pots planted up.
  I sat on the bench and told {obj} what to do, mind.

## Q tea-and-company/outings
- Did you go out anywhere together?
- What sort of outings did you have?

## tea-and-company/outings
- There's a garden centre out towards [place removed] that we went to a few times.
  They do a lovely scone.
  ? It's not about the plants really, it's the cafe.
- {She} took me to the seaside one day.
  We had fish and chips on the front.
  It was the best day I'd had in ages.
- We went to the museum in {town}.
  I'd lived round here all my life and never been in.
  ? Free as well.
- We'd go for a coffee at the little cafe by the park.
  Then a walk round if I was up to it.
  ? Just to the bandstand and back.
- {She} took me to look at the {group} so I could see what it was like.
  We didn't go in the first time, we just had a look from outside.
  ? The second time we went in together.
- We went to the pictures.
  I hadn't been since I don't know when.
  ? I can't remember what we saw now, but I remember the day.
-(+sustainability/infrastructure/transport/lifts) Going out for a drive was lovely.
  We just went round the lanes near [a rural location].
  ? I've not got a car any more, so it was a treat.
- We went to a craft fair at the church.
  ? I bought some cards.
  It was nice just to be out among people again.
- We'd go to the cafe at the big supermarket.
  A cup of tea and a teacake and watch the world go by.

## Q sustainability/ending-support (w1)
- How do you feel about the support coming to an end?
- Have you talked about what happens when the {weeks} are up?

## Q sustainability/ending-support (w2)
- How was it when the support finished?
- Last time we spoke you were still seeing {ycc}.
  How did the ending go?
- How have things been since the visits stopped?

## sustainability/ending-support/losing-a-friend
-(w1) I'm dreading it, to be honest.
  I've got used to {obj} coming.
  ? I try not to think about it.
-(w1) I know it has to end.
  They've got other people to see.
  But I'll be sad, I won't pretend I won't.
-(w1) We've talked about it.
  {She} says {she}'ll pop in if {she}'s passing.
  ? I don't know if they're allowed.
-(w2) It was hard.
  The last visit, I cried after {she} left.
  ? I didn't let {obj} see, mind.
  It felt like a door closing.
-(w2) I missed {obj} more than I thought I would.
  {Day} comes round and I still half expect a knock on the door.
  ? Silly, isn't it?
-(w2) It left a gap.
  We'd got close, and then it just stopped.
  I understand why, but it's hard on the person left at home.
-(w2) I was low for a few weeks after.
  ? I went back into myself a bit.
  I'd got used to having somebody, and then there was nobody again.
-(w2) {She} sent me a card when it finished.
  I've still got it on the mantelpiece.
  ? It meant a lot, that.
-(w2) I felt a bit abandoned, if I'm honest.
  They build you up and then that's it.
  ? I don't blame {obj}, it's how it's set up.
-(w2 +sustainability/ending-support/after-support@2) It wasn't as bad as I thought it would be.
  {She} had got me going to the {group} by then.
  So I had somewhere to go on a {day} instead.
-(w2) We said our goodbyes properly, which helped.
  We had a last cup of tea and {she} went through everything I'd done.
  ? I didn't realise how far I'd come until then.
-(w2) I'd have liked it to tail off slowly.
  Every other week, then once a month.
  Instead it was there one week and gone the next.

## Q sustainability/ending-support/after-support (w2)
- What have you kept up since the support ended?
- Are you still going to any of the things you started?
- What's carried on since then, would you say?

## Q sustainability/ending-support/after-support (w1)
- What do you think you'll keep doing once it finishes?

## sustainability/ending-support/after-support
-(w2) I'm still going to the {group} on a {day}.
  ? Not every week, but most weeks.
  A couple of the people there have become friends.
-(w2) To be honest, I've stopped going to most things.
  Without {obj} it was harder to make myself.
  ? I keep meaning to start again.
-(w2) I've kept up the bus.
  I go into {town} on my own now, which I never did before.
  ? That's the thing that's lasted.
-(w2) Things slipped a bit over the winter.
  The weather, and {health}.
  But I've started going again now it's lighter.
-(w2) I ring the office if I need anything.
  They said I could.
  ? I haven't needed to much.
-(w2) I've joined a befriending thing now.
  A different lady comes, once a fortnight.
  ? It's not the same, but it's something.
-(w2) I was fine for the first month or so.
  Then I got poorly and it all went by the wayside.
  Once you stop, it's hard to get going again.
-(w2) I'm doing a lot more than I was before I started.
  ? I wouldn't have believed it.
  The shopping, the {group}, {fam}'s on a Sunday.
-(w2) I still do my own letters and bills.
  I've kept my folder going.
  That's definitely stayed with me.
-(w1) {She}'s been helping me line up things for after.
  So I'm not just left with nothing.
  ? The {group} is the main one.
-(w1 +sustainability/infrastructure/transport@1) I'm hoping I'll keep going to the {group}.
  But I'm worried about getting there once {she}'s not taking me.

## Q sustainability/infrastructure
- Is it easy to get to things where you live?
- How do you get about, day to day?
- What makes it hard to get to groups and activities?

## sustainability/infrastructure/transport/public-transport
-(rural) The buses round here are hopeless.
  There's one in the morning and one back in the afternoon.
  ? If you miss it, that's you stuck.
- The bus stops at the end of the road, which is handy.
  But it doesn't go where the groups are.
  You'd have to change in {town} and it takes all morning.
-(+sustainability/infrastructure/mobility@1) They cut our bus last year.
  ? There was a petition and everything.
  Now it's a walk to the main road, and I can't do that with {health}.
- I've got my bus pass, so it's free.
  It's just the waiting.
  ? Standing at the stop in the cold for half an hour.
-(rural) The buses don't run on a Sunday out here.
  And the last one back is early in the evening.
  So anything at night is out of the question.
- The bus is fine if you can get on it.
  Some of the drivers don't wait for you to sit down.
  ? I've nearly gone flying a couple of times.
- There's a community bus you can book.
  But you have to ring the week before and it's often full.
  ? It's a good service when you get it.
- You plan your whole week round the bus.
  ? It's {place}, there's not a lot else.
  Miss it and the day's gone.
- I'm all right with the train, it's getting to the station.
  ? It's a fair walk and there's a big hill.
  By the time I get there I'm worn out.

## sustainability/infrastructure/transport/taxis
- The taxi to the {group} costs more than the group does.
  ? I worked it out once.
  Some weeks I just stay in rather than pay it.
- Taxis are dear round here.
  ? And they don't like coming out this far.
  I've had them not turn up.
- I'll get a taxi home if it's dark.
  Going there I can manage on the bus.
  It's the coming back that worries me.
-(+sustainability/ending-support/after-support) {Cc} used to drive me, and now I have to get a taxi.
  It adds up, every week.
  ? I've had to cut back on something else.
- We share a taxi, me and a lady from the group.
  We split it, so it's not so bad.
  ? If she's not going, I don't go.
-(older) There's a taxi firm that does a cheaper fare for pensioners.
  ? Somebody at the club told me about it.
  It makes a difference.
- I did get a taxi once to the {group}.
  But I felt a fool sat there on my own when I arrived.
  ? So I didn't go again.
- The taxi drivers round here are good, they help you in and out.
  ? One of them carries my shopping to the door.
  But it's the cost.

## sustainability/infrastructure/transport/lifts
- {Cc} used to take me in {pos} car.
  Now I'm relying on {fam}, and they work.
  ? So I only get to things when they're off.
- One of the men from church gives me a lift on a {day}.
  ? He goes past my door anyway.
  I don't know what I'd do without him.
- I don't like asking for lifts.
  You feel like you're putting on people.
  ? Even if they say they don't mind.
- There's a volunteer driver scheme.
  You pay a bit towards the petrol.
  ? It's brilliant, but there aren't enough drivers.
- {Fam} takes me when they can.
  But they've got their own life and their own family.
  ? I don't want to be a nuisance.
- A lady from the {group} picks me up now.
  ? It was {cc} who sorted that, before it finished.
  That's the only reason I still go.
- When {cc} was driving me it opened up a lot of things.
  I went to places I'd never have got to on the bus.
  But it couldn't last.
- My brother-in-law runs me to the {group} when he's not working.
  ? It's on his way, more or less.
  But if he's on earlies, I miss it.
- {Cc} tried to set me up with a lift share.
  ? There's a list at the community centre.
  But I didn't know any of them, and I felt awkward getting in with a stranger.

## Q sustainability/infrastructure/mobility
- Does your health make it harder to get to things?
- How are you getting on with getting about, health-wise?

## sustainability/infrastructure/mobility
- It's {health}.
  Some days I can hardly get out of the chair.
  ? Other days I'm not too bad.
  You never know which it's going to be.
- There's three steps up to my front door and no rail.
  ? I've asked the council for one.
  Coming back in with shopping is the worst.
- I use {aid} now.
  I hate it, but it's that or stay in.
  ? {Cc} said nobody's looking at you, and {she}'s right.
- I get breathless walking any distance.
  So even if the bus stop is at the end of the road, that's a big effort.
- The pavements round here are terrible.
  All cracked and uneven.
  ? I'm frightened of going over again.
- My eyesight's going, so I don't like going out when it's getting dark.
  ? In winter that's half past three.
  So the afternoon groups are out for me.
- I can walk a bit, but I can't stand for long.
  If there's nowhere to sit, I can't go.
  ? You'd be surprised how many places have nowhere to sit.
-(+sustainability/infrastructure/transport/public-transport) Since the operation I've not been able to manage the bus.
  The step up is too high for me.
  ? It's a shame, because I was just getting going.
- I've got a scooter now.
  It's given me a bit of freedom back.
  But you can't take it everywhere, the shops are tight.
  ? And it doesn't do hills.
- Getting out is the hard bit.
  Once I'm out I'm fine.
  But the getting ready and the getting there wears me out before I've started.

## Q sustainability/infrastructure/local-activities
- Are there groups or activities near you that you can get to?
- What's there locally for you to go to?

## sustainability/infrastructure/local-activities
-(under70) There's nothing round here for people like me.
  It's all for young families or for the very old.
  ? I'm somewhere in between.
- There used to be a lunch club at the hall, but it closed.
  ? Funding, they said.
  That was the only thing on in the village.
- {Cc} found me a {group} that meets at the library.
  It's just round the corner, so I can walk it.
  ? That makes all the difference.
-(+sustainability/infrastructure/transport) There's plenty on in {town}, but it's getting there.
  Everything's in the middle and I'm right out on the edge.
- The {group} is lovely, but it's only once a month.
  ? What do you do the rest of the time?
- I went to a group, but they all knew each other.
  I felt like I was intruding.
  ? I didn't go back.
-(younger) Most things are in the day and I work.
  So I've not been able to get to much of what {cc} found.
- The church does a coffee morning on a {day}.
  It's nothing fancy, but it's somewhere to go.
  ? They do a raffle.
- I'd like to go swimming, but the pool's shut for repairs.
  It's been shut for over a year.
  ? They keep saying it'll reopen.
- The groups {cc} suggested were a good idea.
  ? I just wish there were more of them.
  And nearer, that's the main thing.
`
