package dataset

import (
	"io"

	"github.com/nianbao/nianbao/audit"
	"github.com/nianbao/nianbao/audit/render"
)

// CSVColumns are the columns the CSV dataset adds to the wide CSV of
// `nianbao extract --format csv` (render.WideCSV): where the file was
// downloaded from and the page it was found on (crawl manifest), the page's
// publication date, how the report's publication date was found, and the
// normalised issuer.
var CSVColumns = []render.CSVColumn{
	{Name: "source_url", Value: func(it *audit.Item) string { return sourceURL(it.Source) }},
	{Name: "source_page", Value: func(it *audit.Item) string {
		if it.Source == nil {
			return ""
		}
		return it.Source.FoundOn
	}},
	{Name: "source_published", Value: func(it *audit.Item) string {
		if it.Source == nil {
			return ""
		}
		return it.Source.Published
	}},
	{Name: "published_from", Value: func(it *audit.Item) string {
		if it.Report == nil || it.Report.Published == "" {
			return ""
		}
		return it.Report.PublishedFrom
	}},
	{Name: "issuer_normalized", Value: func(it *audit.Item) string {
		if it.Report == nil {
			return ""
		}
		return NormalizeIssuer(it.Report.Issuer)
	}},
}

// WriteCSV writes the CSV dataset of res: one row per file, its metadata,
// the CSVColumns, then one column per cell key.
func WriteCSV(w io.Writer, res *audit.Result) error {
	return render.WideCSV(w, res, CSVColumns)
}
