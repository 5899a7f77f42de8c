package crawl

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"time"
)

// Robots is a parsed robots.txt (RFC 9309): groups of rules for user agents.
// The zero value and nil allow everything.
type Robots struct {
	groups []robotsGroup
	// unreachable, when set, says why robots.txt could not be fetched
	// ("服务器返回 HTTP 503", "连接失败：连接被拒绝…"): RFC 9309 §2.3.1.4 says
	// to assume complete disallow, and every URL it stops says why.
	unreachable string
}

type robotsGroup struct {
	agents     []string // lower-case product tokens, "*" for any
	rules      []robotsRule
	crawlDelay time.Duration
}

type robotsRule struct {
	allow   bool
	pattern string // percent-encoding normalised, may hold * and a final $
}

// maxRobotsSize is the most of a robots.txt that is read (RFC 9309 asks
// crawlers to parse at least 500 KiB).
const maxRobotsSize = 512 << 10

// disallowBecause is the Robots of a host whose robots.txt could not be
// fetched (why: a server error, no connection): everything disallowed.
func disallowBecause(why string) *Robots {
	if why == "" {
		why = "原因不明"
	}
	return &Robots{unreachable: why}
}

// ParseRobots reads a robots.txt. Unknown lines and lines without a colon
// are ignored; rules before the first User-agent line belong to no group.
func ParseRobots(data []byte) *Robots {
	if len(data) > maxRobotsSize {
		data = data[:maxRobotsSize]
	}
	r := &Robots{}
	var cur *robotsGroup
	lastWasAgent := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxRobotsSize)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !lastWasAgent || cur == nil {
				r.groups = append(r.groups, robotsGroup{})
				cur = &r.groups[len(r.groups)-1]
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			lastWasAgent = true
			continue
		case "allow", "disallow":
			if cur != nil && val != "" { // an empty Disallow allows everything: no rule
				cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: normalisePattern(val)})
			}
		case "crawl-delay":
			if cur != nil {
				if f, err := strconv.ParseFloat(val, 64); err == nil && f > 0 && f < 86400 {
					cur.crawlDelay = time.Duration(f * float64(time.Second))
				}
			}
		}
		lastWasAgent = false
	}
	return r
}

// rulesFor merges the groups that name agent (its product token, matched
// case-insensitively), or else the groups for "*".
func (r *Robots) rulesFor(agent string) (rules []robotsRule, delay time.Duration) {
	agent = strings.ToLower(agent)
	pick := func(match func(string) bool) bool {
		found := false
		for _, g := range r.groups {
			for _, a := range g.agents {
				if match(a) {
					rules = append(rules, g.rules...)
					delay = max(delay, g.crawlDelay)
					found = true
					break
				}
			}
		}
		return found
	}
	if !pick(func(a string) bool { return a != "*" && a != "" && strings.Contains(agent, a) }) {
		pick(func(a string) bool { return a == "*" })
	}
	return rules, delay
}

// Allowed reports whether agent (our product token, "nianbao") may fetch
// pathQuery (the URL's escaped path and "?query"). The longest matching
// rule wins; on a tie Allow wins. /robots.txt itself is always allowed.
func (r *Robots) Allowed(agent, pathQuery string) bool {
	if r == nil {
		return true
	}
	if pathQuery == "" {
		pathQuery = "/"
	}
	if pathQuery == "/robots.txt" {
		return true
	}
	if r.unreachable != "" {
		return false
	}
	rules, _ := r.rulesFor(agent)
	target := normalisePattern(pathQuery)
	best, allowed := -1, true
	for _, rule := range rules {
		if !patternMatch(rule.pattern, target) {
			continue
		}
		n := len(rule.pattern)
		if n > best || (n == best && rule.allow) {
			best, allowed = n, rule.allow
		}
	}
	return allowed
}

// CrawlDelay is the Crawl-delay the group for agent asks for (0 if none).
func (r *Robots) CrawlDelay(agent string) time.Duration {
	if r == nil || r.unreachable != "" {
		return 0
	}
	_, d := r.rulesFor(agent)
	return d
}

// patternMatch matches a robots pattern against a path: '*' matches any
// run of characters, a final '$' anchors the end; otherwise the pattern is a
// prefix.
func patternMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	pos := len(parts[0])
	if len(parts) == 1 {
		return !anchored || pos == len(path)
	}
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		if i == len(parts)-1 && anchored {
			return len(path)-pos >= len(p) && strings.HasSuffix(path, p)
		}
		j := strings.Index(path[pos:], p)
		if j < 0 {
			return false
		}
		pos += j + len(p)
	}
	return true
}

// normalisePattern percent-encodes bytes outside printable ASCII and
// upper-cases existing %xx escapes, so that "/年报/" in a robots.txt matches
// the escaped path "/%E5%B9%B4%E6%8A%A5/".
func normalisePattern(s string) string {
	var b strings.Builder
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte('%')
			b.WriteByte(upperHex(s[i+1]))
			b.WriteByte(upperHex(s[i+2]))
			i += 2
		case c <= 0x20 || c >= 0x7f:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func upperHex(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}
