package demo

import (
	"strings"
)

// qdaYAML is the demo study's qda.yaml. The names under anonymise are made
// up and appear nowhere in the study, so 'qda check' finds nothing until
// someone types one into a transcript or memo.
const qdaYAML = `# qda demo study: synthetic interviews written for qda (regenerate with 'qda demo')
title: Service users' experiences of a community connector scheme (qda demo)
description: >-
  Synthetic interviews with service users of a community connector scheme for people at risk of loneliness,
  with follow-up interviews about three months later, coded by three researchers (jt, eh, ah).
anonymise:
  # Identifying names that 'qda check' flags in transcripts and memos.
  names: [Maureen Hebblethwaite, Clifford Ackroyd, Ravensworth Crescent]
`

// anonymiseNames are the names listed in qdaYAML, for the tests.
var anonymiseNames = []string{"Maureen Hebblethwaite", "Clifford Ackroyd", "Ravensworth Crescent"}

const gitignore = ".qda/\n"

// codebookYAML is the demo framework, written out as a researcher would.
// codePaths below lists its paths in the same order; a test keeps the two
// in step.
const codebookYAML = `# Coding framework for the qda demo study (synthetic interviews written for qda).
# A code is addressed by its path of names: sustainability/infrastructure/transport/taxis.
# Refine it with 'qda codebook rename|move|merge': qda rewrites every codings
# file and keeps the old name as an alias, so other branches still resolve.
title: Service users' experiences of a community connector scheme
codes:
  # How people came to the scheme: the opening question of every first interview.
  - name: referral
    label: Coming to the scheme
    description: Who suggested the scheme, how the participant first heard of it, and how they felt about being referred.
    include: Referral routes, first contact, reluctance or relief at being referred.
    exclude: What they hoped the scheme would do (see expectations).
    color: "#9c755f"
    children:
      - name: health-services
        label: Referred by health or care services
        description: A GP, practice nurse, pharmacist, physiotherapist, health visitor, social worker, hospital or mental health team suggested the scheme.
        examples: ["It was the nurse at the surgery."]
      - name: self-referral
        label: Self-referral, family and friends
        description: The participant, a relative, a neighbour or a friend found the scheme and made contact.
        aliases: [word-of-mouth]   # the name in the first draft of the framework
  - name: expectations
    label: Expectations of the scheme
    description: What participants wanted from the scheme and how well they understood what it offers.
    color: "#edc948"
    children:
      - name: hopes
        label: What they hoped for
        description: Goals and hopes at the start, in the participant's own words.
        examples: ["I wanted somebody to help me get going again."]
      - name: remit
        label: Understanding of the scheme's remit
        description: Whether it was clear that support is short-term and about linking to activities, not befriending or care.
        include: Surprise, disappointment or clarity about how long support lasts and what it is for.
        patterns: ['"twelve weeks"', 'befriending']
  - name: confidence
    label: Developing confidence for day-to-day tasks and travel
    description: Support that rebuilt confidence and skills before, or instead of, any onward referral.
    include: Regaining the ability to do everyday things, doing things with the connector rather than having them done.
    exclude: Confidence that came from a community group itself (see sustainability/infrastructure/local-activities).
    examples: ["didn't do it for me, she just came along"]
    color: "#4e79a7"
    patterns: ['independen*', '"on my own"', 'burden']
    children:
      - name: daily-tasks
        label: Day-to-day tasks
        description: Help with the tasks of running a home.
        children:
          - name: bills-and-letters
            label: Bills, letters and phone calls
            description: Post, forms, bills, benefits and ringing organisations.
            patterns: ['bills', 'forms', 'letter*']
          - name: shopping
            label: Shopping and errands
            description: Going to the shops, the market, the bank or the chemist.
      - name: travel
        label: Travelling with support
        description: Practising journeys with the connector until the participant could make them alone.
        include: Buses, trains and journey planning as something learnt.
        exclude: Whether transport exists or is affordable (see sustainability/infrastructure/transport).
      - name: education
        label: Courses, learning and work
        description: Getting back into education, training, volunteering or work.
  - name: tea-and-company
    label: A cup of tea and company
    description: The value of the connector's company in itself, over and above any activity.
    color: "#f28e2b"
    patterns: ['"cup of tea"', 'natter']
    children:
      - name: companionship
        label: Companionship and being listened to
      - name: home-visits
        label: Visits at home
        description: What happened when the connector came to the house.
      - name: outings
        label: Going out together
        description: Trips out with the connector, such as cafes, garden centres and the seaside.
  - name: sustainability
    label: Sustainability of the scheme
    description: What lasts after short-term support, and what gets in the way.
    color: "#59a14f"
    children:
      - name: ending-support
        label: Ending support
        description: How support ended and what came after.
        aliases: [endings]   # renamed after the second coding meeting
        children:
          - name: losing-a-friend
            label: Losing a friend
            description: Sadness, loss or abandonment when the visits stopped, or dread of the ending to come.
          - name: after-support
            label: After support ended
            description: What the participant kept up, dropped or started again once support ended.
      - name: infrastructure
        label: Infrastructure
        description: What people need in place to get to activities at all.
        children:
          - name: transport
            label: Transport
            children:
              - name: public-transport
                label: Buses, trains and community transport
                patterns: ['bus*', 'train*']
              - name: taxis
                label: Taxis and what they cost
                patterns: ['taxi*']
              - name: lifts
                label: Lifts from the connector, family, friends and volunteer drivers
          - name: mobility
            label: Mobility and health
            description: Physical health, steps, walking aids and pavements as barriers to getting out.
          - name: local-activities
            label: Local activities
            description: Whether there are groups and activities nearby, at times people can go to them.
`

// codePaths is every code of codebookYAML, in file order.
var codePaths = []string{
	"referral",
	"referral/health-services",
	"referral/self-referral",
	"expectations",
	"expectations/hopes",
	"expectations/remit",
	"confidence",
	"confidence/daily-tasks",
	"confidence/daily-tasks/bills-and-letters",
	"confidence/daily-tasks/shopping",
	"confidence/travel",
	"confidence/education",
	"tea-and-company",
	"tea-and-company/companionship",
	"tea-and-company/home-visits",
	"tea-and-company/outings",
	"sustainability",
	"sustainability/ending-support",
	"sustainability/ending-support/losing-a-friend",
	"sustainability/ending-support/after-support",
	"sustainability/infrastructure",
	"sustainability/infrastructure/transport",
	"sustainability/infrastructure/transport/public-transport",
	"sustainability/infrastructure/transport/taxis",
	"sustainability/infrastructure/transport/lifts",
	"sustainability/infrastructure/mobility",
	"sustainability/infrastructure/local-activities",
}

// parentOf returns the parent path of code, "" for a theme.
func parentOf(code string) string {
	if i := strings.LastIndexByte(code, '/'); i >= 0 {
		return code[:i]
	}
	return ""
}

// siblingsOf returns the other codes with the same parent, in file order.
func siblingsOf(code string) []string {
	parent := parentOf(code)
	var out []string
	for _, c := range codePaths {
		if c != code && parentOf(c) == parent {
			out = append(out, c)
		}
	}
	return out
}

const memoReadme = `# Framework notes

The interviews in this study are synthetic: they were written for qda, in the
shape of a published study of a social prescribing scheme, and no real person
said any of it. Redaction markers such as [name removed] are kept as they
would be in a real transcript.

## How the framework came about

jt read the first transcripts and drafted the themes. eh and ah coded with the
draft and we met every few weeks to compare coding and refine it. The
framework now has five themes: referral, expectations, confidence,
tea-and-company and sustainability. The last holds what we learnt from the
follow-up interviews about ending support and about transport.

## Conventions

- Code the participant's answer. Take in the question as well only when the
  answer makes no sense without it.
- Use the most specific code that fits. Use a parent code when no child fits,
  and say why in a memo.
- A passage can carry two codes. If only its last sentences are about
  transport, code those lines separately rather than the whole answer.
- jt codes every transcript, eh the first interviews, ah the follow-ups and a
  third of the first interviews. Compare with 'qda agree --coders jt,eh'.

## For the next meeting

- endings was renamed ending-support. The old name is kept as an alias, so
  older branches still resolve.
- Lifts from the connector come up in nearly every follow-up. Do they belong
  under transport, or under ending-support/after-support?
- Several people hoped for a friend rather than a referral. Is remit a theme
  of its own?
`
