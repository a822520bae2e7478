package subtitle

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/qdatool/qda/internal/diag"
)

// vtt is a WebVTT file with one cue holding lines.
func vtt(lines ...string) string {
	return "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n" + strings.Join(lines, "\n") + "\n"
}

// srt is an SRT file with one cue holding lines.
func srt(lines ...string) string {
	return "1\n00:00:01,000 --> 00:00:04,000\n" + strings.Join(lines, "\n") + "\n"
}

type cueCase struct {
	name string
	in   string
	want []Cue
}

func runCueCases(t *testing.T, read func([]byte) ([]Cue, error), cases []cueCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := read([]byte(tc.in))
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestVTTVoices(t *testing.T) {
	runCueCases(t, VTT, []cueCase{
		{"voice tag closed as Teams writes it", vtt("<v Jane Doe>Hello there.</v>"), []Cue{{"Jane Doe", "Hello there."}}},
		{"voice tag unclosed", vtt("<v Jane Doe>Hello there."), []Cue{{"Jane Doe", "Hello there."}}},
		{"voice tag with a class", vtt("<v.loud Jane Doe>Hello!</v>"), []Cue{{"Jane Doe", "Hello!"}}},
		{"voice tag with two classes", vtt("<v.first.loud May>Hello!</v>"), []Cue{{"May", "Hello!"}}},
		{"voice name spaces collapsed", vtt("<v   May   Smith  >Hi"), []Cue{{"May Smith", "Hi"}}},
		{"voice name with an entity", vtt("<v Tom &amp; Ann>Hi"), []Cue{{"Tom & Ann", "Hi"}}},
		{"two voice spans in one cue", vtt("<v A>hi</v><v B>hello</v>"), []Cue{{"A", "hi"}, {"B", "hello"}}},
		{"three voice spans with spaces", vtt("<v A>one</v> <v B>two</v> <v A>three</v>"), []Cue{{"A", "one"}, {"B", "two"}, {"A", "three"}}},
		{"unclosed voice spans end at the next", vtt("<v A>one <v B>two"), []Cue{{"A", "one"}, {"B", "two"}}},
		{"voice carries to the cue's next line", vtt("<v May>I got the bus", "into town.</v>"), []Cue{{"May", "I got the bus\ninto town."}}},
		{"voice ends with the cue", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v May>Tea?\n\n00:00:02.000 --> 00:00:03.000\nYes please.\n", []Cue{{"May", "Tea?"}, {"", "Yes please."}}},
		{"text after a closed voice has none", vtt("<v May>Tea?</v> Yes please."), []Cue{{"May", "Tea?"}, {"", "Yes please."}}},
		{"prefix inside a voice span is text", vtt("<v May>Note: bring tea."), []Cue{{"May", "Note: bring tea."}}},
		{"empty voice name leaves the prefix rule", vtt("<v>May: Hello"), []Cue{{"May", "Hello"}}},
		{"capital V", vtt("<V May>Hello</V>"), []Cue{{"May", "Hello"}}},
		{"empty voice span dropped", vtt("<v A></v><v B>hello</v>"), []Cue{{"B", "hello"}}},
	})
}

func TestVTTPrefixes(t *testing.T) {
	runCueCases(t, VTT, []cueCase{
		{"Zoom prefix", vtt("Interviewer: How are the buses?"), []Cue{{"Interviewer", "How are the buses?"}}},
		{"two-word name", vtt("May Smith: Much better."), []Cue{{"May Smith", "Much better."}}},
		{"three-word name", vtt("Mary Ann Smith: Yes."), []Cue{{"Mary Ann Smith", "Yes."}}},
		{"four words is speech", vtt("Mary Ann Jones Smith: Yes."), []Cue{{"", "Mary Ann Jones Smith: Yes."}}},
		{"lower-case word is speech", vtt("I said: no thank you."), []Cue{{"", "I said: no thank you."}}},
		{"name with a number", vtt("Speaker 2: Hello."), []Cue{{"Speaker 2", "Hello."}}},
		{"name with apostrophe hyphen and dot", vtt("Dr. O'Neil-Hart: Right."), []Cue{{"Dr. O'Neil-Hart", "Right."}}},
		{"code label", vtt("P1: Yes."), []Cue{{"P1", "Yes."}}},
		{"colon without a space is speech", vtt("At 10:30 the bus came."), []Cue{{"", "At 10:30 the bus came."}}},
		{"time-like label is speech", vtt("Bus:10 minutes late."), []Cue{{"", "Bus:10 minutes late."}}},
		{"only on the first line", vtt("Right then.", "May: Hello"), []Cue{{"", "Right then.\nMay: Hello"}}},
		{"prefix alone, speech on the next line", vtt("May:", "Hello there."), []Cue{{"May", "Hello there."}}},
		{"prefix alone is an empty cue", vtt("May:"), nil},
		{"prefix after formatting tags", vtt("<b>May:</b> Hello."), []Cue{{"May", "Hello."}}},
		{"redaction is not a name", vtt("[name removed]: Hello."), []Cue{{"", "[name removed]: Hello."}}},
		{"name of more than 40 characters is speech", vtt("Abcdefghijklmnopqrst Abcdefghijklmnopqrstu: x"), []Cue{{"", "Abcdefghijklmnopqrst Abcdefghijklmnopqrstu: x"}}},
	})
}

func TestVTTMarkup(t *testing.T) {
	runCueCases(t, VTT, []cueCase{
		{"italic bold underline", vtt("<i>tea</i> <b>and</b> <u>toast</u>"), []Cue{{"", "tea and toast"}}},
		{"class span", vtt("<c.yellow.bg_blue>Tuesday</c> club"), []Cue{{"", "Tuesday club"}}},
		{"tag inside a word", vtt("Tues<i>day</i>"), []Cue{{"", "Tuesday"}}},
		{"lang span", vtt("<lang en-GB>colour</lang>"), []Cue{{"", "colour"}}},
		{"ruby keeps base and text apart", vtt("<ruby>bus<rt>stop</rt></ruby>"), []Cue{{"", "bus stop"}}},
		{"upper-case tags", vtt("<I>tea</I>"), []Cue{{"", "tea"}}},
		{"karaoke timestamps", vtt("<00:00:01.000>Never <00:00:01.500>mind"), []Cue{{"", "Never mind"}}},
		{"karaoke timestamps with only a space between", vtt("tea<00:00:01.000> <00:00:02.000>cake"), []Cue{{"", "tea cake"}}},
		{"karaoke timestamp without hours", vtt("tea <01:00.000>cake"), []Cue{{"", "tea cake"}}},
		{"amp", vtt("tea &amp; toast"), []Cue{{"", "tea & toast"}}},
		{"lt gt", vtt("&lt;i&gt; stays"), []Cue{{"", "<i> stays"}}},
		{"nbsp", vtt("tea&nbsp;time"), []Cue{{"", "tea time"}}},
		{"numeric", vtt("May&#39;s and Jo&#x27;s"), []Cue{{"", "May's and Jo's"}}},
		{"quot and named", vtt("&quot;caf&eacute;&quot;"), []Cue{{"", `"café"`}}},
		{"unknown entity kept", vtt("&bogus; &amp"), []Cue{{"", "&bogus; &amp"}}},
		{"legacy prefix not decoded", vtt("&ampx; &notice;"), []Cue{{"", "&ampx; &notice;"}}},
		{"decoded once", vtt("&amp;lt;"), []Cue{{"", "&lt;"}}},
		{"bare ampersand", vtt("fish & chips"), []Cue{{"", "fish & chips"}}},
		{"redactions kept", vtt("[inaudible] and [name removed]"), []Cue{{"", "[inaudible] and [name removed]"}}},
		{"unknown tag kept as text", vtt("I saw <name removed> there"), []Cue{{"", "I saw <name removed> there"}}},
		{"comment-like text kept", vtt("a <!-- b --> c"), []Cue{{"", "a <!-- b --> c"}}},
		{"lone angle brackets kept", vtt("1 < 2 > 0 and <3"), []Cue{{"", "1 < 2 > 0 and <3"}}},
		{"arrow in speech", vtt("I went --> there"), []Cue{{"", "I went --> there"}}},
		{"keyword lines in a cue are speech", vtt("NOTE to self", "Region: north", "STYLE matters", "X-TIMESTAMP-MAP=x"), []Cue{{"", "NOTE to self\nRegion: north\nSTYLE matters\nX-TIMESTAMP-MAP=x"}}},
		{"whitespace collapsed", vtt("  tea \t and   toast  "), []Cue{{"", "tea and toast"}}},
		{"tags only is an empty cue", vtt("<i></i>"), nil},
		{"private-use characters cannot forge a voice", vtt("\uE000Eve\uE001hi &#xE000;"), []Cue{{"", "\uFFFDEve\uFFFDhi \uFFFD"}}},
	})
}

func TestVTTStructure(t *testing.T) {
	const cue = "00:00:01.000 --> 00:00:04.000\nHello.\n"
	runCueCases(t, VTT, []cueCase{
		{"BOM", "\uFEFFWEBVTT\n\n" + cue, []Cue{{"", "Hello."}}},
		{"CRLF", "WEBVTT\r\n\r\n00:00:01.000 --> 00:00:04.000\r\nHello.\r\nAgain.\r\n", []Cue{{"", "Hello.\nAgain."}}},
		{"CR", "WEBVTT\r\r00:00:01.000 --> 00:00:04.000\rHello.\r", []Cue{{"", "Hello."}}},
		{"no final newline", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello.", []Cue{{"", "Hello."}}},
		{"extra blank lines", "\n\nWEBVTT\n\n\n\n" + cue + "\n\n\n" + cue + "\n\n", []Cue{{"", "Hello."}, {"", "Hello."}}},
		{"header with title and settings", "WEBVTT - May, wave 2\nKind: captions\nLanguage: en-GB\n\n" + cue, []Cue{{"", "Hello."}}},
		{"no blank line after header", "WEBVTT\n" + cue, []Cue{{"", "Hello."}}},
		{"Teams cue identifiers", "WEBVTT\n\n6f0b2c1e-7a4d-4c2b-9e1f-3d5a8b7c6e4f/12-0\n" + cue, []Cue{{"", "Hello."}}},
		{"numeric cue identifiers", "WEBVTT\n\n1\n" + cue + "\n2\n" + cue, []Cue{{"", "Hello."}, {"", "Hello."}}},
		{"NOTE blocks", "WEBVTT\n\nNOTE\nA note.\n\nNOTE another\n\n" + cue + "\nNOTE at the end\n", []Cue{{"", "Hello."}}},
		{"STYLE block", "WEBVTT\n\nSTYLE\n::cue { color: yellow; }\n\n" + cue, []Cue{{"", "Hello."}}},
		{"STYLE block with a blank line in the CSS", "WEBVTT\n\nSTYLE\n::cue {\n\n  color: yellow;\n}\n\n" + cue, []Cue{{"", "Hello."}}},
		{"REGION block", "WEBVTT\n\nREGION\nid:fred\nwidth:40%\n\n" + cue, []Cue{{"", "Hello."}}},
		{"cue settings", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000 align:start position:10% region:nowhere\nHello.\n", []Cue{{"", "Hello."}}},
		{"timing without an end", "WEBVTT\n\n00:00:01.000 -->\nHello.\n", []Cue{{"", "Hello."}}},
		{"timing with commas and no hours", "WEBVTT\n\n00:01,000 --> 00:04,000\nHello.\n", []Cue{{"", "Hello."}}},
		{"cue with no blank line before the next", "WEBVTT\n\n" + cue + cue, []Cue{{"", "Hello."}, {"", "Hello."}}},
		{"blank line inside a cue's text", "WEBVTT\n\n" + cue + "\nstill speaking.\n", []Cue{{"", "Hello.\nstill speaking."}}},
		{"text before the first cue dropped", "WEBVTT\n\nstray text\n\n" + cue, []Cue{{"", "Hello."}}},
		{"empty cue dropped", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n" + cue, []Cue{{"", "Hello."}}},
		{"header only", "WEBVTT\n", nil},
		{"UTF-16", "\xff\xfeW\x00E\x00B\x00V\x00T\x00T\x00\n\x00\n\x000\x000\x00:\x000\x000\x00.\x000\x000\x000\x00 \x00-\x00-\x00>\x00 \x000\x000\x00:\x000\x001\x00.\x000\x000\x000\x00\n\x00H\x00i\x00\n\x00", []Cue{{"", "Hi"}}},
		{"Windows-1252", vtt("caf\xe9 \x93tea\x94"), []Cue{{"", "café \u201ctea\u201d"}}},
	})
}

func TestVTTLongLine(t *testing.T) {
	// astisub stops reading, without an error, at a line over 64 KiB.
	long := strings.TrimSpace(strings.Repeat("tea &amp; <i>buses</i> ", 10000))
	in := "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v May>" + long + "\n\n00:00:03.000 --> 00:00:04.000\n<v Interviewer>Right.\n"
	got, err := VTT([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Cue{{"May", strings.TrimSpace(strings.Repeat("tea & buses ", 10000))}, {"Interviewer", "Right."}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %d cues, want %d; first text %d bytes, want %d", len(got), len(want), len(got[0].Text), len(want[0].Text))
	}
}

func TestSRT(t *testing.T) {
	runCueCases(t, SRT, []cueCase{
		{"plain", srt("Hello."), []Cue{{"", "Hello."}}},
		{"two lines", srt("Hello,", "May."), []Cue{{"", "Hello,\nMay."}}},
		{"prefix", srt("Interviewer: And the buses?"), []Cue{{"Interviewer", "And the buses?"}}},
		{"prefix in bold", srt("<b>May:</b> Yes."), []Cue{{"May", "Yes."}}},
		{"spaces between tagged runs kept", srt("<i>tea</i> <b>time</b>"), []Cue{{"", "tea time"}}},
		{"font", srt(`<font color="#ffff00">[laughs]</font> Right.`), []Cue{{"", "[laughs] Right."}}},
		{"font with > in an attribute", srt(`<font color=">">x</font> y`), []Cue{{"", "x y"}}},
		{"unclosed quote in a tag", srt(`<font color="red>x</font> y`), []Cue{{"", "x y"}}},
		{"quote in speech before a lone <", srt(`she said "a < b" to me`), []Cue{{"", `she said "a < b" to me`}}},
		{"underline strike upper case", srt("<U>one</U> <s>two</s>"), []Cue{{"", "one two"}}},
		{"br is a line break", srt("tea<br>and<BR/>toast<br />"), []Cue{{"", "tea\nand\ntoast"}}},
		{"override codes dropped", srt(`{\an8}Top {\i1}line{\i0}`), []Cue{{"", "Top line"}}},
		{"braces that are no override kept", srt("{laughs} {}"), []Cue{{"", "{laughs} {}"}}},
		{"entities", srt("Fish &amp; chips &gt; &#39;nowt&#39;"), []Cue{{"", "Fish & chips > 'nowt'"}}},
		{"unknown tag kept as text", srt("I saw <name removed> there"), []Cue{{"", "I saw <name removed> there"}}},
		{"voice tags are text in SRT", srt("<v May>Hi"), []Cue{{"", "<v May>Hi"}}},
		{"arrow in speech", srt("I went --> there"), []Cue{{"", "I went --> there"}}},
		{"karaoke-like tags are text in SRT", srt("a <00:00:01.000>b"), []Cue{{"", "a <00:00:01.000>b"}}},
		{"BOM and CRLF", "\uFEFF1\r\n00:00:01,000 --> 00:00:04,000\r\nHello.\r\n\r\n", []Cue{{"", "Hello."}}},
		{"no final newline", "1\n00:00:01,000 --> 00:00:04,000\nHello.", []Cue{{"", "Hello."}}},
		{"no cue numbers", "00:00:01,000 --> 00:00:02,000\nHello.\n\n00:00:03,000 --> 00:00:04,000\nBye.\n", []Cue{{"", "Hello."}, {"", "Bye."}}},
		{"no numbers and no blank lines", "00:00:01,000 --> 00:00:02,000\nHello.\n00:00:03,000 --> 00:00:04,000\nBye.\n", []Cue{{"", "Hello."}, {"", "Bye."}}},
		{"numbers and no blank lines", "1\n00:00:01,000 --> 00:00:02,000\nHello.\n2\n00:00:03,000 --> 00:00:04,000\nBye.\n", []Cue{{"", "Hello."}, {"", "Bye."}}},
		{"speech that is a number", srt("How many buses?", "42") + "\n2\n00:00:05,000 --> 00:00:06,000\nFour.\n", []Cue{{"", "How many buses?\n42"}, {"", "Four."}}},
		// SRT cannot tell these apart from a cue number: a line of digits
		// with a timing line next is one.
		{"number before a timing is a cue number", srt("How many buses?", "42") + "00:00:05,000 --> 00:00:06,000\nFour.\n", []Cue{{"", "How many buses?"}, {"", "Four."}}},
		{"blank line inside a cue", srt("Hello.", "", "Still me."), []Cue{{"", "Hello.\nStill me."}}},
		{"extra blank lines", "\n\n1\n\n00:00:01,000 --> 00:00:02,000\nHello.\n\n\n\n2\n00:00:03,000 --> 00:00:04,000\nBye.\n\n\n", []Cue{{"", "Hello."}, {"", "Bye."}}},
		{"last cue cut short after its number", srt("Hello.") + "\n2\n", []Cue{{"", "Hello."}}},
		{"timing without an end", "1\n00:00:01,000 -->\nHello.\n", []Cue{{"", "Hello."}}},
		{"empty cue dropped", "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nBye.\n", []Cue{{"", "Bye."}}},
		{"empty file", "", nil},
		{"Windows-1252", srt("caf\xe9 \x96 tea"), []Cue{{"", "café \u2013 tea"}}},
	})
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		read     func([]byte) ([]Cue, error)
		in       string
		wantErr  string
		wantLine int
	}{
		{"empty VTT", VTT, "", "not a WebVTT file: the first line must be WEBVTT", 1},
		{"VTT without header", VTT, "00:00:01.000 --> 00:00:02.000\nHello.\n", "not a WebVTT file: the first line must be WEBVTT (it looks like SRT: give it the .srt extension)", 1},
		{"SRT given as VTT", VTT, "\n1\n00:00:01,000 --> 00:00:02,000\nHello.\n", "not a WebVTT file: the first line must be WEBVTT (it looks like SRT: give it the .srt extension)", 2},
		{"VTT header misspelt", VTT, "WEBVTT2\n", "not a WebVTT file: the first line must be WEBVTT", 1},
		{"VTT header lower case", VTT, "webvtt\n", "not a WebVTT file: the first line must be WEBVTT", 1},
		{"plain text as VTT", VTT, "Interviewer: Hello.\n", "not a WebVTT file: the first line must be WEBVTT", 1},
		{"plain text as SRT", SRT, "Interviewer: Hello.\n", "not an SRT file: expected a cue number or a timing line such as 00:00:01,000 --> 00:00:04,000", 1},
		{"VTT given as SRT", SRT, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n", "not an SRT file: expected a cue number or a timing line such as 00:00:01,000 --> 00:00:04,000 (it looks like WebVTT: give it the .vtt extension)", 1},
		{"SRT number without timing", SRT, "1\nHello.\n", "not an SRT file: expected a cue number or a timing line such as 00:00:01,000 --> 00:00:04,000", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.read([]byte(tc.in))
			if err == nil {
				t.Fatalf("no error; got %q", got)
			}
			if err.Error() != tc.wantErr {
				t.Errorf("error %q\n want %q", err, tc.wantErr)
			}
			var f *diag.Finding
			if !errors.As(err, &f) {
				t.Fatalf("error is %T, want *diag.Finding", err)
			}
			if f.Line != tc.wantLine {
				t.Errorf("line %d, want %d", f.Line, tc.wantLine)
			}
			f.File = "may-2.vtt"
			if !strings.HasPrefix(f.Error(), "may-2.vtt:") {
				t.Errorf("with a file set, error %q does not start with its position", f.Error())
			}
		})
	}
}

func TestTurns(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []Cue
		want []Cue
	}{
		{"empty", nil, nil},
		{"same speaker joined with a space", []Cue{{"May", "I got the"}, {"May", "bus."}}, []Cue{{"May", "I got the bus."}}},
		{"no speaker continues the turn", []Cue{{"May", "I got the"}, {"", "bus."}}, []Cue{{"May", "I got the bus."}}},
		{"speaker change", []Cue{{"Interviewer", "Tea?"}, {"May", "Please."}, {"Interviewer", "Milk?"}}, []Cue{{"Interviewer", "Tea?"}, {"May", "Please."}, {"Interviewer", "Milk?"}}},
		{"no speaker at the start", []Cue{{"", "Hello."}, {"", "Hi."}, {"May", "Morning."}}, []Cue{{"", "Hello. Hi."}, {"May", "Morning."}}},
		{"line breaks become spaces", []Cue{{"May", "I got the\nbus into"}, {"May", "town."}}, []Cue{{"May", "I got the bus into town."}}},
		{"empty texts dropped", []Cue{{"May", "Hi."}, {"Interviewer", "  "}, {"May", "Bye."}}, []Cue{{"May", "Hi. Bye."}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Turns(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
