package rules

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/recognise"
)

var timelinessRules = []Rule{
	{
		ID:       "TIME-DEADLINE",
		Title:    "年度报告应在规定期限前公布",
		Severity: SeverityError,
		Category: CategoryTimeliness,
		Basis:    "《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门每年1月31日前公布上一年度报告；县级以上地方人民政府的政府信息公开工作主管部门每年3月31日前公布本级政府上一年度报告",
		Explanation: `把发布日期与期限比较：期限为报告年度次年的某月某日，由配置（profile）按发布机关的类别给出，类别按机关名称匹配：取标题中年份之前的部分（如“淮安市2024年……”中的“淮安市”），标题没有时取发布机关（网页的发布机关常是代为发布的办公室，故标题优先）。
默认配置：乡镇、街道（条例未规定，按3月31日，warning）；县级以上地方人民政府（含只写地名的总体报告，3月31日，error）；县级以上人民政府部门（1月31日，error）。严重程度取类别的设定。
机关类别无法判断时，晚于所有类别的期限判定为 fail，只晚于部分类别的期限记为 uncertain。
发现逾期时 expected 为0、actual 为逾期天数。发布日期未知时记为 not_assessable；报告年度未知时由 CONS-YEAR 报告。来自正文落款的日期不晚于实际发布日期，据此判定逾期仍然成立；只有文件属性中的日期（PDF创建日期、Word文档属性）时，逾期记为 uncertain，因为扫描、转换或另存的文件带的是重新生成的日期。发布日期早于报告年度结束的（多为落款写错），不可能是实际发布日期，记为 not_assessable（info）。`,
		Example: "发布日期2024-02-05晚于县级以上人民政府部门的公布期限2024-01-31（晚5天；《中华人民共和国政府信息公开条例》第四十九条）",
		Check:   checkDeadline,
	},
}

// bodyName is the body whose report this is: the name the title gives
// before its year (recognise.Report.TitleBody: "淮安市2024年政府信息公开工作
// 年度报告" → 淮安市), else Issuer. The title comes first because Issuer is
// often the office that published the page (管委会办公室 for a zone's own
// report).
func bodyName(r *recognise.Report) string {
	if s := strings.TrimSpace(r.TitleBody); s != "" {
		return s
	}
	return strings.TrimSpace(r.Issuer)
}

func deadline(year int, b BodyClass, grace int) (time.Time, bool) {
	m, d, err := parseMonthDay(b.Deadline)
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(year+1, time.Month(m), d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, grace), true
}

func checkDeadline(p *Pass) {
	r := p.Report
	if r.Year == 0 {
		return // CONS-YEAR reports an unknown year
	}
	pub, err := time.Parse("2006-01-02", strings.TrimSpace(r.Published))
	if err != nil {
		p.report(issue{
			status:   StatusNotAssessable,
			severity: SeverityInfo,
			message:  "未能确定发布日期，无法核对是否按期公布",
			resp:     ResponsibilityExtraction,
			detail:   "no-date",
		})
		return
	}
	if pub.Year() <= r.Year {
		// A report on a year cannot be published before the year ends: the
		// date is a mistyped signature (CONS-YEAR says so), not a
		// publication date.
		p.report(issue{
			status:   StatusNotAssessable,
			severity: SeverityInfo,
			message: fmt.Sprintf("发布日期%s早于报告年度（%d年）结束，不可能是实际发布日期（多为落款日期写错），无法核对是否按期公布",
				pub.Format("2006-01-02"), r.Year),
			detail: "date-before-year",
		})
		return
	}
	name := bodyName(r)
	if b := p.Profile.classify(name); b != nil {
		dl, ok := deadline(r.Year, *b, p.Profile.GraceDays)
		if !ok || !pub.After(dl) {
			return
		}
		days := int(pub.Sub(dl).Hours() / 24)
		p.report(fileDateCaveat(r, issue{
			status:   StatusFail,
			severity: b.Severity,
			actual:   ptr(float64(days)),
			expected: ptr(0),
			message: fmt.Sprintf("发布日期%s晚于%s的公布期限%s（晚%d天；%s）",
				pub.Format("2006-01-02"), b.Label, dl.Format("2006-01-02"), days, b.Basis),
			detail: "late|" + b.Name,
		}))
		return
	}
	// Unknown kind of body: late for every class is a failure, late for
	// some only depends on what the body is.
	var late, onTime []string
	var latest time.Time
	for _, b := range p.Profile.Bodies {
		dl, ok := deadline(r.Year, b, p.Profile.GraceDays)
		if !ok {
			continue
		}
		if dl.After(latest) {
			latest = dl
		}
		if pub.After(dl) {
			late = append(late, fmt.Sprintf("%s（%s）", b.Label, dl.Format("01-02")))
		} else {
			onTime = append(onTime, b.Label)
		}
	}
	if len(late) == 0 {
		return
	}
	is := issue{
		status:  StatusFail,
		message: fmt.Sprintf("发布日期%s晚于各类机关的公布期限（最晚%s）", pub.Format("2006-01-02"), latest.Format("2006-01-02")),
		detail:  "late|unknown",
	}
	if len(onTime) > 0 {
		is.status = StatusUncertain
		body := fmt.Sprintf("未能判断发布机关“%s”的类别", name)
		switch {
		case name == "":
			// no name at all: the title or signature may be on a page
			// not read
			body, is.absence = "未找到发布机关的名称，无法判断其类别", true
		case strings.ContainsRune(name, utf8.RuneError):
			// characters of the name could not be decoded
			body = fmt.Sprintf("发布机关的名称“%s”有字符未能读出，无法判断其类别", name)
			is.absence = true
		}
		is.message = fmt.Sprintf("%s：发布日期%s晚于%s的期限，但未晚于%s的期限",
			body, pub.Format("2006-01-02"), strings.Join(late, "、"), strings.Join(onTime, "、"))
	}
	p.report(fileDateCaveat(r, is))
}

// fileDateCaveat: a date taken only from the file's own properties (PDF
// document information, Word core properties) says when this copy of the
// file was made. For the file as published that is no later than the
// publication, but a copy scanned, converted or saved again later carries
// the later date: lateness shown by it alone is not a finding to sign.
func fileDateCaveat(r *recognise.Report, is issue) issue {
	if is.status != StatusFail || (r.PublishedFrom != "pdf-info" && r.PublishedFrom != "docx-core") {
		return is
	}
	is.status = StatusUncertain
	is.message += "；该日期取自文件属性（文件的生成日期），文件经扫描、转换或另存时会晚于实际发布日期，请以网站发布日期核对"
	return is
}
