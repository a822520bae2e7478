package main

import "github.com/spf13/cobra"

func newExportCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write tables and files for reports and for other tools",
		Long: `Write the study's tables for the people who read the findings, and
exchange files for other analysis tools. The format follows the extension
of -o where a command offers several.`,
		RunE: groupRun,
	}
	cmd.AddCommand(
		newExportAgreementCmd(g),
		newExportQDPXCmd(g),
		newExportQDCCmd(g),
		newExportMatrixCmd(g),
		newExportHeatmapCmd(g),
		newExportChartCmd(g),
		newExportCrosstabCmd(g),
		newExportCooccurrenceCmd(g),
		newExportCodebookCmd(g),
		newExportExcerptsCmd(g),
	)
	return cmd
}
