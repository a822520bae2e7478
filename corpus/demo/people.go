package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Age bands, in order.
const (
	ageBand20 = iota
	ageBand30
	ageBand40
	ageBand50
	ageBand60
	ageBand70
)

var ageRanges = []string{"20-29", "30-39", "40-49", "50-59", "60-69", "70+"}

// founder is one of the 26 participants of the standard demo: mostly women,
// many over seventy, like the seed study, but with names and details of
// our own.
type founder struct {
	name, gender string
	ageBand      int
	trigger      string
	location     string
}

var founders = []founder{
	{"May", "female", ageBand70, "living-alone", "rural"},
	{"Brenda", "female", ageBand70, "bereaved", "town"},
	{"Arthur", "male", ageBand70, "bereaved", "urban"},
	{"Kevin", "male", ageBand40, "separated", "urban"},
	{"Chloe", "female", ageBand20, "young-parent", "town"},
	{"Irene", "female", ageBand70, "mobility-health", "coastal"},
	{"Denise", "female", ageBand60, "retired", "town"},
	{"Joan", "female", ageBand70, "bereaved", "rural"},
	{"Karen", "female", ageBand50, "separated", "urban"},
	{"Sheila", "female", ageBand70, "living-alone", "urban"},
	{"Liam", "male", ageBand20, "mobility-health", "urban"},
	{"Hilda", "female", ageBand70, "mobility-health", "town"},
	{"Frank", "male", ageBand70, "living-alone", "coastal"},
	{"Roger", "male", ageBand60, "retired", "rural"},
	{"Tracey", "female", ageBand50, "mobility-health", "urban"},
	{"Julie", "female", ageBand50, "bereaved", "town"},
	{"Amy", "female", ageBand20, "young-parent", "urban"},
	{"Gary", "male", ageBand50, "separated", "town"},
	{"Pauline", "female", ageBand70, "bereaved", "urban"},
	{"Wendy", "female", ageBand50, "mobility-health", "coastal"},
	{"Betty", "female", ageBand70, "living-alone", "rural"},
	{"Rita", "female", ageBand70, "mobility-health", "town"},
	{"Debbie", "female", ageBand50, "living-alone", "urban"},
	{"Mark", "male", ageBand30, "mobility-health", "town"},
	{"Janet", "female", ageBand60, "retired", "coastal"},
	{"Nicola", "female", ageBand40, "bereaved", "urban"},
}

// moreNames extend the founders for larger studies; after them, names
// repeat with the participant's number as a suffix ("May 127").
var moreNames = []struct{ name, gender string }{
	{"Alice", "female"}, {"Alan", "male"}, {"Barbara", "female"}, {"Barry", "male"},
	{"Carol", "female"}, {"Colin", "male"}, {"Diane", "female"}, {"Derek", "male"},
	{"Eileen", "female"}, {"Eric", "male"}, {"Gillian", "female"}, {"Geoff", "male"},
	{"Hazel", "female"}, {"Harold", "male"}, {"Jean", "female"}, {"Ian", "male"},
	{"Kath", "female"}, {"Keith", "male"}, {"Lesley", "female"}, {"Len", "male"},
	{"Linda", "female"}, {"Malcolm", "male"}, {"Lorraine", "female"}, {"Neil", "male"},
	{"Marion", "female"}, {"Phil", "male"}, {"Norma", "female"}, {"Ray", "male"},
	{"Olive", "female"}, {"Stan", "male"}, {"Pat", "female"}, {"Terry", "male"},
	{"Rachel", "female"}, {"Tony", "male"}, {"Ruth", "female"}, {"Wayne", "male"},
	{"Sally", "female"}, {"Dean", "male"}, {"Sharon", "female"}, {"Craig", "male"},
	{"Stella", "female"}, {"Ryan", "male"}, {"Susan", "female"}, {"Jamie", "male"},
	{"Valerie", "female"}, {"Lee", "male"}, {"Vera", "female"}, {"Yvonne", "female"},
	{"Zoe", "female"}, {"Emma", "female"}, {"Gemma", "female"}, {"Hannah", "female"},
	{"Jade", "female"}, {"Kelly", "female"}, {"Leanne", "female"}, {"Megan", "female"},
	{"Naomi", "female"}, {"Sophie", "female"}, {"Stacey", "female"}, {"Ann", "female"},
	{"Elsie", "female"}, {"Edna", "female"}, {"Ivy", "female"}, {"Mavis", "female"},
}

// person is one participant with everything their interviews draw on.
type person struct {
	index    int
	name     string // pseudonym, also the speaker label
	id       string
	gender   string
	ageBand  int
	trigger  string
	location string
	uclaA    int
	uclaB    int

	// What the participant's talk refers to.
	ccFemale bool   // the connector is a woman
	ccRef    string // how the participant usually names the connector
	fam      string
	group    string
	health   string
	aid      string
	loss     string
	kid      string
	shop     string
	bus      string
	day      string
	weeks    string
}

func pickOne[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// weighted picks an index with probability proportional to its weight.
func weighted(r *rand.Rand, w []int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}

// slug makes a pseudonym into an id: "May 127" becomes "may-127".
func slug(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), " ", "-")
}

// newPerson makes participant i (0-based) from its own random stream.
func newPerson(i int, r *rand.Rand) *person {
	p := &person{index: i}
	switch {
	case i < len(founders):
		f := founders[i]
		p.name, p.gender, p.ageBand, p.trigger, p.location = f.name, f.gender, f.ageBand, f.trigger, f.location
	default:
		var name, gender string
		if j := i - len(founders); j < len(moreNames) {
			name, gender = moreNames[j].name, moreNames[j].gender
		} else {
			k := i % (len(founders) + len(moreNames))
			if k < len(founders) {
				name, gender = founders[k].name, founders[k].gender
			} else {
				name, gender = moreNames[k-len(founders)].name, moreNames[k-len(founders)].gender
			}
			name += " " + strconv.Itoa(i+1)
		}
		p.name, p.gender = name, gender
		p.ageBand = weighted(r, []int{12, 5, 8, 23, 12, 40})
		switch {
		case p.ageBand == ageBand20:
			p.trigger = []string{"young-parent", "mobility-health", "separated", "living-alone"}[weighted(r, []int{45, 20, 10, 25})]
		case p.ageBand < ageBand60:
			p.trigger = []string{"separated", "bereaved", "mobility-health", "living-alone"}[weighted(r, []int{30, 20, 30, 20})]
		default:
			p.trigger = []string{"bereaved", "living-alone", "mobility-health", "retired"}[weighted(r, []int{35, 30, 25, 10})]
		}
		p.location = []string{"urban", "town", "rural", "coastal"}[weighted(r, []int{35, 30, 25, 10})]
	}
	p.id = slug(p.name)

	// Loneliness on the UCLA scale (20-80): lower at the end for most.
	p.uclaA = 36 + r.IntN(37)
	p.uclaB = min(80, max(20, p.uclaA-r.IntN(25)+5))

	p.ccFemale = r.IntN(4) != 0
	refs := []string{"my connector", "the connector", "my volunteer", "the volunteer", "[name removed]"}
	p.ccRef = pickOne(r, refs)
	p.fam = pickOne(r, []string{"my daughter", "my son", "my sister", "my niece", "my nephew", "my brother"})
	if p.ageBand <= ageBand30 {
		p.fam = pickOne(r, []string{"my mum", "my sister", "my brother", "my nan", "my best mate"})
	}
	groups := []string{"lunch club", "coffee morning at the church", "knit and natter", "walking group",
		"craft group at the library", "chair exercise class", "community choir", "gardening club",
		"bowls club", "singing group", "reading group", "social club at the community centre"}
	switch {
	case p.trigger == "young-parent":
		groups = []string{"baby and toddler group", "stay and play at the children's centre", "parents' group", "baby massage class"}
	case p.trigger == "bereaved" && r.IntN(3) == 0:
		groups = []string{"bereavement group", "widows' coffee morning"}
	case p.gender == "male" && r.IntN(2) == 0:
		groups = []string{"men's shed", "walking football", "bowls club", "lunch club"}
	}
	p.group = pickOne(r, groups)
	p.health = pickOne(r, []string{"my hip", "my knees", "my back", "my chest", "my legs", "my balance", "my heart"})
	p.aid = pickOne(r, []string{"a stick", "a walker", "a frame", "two sticks"})
	p.loss = "my husband"
	if p.gender == "male" {
		p.loss = "my wife"
	}
	if r.IntN(6) == 0 {
		p.loss = "my partner"
	}
	p.kid = pickOne(r, []string{"the baby", "my little boy", "my little girl", "the twins"})
	p.shop = pickOne(r, []string{"the supermarket", "the big shop", "the market", "the chemist", "the post office"})
	p.bus = pickOne(r, []string{"the bus", "the little bus", "the hopper bus", "the bus into town"})
	p.day = pickOne(r, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"})
	p.weeks = pickOne(r, []string{"twelve weeks", "three months"})
	return p
}

// slot fills {name} in a template for this participant.
func (p *person) slot(r *rand.Rand, name string) (string, bool) {
	she, obj, pos := "she", "her", "her"
	if !p.ccFemale {
		she, obj, pos = "he", "him", "his"
	}
	switch name {
	case "she":
		return she, true
	case "obj":
		return obj, true
	case "pos":
		return pos, true
	case "cc":
		if r.IntN(10) < 3 {
			return "[name removed]", true
		}
		return p.ccRef, true
	case "ycc":
		if r.IntN(2) == 0 {
			return "[name removed]", true
		}
		return "your connector", true
	case "fam":
		return p.fam, true
	case "group":
		return p.group, true
	case "place":
		switch p.location {
		case "rural":
			return "[a rural location]", true
		case "coastal":
			return "[a coastal location]", true
		case "town":
			return "[place removed]", true
		}
		return "[area removed]", true
	case "town":
		if p.location == "urban" {
			return pickOne(r, []string{"the centre", "town"}), true
		}
		return pickOne(r, []string{"town", "[place removed]"}), true
	case "day":
		return p.day, true
	case "health":
		return p.health, true
	case "aid":
		return p.aid, true
	case "loss":
		return p.loss, true
	case "kid":
		return p.kid, true
	case "shop":
		return p.shop, true
	case "bus":
		return p.bus, true
	case "weeks":
		return p.weeks, true
	}
	return "", false
}
