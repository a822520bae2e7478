package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/qdatool/qda/codebook"
)

// fieldFlags binds the descriptive fields of a code for add and edit.
type fieldFlags struct {
	label, description, include, exclude, color, memo string
	examples, patterns                                []string
}

func (f *fieldFlags) bind(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.label, "label", "", "the label tables show")
	fl.StringVar(&f.description, "description", "", "what the code is for")
	fl.StringVar(&f.include, "include", "", "what to code with it")
	fl.StringVar(&f.exclude, "exclude", "", "what not to code with it")
	fl.StringVar(&f.color, "color", "", "a colour as #rrggbb")
	fl.StringVar(&f.memo, "memo", "", "a note on the code")
	fl.StringArrayVar(&f.examples, "example", nil, "an example passage (repeatable)")
	fl.StringArrayVar(&f.patterns, "pattern", nil, "an auto-coding query (repeatable)")
}

// fields returns only the flags given, so edit changes nothing else; an
// empty value removes the field.
func (f *fieldFlags) fields(cmd *cobra.Command) codebook.Fields {
	var out codebook.Fields
	set := func(name string, v *string, dst **string) {
		if cmd.Flags().Changed(name) {
			*dst = v
		}
	}
	set("label", &f.label, &out.Label)
	set("description", &f.description, &out.Description)
	set("include", &f.include, &out.Include)
	set("exclude", &f.exclude, &out.Exclude)
	set("color", &f.color, &out.Color)
	set("memo", &f.memo, &out.Memo)
	if cmd.Flags().Changed("example") {
		out.Examples = &f.examples
	}
	if cmd.Flags().Changed("pattern") {
		out.Patterns = &f.patterns
	}
	return out
}

func newCodebookAddCmd(g *globals) *cobra.Command {
	var opt refactorOptions
	var f fieldFlags
	var parents bool
	cmd := &cobra.Command{
		Use:   "add PATH",
		Short: "Add a code (parent/name, or name for a theme)",
		Long: `Add the code at PATH, parent/name or name for a theme, as its parent's last
child. The parent may be given by a unique name or label too ("fatigue"
for symptoms/fatigue). A parent that is not in the codebook is refused,
unless --parents is given: then the missing codes above the new one are
added too, as mkdir -p makes folders.`,
		Example: `  qda codebook add tea-and-company/biscuits --label "Biscuits and cake"
  qda codebook add wellbeing --description "How participants say they feel"
  qda codebook add wellbeing/sleep/nightmares --parents`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeCodes(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRefactor(g, opt, func(cb *codebook.Codebook, src []byte) (*codebook.Rewrite, error) {
				rw, _, err := codebook.AddPath(cb, src, args[0], f.fields(cmd), parents)
				return rw, err
			}, nil)
		},
	}
	f.bind(cmd)
	cmd.Flags().BoolVar(&parents, "parents", false, "add the missing codes above PATH too")
	addRefactorFlags(cmd, &opt)
	return cmd
}

func newCodebookEditCmd(g *globals) *cobra.Command {
	var opt refactorOptions
	var f fieldFlags
	cmd := &cobra.Command{
		Use:   "edit PATH --field value...",
		Short: "Change a code's label, description, include, exclude, examples, colour or patterns",
		Long: `Change the fields given and nothing else; an empty value removes a field.
--example and --pattern replace the whole list when given.`,
		Example: `  qda codebook edit confidence --label "Confidence and self-esteem"
  qda codebook edit tea-and-company --exclude ""`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeCodes(g),
		RunE: func(cmd *cobra.Command, args []string) error {
			fields := f.fields(cmd)
			if fields == (codebook.Fields{}) {
				return usageErr(errors.New("edit needs a field to change, e.g. --label"))
			}
			return runRefactor(g, opt, func(cb *codebook.Codebook, src []byte) (*codebook.Rewrite, error) {
				return codebook.Edit(cb, src, args[0], fields)
			}, nil)
		},
	}
	f.bind(cmd)
	addRefactorFlags(cmd, &opt)
	return cmd
}
