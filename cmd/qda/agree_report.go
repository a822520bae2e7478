package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/qdatool/qda/codebook"
	"github.com/qdatool/qda/corpus"
	"github.com/qdatool/qda/export"
)

// agreement checks the options and computes the report; all disagreements
// are kept for JSON, the first few for the table, or, given a spill, all
// of them in it rather than in memory (an export).
func (s *session) agreement(g *globals, opt agreeOptions, withDisagreements bool, spill *export.DisagreementSpill) (*export.Agreement, error) {
	names := opt.coders
	if len(names) == 0 {
		names = g.coders()
	}
	coders, err := s.chosenCoders(names)
	if err != nil {
		return nil, err
	}
	if coders == nil {
		coders = s.people()
	}
	for i, c := range coders {
		if slices.Contains(coders[:i], c) {
			return nil, usageErr(fmt.Errorf("coder %q given twice", c))
		}
	}
	if len(coders) < 2 {
		return nil, withHint(usageErr(fmt.Errorf("agreement needs two coders or more, got %s", plural(len(coders), "coder"))),
			"give --coders A,B; %s", codersHint(s.ix.Coders))
	}
	if !slices.Contains(corpus.UnitNames, opt.unit) {
		return nil, usageErr(fmt.Errorf("unknown unit %q: use %s", opt.unit, strings.Join(corpus.UnitNames, ", ")))
	}
	if opt.speaker != "" && opt.speaker != "participant" && opt.speaker != "all" {
		return nil, usageErr(fmt.Errorf("unknown speaker %q: --speaker takes 'participant' or 'all'", opt.speaker))
	}
	if opt.depth < 0 || opt.max < 0 {
		return nil, usageErr(errors.New("--depth and --max-disagreements must be 0 or more"))
	}
	codes, err := s.agreeCodes(opt)
	if err != nil {
		return nil, err
	}
	scan, err := s.scanOptions(g, opt.where)
	if err != nil {
		return nil, err
	}
	var ds []export.AgreementDisagreement
	count := 0
	aopt := corpus.AgreeOptions{Coders: coders, Codes: codes, Unit: opt.unit, ParticipantOnly: opt.speaker == "participant",
		AllSpeakers: opt.speaker == "all", Filters: scan.Filters}
	if withDisagreements {
		aopt.OnDisagreement = func(d *corpus.Disagreement) error {
			count++
			if spill != nil {
				return spill.Add(export.NewAgreementDisagreement(d))
			}
			if g.json || opt.max == 0 || len(ds) < opt.max {
				ds = append(ds, export.NewAgreementDisagreement(d))
			}
			return nil
		}
	}
	res, err := s.study.Agree(s.ix, s.cb, aopt)
	if err != nil {
		return nil, err
	}
	rep := export.NewAgreement(res, opt.unit, aopt.ParticipantOnly)
	if aopt.AllSpeakers {
		rep.Speaker = "all, disagreements on the interviewer's lines listed"
	}
	rep.Disagreements = append(rep.Disagreements, ds...)
	rep.Spill(spill)
	rep.Found = count
	for _, f := range scan.Filters {
		if rep.Filters == nil {
			rep.Filters = map[string][]string{}
		}
		rep.Filters[f.Key] = f.Values
	}
	return rep, nil
}

// agreeCodes are the codes to compare: --codes, or the codes at --depth
// (every code without it), or the codes at --depth under --codes.
func (s *session) agreeCodes(opt agreeOptions) ([]*codebook.Code, error) {
	var given []*codebook.Code
	for _, ref := range opt.codes {
		code, err := s.resolveCode(ref)
		if err != nil {
			return nil, err
		}
		given = append(given, code)
	}
	if len(given) > 0 && opt.depth == 0 {
		return given, nil
	}
	var codes []*codebook.Code
	for _, c := range s.cb.AtDepth(opt.depth) {
		if len(given) == 0 || slices.ContainsFunc(given, func(g *codebook.Code) bool { return g.Contains(c) }) {
			codes = append(codes, c)
		}
	}
	if len(codes) == 0 {
		return nil, withHint(usageErr(errors.New("no codes to compare")), "'qda codebook tree' shows the codes and their depths")
	}
	return codes, nil
}

// nothingCompared is the error of a report with no transcript that two of
// the chosen coders coded: every figure would be n/a, and a table of
// them, or a file saying "0 disagreements", would read as agreement.
func nothingCompared(rep *export.Agreement) error {
	if rep.Transcripts > 0 {
		return nil
	}
	if rep.Skipped == 0 && len(rep.Filters) > 0 {
		return withHint(errors.New("nothing to compare: no transcript matches --where"), "check the attribute's values with 'qda stats --by ATTR'")
	}
	return withHint(fmt.Errorf("nothing to compare: no transcript is coded by two or more of %s%s", strings.Join(rep.Coders, ", "), skippedNote(rep)),
		"'qda transcripts' lists who coded what; choose coders who coded the same transcripts with --coders")
}

func skippedNote(rep *export.Agreement) string {
	if rep.Skipped == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s coded by one of them or none)", plural(rep.Skipped, "transcript"))
}

// comparedNote says on stderr what the figures rest on: every figure is
// over the transcripts its coders share, and those differ.
func comparedNote(rep *export.Agreement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "qda: %s compared (coded by two or more of the chosen coders), %d skipped (coded by one or none)", plural(rep.Transcripts, "transcript"), rep.Skipped)
	fmt.Fprintf(&b, "; transcripts of each coder: %s", export.CoderCounts(rep))
	if rep.Kappa == "fleiss" {
		fmt.Fprintf(&b, "; Fleiss' kappa over the %s all of them coded", plural(rep.Complete, "transcript"))
	}
	return b.String()
}

// people is every coder but the machine ones (corpus.Config.People).
func (s *session) people() []string { return s.study.Config.People(s.ix.Coders) }
