package template

import "strings"

// Locate gives the printed names of a cell key: the table (表二, 表三,
// 表四), the row label and the column label. ok is false for unknown keys.
func Locate(key string) (table, row, col string, ok bool) {
	t, rest, found := strings.Cut(key, ".")
	i := strings.LastIndex(rest, ".")
	if !found || i < 0 {
		return "", "", "", false
	}
	rowKey, colKey := rest[:i], rest[i+1:]
	switch t {
	case "t2":
		for _, rows := range [][]T2Row{T2Rows2021, T2Rows2019} {
			for _, r := range rows {
				if r.Key != rowKey {
					continue
				}
				for _, c := range r.Columns {
					if c.Key == colKey {
						return "表二", r.Label, c.Label, true
					}
				}
			}
		}
	case "t3":
		for _, r := range T3Rows {
			if r.Key != rowKey {
				continue
			}
			for _, c := range T3Columns {
				if c.Key == colKey {
					label := r.Label
					if strings.HasPrefix(r.Group, "（") && r.Group != label {
						label = r.Group + " " + label
					}
					return "表三", shorten(label), c.Label, true
				}
			}
		}
	case "t4":
		names := map[string]string{"review": "行政复议", "suit_direct": "行政诉讼·未经复议直接起诉", "suit_after_review": "行政诉讼·复议后起诉"}
		for _, c := range T4Columns {
			if c.Key == colKey && names[rowKey] != "" {
				return "表四", names[rowKey], c.Label, true
			}
		}
	}
	return "", "", "", false
}

// Describe names a cell key in the words of the printed template, for
// messages to people: "t3.denied.three_safety.social" →
// 表三“（三）不予公开 3.危及‘三安全一稳定’”行“社会公益组织”列. Unknown keys are
// returned unchanged.
func Describe(key string) string {
	table, row, col, ok := Locate(key)
	switch {
	case !ok:
		return key
	case table == "表三":
		return table + Quote(row) + "行" + Quote(col) + "列"
	case table == "表四":
		return table + Quote(row) + Quote(col) + "栏"
	}
	return table + Quote(row) + "行" + Quote(col) + "栏"
}

var innerQuotes = strings.NewReplacer("“", "‘", "”", "’")

// Quote puts a printed label in Chinese quotation marks for a message; the
// label's own double quotes become single ones (3.危及“三安全一稳定” →
// “3.危及‘三安全一稳定’”), so quotes never nest.
func Quote(label string) string {
	return "“" + innerQuotes.Replace(label) + "”"
}

// shorten cuts the long （二） and （六） labels.
func shorten(label string) string {
	if i := strings.Index(label, "、行政机关不再处理"); i > 0 {
		return label[:i] + "…"
	}
	if i := strings.Index(label, "（区分处理的"); i > 0 {
		return label[:i]
	}
	return label
}
