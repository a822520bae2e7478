package corpus

// Unexported parts the external tests (package corpus_test) compare with.
var (
	ParseCodingsYAML      = parseCodingsYAML
	ParseCanonicalCodings = parseCanonicalCodings
)
