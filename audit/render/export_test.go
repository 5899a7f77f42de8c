package render

// DisplayNamesForTest exposes displayNames to the external tests.
var DisplayNamesForTest = displayNames

// Internals the external tests check.
var (
	ShortenMiddleForTest = shortenMiddle
	ShortenApartForTest  = shortenApart
	MdEscapeForTest      = mdEscape
)
