package corpus

// An assistant (qda mcp) proposes as a machine coder: its codings are its
// ordinary files under codings/CODER/; the codes it proposes and the
// decisions people make on its proposals are kept beside them, one folder
// a machine coder, as plain YAML that diffs and merges like the rest.
const (
	ProposalsDir = "proposals"
	// ProposedCodesName is the file of codes proposed, not yet in the codebook.
	ProposedCodesName = "codes.yaml"
	// ReviewLogName is the file of decisions on the proposals ('qda review').
	ReviewLogName = "review.yaml"
)

// ProposedCodesFile is the file of the codes coder proposed.
func ProposedCodesFile(coder string) string {
	return ProposalsDir + "/" + coder + "/" + ProposedCodesName
}

// ReviewLogFile is the file of decisions on coder's proposals.
func ReviewLogFile(coder string) string { return ProposalsDir + "/" + coder + "/" + ReviewLogName }
