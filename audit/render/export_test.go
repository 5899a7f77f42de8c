package render

// DisplayNamesForTest exposes displayNames to the external tests.
var DisplayNamesForTest = displayNames
