package template

import "strings"

// Describe names a cell key in the words of the printed template, for
// messages to people: "t3.denied.three_safety.social" →
// 表三“（三）不予公开 3.危及“三安全一稳定””行“社会公益组织”列. Unknown keys are
// returned unchanged.
func Describe(key string) string {
	table, rest, ok := strings.Cut(key, ".")
	if !ok {
		return key
	}
	i := strings.LastIndex(rest, ".")
	if i < 0 {
		return key
	}
	row, col := rest[:i], rest[i+1:]
	switch table {
	case "t2":
		for _, rows := range [][]T2Row{T2Rows2021, T2Rows2019} {
			for _, r := range rows {
				if r.Key != row {
					continue
				}
				for _, c := range r.Columns {
					if c.Key == col {
						return "表二“" + r.Label + "”行“" + c.Label + "”栏"
					}
				}
			}
		}
	case "t3":
		for _, r := range T3Rows {
			if r.Key != row {
				continue
			}
			for _, c := range T3Columns {
				if c.Key == col {
					label := r.Label
					if strings.HasPrefix(r.Group, "（") && r.Group != label {
						label = r.Group + " " + label
					}
					return "表三“" + shorten(label) + "”行“" + c.Label + "”列"
				}
			}
		}
	case "t4":
		names := map[string]string{"review": "行政复议", "suit_direct": "行政诉讼·未经复议直接起诉", "suit_after_review": "行政诉讼·复议后起诉"}
		for _, c := range T4Columns {
			if c.Key == col && names[row] != "" {
				return "表四“" + names[row] + "”“" + c.Label + "”栏"
			}
		}
	}
	return key
}

// shorten cuts the long （六） labels at their first comma-like break.
func shorten(label string) string {
	if i := strings.Index(label, "、行政机关不再处理"); i > 0 {
		return label[:i] + "…"
	}
	if i := strings.Index(label, "（区分处理的"); i > 0 {
		return label[:i]
	}
	return label
}
