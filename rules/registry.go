package rules

// All returns the rule catalogue in a fixed order: completeness,
// arithmetic, consistency (the cross-report rules last), timeliness,
// format, extraction. The list is
// explicit (no init self-registration); each call returns a fresh slice.
func All() []Rule {
	var out []Rule
	for _, family := range [][]Rule{
		completenessRules,
		arithmeticRules,
		consistencyRules,
		{proseTableRule},
		crossReportRules,
		timelinessRules,
		formatRules,
		{scopeRule, notReportRule},
		extractionRules,
	} {
		out = append(out, family...)
	}
	return out
}
