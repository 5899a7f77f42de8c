package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/internal/errtext"
)

// Profile holds what differs between jurisdictions and users: deadlines by
// kind of body, severity overrides, thresholds. Check code reads every such
// fact from here; nothing about a jurisdiction is written into a check.
// Start from DefaultProfile (or ParseProfile): the zero Profile has no body
// classes, so it checks no deadline.
type Profile struct {
	// Name identifies the profile ("default").
	Name string `json:"name"`
	// Bodies classify the issuing body (by Issuer, else the title before the
	// year) and give its publication deadline. The first class whose
	// pattern matches wins.
	Bodies []BodyClass `json:"bodies,omitempty"`
	// GraceDays are added to every deadline.
	GraceDays int `json:"grace_days,omitempty"`
	// Severity overrides a rule's severity, by rule ID, for every finding
	// of the rule (it wins over MaxUncertainSeverity).
	Severity map[string]Severity `json:"severity,omitempty"`
	// Disabled rule IDs are not run.
	Disabled []string `json:"disabled,omitempty"`
	// MaxUncertainSeverity caps the severity of uncertain and
	// not_assessable findings (they need a person to look, not a verdict).
	MaxUncertainSeverity Severity `json:"max_uncertain_severity,omitempty"`
	// MinPart5Runes is the length (in characters, spaces excluded) below
	// which part 五 counts as empty boilerplate.
	MinPart5Runes int `json:"min_part5_runes,omitempty"`
	// CopySimilarity is the similarity (0–1) at or above which a part of
	// the report counts as copied from the previous year's (CONS-COPY-PREV);
	// 0 turns the check off.
	CopySimilarity float64 `json:"copy_similarity,omitempty"`
	// PeerCopyShare is the share (0–1) of a report's parts 一, 五, 六 shared
	// with another unit's report of the batch at or above which the two
	// count as copied (CONS-COPY-PEER); 0 turns the check off.
	PeerCopyShare float64 `json:"peer_copy_share,omitempty"`
}

// BodyClass is a kind of issuing body and its publication deadline.
type BodyClass struct {
	Name    string `json:"name"`    // "department", "government", "township" …
	Label   string `json:"label"`   // Chinese, for messages: 县级以上人民政府部门 …
	Pattern string `json:"pattern"` // regexp matched against the body name
	// Deadline is the last day of publication in the year after the
	// reported year, "MM-DD".
	Deadline string   `json:"deadline"`
	Severity Severity `json:"severity"`
	// Basis is the rule that sets the deadline, for messages.
	Basis string `json:"basis"`

	re *regexp.Regexp
}

// DefaultProfile follows 条例第四十九条: departments of governments at county
// level and above publish by 1月31日, local governments' own reports by
// 3月31日. The 条例 names no date for 乡镇/街道; the default applies the
// local-government date as a warning, and local profiles may set their own.
// A body named by its place alone (the title "淮安市2024年…") is the local
// government; the order of the classes matters (人民政府办公室 is a department).
func DefaultProfile() Profile {
	return Profile{
		Name: "default",
		Bodies: []BodyClass{
			{
				Name: "township", Label: "乡镇人民政府、街道办事处",
				Pattern:  `(镇|乡|街道|街道办事处|街道办)(人民政府)?$`,
				Deadline: "03-31", Severity: SeverityWarning,
				Basis: "条例未规定乡镇、街道的期限，默认按县级以上地方人民政府的3月31日",
			},
			{
				Name: "government", Label: "县级以上地方人民政府",
				Pattern:  `(人民政府|政府|管委会|管理委员会|实验区|新区|开发区|省|市|县|区|自治州|自治县|旗)$`,
				Deadline: "03-31", Severity: SeverityError,
				Basis: "《中华人民共和国政府信息公开条例》第四十九条",
			},
			{
				Name: "department", Label: "县级以上人民政府部门",
				Pattern:  `(厅|局|委|委员会|办公室|办公厅|办|署|院|中心|队|所|部)$`,
				Deadline: "01-31", Severity: SeverityError,
				Basis: "《中华人民共和国政府信息公开条例》第四十九条",
			},
		},
		Severity:             map[string]Severity{},
		MaxUncertainSeverity: SeverityWarning,
		MinPart5Runes:        60,
		CopySimilarity:       0.8,
		PeerCopyShare:        0.6,
	}
}

// Validate checks the profile: patterns compile, deadlines are MM-DD,
// severities are known. The CLI calls it when it loads a profile; an
// invalid profile is an error of the caller, not a finding.
func (p Profile) Validate() error {
	for _, b := range p.Bodies {
		if _, err := regexp.Compile(b.Pattern); err != nil {
			return fmt.Errorf("配置 %s：机关类别 %s 的名称模式（pattern）不是有效的正则表达式：%w", p.Name, b.Name, err)
		}
		if _, _, err := parseMonthDay(b.Deadline); err != nil {
			return fmt.Errorf("配置 %s：机关类别 %s：%w", p.Name, b.Name, err)
		}
		if b.Severity.Rank() == 0 {
			return fmt.Errorf("配置 %s：机关类别 %s 的严重程度“%s”无效，可选 error、warning、info", p.Name, b.Name, b.Severity)
		}
	}
	for _, id := range append(slices.Sorted(maps.Keys(p.Severity)), p.Disabled...) {
		if _, ok := Lookup(id); !ok {
			return fmt.Errorf("配置 %s：没有编号为“%s”的规则（nianbao rules 可列出全部编号）", p.Name, id)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(p.Severity)) {
		if s := p.Severity[id]; s.Rank() == 0 {
			return fmt.Errorf("配置 %s：规则 %s 的严重程度“%s”无效，可选 error、warning、info", p.Name, id, s)
		}
	}
	if p.CopySimilarity < 0 || p.CopySimilarity > 1 {
		return fmt.Errorf("配置 %s：copy_similarity 为 %g，应在 0 到 1 之间", p.Name, p.CopySimilarity)
	}
	if p.PeerCopyShare < 0 || p.PeerCopyShare > 1 {
		return fmt.Errorf("配置 %s：peer_copy_share 为 %g，应在 0 到 1 之间", p.Name, p.PeerCopyShare)
	}
	if p.MaxUncertainSeverity != "" && p.MaxUncertainSeverity.Rank() == 0 {
		return fmt.Errorf("配置 %s：max_uncertain_severity 的严重程度“%s”无效，可选 error、warning、info", p.Name, p.MaxUncertainSeverity)
	}
	return nil
}

// compiled returns a copy of the profile with its patterns compiled; body
// classes whose pattern does not compile are dropped (Validate reports
// them). The copy keeps Run safe for concurrent use with one Profile.
func (p Profile) compiled() Profile {
	bodies := make([]BodyClass, 0, len(p.Bodies))
	for _, b := range p.Bodies {
		re, err := regexp.Compile(b.Pattern)
		if err != nil {
			continue
		}
		b.re = re
		bodies = append(bodies, b)
	}
	p.Bodies = bodies
	return p
}

func (p Profile) disabled(id string) bool {
	for _, d := range p.Disabled {
		if strings.EqualFold(d, id) {
			return true
		}
	}
	return false
}

// classify returns the body class whose pattern matches name, or nil.
func (p Profile) classify(name string) *BodyClass {
	for i := range p.Bodies {
		if b := &p.Bodies[i]; b.re != nil && b.re.MatchString(name) {
			return b
		}
	}
	return nil
}

func parseMonthDay(s string) (month, day int, err error) {
	m, d, ok := strings.Cut(s, "-")
	if ok {
		month, err = strconv.Atoi(m)
		if err == nil {
			day, err = strconv.Atoi(d)
		}
	}
	if !ok || err != nil || month < 1 || month > 12 || day < 1 || day > 31 {
		return 0, 0, fmt.Errorf("期限“%s”无效，应写作 MM-DD（如 01-31）", s)
	}
	return month, day, nil
}

// ParseProfile reads a profile written as JSON over the default profile:
// fields given replace the default's ("bodies" replaces the whole list,
// "severity" adds overrides), fields left out keep their default. The
// result is validated.
//
//	{"name": "怀化", "bodies": [{"name": "department", "label": "市直单位",
//	  "pattern": "(局|委)$", "deadline": "01-28", "severity": "error",
//	  "basis": "怀化市政务公开办通知"}], "severity": {"COMPL-FEE": "info"}}
func ParseProfile(data []byte) (Profile, error) {
	p := DefaultProfile()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return Profile{}, fmt.Errorf("不是有效的 JSON 配置：%s", errtext.JSON(err))
	}
	if _, ok := top["bodies"]; ok {
		p.Bodies = nil // replaced, never merged element by element
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Profile{}, fmt.Errorf("不是有效的 JSON 配置：%s", errtext.JSON(err))
	}
	if err := p.Validate(); err != nil {
		return Profile{}, err
	}
	return p, nil
}
