package crawl

import "testing"

func TestRobots(t *testing.T) {
	r := ParseRobots([]byte(`# comment
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/open.html
Disallow: /*.json$
Disallow: /search?
Disallow: /年报/草稿/
Crawl-delay: 2

User-agent: NianBao
User-agent: otherbot
Disallow: /nianbao-only/
Allow: /
Crawl-delay: 1.5
`))
	for _, c := range []struct {
		agent, path string
		want        bool
	}{
		{"nianbao", "/nianbao-only/x", false},
		{"nianbao", "/private/x", true}, // the nianbao group replaces the * group
		{"otherbot", "/nianbao-only/", false},
		{"googlebot", "/anything", false},
		{"somebot", "/private/x.html", false},
		{"somebot", "/private/open.html", true},
		{"somebot", "/private", true},
		{"somebot", "/data/a.json", false},
		{"somebot", "/data/a.json?x=1", true},
		{"somebot", "/search?q=1", false},
		{"somebot", "/search", true},
		{"somebot", "/%E5%B9%B4%E6%8A%A5/%e8%8d%89%e7%a8%bf/a.html", false},
		{"somebot", "/robots.txt", true},
		{"somebot", "", true},
	} {
		if got := r.Allowed(c.agent, c.path); got != c.want {
			t.Errorf("Allowed(%s, %s) = %v, want %v", c.agent, c.path, got, c.want)
		}
	}
	if d := r.CrawlDelay("nianbao"); d.Seconds() != 1.5 {
		t.Errorf("CrawlDelay(nianbao) = %v", d)
	}
	if d := r.CrawlDelay("x"); d.Seconds() != 2 {
		t.Errorf("CrawlDelay(x) = %v", d)
	}
	if !ParseRobots(nil).Allowed("nianbao", "/a") || !(*Robots)(nil).Allowed("nianbao", "/a") {
		t.Error("empty robots.txt forbids")
	}
	if none := disallowBecause("服务器返回 HTTP 503"); none.Allowed("nianbao", "/a") || !none.Allowed("nianbao", "/robots.txt") {
		t.Error("disallowBecause")
	}
	// Rules outside any group and an empty Disallow.
	r2 := ParseRobots([]byte("Disallow: /x\nUser-agent: *\nDisallow:\n"))
	if !r2.Allowed("nianbao", "/x") {
		t.Error("a rule before any User-agent applied")
	}
}

func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /a*b$\n"), "/acb")
	f.Add([]byte("User-agent: nianbao\nAllow: /\nDisallow: /**\n"), "/x")
	f.Fuzz(func(t *testing.T, data []byte, p string) {
		r := ParseRobots(data)
		r.Allowed("nianbao", p)
		r.CrawlDelay("nianbao")
	})
}
