package dataset

import "testing"

// TestNormalizeIssuer: the issuers read from the real reports in
// ../shared/corpus (as `nianbao extract` reads them) and the generated
// fixtures keep their names; the ways the same names are written elsewhere
// map onto them.
func TestNormalizeIssuer(t *testing.T) {
	cases := []struct{ in, want string }{
		// as read from ../shared/corpus/real: unchanged
		{"平潭综合实验区", "平潭综合实验区"},
		{"平潭综合实验区财政金融局", "平潭综合实验区财政金融局"},
		{"河北省人力资源和社会保障厅", "河北省人力资源和社会保障厅"},
		{"上海市人民政府办公厅", "上海市人民政府办公厅"},
		{"淮安市洪泽区人民政府", "淮安市洪泽区人民政府"},
		{"洪泽区人民政府", "洪泽区人民政府"}, // the parent city left out is another name
		{"上海市科委", "上海市科委"},     // an abbreviation is another name
		{"沭阳县发展和改革局", "沭阳县发展和改革局"},
		{"沙坡头区兴仁镇", "沙坡头区兴仁镇"},
		// the same bodies written otherwise
		{"平潭综合实验区2024年度", "平潭综合实验区"},
		{"平潭综合实验区 2019 年", "平潭综合实验区"},
		{"平潭综合实验区年度", "平潭综合实验区"},
		{"　河北省教育厅　", "河北省教育厅"},
		{"河北省 教育厅", "河北省教育厅"},
		{"“沭阳县发展和改革局”", "沭阳县发展和改革局"},
		{"【上海市人民政府办公厅】", "上海市人民政府办公厅"},
		{"沙坡头区兴仁镇：", "沙坡头区兴仁镇"},
		{"（沙坡头区兴仁镇）", "沙坡头区兴仁镇"},
		{"淮安市洪泽区人民政府）", "淮安市洪泽区人民政府"},
		// 办公室 and 办 (the generated fixture 青禾县人民政府办公室)
		{"青禾县人民政府办公室", "青禾县人民政府办"},
		{"青禾县人民政府办", "青禾县人民政府办"},
		{"白沙区东湖街道办事处", "白沙区东湖街道办事处"},
		// full-width letters and digits, brackets kept inside a name
		{"ＸＸ市第１中学", "XX市第1中学"},
		{"云岭市人民政府（白沙区）", "云岭市人民政府(白沙区)"},
		{"", ""},
		{"《》", ""},
	}
	for _, c := range cases {
		if got := NormalizeIssuer(c.in); got != c.want {
			t.Errorf("NormalizeIssuer(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := NormalizeIssuer(c.want); got != c.want {
			t.Errorf("NormalizeIssuer(%q) = %q: not idempotent", c.want, got)
		}
	}
}
